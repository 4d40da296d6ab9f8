import { DRILL_SETTINGS } from '../../../model/drill-settings';
import { loadFleetFromStackFile } from '../../../model/load-fleet';
import { formatBudgetTerms } from '../../../model/topology/failover-budget';
import { writeBudget } from '../../../model/topology/write-budget';
import { UserError } from '../../../model/user-error';
import { ValidationError } from '../../../model/validation-error';
import { writerName } from '../../../model/writer-name';
import {
  type FailoverOptions,
  type FailoverResult,
  type FailoverStep,
  planFailover,
  runFailover,
} from '../../failover';
import { failoverPreviewExpectation, failoverPreviewProblems } from '../../pulumi/preview-check';
import { findOnPath, pulumiPreviewArgs, runPulumiPreview } from '../../pulumi/pulumi-preview';
import { type ClusterRehearsal, connectRehearsal, rehearsalSteps } from './cluster-rehearsal';
import { checkDrillConfirmation } from './confirmation';
import {
  compareWithWriteBudget,
  type DataDrillPreview,
  type DataDrillReport,
  type DataDrillSite,
} from './data-drill-report';

/** Properties for `runDataDrill`. */
export interface DataDrillOptions {
  /**
   * The failover to rehearse, as `qcbm-fleet failover` would run it; its `execute` is the drill's. The stack file
   * and the stack are required: the drill writes the promotion into the one and previews the other.
   */
  readonly failover: FailoverOptions & { readonly stackFile: string; readonly stack: string };
  /** What the user typed to confirm a drill on a production stack (`isProductionStack`). @default none */
  readonly confirmation?: string;
  /** Kubeconfigs (their text) by cluster name: every site's cluster, where the write probe and restart run. */
  readonly kubeconfigs: Readonly<Record<string, string>>;
  /** Where `pulumi preview` runs: the project's directory, and the environment whose PATH holds `pulumi`. */
  readonly pulumi: { readonly cwd: string; readonly env: NodeJS.ProcessEnv };
  /**
   * How often the clusters are asked whether the probe wrote and the services rolled out, in ms, within
   * `DRILL_SETTINGS.intervalMs`. @default 1000
   */
  readonly intervalMs?: number;
  /** How long each site may take to write and roll out, in ms. @default the failover's timeout (15 minutes) */
  readonly siteTimeoutMs?: number;
  /** Stops waiting on the sites (the failover itself is never interrupted half-way). */
  readonly signal?: AbortSignal;
}

/** What `runDataDrill` did. */
export interface DataDrillResult {
  /** What it does (or would do), in order, one line each. */
  readonly steps: readonly string[];
  /** Undefined for a dry run. */
  readonly report?: DataDrillReport;
  readonly failover: FailoverResult;
}

/**
 * Rehearses the loss of the primary's region on a stack the user names: the failover's runbook (check, fence,
 * promote, retarget the writable name, write the promotion into the stack file), then from every site's cluster
 * the first write through the name (a Job, `writeProbeJob`) and the services' restart, then `pulumi preview` of
 * the stack, which must show the failover converging (`failoverPreviewProblems`). Each phase is compared with the
 * write budget. A dry run makes the failover check's read-only calls and says what it would do; a production
 * stack needs its name typed (`checkDrillConfirmation`). Everything the drill needs (each cluster, `pulumi` on
 * the PATH) is checked before anything changes; after the promotion a site's failure is reported, not thrown.
 */
