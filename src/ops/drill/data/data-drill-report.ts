import type { WriteBudget, WriteTerm, WriteTermName } from '../../../model/topology/write-budget';
import type { ApiCallRecord, FailoverInstance } from '../../failover';
import { type DrillVerdict, verdictOf } from '../drill-report';
import { textTable } from '../text-table';

/** A phase of the write path the data drill measures. */
export type DataDrillPhase =
  'detection' | 'fencing' | 'promotion' | 'first write' | 'services restarted' | 'total';

/** One phase (of one site, for those measured per site) against the write budget. */
export interface DataDrillRow {
  /** The cluster; '-' for the phases of the database itself. */
  readonly site: string;
  readonly phase: DataDrillPhase;
  readonly measuredSeconds?: number;
  /** The sum of `budgetTerms`. */
  readonly budgetSeconds?: number;
  readonly budgetTerms: readonly WriteTermName[];
  /** `not measured`: detection (the drill starts the failover itself), or a restart the fleet does not make. */
  readonly verdict: DrillVerdict;
}

/** What happened at one site after the writable name was retargeted; times in ms after the retarget. */
export interface DataDrillSite {
  readonly cluster: string;
  /** The write probe's first successful write through the name. */
  readonly firstWriteMs?: number;
  /** The probe's own line: which server took the write, at what time. */
  readonly firstWrite?: string;
  /** Every Deployment of the services rolled out again (restarted after the first write); undefined where none was restarted or it failed. */
  readonly restartedMs?: number;
  /** What went wrong here (the probe failed or timed out, a rollout did not finish). */
  readonly errors: readonly string[];
}

/** The `pulumi preview` the drill ends with. */
export interface DataDrillPreview {
  /** The command run. */
  readonly command: string;
  /** Counts by operation, as Pulumi printed them. */
  readonly changeSummary: Readonly<Record<string, number>>;
  /** What the preview shows that the failover must not cause (a replacement of the promoted instance...). */
  readonly problems: readonly string[];
}

/** What `qcbm-fleet drill --method data` measured (JSON-serializable). */
export interface DataDrillReport {
  readonly fleet: string;
  readonly stack: string;
  /** The primary before, and the instance promoted. */
  readonly primary: FailoverInstance;
  readonly promoted: FailoverInstance;
  /** The writable name retargeted. */
  readonly writerName: string;
  /** When fencing began, ISO 8601. */
  readonly t0: string;
  /** The write budget the phases are compared with. */
  readonly budget: readonly WriteTerm[];
  readonly comparison: readonly DataDrillRow[];
  /** Times in ms after t0 at which each runbook step ended. */
  readonly steps: Readonly<Record<string, number>>;
  readonly sites: readonly DataDrillSite[];
  readonly preview?: DataDrillPreview;
  /** Why the preview did not run or could not be read. */
  readonly previewError?: string;
  /** The Tencent Cloud API calls, in order, with their request ids. */
  readonly calls: readonly ApiCallRecord[];
  /** The stack file the promotion was written into. */
  readonly stackFile?: string;
}

/** When each step ended, ms after t0 (the check ended, fencing began). */
export interface DataDrillTimes {
  /** Undefined where the old primary was not fenced (its region did not answer). */
  readonly fencedMs?: number;
  readonly promotedMs: number;
  readonly retargetedMs: number;
}

/**
 * Compares the measured phases with the write budget: fencing and promotion with their terms; at each site the
 * first write through the name (from the retarget) with the TTL term, the services' restart (from that first
 * write, which is when the drill starts it) with the reconnection term, and the whole (from fencing to the later
 * of the two) with every term but detection, which a drill cannot rehearse: it starts the failover itself.
 */
