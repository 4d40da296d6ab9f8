import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface TkeClusterEndpointArgs {
  readonly clusterId: pulumi.Input<string>;
  /** Open the API server to the internet (kubeConfig); give it clusterInternetSecurityGroup. @default false */
  readonly clusterInternet?: pulumi.Input<boolean>;
  /**
   * The security group of the public endpoint, which decides who reaches it; the provider refuses a public
   * endpoint without one (the old managedClusterInternetSecurityPolicies list is deprecated and ignored).
   * @default - none; required with clusterInternet
   */
  readonly clusterInternetSecurityGroup?: pulumi.Input<string>;
  /** Open the API server inside the VPC (kubeConfigIntranet); give it clusterIntranetSubnetId. @default false */
  readonly clusterIntranet?: pulumi.Input<boolean>;
  /** The subnet of the intranet endpoint: only with clusterIntranet, and it cannot change once set. */
  readonly clusterIntranetSubnetId?: pulumi.Input<string>;
}

/** Opens a TKE cluster's API server (`tencentcloud_kubernetes_cluster_endpoint`); create it after the node pool. */
export class TkeClusterEndpoint extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.tkeClusterEndpoint;
  /** Empty unless clusterInternet is on. */
  declare public readonly kubeConfig: pulumi.Output<string>;
  /** Empty unless clusterIntranet is on. */
  declare public readonly kubeConfigIntranet: pulumi.Output<string>;
  declare public readonly clusterExternalEndpoint: pulumi.Output<string>;
  declare public readonly pgwEndpoint: pulumi.Output<string>;
  declare public readonly domain: pulumi.Output<string>;

  constructor(name: string, args: TkeClusterEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = [
      'kubeConfig',
      'kubeConfigIntranet',
      'clusterExternalEndpoint',
      'pgwEndpoint',
      'domain',
      'password',
      'userName',
      'certificationAuthority',
    ];
    super(
      TkeClusterEndpoint.TYPE,
      name,
      withOutputs(args, outputs),
      bindingOptions(opts, ['kubeConfig', 'kubeConfigIntranet', 'password']),
    );
  }
}
