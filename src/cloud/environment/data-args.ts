import type { Fleet } from '../../model/fleet-schema';
import { accountWideRegion } from '../../model/topology/account-wide-region';
import { backupPlan, redisHoldsData } from '../../model/topology/backup-plan';
import type { SitePlan } from '../../model/topology/site-plan';
import type { DrCopyArgs, QcbmDataReplicationArgs } from '../data/qcbm-data-replication';
import type { QcbmRegion } from '../region/qcbm-region';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/**
 * The `QcbmDataReplication` arguments of a fleet's sites, once their regions exist; undefined where the sites
 * share nothing. The Cloud Connect Network (created with the provider of `accountWideRegion(fleet)`) joins every
 * site when one's apps reach another's primary MySQL or Redis master; each `drCopy` site gets a disaster-recovery
 * instance of the primary; the Redis members join the fleet's replication group.
 * @param sites `sitePlans(fleet)`
 * @param regions the region component of each site, by `componentName`
 * @param providerOf the Tencent Cloud provider of a region
 */
export function dataReplicationArgs(
  fleet: Fleet,
  sites: readonly SitePlan[],
  regions: Readonly<Record<string, QcbmRegion>>,
  providerOf: (region: string) => TencentCloudProvider,
): QcbmDataReplicationArgs | undefined {
  const primary = sites.find((p) => p.mysqlPrimary);
  const redisMaster = sites.find((p) => p.redisMaster);
  const shared = primary !== undefined || redisMaster !== undefined;
  if (!shared || sites.length < 2) return undefined;
  const regionOf = (p: SitePlan) => regions[p.componentName];
  const primaryMysql = primary && regionOf(primary).mysqlInstanceId;
  const redisMasterId = redisMaster && regionOf(redisMaster).redisInstanceId;
  const group = fleet.data.redis.globalReplication;
  const backups = backupPlan(fleet);
  return {
    environment: fleet.name,
    provider: providerOf(accountWideRegion(fleet)),
    networks: sites.map((p) => ({
      name: p.componentName,
      region: p.layout.region,
      vpcId: regionOf(p).vpcId,
    })),
    ...(primary && primaryMysql
      ? {
          mysql: {
            primaryInstanceId: primaryMysql,
            primaryRegion: primary.layout.region,
            crossRegionSync: fleet.data.mysql?.crossRegionSync,
            drCopies: sites.flatMap((p) =>
              p.drCopy ? [drCopyOf(p, p.drCopy, regionOf(p), providerOf(p.layout.region))] : [],
            ),
            ...(backups.mysql
              ? {
                  backup: {
                    provider: providerOf(primary.layout.region),
                    retentionDays: backups.mysql.retentionDays,
                    binlogRetentionDays: backups.mysql.binlogRetentionDays,
                    ...(backups.mysql.remoteRegion ? { remoteRegion: backups.mysql.remoteRegion } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    redisBackups: sites.flatMap((p) => {
      const id = redisHoldsData(p.layout) ? regionOf(p).redisInstanceId : undefined;
      return id ? [{ name: p.componentName, redisId: id, provider: providerOf(p.layout.region) }] : [];
    }),
    ...(group && redisMaster && redisMasterId
      ? {
          redis: {
            groupId: group.groupId,
            masterInstanceId: redisMasterId,
            instanceIds: sites.flatMap((p) => {
              const id = p.redisMember ? regionOf(p).redisInstanceId : undefined;
              return id ? [id] : [];
            }),
            provider: providerOf(redisMaster.layout.region),
          },
        }
      : {}),
  };
}

/** The disaster-recovery instance of a site: in its data subnet, behind its data security group. */
function drCopyOf(
  site: SitePlan,
  size: NonNullable<SitePlan['drCopy']>,
  region: QcbmRegion,
  provider: TencentCloudProvider,
): DrCopyArgs {
  return {
    name: site.componentName,
    region: site.layout.region,
    provider,
    zone: site.layout.zone,
    vpcId: region.vpcId,
    subnetId: region.dataSubnetId,
    securityGroupId: region.dataSecurityGroupId,
    ...size,
  };
}
