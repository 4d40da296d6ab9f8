import type * as pulumi from '@pulumi/pulumi';
import type { RegionConfig } from '../../model/cloud-schema';
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
  /** @default - the provider's default policy */
  readonly apiAllowedCidrs?: readonly string[];
}

/** The `QcbmRegion` arguments for one region of a fleet description (`fleet.cloud.regions[]`). */
export function regionArgsFromFleet(layout: RegionConfig, context: RegionArgsContext): QcbmRegionArgs {
  const { kubernetes } = layout;
  return {
    region: layout.region,
    zone: layout.zone,
    clusterName: context.clusterName,
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
      apiAllowedCidrs: context.apiAllowedCidrs,
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
      layout.redis.mode === 'managed'
        ? { password: context.redisPassword, memSizeMb: layout.redis.memSizeMb }
        : undefined,
  };
}
