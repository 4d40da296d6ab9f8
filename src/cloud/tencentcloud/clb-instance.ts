import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface ClbInstanceArgs {
  readonly clbName: pulumi.Input<string>;
  /** OPEN (public) or INTERNAL (needs subnetId; the VIP comes from that subnet). */
  readonly networkType: pulumi.Input<'OPEN' | 'INTERNAL'>;
  /** Must be the cluster's VPC for TKE to use the CLB. */
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** Let CLB traffic through to the backends whatever their security groups say. @default - provider default */
  readonly loadBalancerPassToTarget?: pulumi.Input<boolean>;
  readonly addressIpVersion?: pulumi.Input<string>;
  readonly internetChargeType?: pulumi.Input<string>;
  readonly internetBandwidthMaxOut?: pulumi.Input<number>;
  readonly deleteProtect?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/** A CLB instance (`tencentcloud_clb_instance`). Where TKE attaches it to a Service or Ingress, TKE owns its listeners. */
export class ClbInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.clbInstance;
  declare public readonly clbVips: pulumi.Output<string[]>;
  declare public readonly domain: pulumi.Output<string>;

  constructor(name: string, args: ClbInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      ClbInstance.TYPE,
      name,
      withOutputs(args, ['clbVips', 'domain', 'addressIpv6', 'ipv6Mode']),
      bindingOptions(opts),
    );
  }
}
