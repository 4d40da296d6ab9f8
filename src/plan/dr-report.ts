import type { Fleet } from '../model/fleet-schema';
import { dataGuarantees, dataPlan, type RecoveryPoint, recoveryPoints } from '../model/topology/data-plan';
import { type BudgetRow, failoverBudget, formatBudgetTerms } from '../model/topology/failover-budget';
import { layoutOf } from '../model/topology/site-layout';
import { sitesOf, TOPOLOGY_DESCRIPTIONS } from '../model/topology/sites';
import type { TopologyKind } from '../model/topology/topology-schema';
import { trafficPlan } from '../model/topology/traffic-plan';

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
  /** What the data layer guarantees, in sentences (empty where the fleet names no primary MySQL). */
  readonly data: readonly string[];
  /** The committed writes each loss can cost. */
  readonly recoveryPoints: readonly RecoveryPoint[];
  /** `igtm`, `dnspod`, or undefined where nothing sends users between regions. */
  readonly trafficMode?: string;
  readonly lines: readonly DrLine[];
  /** Per failed region and line: each term, the total, the target and the verdict. */
  readonly budget: readonly BudgetRow[];
}

/** The disaster-recovery part of the plan. */
export function disasterRecoveryReport(fleet: Fleet): DisasterRecoveryReport {
  const data = dataPlan(fleet);
  const primaryZone = data ? (layoutOf(fleet, data.primary)?.zone ?? data.primary.region) : undefined;
  const topology = fleet.topology;
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
    data: data ? dataGuarantees(data) : [],
    recoveryPoints: data && primaryZone ? recoveryPoints(data, primaryZone) : [],
    ...(fleet.traffic ? { trafficMode: fleet.traffic.mode } : {}),
    lines: fleet.traffic
      ? trafficPlan(fleet).map((l) => ({
          line: l.line,
          tiers: l.tiers.map((t) => t.map((s) => s.name)),
          fallback: l.fallback.name,
        }))
      : [],
    budget: failoverBudget(fleet),
  };
}

/** The report as the plan prints it. */
export function formatDisasterRecovery(report: DisasterRecoveryReport): string[] {
  const lines: string[] = ['Disaster recovery:'];
  const t = report.topology;
  lines.push(
    t
      ? `  topology ${t.kind}: ${t.means}; recovery time objective ${t.rtoSeconds === undefined ? 'not stated' : `${t.rtoSeconds} s`}`
      : '  no topology declared: each region stands alone, and nothing sends its users elsewhere when it fails',
  );
  for (const s of report.sites) {
    lines.push(
      `  ${s.cluster} (${s.region})${s.centre ? ` centre ${s.centre}` : ''}: ${s.role}, ${s.weight} % of its lines`,
    );
  }
  if (report.data.length > 0) lines.push('  Data:', ...report.data.map((d) => `    ${d}`));
  if (report.recoveryPoints.length > 0) {
    lines.push('  Recovery point (writes that can be lost):');
    for (const p of report.recoveryPoints) lines.push(`    losing ${p.loss}: ${p.rpo}`);
  }
  if (!report.trafficMode) return lines;
  lines.push(`  Traffic (${report.trafficMode}), per line: tiers in order, then the fallback:`);
  for (const l of report.lines) {
    lines.push(`    ${l.line}: ${l.tiers.map((tier) => `[${tier.join(', ')}]`).join(' → ')} → ${l.fallback}`);
  }
  lines.push(
    '  Failover budget (worst case for users of a failed region to reach a healthy one; the traffic layer only):',
  );
  const first = report.budget[0];
  if (first) {
    lines.push(`    terms: ${formatBudgetTerms(first.terms, { how: true })}`);
  }
  for (const row of report.budget) {
    const total = row.totalSeconds === undefined ? 'unbounded' : `${row.totalSeconds} s`;
    const target = row.targetSeconds === undefined ? 'no target' : `target ${row.targetSeconds} s`;
    lines.push(
      row.affected
        ? `    ${row.region} lost, line ${row.line}: ${total}, ${target}: ${row.verdict}; then ${row.takesOver.join(', ') || 'nobody'}`
        : `    ${row.region} lost, line ${row.line}: no change (the line's users are not sent there first)`,
    );
  }
  if (report.primaryRegion) {
    lines.push(
      `    ${report.primaryRegion} lost, on every line: the traffic moves as above, but nothing writes (orders, carts, accounts) until a disaster-recovery instance is promoted (see Data)`,
    );
  }
  return lines;
}