export async function runDataDrill(
  options: DataDrillOptions,
  log: (line: string) => void,
): Promise<DataDrillResult> {
  const { failover } = options;
  const fleet = failover.fleet;
  const plan = planFailover(failover);
  checkInterval(options.intervalMs);
  const writer = writerName(fleet);
  const budget = writeBudget(fleet);
  if (!writer || !budget) {
    throw new UserError(
      `fleet "${fleet.name}" has no writable name to retarget (its primary MySQL is external): the data drill rehearses the stack's own failover`,
      'drill a stack whose primary site creates its MySQL (mysql.mode: managed)',
    );
  }
  checkDrillConfirmation(plan.stack, failover.execute, options.confirmation);
  const restarts = fleet.topology?.writeFailover?.reconnect !== 'pool-lifetime';
  const lost = new Set(fleet.data.mysql?.lostRegions ?? []);
  const sites = fleet.clusters.filter((c) => !lost.has(c.region));
  const steps = [
    `the failover: ${plan.primary.instanceId} at ${plan.primary.cluster.name} fenced, ${plan.target.instanceId} at ${plan.target.cluster.name} promoted, ${writer.host} retargeted, the promotion written into ${failover.stackFile}`,
    ...rehearsalSteps(fleet, sites, restarts),
    `pulumi ${pulumiPreviewArgs(plan.stack).join(' ')} in ${options.pulumi.cwd}: no replacement or deletion the failover must not cause`,
  ];
  log(
    `Data drill of stack ${plan.stack}: the loss of ${plan.primary.region} rehearsed. Write budget: ${formatBudgetTerms(budget.terms)} = ${budget.totalSeconds} s${budget.targetSeconds === undefined ? '' : ` (target ${budget.targetSeconds} s)`}`,
  );
  const missing = sites.filter((c) => !options.kubeconfigs[c.name]).map((c) => c.name);
  if (!failover.execute) {
    const dryRun = await runFailover(failover, log);
    log('Would:');
    for (const s of steps) log(`  - ${s}`);
    if (missing.length > 0)
      log(
        `  (--execute needs the kubeconfig of ${missing.join(', ')}: --kubeconfig NAME=PATH, or --outputs)`,
      );
    log('Nothing was changed: run again with --execute to do it.');
    return { steps, failover: dryRun };
  }
  if (missing.length > 0) {
    throw new UserError(
      `the data drill cannot run: it needs the kubeconfig of ${missing.join(', ')}`,
      'give --kubeconfig NAME=PATH for each, or --outputs from pulumi stack output --json --show-secrets',
    );
  }
  // Before anything changes: the preview's command and every cluster, so that no half-drill is left.
  findOnPath('pulumi', options.pulumi.env);
  const clusters = await Promise.all(
    sites.map((c) => connectRehearsal(fleet, c, options.kubeconfigs[c.name], restarts)),
  );

  if (restarts) {
    log(
      'The failover prints its follow-up as `qcbm-fleet failover` does; the drill restarts the services itself (its step 1) once the name is retargeted.',
    );
  }
  const at: Partial<Record<FailoverStep, number>> = {};
  const result = await runFailover(failover, log, { onStep: (step, ms) => (at[step] = ms) });
  const t0 = at.checked ?? Date.now();
  const retargetedAt = at.retargeted ?? Date.now();
  log(
    `Writing through ${writer.host} from ${sites.length} cluster(s)${restarts ? ' and restarting the services' : ''}.`,
  );
  const siteResults = await Promise.all(
    clusters.map((cluster) => rehearseSite(cluster, retargetedAt, options, log)),
  );
  const { preview, previewError } = await previewAfter(options, plan.stack, plan.project, log);
  const report: DataDrillReport = {
    fleet: fleet.name,
    stack: plan.stack,
    primary: result.primary,
    promoted: result.target,
    writerName: writer.host,
    t0: new Date(t0).toISOString(),
    budget: budget.terms,
    comparison: compareWithWriteBudget(
      budget,
      {
        fencedMs: (at.fenced ?? t0) - t0,
        promotedMs: (at.promoted ?? retargetedAt) - t0,
        retargetedMs: retargetedAt - t0,
      },
      siteResults,
      restarts,
    ),
    steps: Object.fromEntries(Object.entries(at).map(([step, ms]) => [step, ms - t0])),
    sites: siteResults,
    ...(preview ? { preview } : {}),
    ...(previewError ? { previewError } : {}),
    calls: result.calls,
    stackFile: failover.stackFile,
  };
  return { steps, report, failover: result };
}

/** One site after the retarget: the write probe and the restart, together; the probe's Job deleted after. */
async function rehearseSite(
  cluster: ClusterRehearsal,
  retargetedAt: number,
  options: DataDrillOptions,
  log: (line: string) => void,
): Promise<DataDrillSite> {
  const wait = {
    intervalMs: options.intervalMs ?? DRILL_SETTINGS.intervalMs.default,
    timeoutMs: options.siteTimeoutMs ?? options.failover.timeoutMs ?? 15 * 60 * 1000,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const errors: string[] = [];
  const [write, restart] = await Promise.allSettled([cluster.firstWrite(wait), cluster.restart(wait)]);
  await cluster.cleanUp().catch((e: unknown) => log(`${cluster.name}: ${(e as Error).message}`));
  if (write.status === 'rejected') errors.push(`write probe: ${(write.reason as Error).message}`);
  if (restart.status === 'rejected') errors.push(`restart: ${(restart.reason as Error).message}`);
  const wrote = write.status === 'fulfilled' ? write.value : undefined;
  const restarted = restart.status === 'fulfilled' ? restart.value : undefined;
  if (wrote)
    log(
      `${cluster.name}: ${wrote.line} (${((wrote.atMs - retargetedAt) / 1000).toFixed(1)} s after the retarget)`,
    );
  return {
    cluster: cluster.name,
    ...(wrote ? { firstWriteMs: wrote.atMs - retargetedAt, firstWrite: wrote.line } : {}),
    ...(restarted === undefined ? {} : { restartedMs: restarted - retargetedAt }),
    errors,
  };
}

/** The preview of the stack as the failover wrote it, checked; its failure is reported, the promotion stays. */
async function previewAfter(
  options: DataDrillOptions,
  stack: string,
  project: string,
  log: (line: string) => void,
): Promise<{ preview?: DataDrillPreview; previewError?: string }> {
  const command = `pulumi ${pulumiPreviewArgs(stack).join(' ')}`;
  log(`Running ${command}`);
  try {
    const after = loadFleetFromStackFile(options.failover.stackFile);
    const expectation = failoverPreviewExpectation(after, { stack, project });
    const preview = await runPulumiPreview({
      cwd: options.pulumi.cwd,
      stack,
      env: options.pulumi.env,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      preview: {
        command,
        changeSummary: preview.changeSummary,
        problems: failoverPreviewProblems(preview, expectation),
      },
    };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return { previewError: e.message.split('\n')[0] };
  }
}

/** The clusters' poll interval, within the drill's bounds. @throws ValidationError naming `intervalMs` */
function checkInterval(intervalMs: number | undefined): void {
  const { min, max, default: byDefault } = DRILL_SETTINGS.intervalMs;
  if (intervalMs === undefined || (Number.isInteger(intervalMs) && intervalMs >= min && intervalMs <= max))
    return;
  throw new ValidationError('data drill options', [
    {
      path: 'intervalMs',
      message: `must be a whole number of ms from ${min} to ${max}`,
      value: intervalMs,
      fix: `leave it out for ${byDefault} ms`,
    },
  ]);
}
