import type * as pulumi from '@pulumi/pulumi';
import { type KubernetesApiConfig, type KubernetesApiInput, REGION_DEFAULTS } from '../../model/cloud-schema';
import { consoleNames, siteResourceNames } from '../../model/resource-names';
import type { SecurityGroup } from '../tencentcloud/security-group';
import { TkeCluster } from '../tencentcloud/tke-cluster';
import type { TkeClusterEndpoint } from '../tencentcloud/tke-cluster-endpoint';
import { TkeNodePool } from '../tencentcloud/tke-node-pool';
import { createApiEndpoint } from './api-endpoint';
import type { ChildOptions, RegionTags } from './child-options';

/** The workers of a region's TKE cluster. */
export interface NodePoolArgs {
  /** CVM instance type. @default 'SA5.LARGE8' */
  readonly instanceType?: pulumi.Input<string>;
  /** @default 2 */
  readonly minSize?: pulumi.Input<number>;
  /** @default 6 */
  readonly maxSize?: pulumi.Input<number>;
  /** @default 3 */
  readonly desiredSize?: pulumi.Input<number>;
  /** System disk of each node in GB. @default 50 */
  readonly systemDiskGb?: pulumi.Input<number>;
  /** The node image: a TKE public image name, or a custom image id. @default 'tlinux3.1x86_64' */
  readonly nodeOs?: pulumi.Input<string>;
}

/** A region's managed TKE cluster. */
export interface RegionKubernetesArgs {
  /** The TKE Kubernetes version. @default '1.30.0' */
  readonly version?: pulumi.Input<string>;
  /** The pod network; must not overlap the VPC or another region's networks. */
  readonly clusterCidr: pulumi.Input<string>;
  /** The service network; must not overlap the VPC, the pod network or another region's networks. */
  readonly serviceCidr: pulumi.Input<string>;
  /** @default - 2 to 6 SA5.LARGE8 nodes, 3 to start with */
  readonly nodePool?: NodePoolArgs;
  /**
   * Who reaches the API server: `{ access: 'intranet' }` (the VPC only; the kubeconfig is the intranet one) or
   * `{ access: 'public', allowedCidrs }` (HTTPS from those networks only, through a security group).
   * @default { access: 'intranet' }
   */
  readonly api?: KubernetesApiInput;
}

export interface CreateKubernetesArgs extends Omit<RegionKubernetesArgs, 'api'> {
  /** Validated. */
  readonly api: KubernetesApiConfig;
  /** Names the cluster `qcbm-<clusterName>`. */
  readonly clusterName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly nodeSubnetId: pulumi.Input<string>;
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  readonly tags: RegionTags;
}

/** What `createKubernetes` creates. */
export interface RegionKubernetes {
  readonly cluster: TkeCluster;
  readonly nodePool: TkeNodePool;
  readonly endpoint: TkeClusterEndpoint;
  /** The security group of a public API endpoint; undefined for an intranet one. */
  readonly apiSecurityGroup?: SecurityGroup;
  /** The kubeconfig of the endpoint opened (secret). */
  readonly kubeconfig: pulumi.Output<string>;
}

/** A managed TKE cluster with an autoscaling node pool, and the endpoint of its API server. */
export function createKubernetes(
  name: string,
  args: CreateKubernetesArgs,
  opts: ChildOptions,
): RegionKubernetes {
  const { tags } = args;
  const pool = { ...REGION_DEFAULTS.nodePool, ...args.nodePool };
  const names = siteResourceNames(name);
  const cluster = new TkeCluster(
    names.tkeCluster,
    {
      vpcId: args.vpcId,
      clusterName: consoleNames.tkeCluster(args.clusterName),
      clusterDesc: `QCBM cluster ${args.clusterName}`,
      clusterVersion: args.version ?? REGION_DEFAULTS.kubernetesVersion,
      clusterDeployType: 'MANAGED_CLUSTER',
      networkType: 'GR',
      clusterCidr: args.clusterCidr,
      serviceCidr: args.serviceCidr,
      containerRuntime: 'containerd',
      tags,
    },
    opts,
  );
  const nodePool = new TkeNodePool(
    names.nodePool,
    {
      clusterId: cluster.id,
      vpcId: args.vpcId,
      name: consoleNames.nodePool,
      subnetIds: [args.nodeSubnetId],
      minSize: pool.minSize,
      maxSize: pool.maxSize,
      desiredCapacity: pool.desiredSize,
      enableAutoScale: true,
      deleteKeepInstance: false,
      nodeOs: pool.nodeOs,
      autoScalingConfig: {
        instanceType: pool.instanceType,
        systemDiskSize: pool.systemDiskGb,
        orderlySecurityGroupIds: [args.nodeSecurityGroupId],
        publicIpAssigned: false,
      },
      tags,
    },
    opts,
  );
  const api = createApiEndpoint(
    name,
    {
      clusterId: cluster.id,
      access: args.api,
      intranetSubnetId: args.nodeSubnetId,
      dependsOn: [nodePool],
      tags,
    },
    opts,
  );
  return {
    cluster,
    nodePool,
    endpoint: api.endpoint,
    ...(api.securityGroup ? { apiSecurityGroup: api.securityGroup } : {}),
    kubeconfig: api.kubeconfig,
  };
}
