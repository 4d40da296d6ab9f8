import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface TkeClusterArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly clusterName?: pulumi.Input<string>;
  readonly clusterDesc?: pulumi.Input<string>;
  /** e.g. 1.30.0. @default - provider default */
  readonly clusterVersion?: pulumi.Input<string>;
  /** MANAGED_CLUSTER or INDEPENDENT_CLUSTER. @default - provider default */
  readonly clusterDeployType?: pulumi.Input<string>;
  /** GR, VPC-CNI or CiliumOverlay. @default - provider default */
  readonly networkType?: pulumi.Input<string>;
  /** Pod network; must not overlap the VPC or other clusters. */
  readonly clusterCidr?: pulumi.Input<string>;
  readonly serviceCidr?: pulumi.Input<string>;
  readonly clusterMaxPodNum?: pulumi.Input<number>;
  readonly clusterMaxServiceNum?: pulumi.Input<number>;
  /** containerd from Kubernetes 1.24. @default - provider default */
  readonly containerRuntime?: pulumi.Input<string>;
  readonly deletionProtection?: pulumi.Input<boolean>;
  readonly tags?: Tags;
}

/** A TKE cluster (`tencentcloud_kubernetes_cluster`), created without workers: add a TkeNodePool. */
export class TkeCluster extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.tkeCluster;
  declare public readonly clusterName: pulumi.Output<string>;
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly clusterExternalEndpoint: pulumi.Output<string>;
  declare public readonly certificationAuthority: pulumi.Output<string>;
  /** Empty unless public access is open (see TkeClusterEndpoint). */
  declare public readonly kubeConfig: pulumi.Output<string>;
  declare public readonly kubeConfigIntranet: pulumi.Output<string>;

  constructor(name: string, args: TkeClusterArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = [
      'domain',
      'clusterExternalEndpoint',
      'certificationAuthority',
      'kubeConfig',
      'kubeConfigIntranet',
      'password',
      'userName',
    ];
    super(
      TkeCluster.TYPE,
      name,
      withOutputs(args, outputs),
      bindingOptions(opts, ['kubeConfig', 'kubeConfigIntranet', 'password']),
    );
  }
}
