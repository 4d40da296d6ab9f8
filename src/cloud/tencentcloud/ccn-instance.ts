import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface CcnInstanceArgs {
  /** At most 60 bytes. @default - provider default */
  readonly name?: pulumi.Input<string>;
  /** At most 100 bytes. @default - none */
  readonly description?: pulumi.Input<string>;
  /** PT (platinum), AU (gold) or AG (silver). @default 'AU' */
  readonly qos?: pulumi.Input<'PT' | 'AU' | 'AG'>;
  /** POSTPAID (by traffic) or PREPAID (monthly; inter-region limits only). @default 'POSTPAID' */
  readonly chargeType?: pulumi.Input<'PREPAID' | 'POSTPAID'>;
  /** @default 'OUTER_REGION_LIMIT' */
  readonly bandwidthLimitType?: pulumi.Input<'INTER_REGION_LIMIT' | 'OUTER_REGION_LIMIT'>;
  /** Equal-cost routes. @default false */
  readonly routeEcmpFlag?: pulumi.Input<boolean>;
  /** Overlapping routes; the provider cannot turn it off. @default true */
  readonly routeOverlapFlag?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/** A Cloud Connect Network (`tencentcloud_ccn`): joins the VPCs of several regions. Its id is `ccn-…`. */
export class CcnInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.ccnInstance;
  declare public readonly state: pulumi.Output<string>;
  declare public readonly instanceCount: pulumi.Output<number>;
  declare public readonly createTime: pulumi.Output<string>;

  constructor(name: string, args: CcnInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      CcnInstance.TYPE,
      name,
      withOutputs(args, ['state', 'instanceCount', 'createTime']),
      bindingOptions(opts),
    );
  }
}
