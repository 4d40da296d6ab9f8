import type * as pulumi from '@pulumi/pulumi';
import { REGION_DEFAULTS } from '../../model/cloud-schema';
import { TkeCluster } from '../tencentcloud/tke-cluster';
import { TkeClusterEndpoint } from '../tencentcloud/tke-cluster-endpoint';
import { TkeNodePool } from '../tencentcloud/tke-node-pool';
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
   * Source CIDRs allowed to reach the cluster's public API server (Pulumi deploys the app through it).
   * @default - the provider's default policy
   */
  readonly apiAllowedCidrs?: readonly string[];
}

export interface CreateKubernetesArgs extends RegionKubernetesArgs {
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
}

/** A managed TKE cluster with an autoscaling node pool, and the endpoint of its API server. */
export function createKubernetes(
  name: string,
  args: CreateKubernetesArgs,
  opts: ChildOptions,
): RegionKubernetes {
  const { tags } = args;
  const pool = { ...REGION_DEFAULTS.nodePool, ...args.nodePool };
  const cluster = new TkeCluster(
    `${name}-tke`,
    {
      vpcId: args.vpcId,
      clusterName: `qcbm-${args.clusterName}`,
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
    `${name}-pool`,
    {
      clusterId: cluster.id,
      vpcId: args.vpcId,
      name: 'qcbm-workers',
      subnetIds: [args.nodeSubnetId],
      minSize: pool.minSize,
      maxSize: pool.maxSize,
      desiredCapacity: pool.desiredSize,
      enableAutoScale: true,
      deleteKeepInstance: false,
      autoScalingConfig: {
        instanceType: pool.instanceType,
        systemDiskSize: pool.systemDiskGb,
        securityGroupIds: [args.nodeSecurityGroupId],
        publicIpAssigned: false,
      },
      tags,
    },
    opts,
  );
  const endpoint = new TkeClusterEndpoint(
    `${name}-api`,
    {
      clusterId: cluster.id,
      clusterInternet: true,
      ...(args.apiAllowedCidrs ? { managedClusterInternetSecurityPolicies: [...args.apiAllowedCidrs] } : {}),
    },
    { ...opts, dependsOn: [nodePool] },
  );
  return { cluster, nodePool, endpoint };
}
