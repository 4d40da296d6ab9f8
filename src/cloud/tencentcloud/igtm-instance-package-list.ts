import * as pulumi from '@pulumi/pulumi';
import { TENCENTCLOUD_PLUGIN_SERVER, TENCENTCLOUD_PLUGIN_VERSION } from './binding';
import { TENCENTCLOUD_INVOKES } from './type-tokens';

/** The invoke's token (a data source of provider 0.2.3). */
export const IGTM_INSTANCE_PACKAGE_LIST = TENCENTCLOUD_INVOKES.igtmInstancePackageList;

export interface IgtmPackageFilter {
  readonly name: pulumi.Input<'InstanceId' | 'InstanceName' | 'ResourceId' | 'PackageType'>;
  readonly values: pulumi.Input<pulumi.Input<string>[]>;
  /** Reserved by the API. @default false */
  readonly fuzzy?: pulumi.Input<boolean>;
}

export interface GetIgtmInstancePackageListArgs {
  /** @default - every instance package of the account */
  readonly filters?: pulumi.Input<pulumi.Input<IgtmPackageFilter>[]>;
  /** 0: packages bound to no instance; 1: bound ones. @default - both */
  readonly isUsed?: pulumi.Input<number>;
}

/** One purchased instance package and the floors it allows. */
export interface IgtmInstancePackage {
  readonly resourceId: string;
  /** Empty while no instance uses the package. */
  readonly instanceId: string;
  readonly instanceName: string;
  readonly packageType: 'FREE' | 'STANDARD' | 'ULTIMATE';
  /** The shortest monitor check interval the package allows, in seconds. */
  readonly minCheckInterval: number;
  /** The lowest TTL the package allows, in seconds. */
  readonly minGlobalTtl: number;
  /** ENABLED or DISABLED. */
  readonly status: string;
  /** 1 once expired. */
  readonly isExpire: number;
  readonly autoRenewFlag: number;
  readonly createTime: string;
  readonly currentDeadline: string;
  readonly remark: string;
  /** e.g. LOCATION, DELAY. */
  readonly scheduleStrategies: readonly string[];
  readonly trafficStrategies: readonly string[];
  readonly costItemLists: readonly { readonly costName: string; readonly costValue: number }[];
}

export interface GetIgtmInstancePackageListResult {
  readonly id: string;
  readonly instanceSets: readonly IgtmInstancePackage[];
}

/**
 * The account's IGTM instance packages (`tencentcloud_igtm_instance_package_list`), with the floors each allows.
 * Pass `provider` (and `parent`) in `opts`: the invoke uses that provider's credentials.
 */
export function getIgtmInstancePackageList(
  args: GetIgtmInstancePackageListArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetIgtmInstancePackageListResult> {
  return pulumi.runtime.invokeOutput<GetIgtmInstancePackageListResult>(
    IGTM_INSTANCE_PACKAGE_LIST,
    { filters: args.filters, isUsed: args.isUsed },
    { version: TENCENTCLOUD_PLUGIN_VERSION, pluginDownloadURL: TENCENTCLOUD_PLUGIN_SERVER, ...opts },
  );
}
