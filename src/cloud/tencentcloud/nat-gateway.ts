import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface NatGatewayArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The EIPs (their addresses) the gateway sends traffic from: 1 to 10. */
  readonly assignedEipSets: pulumi.Input<pulumi.Input<string>[]>;
  readonly name?: pulumi.Input<string>;
  /** 1 traditional, 2 standard. @default - 1 */
  readonly natProductVersion?: pulumi.Input<number>;
  /** Mbps, traditional NAT only. @default - 100 */
  readonly bandwidth?: pulumi.Input<number>;
  /** Concurrent connections, traditional NAT only. @default - 1000000 */
  readonly maxConcurrent?: pulumi.Input<number>;
  readonly zone?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** A NAT gateway (`tencentcloud_nat_gateway`): a VPC's way out to the internet for hosts without public IPs. */
export class NatGateway extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.natGateway;
  declare public readonly createdTime: pulumi.Output<string>;

  constructor(name: string, args: NatGatewayArgs, opts?: pulumi.CustomResourceOptions) {
    super(NatGateway.TYPE, name, withOutputs(args, ['createdTime']), bindingOptions(opts));
  }
}
