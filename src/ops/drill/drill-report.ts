import {
  type BudgetTerm,
  type BudgetTermName,
  formatBudgetTerms,
} from '../../model/topology/failover-budget';
import { type FailoverPhases, type LinePhases, phasesOf } from './drill-phases';
import { textTable } from './text-table';
import type { DrillDirection, ProbeTally, Timeline, TimelineEvent } from './timeline';

/**
 * A measured phase. `detection + publish + TTL` replaces `publish + TTL` when no monitor was read: the DNS
 * change then counts from t0.
 */
export type DrillPhase = 'detection' | 'publish + TTL' | 'detection + publish + TTL' | 'client' | 'total';

/**
 * `within` / `over` the budget's figure; `not observed` within the watch; `not measured`: detection without a
 * monitor; `no budget`: a term the budget leaves unbounded (plain DNS records with no operator allowance).
 */
export type DrillVerdict = 'within' | 'over' | 'not observed' | 'not measured' | 'no budget';

/** One line and phase: what the drill measured against what the budget allows. */
export interface ComparisonRow {
  readonly line: string;
  readonly phase: DrillPhase;
  readonly measuredSeconds?: number;
  /** The sum of `budgetTerms`; undefined when one of them is unbounded or the budget has none of them. */
  readonly budgetSeconds?: number;
  /** The budget's terms this phase is compared with. */
  readonly budgetTerms: readonly BudgetTermName[];
  readonly verdict: DrillVerdict;
}

/**
 * Compares each line's phases with the failover budget: detection with the detection term, publish + TTL with
 * the publish and TTL terms (and detection too without a monitor), client with the client cache allowance, and
 * the total with all of them. A phase is measured to within the probe interval.
 */
export function compareWithBudget(phases: FailoverPhases, terms: readonly BudgetTerm[]): ComparisonRow[] {
  const all = terms.map((t) => t.name);
  return phases.lines.flatMap((p) => [
    phases.monitored
      ? row(p, 'detection', p.detectionMs, ['detection'], terms)
      : { ...row(p, 'detection', undefined, ['detection'], terms), verdict: 'not measured' as const },
    phases.monitored
      ? row(p, 'publish + TTL', p.publishAndTtlMs, ['publish', 'TTL'], terms)
      : row(p, 'detection + publish + TTL', p.publishAndTtlMs, ['detection', 'publish', 'TTL'], terms),
    row(p, 'client', p.clientMs, ['client cache'], terms),
    row(p, 'total', p.totalMs, all, terms),
  ]);
}

function row(
  phases: LinePhases,
  phase: DrillPhase,
  measuredMs: number | undefined,
  names: readonly BudgetTermName[],
  terms: readonly BudgetTerm[],
): ComparisonRow {
  const used = terms.filter((t) => names.includes(t.name));
  const budget =
    used.length > 0 && used.every((t) => t.seconds !== undefined)
      ? used.reduce((n, t) => n + (t.seconds as number), 0)
      : undefined;
  const measured = measuredMs === undefined ? undefined : Math.round(measuredMs) / 1000;
  const verdict = verdictOf(measured, budget);
  return {
    line: phases.line,
    phase,
    ...(measured === undefined ? {} : { measuredSeconds: measured }),
    ...(budget === undefined ? {} : { budgetSeconds: budget }),
    budgetTerms: used.map((t) => t.name),
    verdict,
  };
}

/** A measured phase against its budget: `not observed` without a measure, `no budget` without a bound. */
export function verdictOf(
  measuredSeconds: number | undefined,
  budgetSeconds: number | undefined,
): DrillVerdict {
  if (measuredSeconds === undefined) return 'not observed';
  if (budgetSeconds === undefined) return 'no budget';
  return measuredSeconds <= budgetSeconds ? 'within' : 'over';
}

/** One direction of a drill: what was watched and how it compares. */
export interface DrillLeg {
  readonly direction: DrillDirection;
  /** The moment the region was taken out (or restored), ISO 8601. */
  readonly t0: string;
  readonly intervalMs: number;
  readonly durationMs: number;
  /** Every expected event was observed. */
  readonly complete: boolean;
  /** The watch was stopped before the end. */
  readonly aborted: boolean;
  /** Times in ms after t0. */
  readonly events: readonly TimelineEvent[];
  readonly probes: readonly ProbeTally[];
  readonly phases: FailoverPhases;
  readonly comparison: readonly ComparisonRow[];
}

/** What `qcbm-fleet drill` measured, as plain data (JSON-serializable). */
export interface DrillReport {
  readonly fleet: string;
  /** The region taken out. */
  readonly region: string;
  /** How it was taken out, e.g. `localization`, `cordon`, `edge`. */
  readonly method: string;
  /** The published name watched. */
  readonly name: string;
  /** The failover budget the phases are compared with. */
  readonly budget: readonly BudgetTerm[];
  readonly out: DrillLeg;
  /** Undefined when the region was not restored under watch. */
  readonly back?: DrillLeg;
}

