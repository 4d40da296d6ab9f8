import type { Fleet } from '../fleet-schema';
import type { ValidationIssue } from '../validation-error';
import { formatBudgetTerms } from './failover-budget';
import { primaryCluster } from './sites';
import { WRITER_NAME_TTL_SECONDS, writerName } from '../writer-name';

/** The JVM's cache of successful lookups when a security manager is absent (`networkaddress.cache.ttl`). */
export const JVM_DNS_CACHE_SECONDS = 30;

/** HikariCP's default `maxLifetime`: without a restart, a pooled connection to the old primary lives this long. */
export const POOL_MAX_LIFETIME_SECONDS = 30 * 60;

/** The allowances of the write path when the fleet states none. */
export const WRITE_FAILOVER_DEFAULTS = {
  /** No alert exists yet: an operator notices the primary's region is down and decides to fail over. */
  operatorResponseSeconds: 300,
  /** Setting the old primary read-only (or confirming it is unreachable) before promoting. */
  fencingSeconds: 30,
  /** SwitchDrInstanceToMaster: Tencent documents no duration; the data drill measures it. */
  promotionSeconds: 120,
  /** A rollout restart of the services, so that every pool reconnects at once. */
  restartSeconds: 120,
} as const;

export type WriteTermName = 'detection' | 'fencing' | 'promotion' | 'TTL' | 'reconnection';

/** One term of the time until writes succeed again once the primary's region is lost. */
export interface WriteTerm {
  readonly name: WriteTermName;
  readonly seconds: number;
  readonly how: string;
}

/** The write path's recovery, for the loss of the primary's region. */
export interface WriteBudget {
  readonly primaryRegion: string;
  readonly terms: readonly WriteTerm[];
  readonly totalSeconds: number;
  readonly targetSeconds: number | undefined;
  /** Committed writes lost with the region: the disaster-recovery instances' lag. */
  readonly rpo: string;
}

/**
 * A failover restarts the services that hold MySQL connections (a rollout restart in every cluster), unless the
 * fleet lets their pools expire (`topology.writeFailover.reconnect: pool-lifetime`).
 */
export function restartsOnFailover(fleet: Fleet): boolean {
  return fleet.topology?.writeFailover?.reconnect !== 'pool-lifetime';
}

/** The write budget of a fleet with a primary MySQL, or undefined without one. */
export function writeBudget(fleet: Fleet): WriteBudget | undefined {
  const primary = primaryCluster(fleet);
  if (!fleet.data.mysql || !primary) return undefined;
  const stated = fleet.topology?.writeFailover;
  const d = WRITE_FAILOVER_DEFAULTS;
  const w = {
    operatorResponseSeconds: stated?.operatorResponseSeconds ?? d.operatorResponseSeconds,
    fencingSeconds: stated?.fencingSeconds ?? d.fencingSeconds,
    promotionSeconds: stated?.promotionSeconds ?? d.promotionSeconds,
    restartSeconds: stated?.restartSeconds ?? d.restartSeconds,
  };
  const restarts = restartsOnFailover(fleet);
  const writer = writerName(fleet);
  const terms: WriteTerm[] = [
    {
      name: 'detection',
      seconds: w.operatorResponseSeconds,
      how: 'an operator notices and starts qcbm-fleet failover (topology.writeFailover.operatorResponseSeconds)',
    },
    {
      name: 'fencing',
      seconds: w.fencingSeconds,
      how: 'the old primary made read-only or confirmed unreachable (topology.writeFailover.fencingSeconds)',
    },
    {
      name: 'promotion',
      seconds: w.promotionSeconds,
      how: 'an allowance: Tencent documents no duration for promoting a DR instance (topology.writeFailover.promotionSeconds)',
    },
    {
      name: 'TTL',
      seconds: writer?.ttlSeconds ?? WRITER_NAME_TTL_SECONDS,
      how: writer
        ? `the TTL of ${writer.host}, the writable name's private record (data.mysql.writerName.ttlSeconds)`
        : "the TTL of the writable database's name (an external primary: its own DNS, assumed the default)",
    },
    restarts
      ? {
          name: 'reconnection',
          seconds: JVM_DNS_CACHE_SECONDS + w.restartSeconds,
          how: `the JVM DNS cache (${JVM_DNS_CACHE_SECONDS} s) + a rollout restart of the services (topology.writeFailover.restartSeconds)`,
        }
      : {
          name: 'reconnection',
          seconds: JVM_DNS_CACHE_SECONDS + POOL_MAX_LIFETIME_SECONDS,
          how: `the JVM DNS cache (${JVM_DNS_CACHE_SECONDS} s) + HikariCP maxLifetime (30 min): nothing restarts the services (reconnect: pool-lifetime)`,
        },
  ];
  return {
    primaryRegion: primary.region,
    terms,
    totalSeconds: terms.reduce((n, t) => n + t.seconds, 0),
    targetSeconds: fleet.topology?.writeRtoSeconds,
    rpo: 'the replication lag of the disaster-recovery instance promoted (asynchronous across regions: seconds); qcbm-fleet failover reads it (SecondsBehindMaster, from Cloud Monitor) before fencing and refuses above --max-lag (default 30 s) unless --accept-data-loss',
  };
}

/** A write recovery objective the write path cannot meet, naming the largest term. */
export function checkWriteBudget(fleet: Fleet): ValidationIssue[] {
  const target = fleet.topology?.writeRtoSeconds;
  if (target === undefined) return [];
  const budget = writeBudget(fleet);
  if (!budget) {
    return [
      {
        path: 'fleet.topology.writeRtoSeconds',
        message: 'sets a write recovery time, but the fleet names no primary MySQL (data.mysql)',
        value: target,
        fix: 'describe data.mysql, or remove writeRtoSeconds',
      },
    ];
  }
  if (budget.totalSeconds <= target) return [];
  const dominant = budget.terms.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return [
    {
      path: 'fleet.topology.writeRtoSeconds',
      message: `is ${target} s, but writes can take up to ${budget.totalSeconds} s to succeed again once ${budget.primaryRegion} is lost = ${formatBudgetTerms(budget.terms, { how: true })}. The largest term is the ${dominant.name} (${dominant.seconds} s)`,
      value: target,
      fix: `${FIXES[dominant.name]}, or raise the target to ${budget.totalSeconds} s`,
    },
  ];
}

const FIXES: Readonly<Record<WriteTermName, string>> = {
  detection:
    'state a faster operator response (topology.writeFailover.operatorResponseSeconds) backed by an alert',
  fencing:
    'lower topology.writeFailover.fencingSeconds with a drill measurement (qcbm-fleet drill --method data)',
  promotion: 'lower topology.writeFailover.promotionSeconds only with a drill measurement',
  TTL: "lower the writable name's record TTL",
  reconnection:
    'restart the services after a failover (topology.writeFailover.reconnect: restart) or lower restartSeconds',
};
