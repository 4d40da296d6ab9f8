import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface VpcArgs {
  readonly cidrBlock: pulumi.Input<string>;
  readonly name?: pulumi.Input<string>;
  /** Set explicitly: the provider's default changed between versions. @default - provider default */
  readonly isMulticast?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/** A VPC (`tencentcloud_vpc`). */
export class Vpc extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.vpc;
  declare public readonly cidrBlock: pulumi.Output<string>;
  declare public readonly defaultRouteTableId: pulumi.Output<string>;

  constructor(name: string, args: VpcArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      Vpc.TYPE,
      name,
      withOutputs(args, ['defaultRouteTableId', 'createTime', 'isDefault']),
      bindingOptions(opts),
    );
  }
}
