import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** One address of a pool. */
export interface IgtmPoolAddress {
  /** IPv4, IPv6 or a domain; IGTM refuses loopback, private, reserved and Tencent-reserved addresses. */
  readonly addr: pulumi.Input<string>;
  /** A drill takes an address out by setting DISABLED. */
  readonly isEnable: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** 1 to 100; required with trafficStrategy WEIGHT. @default - none */
  readonly weight?: pulumi.Input<number>;
  /** A name for the address. @default - none */
  readonly location?: pulumi.Input<string>;
}

export interface IgtmAddressPoolArgs {
  /** Unique in the account. */
  readonly poolName: pulumi.Input<string>;
  /** WEIGHT: by weight among healthy addresses; ALL: every healthy address. */
  readonly trafficStrategy: pulumi.Input<'WEIGHT' | 'ALL'>;
  readonly addressSets: pulumi.Input<pulumi.Input<IgtmPoolAddress>[]>;
  /** The monitor that probes the addresses (one per pool). @default - none: the addresses are not probed */
  readonly monitorId?: pulumi.Input<number>;
}

/** An IGTM address pool (`tencentcloud_igtm_address_pool`): addresses of one place that serve the same thing. */
export class IgtmAddressPool extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.igtmAddressPool;
  declare public readonly poolId: pulumi.Output<number>;

  constructor(name: string, args: IgtmAddressPoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(IgtmAddressPool.TYPE, name, withOutputs(args, ['poolId']), bindingOptions(opts));
  }
}
