import { restartsOnFailover } from '../../model/topology/write-budget';
import { writerName } from '../../model/writer-name';
import type { KubernetesClient } from '../kubernetes/client';
import { monitorApi } from '../tencent/monitor-api';
import { privateDnsApi } from '../tencent/private-dns-api';
import { cdbApi } from '../tencent/tencent-api';
import { type ApiCallRecord, CallTrail } from './call-trail';
import { checkReplication } from './check-replication';
import { fencePrimary, readOnlyCommand } from './fence-primary';
import { FAILOVER_FLAGS, FailoverError } from './failover-error';
import { type FailoverOptions, type FailoverPlan, planFailover } from './failover-options';
import { type FleetChange, fleetChange, promotionTime } from './fleet-change';
import { clustersToRestart, followUp } from './follow-up';
import { checkKubeconfigNames, clusterClients, restartServices } from './restart-services';
import { formatDuration, sleep } from './poll';
import { promoteDr } from './promote-dr';
import { retargetWriterName, type WriterRetarget } from './retarget-writer';
import { editStackFile, type StackFileEdit } from './stack-file-write';

/** An instance and where it is. */
export interface FailoverInstance {
  readonly cluster: string;
  readonly region: string;
  readonly instanceId: string;
}

/** A step of the runbook done, in order; `fenced` only where the old primary answered. */
export type FailoverStep = 'checked' | 'fenced' | 'promoted' | 'retargeted';

/** What a caller (the data drill) watches as the runbook runs. */
export interface FailoverHooks {
  /** Called as each step ends, with `Date.now()` then. */
  readonly onStep?: (step: FailoverStep, atMs: number) => void;
  /** Called after the check, before the first change (the fence); what it throws stops the runbook there. */
  readonly beforeChange?: () => void;
}

/** What `runFailover` did. */
export interface FailoverResult {
  /** False for a dry run: only the check's read calls were made. */
  readonly executed: boolean;
  /** The DR instance is the primary now (its promotion ended SUCCESS). */
  readonly promoted: boolean;
  /** The primary before the failover. */
  readonly primary: FailoverInstance;
  /** The DR instance promoted (or, in a dry run, to promote). */
  readonly target: FailoverInstance;
  /** The primary's region answered. */
  readonly primaryReachable: boolean;
  /** The old primary was set read-only. */
  readonly fenced: boolean;
  /** The DR instance's last SyncStatus read; undefined where the primary's region did not answer. */
  readonly syncStatus?: number;
  /** The DR instance's lag in seconds as Cloud Monitor reported it before fencing; undefined where it reported none. */
  readonly lagSeconds?: number;
  /** The promotion's asynchronous task. */
  readonly asyncRequestId?: string;
  /** The writable name after the fast path; undefined in a dry run. */
  readonly writerName?: WriterRetarget;
  /** The change of the fleet: `data.mysql` naming the promoted site, with the record of the promotion. */
  readonly fleetChange: FleetChange;
  /** The stack file written (or, in a dry run, that would be); undefined where `stackFile` was not given. */
  readonly stackFile?: StackFileEdit;
  /** Every API call, in order. */
  readonly calls: readonly ApiCallRecord[];
  /** The follow-up printed: the fleet file's change, `pulumi preview` and `up`, the old instances. */
  readonly followUp: readonly string[];
}

/**
 * Promotes a TencentDB for MySQL disaster-recovery instance to primary, in order: (1) check that it is in sync
 * (DescribeDBInstances in the primary's region; the DR region's view where the primary does not answer) and that
 * its lag is at most `maxLagSeconds` (Cloud Monitor's SecondsBehindMaster, read in the DR region), (2) fence
 * the old primary (read-only) and let the copy catch up, (3) promote (SwitchDrInstanceToMaster in the DR region)
 * and follow the task to SUCCESS, (4) retarget the writable name to the promoted instance (the fast path) and
 * write the fleet change with the record of the promotion into the stack file, (5) print the follow-up: one
 * `pulumi up` without a refresh. A dry run (`execute: false`) makes the read calls of (1) only, writes nothing and
 * says what it would do.
 *
 * Every API call is logged as one line with its action, the region it was sent to and its request id.
 * @throws ValidationError for invalid options, FailoverError where the runbook refuses or stops (not in sync,
 * lagging more than `maxLagSeconds`, primary unreachable without `acceptDataLoss`, promotion failed or still running; after a promotion, a retarget
 * or a stack file write that failed, with the command to finish by hand), TencentApiError for an API error it
 * cannot handle, TencentSdkMissingError without the SDK
 */
