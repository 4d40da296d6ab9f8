import type { Fleet, FleetCluster } from '../fleet-schema';
import { layoutOf } from './site-layout';
import { primaryCluster } from './sites';
import type { MysqlPromotion, SyncMode } from './topology-schema';

/** Where the data lives and what survives a loss: the model's answer, shown by the offline plan. */
export interface DataPlan {
  /** The cluster whose site holds the one writable MySQL; every cluster's MYSQL_HOST points to it. */
  readonly primary: FleetCluster;
  /** The same-region site whose zone holds the primary's standby (two-sites-three-centers' centre B). */
  readonly standbyZoneOf?: FleetCluster;
  readonly standbySync: SyncMode;
  /**
   * Clusters whose site gets a disaster-recovery instance of the primary (other regions, managed MySQL, not
   * lost).
   */
  readonly drCopies: readonly FleetCluster[];
  /** Regions lost in a failover: their sites get no disaster-recovery instance until they return. */
  readonly lostRegions: readonly string[];
  /** The last failover: the primary's site adopts the promoted instance. */
  readonly promotion?: MysqlPromotion;
  /** Per-region caches, or one global replication group with a writable master region. */
  readonly redis:
    | { readonly mode: 'per-region' }
    | { readonly mode: 'global'; readonly groupId: string; readonly masterRegion: string };
}

/** The data plan of a fleet that names its primary, or undefined. */
export function dataPlan(fleet: Fleet): DataPlan | undefined {
  const mysql = fleet.data.mysql;
  const primary = primaryCluster(fleet);
  if (!mysql || !primary) return undefined;
  const managed = (c: FleetCluster) => layoutOf(fleet, c)?.mysql.mode === 'managed';
  const sameRegion = fleet.clusters.filter((c) => c !== primary && c.region === primary.region);
  const global = fleet.data.redis.globalReplication;
  const lostRegions = mysql.lostRegions ?? [];
  return {
    primary,
    ...(fleet.topology?.kind === 'two-sites-three-centers' && sameRegion.length === 1
      ? { standbyZoneOf: sameRegion[0] }
      : {}),
    standbySync: mysql.standbySync,
    drCopies: fleet.clusters.filter(
      (c) => c.region !== primary.region && managed(c) && !lostRegions.includes(c.region),
    ),
    lostRegions,
    ...(mysql.promotion ? { promotion: mysql.promotion } : {}),
    redis: global
      ? { mode: 'global', groupId: global.groupId, masterRegion: global.masterRegion ?? mysql.primaryRegion }
      : { mode: 'per-region' },
  };
}

const STANDBY_RPO: Readonly<Record<SyncMode, string>> = {
  strong: 'none (a commit waits for the standby)',
  'semi-sync': 'none while the standby answers (it falls back to async when it does not)',
  async: 'the seconds of replication lag',
};

/** What the data layer guarantees, in sentences a reviewer can check against the plan. */
export function dataGuarantees(plan: DataPlan): string[] {
  const { primary } = plan;
  const lines = [
    `Writes: one writable MySQL, in ${primary.region} (${primary.name}); every cluster's MYSQL_HOST points there, over the Cloud Connect Network where it is in another region.`,
  ];
  if (plan.standbyZoneOf) {
    lines.push(
      `Same-city standby: the primary's standby replica runs in ${plan.standbyZoneOf.name}'s zone (${plan.standbySync} replication); losing one zone loses ${STANDBY_RPO[plan.standbySync]}, and TencentDB switches to it by itself.`,
    );
  }
  for (const c of plan.drCopies) {
    lines.push(
      `Disaster-recovery copy in ${c.region} (${c.name}): asynchronous across regions, so losing ${primary.region} can lose the seconds of lag it had (RPO: seconds).`,
    );
  }
  lines.push(
    `Losing ${primary.region}: the database is gone for every region (QCBM reads and writes through its one MYSQL_HOST) until a disaster-recovery instance is promoted (qcbm-fleet failover) and data.mysql.primaryRegion is changed and applied; only what Redis holds keeps answering.`,
  );
  lines.push(
    plan.redis.mode === 'global'
      ? `Redis: global replication group ${plan.redis.groupId}, writable in ${plan.redis.masterRegion}; every cluster's REDIS_HOST points there; the other regions hold read-only copies.`
      : 'Redis: each region keeps its own cache; losing a region loses only its cache.',
  );
  return lines;
}

/** What a loss costs in committed writes. */
export interface RecoveryPoint {
  /** What is lost, e.g. `the primary's zone (ap-guangzhou-3)`. */
  readonly loss: string;
  /** The writes that can be lost with it, and how the data comes back. */
  readonly rpo: string;
}

/** The recovery point of each loss the topology plans for, from one host to the primary's region. */
export function recoveryPoints(plan: DataPlan, primaryZone: string): RecoveryPoint[] {
  const { primary } = plan;
  const standby = STANDBY_RPO[plan.standbySync];
  const regionLoss =
    plan.drCopies.length > 0
      ? `the seconds of replication lag of the disaster-recovery instances (asynchronous), once one is promoted (qcbm-fleet failover)`
      : 'every write: no copy outside the region';
  return [
    {
      loss: `the primary's host (${primary.region})`,
      rpo: `${standby}; TencentDB switches to the standby by itself`,
    },
    plan.standbyZoneOf
      ? {
          loss: `the primary's zone (${primaryZone})`,
          rpo: `${standby}; the standby runs in ${plan.standbyZoneOf.name}'s zone and takes over by itself`,
        }
      : {
          loss: `the primary's zone (${primaryZone})`,
          rpo: `as for the region: the standby is in the same zone, so ${regionLoss}`,
        },
    { loss: `the primary's region (${primary.region})`, rpo: regionLoss },
    {
      loss: 'any other region',
      rpo: 'nothing: it holds no writable data (its Redis cache, when per-region, starts cold elsewhere)',
    },
  ];
}
