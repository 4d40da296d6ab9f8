import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface NodePoolAutoScalingConfig {
  /** CVM instance type, e.g. SA5.LARGE8. */
  readonly instanceType: pulumi.Input<string>;
  readonly systemDiskSize?: pulumi.Input<number>;
  readonly systemDiskType?: pulumi.Input<string>;
  /** The nodes' security groups, in priority order (the unordered securityGroupIds is deprecated). */
  readonly orderlySecurityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  readonly publicIpAssigned?: pulumi.Input<boolean>;
  readonly instanceChargeType?: pulumi.Input<string>;
}

export interface TkeNodePoolArgs {
  readonly clusterId: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** At most 25 characters. */
  readonly name?: pulumi.Input<string>;
  readonly subnetIds?: pulumi.Input<pulumi.Input<string>[]>;
  readonly minSize: pulumi.Input<number>;
  readonly maxSize: pulumi.Input<number>;
  readonly desiredCapacity?: pulumi.Input<number>;
  readonly enableAutoScale?: pulumi.Input<boolean>;
  /** The provider keeps the CVMs when the pool is deleted unless this is false. @default true */
  readonly deleteKeepInstance?: pulumi.Input<boolean>;
  /** A TKE public image name (e.g. tlinux3.1x86_64) or a custom image id. @default - the provider's, tlinux2.4x86_64 */
  readonly nodeOs?: pulumi.Input<string>;
  readonly autoScalingConfig: pulumi.Input<NodePoolAutoScalingConfig>;
  readonly labels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  readonly tags?: Tags;
}

/** A TKE node pool (`tencentcloud_kubernetes_node_pool`). */
export class TkeNodePool extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.tkeNodePool;
  declare public readonly autoScalingGroupId: pulumi.Output<string>;
  declare public readonly nodeCount: pulumi.Output<number>;

  constructor(name: string, args: TkeNodePoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      TkeNodePool.TYPE,
      name,
      withOutputs(args, ['autoScalingGroupId', 'nodeCount', 'status', 'launchConfigId']),
      bindingOptions(opts),
    );
  }
}
