import { DRILL_SETTINGS } from '../../../model/drill-settings';
import { loadFleetFromStackFile } from '../../../model/load-fleet';
import { formatBudgetTerms } from '../../../model/topology/failover-budget';
import { clustersOutsideLostRegions } from '../../../model/topology/sites';
import { restartsOnFailover, writeBudget } from '../../../model/topology/write-budget';
import { UserError } from '../../../model/user-error';
import { writerName } from '../../../model/writer-name';
import {
  type FailoverOptions,
  type FailoverResult,
  type FailoverStep,
  planFailover,
  runFailover,
} from '../../failover';
import { checkKubeconfigNames, clusterClients } from '../../failover/restart-services';
import type { KubernetesClient } from '../../kubernetes/client';
import type { KubernetesWaitOptions } from '../../kubernetes/wait';
import { failoverPreviewExpectation, failoverPreviewProblems } from '../../pulumi/preview-check';
import { findOnPath, pulumiPreviewArgs, runPulumiPreview } from '../../pulumi/pulumi-preview';
import { checkIntervalMs } from '../watch-options';
import { checkRehearsal, type ClusterRehearsal, rehearsalSteps } from './cluster-rehearsal';
import { checkDrillConfirmation, isProductionStack } from './confirmation';
import {
  compareWithWriteBudget,
  type DataDrillPreview,
  type DataDrillReport,
  type DataDrillSite,
} from './data-drill-report';

/** Properties for `runDataDrill`. */
export interface DataDrillOptions {
  /**
   * The failover to rehearse, as `qcbm-fleet failover` would run it; its `execute` is the drill's, its
   * `kubeconfigs` are not used (the drill restarts the services itself). The stack file and the stack are
   * required: the drill writes the promotion into the one and previews the other.
   */
  readonly failover: FailoverOptions & { readonly stackFile: string; readonly stack: string };
  /** The stack's name, typed in advance (`--confirm`): checked in the dry run too. @default none */
  readonly confirmation?: string;
  /**
   * Asks for the stack's name where a production stack (`isProductionStack`) needs it and `confirmation` is not
   * given; called once everything else is checked, just before the fence. @default - nothing can be asked
   */
  readonly askConfirmation?: (stack: string) => Promise<string | undefined>;
  /** Kubeconfigs (their text) by cluster name: every site's cluster, where the write probe and restart run. */
  readonly kubeconfigs: Readonly<Record<string, string>>;
  /** Where `pulumi preview` runs: the project's directory, and the environment whose PATH holds `pulumi`. */
  readonly pulumi: { readonly cwd: string; readonly env: NodeJS.ProcessEnv };
  /**
   * How often the clusters are asked whether the probe wrote and the services rolled out, in ms, within
   * `DRILL_SETTINGS.intervalMs`. @default 1000
   */
  readonly intervalMs?: number;
  /** How long each site may take to write, and then to roll out, in ms. @default the failover's timeout */
  readonly siteTimeoutMs?: number;
  /** Stops the drill: before the fence, nothing is changed; after, the probes are deleted and the report made. */
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
 * promote, retarget the writable name, write the promotion into the stack file); from every site's cluster the
 * first write through the name (a Job, `writeProbeJob`, created once the primary is fenced) and then the
 * services' restart; then `pulumi preview` of the stack, which must show the failover converging
 * (`failoverPreviewProblems`). Each phase is compared with the write budget. A dry run makes the failover check's
 * read-only calls and says what it would do. Everything the drill needs (each kubeconfig and cluster, `pulumi` on
 * the PATH, the typed name of a production stack) is checked before anything changes; after the fence a site's
 * failure is reported, not thrown, and the probes are always deleted.
 */
