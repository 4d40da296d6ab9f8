import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface SubnetArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly cidrBlock: pulumi.Input<string>;
  /** e.g. ap-guangzhou-6. */
  readonly availabilityZone: pulumi.Input<string>;
  readonly name?: pulumi.Input<string>;
  /** @default - provider default (set it explicitly) */
  readonly isMulticast?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/** A VPC subnet (`tencentcloud_subnet`). */
export class Subnet extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.subnet;
  declare public readonly cidrBlock: pulumi.Output<string>;
  declare public readonly availableIpCount: pulumi.Output<number>;

  constructor(name: string, args: SubnetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      Subnet.TYPE,
      name,
      withOutputs(args, ['availableIpCount', 'createTime', 'isDefault']),
      bindingOptions(opts),
    );
  }
}
