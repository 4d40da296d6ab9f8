import type { Fleet } from '../model/fleet-schema';
import { backupPlan, corruptionRecovery } from '../model/topology/backup-plan';
import { type WriteBudget, writeBudget } from '../model/topology/write-budget';
import { dataGuarantees, dataPlan, type RecoveryPoint, recoveryPoints } from '../model/topology/data-plan';
import { type BudgetRow, failoverBudget } from '../model/topology/failover-budget';
import { layoutOf } from '../model/topology/site-layout';
import { primaryCluster, sitesOf, TOPOLOGY_DESCRIPTIONS } from '../model/topology/sites';
import type { TopologyKind } from '../model/topology/topology-schema';
import { trafficPlan } from '../model/topology/traffic-plan';
import { writerName } from '../model/writer-name';

/** A site as the plan shows it. */
export interface DrSite {
  readonly cluster: string;
  readonly region: string;
  readonly role: string;
  /** Its share of its lines' traffic, in percent. */
  readonly weight: number;
  readonly centre?: 'A' | 'B' | 'C';
}

/** One DNS line: the tiers of sites it tries in order, and the pool of last resort. */
export interface DrLine {
  readonly line: string;
  readonly tiers: readonly (readonly string[])[];
  readonly fallback: string;
}

/** What the fleet's disaster-recovery description promises, as the model computes it: shown by the plan. */
export interface DisasterRecoveryReport {
  /** Undefined where the fleet declares no topology. */
  readonly topology?: { readonly kind: TopologyKind; readonly means: string; readonly rtoSeconds?: number };
  readonly sites: readonly DrSite[];
  /** The region of the one writable MySQL, where the fleet names it. */
  readonly primaryRegion?: string;
  /** The cluster of that region that writes first (where the schema Job runs), where the fleet names it. */
  readonly primaryCluster?: string;
  /** What the data layer guarantees, in sentences (empty where the fleet names no primary MySQL). */
  readonly data: readonly string[];
  /**
   * The one name every cluster writes through, where the stack creates the primary: a failover changes this
   * record only. Undefined for an external primary (its plain host).
   */
  readonly writerName?: { readonly host: string; readonly ttlSeconds: number };
  /** The committed writes each loss can cost. */
  readonly recoveryPoints: readonly RecoveryPoint[];
  /** The write path's recovery once the primary's region is lost (`writeBudget`); absent without a primary. */
  readonly writeBudget?: WriteBudget;
  /** Where each backup lives and the recovery point of a logical corruption (`corruptionRecovery`). */
  readonly backups: readonly string[];
  /** `igtm`, `dnspod`, or undefined where nothing sends users between regions. */
  readonly trafficMode?: string;
  readonly lines: readonly DrLine[];
  /** Per failed region and line: each term, the total, the target and the verdict. */
  readonly budget: readonly BudgetRow[];
}

/** The disaster-recovery part of the plan. */
export function disasterRecoveryReport(fleet: Fleet): DisasterRecoveryReport {
  const data = dataPlan(fleet);
  const primary = primaryCluster(fleet);
  const primaryZone = data ? (layoutOf(fleet, data.primary)?.zone ?? data.primary.region) : undefined;
  const topology = fleet.topology;
  const write = writeBudget(fleet);
  return {
    ...(topology
      ? {
          topology: {
            kind: topology.kind,
            means: TOPOLOGY_DESCRIPTIONS[topology.kind],
            ...(topology.rtoSeconds === undefined ? {} : { rtoSeconds: topology.rtoSeconds }),
          },
        }
      : {}),
    sites: sitesOf(fleet).map((s) => ({
      cluster: s.name,
      region: s.region,
      role: s.role,
      weight: s.weight,
      ...(s.centre ? { centre: s.centre } : {}),
    })),
    ...(data ? { primaryRegion: data.primary.region } : {}),
    ...(primary ? { primaryCluster: primary.name } : {}),
    data: data ? dataGuarantees(data) : [],
    ...writerNameOf(fleet),
    recoveryPoints: data && primaryZone ? recoveryPoints(data, primaryZone) : [],
    backups: corruptionRecovery(backupPlan(fleet)),
    ...(fleet.traffic ? { trafficMode: fleet.traffic.mode } : {}),
    lines: fleet.traffic
      ? trafficPlan(fleet).map((l) => ({
          line: l.line,
          tiers: l.tiers.map((t) => t.map((s) => s.name)),
          fallback: l.fallback.name,
        }))
      : [],
    budget: failoverBudget(fleet),
    ...(write ? { writeBudget: write } : {}),
  };
}

function writerNameOf(fleet: Fleet): Pick<DisasterRecoveryReport, 'writerName'> {
  const name = writerName(fleet);
  return name ? { writerName: { host: name.host, ttlSeconds: name.ttlSeconds } } : {};
}
