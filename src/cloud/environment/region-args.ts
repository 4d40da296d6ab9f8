import type * as pulumi from '@pulumi/pulumi';
import type { KubernetesApiInput, RegionConfig } from '../../model/cloud-schema';
import type { QcbmRegionArgs } from '../region/qcbm-region';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/** What a region of the fleet needs besides its layout. */
export interface RegionArgsContext {
  /** The fleet cluster that runs in the region. */
  readonly clusterName: string;
  readonly provider: TencentCloudProvider;
  /** The MySQL account the services use, and its password; the same in every region. */
  readonly mysqlAccount: pulumi.Input<string>;
  readonly mysqlPassword: pulumi.Input<string>;
  readonly redisPassword: pulumi.Input<string>;
  /** The fleet's `name`; CLB names carry it. @default - the Pulumi stack's name */
  readonly environment?: string;
  /** Who reaches the clusters' API servers (`fleet.cloud.kubernetesApi`). @default { access: 'intranet' } */
  readonly kubernetesApi?: KubernetesApiInput;
}

/** The `QcbmRegion` arguments for one region of a fleet description (`fleet.cloud.regions[]`). */
export function regionArgsFromFleet(layout: RegionConfig, context: RegionArgsContext): QcbmRegionArgs {
  const { kubernetes, redis } = layout;
  return {
    region: layout.region,
    zone: layout.zone,
    clusterName: context.clusterName,
    ...(context.environment === undefined ? {} : { environment: context.environment }),
    provider: context.provider,
    network: {
      vpcCidr: layout.vpcCidr,
      nodeSubnetCidr: layout.nodeSubnetCidr,
      dataSubnetCidr: layout.dataSubnetCidr,
    },
    kubernetes: {
      version: kubernetes.version,
      clusterCidr: kubernetes.clusterCidr,
      serviceCidr: kubernetes.serviceCidr,
      nodePool: kubernetes.nodePool,
      ...(context.kubernetesApi === undefined ? {} : { api: context.kubernetesApi }),
    },
    mysql:
      layout.mysql.mode === 'managed'
        ? {
            account: context.mysqlAccount,
            password: context.mysqlPassword,
            engineVersion: layout.mysql.engineVersion,
            memSizeMb: layout.mysql.memSizeMb,
            volumeSizeGb: layout.mysql.volumeSizeGb,
          }
        : undefined,
    redis:
      redis.mode === 'managed'
        ? {
            password: context.redisPassword,
            memSizeMb: redis.memSizeMb,
            version: redis.version,
            architecture: redis.architecture,
            replicas: redis.replicas,
            ...(redis.shards === undefined ? {} : { shards: redis.shards }),
          }
        : undefined,
  };
}