/** Properties for `drillReport`. */
export interface DrillReportProps {
  readonly fleet: string;
  readonly region: string;
  readonly method: string;
  /** `budgetTerms(fleet.traffic)`. */
  readonly budget: readonly BudgetTerm[];
  readonly out: Timeline;
  /** @default none: the failback was not watched */
  readonly back?: Timeline;
}

/** The report of a drill from its timelines. */
export function drillReport(props: DrillReportProps): DrillReport {
  return {
    fleet: props.fleet,
    region: props.region,
    method: props.method,
    name: props.out.name,
    budget: props.budget,
    out: drillLeg(props.out, props.budget),
    ...(props.back ? { back: drillLeg(props.back, props.budget) } : {}),
  };
}

/** One direction of the report from its timeline. */
export function drillLeg(timeline: Timeline, budget: readonly BudgetTerm[]): DrillLeg {
  const phases = phasesOf(timeline);
  return {
    direction: timeline.direction,
    t0: new Date(timeline.t0).toISOString(),
    intervalMs: timeline.intervalMs,
    durationMs: timeline.durationMs,
    complete: timeline.complete,
    aborted: timeline.aborted,
    events: timeline.events,
    probes: timeline.probes,
    phases,
    comparison: compareWithBudget(phases, budget),
  };
}

/** The report as plain text: per direction, a table of phases against the budget, the events and probe failures. */
export function formatDrillReport(report: DrillReport): string {
  const budget = formatBudgetTerms(report.budget);
  const lines = [
    `Drill of fleet ${report.fleet}: ${report.region} taken out by ${report.method}, watching ${report.name}`,
    `Budget: ${budget || 'none'}`,
  ];
  for (const leg of report.back ? [report.out, report.back] : [report.out]) {
    lines.push('', ...formatLeg(leg, report.region));
  }
  return lines.join('\n') + '\n';
}

function formatLeg(leg: DrillLeg, region: string): string[] {
  const title = leg.direction === 'out' ? `Taking ${region} out` : `Restoring ${region}`;
  const outcome = leg.aborted
    ? 'stopped before everything was observed'
    : leg.complete
      ? 'every phase observed'
      : `not everything observed within ${leg.durationMs / 1000} s`;
  const out = [
    `${title}, t0 ${leg.t0} (probed every ${leg.intervalMs / 1000} s, for up to ${leg.durationMs / 1000} s): ${outcome}`,
    ...textTable(
      [
        ['line', 'phase', 'measured', 'budget', 'budget terms', 'verdict'],
        ...leg.comparison.map((r) => [
          r.line,
          r.phase,
          r.measuredSeconds === undefined ? '-' : `${r.measuredSeconds.toFixed(2)} s`,
          r.budgetSeconds === undefined ? '-' : `${r.budgetSeconds} s`,
          r.budgetTerms.join(' + ') || '-',
          r.verdict,
        ]),
      ],
      [false, false, true, true, false, false],
    ).map((l) => `  ${l}`),
    '  Events (seconds after t0; each happened after the previous probe that did not see it):',
  ];
  if (leg.events.length === 0) out.push('    none');
  for (const e of leg.events) out.push(`    ${at(e.atMs)}  ${describe(e)}`);
  const failed = leg.probes.filter((p) => p.failures > 0);
  if (failed.length > 0) {
    out.push('  Failed probes:');
    for (const p of failed) {
      out.push(
        `    ${p.probe}${p.line === undefined ? '' : ` ${p.line}`}: ${p.failures} of ${p.attempts}, last at ${at(p.lastErrorAtMs ?? 0)}: ${p.lastError}`,
      );
    }
  }
  return out;
}

function describe(e: TimelineEvent): string {
  const since =
    e.lastNotSeenMs === undefined ? 'already so at the first probe' : `not yet at ${at(e.lastNotSeenMs)}`;
  switch (e.kind) {
    case 'monitor':
      return `monitor reads ${e.status}${e.before === undefined ? '' : ` (was ${e.before})`}; ${since}`;
    case 'dns':
      return `${e.line}: DNS answers ${e.addresses.join(', ')}${e.ttlSeconds === undefined ? '' : ` (TTL ${e.ttlSeconds} s)`}${e.before === undefined ? '' : `, was ${e.before.join(', ') || 'empty'}`}; ${since}`;
    case 'http':
      return `${e.line}: HTTP ${e.status} from ${e.address} in ${e.ms} ms${e.before === undefined ? '' : `, was ${e.before}`}; ${since}`;
  }
}

function at(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}`;
}