export function compareWithWriteBudget(
  budget: WriteBudget,
  times: DataDrillTimes,
  sites: readonly DataDrillSite[],
  restarts: boolean,
): DataDrillRow[] {
  const terms = budget.terms;
  const rows: DataDrillRow[] = [
    {
      site: '-',
      phase: 'detection',
      budgetTerms: ['detection'],
      ...sum(terms, ['detection']),
      verdict: 'not measured',
    },
    row(terms, '-', 'fencing', times.fencedMs, ['fencing']),
    row(terms, '-', 'promotion', times.promotedMs - (times.fencedMs ?? 0), ['promotion']),
  ];
  for (const site of sites) {
    rows.push(row(terms, site.cluster, 'first write', site.firstWriteMs, ['TTL']));
    const restart = site.restartedMs === undefined ? undefined : site.restartedMs - (site.firstWriteMs ?? 0);
    rows.push(
      restarts
        ? row(terms, site.cluster, 'services restarted', restart, ['reconnection'])
        : {
            site: site.cluster,
            phase: 'services restarted',
            budgetTerms: ['reconnection'],
            ...sum(terms, ['reconnection']),
            verdict: 'not measured',
          },
    );
    const last = restarts ? site.restartedMs : site.firstWriteMs;
    rows.push(
      row(terms, site.cluster, 'total', last === undefined ? undefined : times.retargetedMs + last, [
        'fencing',
        'promotion',
        'TTL',
        'reconnection',
      ]),
    );
  }
  return rows;
}

function sum(terms: readonly WriteTerm[], names: readonly WriteTermName[]): { budgetSeconds?: number } {
  const used = terms.filter((t) => names.includes(t.name));
  return used.length === 0 ? {} : { budgetSeconds: used.reduce((n, t) => n + t.seconds, 0) };
}

function row(
  terms: readonly WriteTerm[],
  site: string,
  phase: DataDrillPhase,
  measuredMs: number | undefined,
  names: readonly WriteTermName[],
): DataDrillRow {
  const { budgetSeconds } = sum(terms, names);
  const measuredSeconds = measuredMs === undefined ? undefined : Math.round(measuredMs) / 1000;
  const verdict = verdictOf(measuredSeconds, budgetSeconds);
  return {
    site,
    phase,
    ...(measuredSeconds === undefined ? {} : { measuredSeconds }),
    ...(budgetSeconds === undefined ? {} : { budgetSeconds }),
    budgetTerms: names,
    verdict,
  };
}

/** The drill failed: a phase over its budget or not observed, a site's error, or a preview that is not clean. */
export function dataDrillFailed(report: DataDrillReport): boolean {
  return (
    report.comparison.some((r) => r.verdict === 'over' || r.verdict === 'not observed') ||
    report.sites.some((s) => s.errors.length > 0) ||
    report.previewError !== undefined ||
    (report.preview?.problems.length ?? 0) > 0
  );
}

/** The report as plain text: the phases against the write budget, each site, the preview. */
export function formatDataDrillReport(report: DataDrillReport): string {
  const lines = [
    `Data drill of fleet ${report.fleet} (stack ${report.stack}): ${report.promoted.instanceId} at ${report.promoted.cluster} (${report.promoted.region}) promoted in place of ${report.primary.instanceId} at ${report.primary.cluster} (${report.primary.region}); ${report.writerName} retargeted. t0 (fencing began) ${report.t0}`,
    `Write budget: ${report.budget.map((t) => `${t.name} ${t.seconds} s`).join(' + ')}`,
    ...textTable(
      [
        ['site', 'phase', 'measured', 'budget', 'budget terms', 'verdict'],
        ...report.comparison.map((r) => [
          r.site,
          r.phase,
          r.measuredSeconds === undefined ? '-' : `${r.measuredSeconds.toFixed(2)} s`,
          r.budgetSeconds === undefined ? '-' : `${r.budgetSeconds} s`,
          r.budgetTerms.join(' + '),
          r.verdict,
        ]),
      ],
      [false, false, true, true, false, false],
    ).map((l) => `  ${l}`),
    "  Detection is not rehearsed: the drill starts the failover itself. First writes count from the retarget, restarts from the site's first write.",
  ];
  for (const site of report.sites) {
    if (site.firstWrite) lines.push(`  ${site.cluster}: ${site.firstWrite}`);
    for (const e of site.errors) lines.push(`  ${site.cluster}: FAILED: ${e}`);
  }
  if (report.preview) {
    const counts = Object.entries(report.preview.changeSummary)
      .map(([op, n]) => `${n} ${op}`)
      .join(', ');
    lines.push(`Preview (${report.preview.command}): ${counts || 'no steps'}`);
    if (report.preview.problems.length === 0)
      lines.push('  no replacement or deletion the failover must not cause');
    for (const p of report.preview.problems) lines.push(`  PROBLEM: ${p}`);
  }
  if (report.previewError) lines.push(`Preview: FAILED: ${report.previewError}`);
  return `${lines.join('\n')}\n`;
}
