import type * as pulumi from '@pulumi/pulumi';
import type { KubernetesApiInput } from '../../model/cloud-schema';
import type { SitePlan } from '../../model/topology/site-plan';
import type { QcbmRegionArgs } from '../region/qcbm-region';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/** What a site of the fleet needs besides its plan. */
export interface RegionArgsContext {
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

/**
 * The `QcbmRegion` arguments for one site of a fleet (`sitePlans(fleet)`): its layout, the MySQL it creates (none
 * where another site holds the primary), the primary's standby zone and sync mode, and the other sites' networks
 * its data security group admits, and its TSE Nacos where its registry is managed.
 */
export function regionArgsFromFleet(site: SitePlan, context: RegionArgsContext): QcbmRegionArgs {
  const { layout } = site;
  const { kubernetes, redis } = layout;
  return {
    region: layout.region,
    zone: layout.zone,
    clusterName: site.cluster.name,
    ...(site.siteName === undefined ? {} : { site: site.siteName }),
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
      site.createsMysql && layout.mysql.mode === 'managed'
        ? {
            account: context.mysqlAccount,
            password: context.mysqlPassword,
            engineVersion: layout.mysql.engineVersion,
            memSizeMb: layout.mysql.memSizeMb,
            volumeSizeGb: layout.mysql.volumeSizeGb,
            ...(site.standbyZone === undefined ? {} : { standbyZone: site.standbyZone }),
            ...(site.standbySync === undefined ? {} : { standbySync: site.standbySync }),
            ...(site.adoptsMysql ? { adopt: site.adoptsMysql } : {}),
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
    ...(site.registry.mode === 'managed'
      ? {
          nacos: {
            engineVersion: site.registry.engineVersion,
            productVersion: site.registry.productVersion,
            nodes: site.registry.nodes,
            spec: site.registry.spec,
          },
        }
      : {}),
    ...(site.dataPeers.length === 0 ? {} : { dataPeers: site.dataPeers }),
    egress: layout.egress,
  };
}