export async function runFailover(
  options: FailoverOptions,
  log: (line: string) => void,
  hooks: FailoverHooks = {},
): Promise<FailoverResult> {
  const plan = planFailover(options);
  const step = (name: FailoverStep) => hooks.onStep?.(name, Date.now());
  const { primary, target } = plan;
  const now = options.now ?? (() => new Date());
  const primaryApi = cdbApi(options.api, primary.region);
  const drApi = cdbApi(options.api, target.region);
  const dnsApi = privateDnsApi(options.api);
  const lagApi = monitorApi(options.api, target.region);
  const trail = new CallTrail(log);
  log(
    `Failover${plan.execute ? '' : ' (dry run: read-only calls only)'}: promote ${target.instanceId} at ${target.cluster.name} (${target.region}) in place of the primary ${primary.instanceId} at ${primary.cluster.name} (${primary.region}).`,
  );

  // The kubeconfigs' names are checked in the dry run too; each is read before anything changes.
  checkKubeconfigNames(options.fleet, options.kubeconfigs ?? {});
  const clients =
    restartsServices(options) && plan.execute
      ? await clusterClients(options.fleet, options.kubeconfigs ?? {})
      : undefined;
  const check = await checkReplication(
    plan,
    { primary: primaryApi, dr: drApi, monitor: lagApi },
    trail,
    log,
    now(),
  );
  step('checked');
  const facts = { primaryReachable: check.primaryReachable, otherDrInstances: check.otherDrInstances };
  const result = {
    primary: { cluster: primary.cluster.name, region: primary.region, instanceId: primary.instanceId },
    target: { cluster: target.cluster.name, region: target.region, instanceId: target.instanceId },
    primaryReachable: check.primaryReachable,
    ...(check.lagSeconds === undefined ? {} : { lagSeconds: check.lagSeconds }),
    calls: trail.calls,
  };

  if (!plan.execute) {
    for (const line of dryRunSteps(plan, check.primaryReachable, options)) log(line);
    const change = fleetChange(plan, { at: promotionTime(now()), primaryReachable: check.primaryReachable });
    const stackFile = options.stackFile
      ? editStackFile(options.stackFile, change.change, primary.region, false)
      : undefined;
    const next = followUp(plan, { ...facts, fenced: check.primaryReachable, change, stackFile });
    log('[dry run] After the promotion, the follow-up would be:');
    for (const line of next) log(line);
    return {
      ...result,
      executed: false,
      promoted: false,
      fenced: false,
      syncStatus: check.syncStatus,
      fleetChange: change,
      ...(stackFile ? { stackFile } : {}),
      followUp: next,
    };
  }

  hooks.beforeChange?.();
  let syncStatus = check.syncStatus;
  if (check.primaryReachable) {
    syncStatus = await fencePrimary(plan, primaryApi, trail, log);
    step('fenced');
  } else {
    log(
      `NOT FENCED: the old primary ${primary.instanceId} in ${primary.region} could not be set read-only (its region does not answer). Set it read-only before it takes writes again: ${readOnlyCommand(primary.region, primary.instanceId, 1)}`,
    );
  }
  const fenced = check.primaryReachable;

  let asyncRequestId: string;
  try {
    asyncRequestId = await promoteDr(plan, drApi, trail, log);
  } catch (e) {
    if (!(e instanceof FailoverError) || !fenced) throw e;
    throw new FailoverError(
      e.message,
      `${e.fix}. The old primary ${primary.instanceId} is read-only; to let it take writes again: ${readOnlyCommand(primary.region, primary.instanceId, 0)}`,
      e.requestId,
    );
  }
  step('promoted');
  const at = promotionTime(now());
  log(`${target.instanceId} in ${target.region} is the primary now.`);

  // From here on the cloud has changed: a step that fails is reported, and the next one still runs.
  let writer: WriterRetarget | undefined;
  let retargetError: FailoverError | undefined;
  try {
    writer = await retargetWriterName(plan, { cdb: drApi, dns: dnsApi }, trail, log);
    step('retargeted');
  } catch (e) {
    if (!(e instanceof FailoverError)) throw e;
    retargetError = e;
    log(`NOT RETARGETED: ${e.message}. ${e.fix}`);
  }
  const change = fleetChange(plan, { at, asyncRequestId, primaryReachable: check.primaryReachable });
  let stackFile: StackFileEdit | undefined;
  if (options.stackFile) {
    try {
      stackFile = editStackFile(options.stackFile, change.change, primary.region, true);
    } catch (e) {
      if (!(e instanceof FailoverError)) throw e;
      const retarget = retargetError ? `; and the writable name: ${retargetError.fix}` : '';
      throw new FailoverError(
        `${target.instanceId} is the primary, but the fleet does not say so yet: ${e.message}`,
        `${e.fix}: ${change.lines.join('; ')}${retarget}`,
        e.requestId,
      );
    }
    log(`Wrote the failover into ${stackFile.path} (data.mysql: primaryRegion ${target.region}, promotion).`);
  }
  const restarted = clients ? await restartAfterRetarget(plan, change, writer, clients, log) : undefined;
  const next = followUp(plan, { ...facts, fenced, change, stackFile, ...(restarted ? { restarted } : {}) });
  for (const line of next) log(line);
  if (retargetError) {
    throw new FailoverError(
      retargetError.message,
      `${retargetError.fix}${stackFile ? `. The stack file ${stackFile.path} records the promotion; go on with the follow-up above` : ''}`,
      retargetError.requestId,
    );
  }
  return {
    ...result,
    executed: true,
    promoted: true,
    fenced,
    syncStatus,
    asyncRequestId,
    ...(writer ? { writerName: writer } : {}),
    fleetChange: change,
    ...(stackFile ? { stackFile } : {}),
    followUp: next,
  };
}

