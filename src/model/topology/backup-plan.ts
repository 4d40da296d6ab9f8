import type { RegionConfig } from '../cloud-schema';
import type { Fleet } from '../fleet-schema';
import { MYSQL_BACKUP_LIMITS } from './backup-limits';
import { REGION_PLACES } from './geography';
import { layoutOf } from './site-layout';
import { primaryCluster, sitesOf } from './sites';

/** The primary's backup retention when the fleet states none (TencentDB's own default and minimum). */
export const MYSQL_BACKUP_DEFAULTS = {
  retentionDays: MYSQL_BACKUP_LIMITS.defaultDays,
  binlogRetentionDays: MYSQL_BACKUP_LIMITS.defaultDays,
} as const;

/** TencentDB's backup window (`backupTime`): four hours at night, its default. */
export const MYSQL_BACKUP_WINDOW = '02:00-06:00';
/** Redis's daily backup hour (`backupTime`, a one-hour window). */
export const REDIS_BACKUP_WINDOW = '03:00-04:00';

/** Where the primary MySQL's backups and binlogs live, and which Redis instances are backed up. */
export interface BackupPlan {
  readonly mysql?: {
    /** The primary's region: its own backups and binlogs are kept there. */
    readonly primaryRegion: string;
    readonly retentionDays: number;
    readonly binlogRetentionDays: number;
    /**
     * The region that holds a copy of the backups and binlogs: the DR centre's (C) for two-sites-three-centers,
     * the nearest other site's otherwise; undefined when every site is in the primary's region.
     */
    readonly remoteRegion?: string;
  };
  /** Regions whose Redis holds data (`cloud.regions[].redis.holds: data`) and gets a backup. */
  readonly redisRegions: readonly string[];
}

/** Great-circle distance in km between two regions' cities; unknown regions are infinitely far. */
export function regionDistanceKm(a: string, b: string): number {
  const pa = REGION_PLACES[a]?.at;
  const pb = REGION_PLACES[b]?.at;
  if (!pa || !pb) return Number.POSITIVE_INFINITY;
  const rad = Math.PI / 180;
  const h =
    Math.sin(((pb[0] - pa[0]) * rad) / 2) ** 2 +
    Math.cos(pa[0] * rad) * Math.cos(pb[0] * rad) * Math.sin(((pb[1] - pa[1]) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A site's managed Redis holds data the fleet cannot rebuild (`redis.holds: data`), so it is backed up. */
export function redisHoldsData(site: RegionConfig): boolean {
  return site.redis.mode === 'managed' && site.redis.holds === 'data';
}

/** The one place the backups' retention and locations are decided; the cloud layer and the plan read it. */
export function backupPlan(fleet: Fleet): BackupPlan {
  const redisRegions = fleet.cloud.regions.flatMap((r) => (redisHoldsData(r) ? [r.region] : []));
  const mysql = fleet.data.mysql;
  const primary = primaryCluster(fleet);
  if (!mysql || !primary || layoutOf(fleet, primary)?.mysql.mode !== 'managed') return { redisRegions };
  // Not to a region lost in a failover: the copy must be readable when it is needed.
  const lost = mysql.lostRegions ?? [];
  const sites = sitesOf(fleet).filter((s) => s.region !== primary.region && !lost.includes(s.region));
  const preferred =
    fleet.topology?.kind === 'two-sites-three-centers' ? sites.filter((s) => s.centre === 'C') : sites;
  const candidates = preferred.length > 0 ? preferred : sites;
  const nearest = [...candidates].sort(
    (a, b) => regionDistanceKm(primary.region, a.region) - regionDistanceKm(primary.region, b.region),
  )[0];
  return {
    mysql: {
      primaryRegion: primary.region,
      retentionDays: mysql.backup?.retentionDays ?? MYSQL_BACKUP_DEFAULTS.retentionDays,
      binlogRetentionDays: mysql.backup?.binlogRetentionDays ?? MYSQL_BACKUP_DEFAULTS.binlogRetentionDays,
      ...(nearest ? { remoteRegion: nearest.region } : {}),
    },
    redisRegions,
  };
}

/** The recovery point of a logical corruption (a bad DELETE replicates to every copy within seconds). */
export function corruptionRecovery(plan: BackupPlan): string[] {
  const lines: string[] = [];
  const mysql = plan.mysql;
  if (mysql) {
    lines.push(
      `Logical corruption (a bad write replicates to every copy): point-in-time restore from the nightly full backup and the binlogs, to any second within the last ${mysql.binlogRetentionDays} days (binlog retention; full backups kept ${mysql.retentionDays} days); RPO: the second before the bad write.`,
      mysql.remoteRegion
        ? `Backups and binlogs: in ${mysql.primaryRegion} (the primary's) and copied to ${mysql.remoteRegion} (remote backup); losing either region leaves a full copy in the other.`
        : `Backups and binlogs: only in ${mysql.primaryRegion}: no other site's region to copy them to.`,
    );
  }
  for (const region of plan.redisRegions) {
    lines.push(`Redis in ${region} holds data: backed up daily (${REDIS_BACKUP_WINDOW}) in ${region}.`);
  }
  return lines;
}