export async function runDataDrill(
  options: DataDrillOptions,
  log: (line: string) => void,
): Promise<DataDrillResult> {
  const failover = { ...options.failover, kubeconfigs: {} };
  const fleet = failover.fleet;
  const plan = planFailover(failover);
  const intervalMs = checkIntervalMs(options.intervalMs ?? DRILL_SETTINGS.intervalMs.default);
  const writer = writerName(fleet);
  const budget = writeBudget(fleet);
  if (!writer || !budget) {
    throw new UserError(
      `fleet "${fleet.name}" has no writable name to retarget (its primary MySQL is external): the data drill rehearses the stack's own failover`,
      'drill a stack whose primary site creates its MySQL (mysql.mode: managed)',
    );
  }
  const production = isProductionStack(plan.stack, fleet.name);
  if (production && options.confirmation !== undefined)
    checkDrillConfirmation(plan.stack, options.confirmation);
  const restarts = restartsOnFailover(fleet);
  const sites = clustersOutsideLostRegions(fleet);
  checkKubeconfigNames(fleet, options.kubeconfigs);
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
    if (missing.length > 0) log(`  (--execute needs ${kubeconfigsOf(missing)})`);
    if (production && options.confirmation === undefined)
      log(`  (--execute asks for the stack's name, ${plan.stack}, or takes --confirm ${plan.stack})`);
    log('Nothing was changed: run again with --execute to do it.');
    return { steps, failover: dryRun };
  }
  if (missing.length > 0) {
    throw new UserError(
      `the data drill cannot run: it needs ${kubeconfigsOf(missing)}`,
      'give --kubeconfig NAME=PATH for each, or --outputs from pulumi stack output --json --show-secrets',
    );
  }
  // Before anything changes: the preview's command, every cluster and the typed name: no half-drill is left.
  findOnPath('pulumi', options.pulumi.env);
  const clients = await clusterClients(fleet, options.kubeconfigs);
  const rehearsals = await Promise.all(
    sites.map((c) => checkRehearsal(fleet, c, clients.get(c.name) as KubernetesClient)),
  );
  if (production) {
    checkDrillConfirmation(plan.stack, options.confirmation ?? (await options.askConfirmation?.(plan.stack)));
  }
  if (restarts) {
    log(
      'The failover prints its follow-up as `qcbm-fleet failover` does; the drill restarts the services itself, in each cluster after its first write.',
    );
  }

  const at: Partial<Record<FailoverStep, number>> = {};
  let result: FailoverResult;
  try {
    result = await runFailover(failover, log, {
      beforeChange: () => {
        if (options.signal?.aborted)
          throw new UserError('the drill was stopped before the fence: nothing was changed', 'run it again');
      },
      onStep: (step, ms) => {
        at[step] = ms;
        // The probes' pods start while the promotion runs: their first write measures the name, not a pull.
        if (step === 'fenced') for (const r of rehearsals) r.startProbe();
      },
    });
  } catch (e) {
    await Promise.all(rehearsals.map((r) => r.cleanUp().catch((c: Error) => log(`${r.name}: ${c.message}`))));
    throw e;
  }
  const t0 = at.checked ?? Date.now();
  const retargetedAt = at.retargeted ?? Date.now();
  log(`Waiting for the first write through ${writer.host} from ${sites.length} cluster(s).`);
  const wait: KubernetesWaitOptions = {
    intervalMs,
    timeoutMs: options.siteTimeoutMs ?? plan.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const siteResults = await Promise.all(
    rehearsals.map((r) => rehearseSite(r, retargetedAt, { wait, restarts, signal: options.signal }, log)),
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
        ...(at.fenced === undefined ? {} : { fencedMs: at.fenced - t0 }),
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

function kubeconfigsOf(clusters: readonly string[]): string {
  return `the kubeconfig of ${clusters.join(', ')}`;
}

/**
 * One site after the retarget: its first write, then (unless the fleet lets pools expire, or the drill was
 * stopped) the services' restart; the probe's Job deleted in any case. Times in ms after the retarget.
 */
async function rehearseSite(
  cluster: ClusterRehearsal,
  retargetedAt: number,
  how: { wait: KubernetesWaitOptions; restarts: boolean; signal?: AbortSignal },
  log: (line: string) => void,
): Promise<DataDrillSite> {
  const errors: string[] = [];
  const failed = (what: string) => (e: unknown) => {
    errors.push(`${what}: ${(e as Error).message}`);
    return undefined;
  };
  const wrote = await cluster.firstWrite(how.wait).catch(failed('write probe'));
  if (wrote) {
    log(
      `${cluster.name}: ${wrote.line} (${((wrote.atMs - retargetedAt) / 1000).toFixed(1)} s after the retarget)`,
    );
  }
  let restarted: number | undefined;
  if (how.restarts && how.signal?.aborted) errors.push('restart: not done: the drill was stopped');
  else if (how.restarts) restarted = await cluster.restart(how.wait).catch(failed('restart'));
  await cluster.cleanUp().catch(failed('deleting the write probe'));
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
  if (options.signal?.aborted) return { previewError: `not run: the drill was stopped (run ${command})` };
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