/**
 * The services restarted where kubeconfigs are given, once the name points at the promoted instance and its old
 * answer has left resolvers' caches (the record's TTL): a pool restarted before would connect to the fenced
 * primary again and keep those connections. Undefined where nothing was restarted.
 */
async function restartAfterRetarget(
  plan: FailoverPlan,
  change: FleetChange,
  writer: WriterRetarget | undefined,
  clients: ReadonlyMap<string, KubernetesClient>,
  log: (line: string) => void,
): Promise<readonly string[] | undefined> {
  if (!writer?.retargeted) return undefined;
  const clusters = clustersToRestart(plan, change).filter((c) => clients.has(c.name));
  if (clusters.length === 0) return undefined;
  const ttl = writer.ttlSeconds ?? 0;
  log(
    `Waiting ${ttl} s (the record's TTL) for resolvers to drop the old address, then restarting the services that hold MySQL connections in ${clusters.map((c) => c.name).join(', ')}.`,
  );
  await sleep(ttl * 1000);
  // Rollouts take seconds to minutes: reading them more often than every 0.5 s only loads the API servers.
  const wait = { intervalMs: Math.max(plan.pollIntervalMs, ROLLOUT_POLL_MS), timeoutMs: plan.timeoutMs };
  const result = await restartServices(plan.fleet, clusters, clients, wait, log);
  return result.restarted;
}

/** The least time between two reads of a rollout, in ms. */
const ROLLOUT_POLL_MS = 500;

/** Kubeconfigs are given and the fleet restarts its services on a failover (not `reconnect: pool-lifetime`). */
function restartsServices(options: FailoverOptions): boolean {
  return Object.keys(options.kubeconfigs ?? {}).length > 0 && restartsOnFailover(options.fleet);
}

function dryRunSteps(plan: FailoverPlan, primaryReachable: boolean, options: FailoverOptions): string[] {
  const { primary, target } = plan;
  const every = `every ${formatDuration(plan.pollIntervalMs)} for up to ${formatDuration(plan.timeoutMs)}`;
  return [
    primaryReachable
      ? `[dry run] not done: ModifyDBInstanceReadOnlyStatus in ${primary.region}: set the primary ${primary.instanceId} read-only (ReadOnly=1), then DescribeDBInstances there ${every} until ${target.instanceId} reports SyncStatus 2.`
      : `[dry run] not done, and not possible: fencing the primary ${primary.instanceId} (its region ${primary.region} does not answer); it would be left writable.`,
    `[dry run] not done: SwitchDrInstanceToMaster in ${target.region}: promote ${target.instanceId}, then DescribeAsyncRequestInfo there ${every} until SUCCESS.`,
    writerName(plan.fleet)
      ? `[dry run] not done: ModifyPrivateZoneRecord: point ${writerName(plan.fleet)?.host} at ${target.instanceId}'s address (DescribeDBInstances in ${target.region}, DescribePrivateZoneList, DescribePrivateZoneRecordList first).`
      : '[dry run] no writable name to retarget (the stack creates no primary MySQL).',
    plan.stackFile
      ? `[dry run] not done: writing the fleet change and the record of the promotion into ${plan.stackFile}.`
      : '[dry run] no stack file given: the follow-up lists the fleet change to make by hand.',
    restartsServices(options)
      ? `[dry run] not done: restarting the services that hold MySQL connections in ${plan.fleet.clusters
          .filter((c) => options.kubeconfigs?.[c.name])
          .map((c) => c.name)
          .join(', ')} (their kubeconfigs are given) and waiting for the rollouts.`
      : '[dry run] no restart here (no kubeconfig given, or topology.writeFailover.reconnect: pool-lifetime): the follow-up prints it.',
    `[dry run] Nothing was changed. To fail over: run again with ${FAILOVER_FLAGS.execute}.`,
  ];
}
