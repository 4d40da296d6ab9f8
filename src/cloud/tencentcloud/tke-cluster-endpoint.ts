import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';

export interface TkeClusterEndpointArgs {
  readonly clusterId: pulumi.Input<string>;
  /** Open the API server to the internet (kubeConfig). @default false */
  readonly clusterInternet?: pulumi.Input<boolean>;
  /** Source CIDRs allowed to reach the public API server. @default - provider default */
  readonly managedClusterInternetSecurityPolicies?: pulumi.Input<pulumi.Input<string>[]>;
  /** Open the API server inside the VPC (kubeConfigIntranet). @default false */
  readonly clusterIntranet?: pulumi.Input<boolean>;
  readonly clusterIntranetSubnetId?: pulumi.Input<string>;
}

/** Opens a TKE cluster's API server (`tencentcloud_kubernetes_cluster_endpoint`); create it after the node pool. */
export class TkeClusterEndpoint extends pulumi.CustomResource {
  public static readonly TYPE = 'tencentcloud:Kubernetes/clusterEndpoint:ClusterEndpoint';
  declare public readonly kubeConfig: pulumi.Output<string>;
  declare public readonly kubeConfigIntranet: pulumi.Output<string>;
  declare public readonly clusterExternalEndpoint: pulumi.Output<string>;
  declare public readonly domain: pulumi.Output<string>;

  constructor(name: string, args: TkeClusterEndpointArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = [
      'kubeConfig',
      'kubeConfigIntranet',
      'clusterExternalEndpoint',
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
