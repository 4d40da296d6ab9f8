import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface EipInstanceArgs {
  readonly name?: pulumi.Input<string>;
  /** EIP, AnycastEIP, HighQualityEIP or AntiDDoSEIP. @default - 'EIP' */
  readonly type?: pulumi.Input<string>;
  /** e.g. TRAFFIC_POSTPAID_BY_HOUR, BANDWIDTH_POSTPAID_BY_HOUR. @default - provider default */
  readonly internetChargeType?: pulumi.Input<string>;
  /** Mbps. Leave it out for an EIP a NAT gateway uses: the gateway sets the bandwidth. @default - provider default */
  readonly internetMaxBandwidthOut?: pulumi.Input<number>;
  readonly tags?: Tags;
}

/** An elastic public IP (`tencentcloud_eip`). */
export class EipInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.eipInstance;
  declare public readonly publicIp: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;

  constructor(name: string, args: EipInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(EipInstance.TYPE, name, withOutputs(args, ['publicIp', 'status']), bindingOptions(opts));
  }
}
