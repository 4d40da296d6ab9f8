import { type CdbApi, TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';
import { deadlineIn, formatDuration, sleep } from './poll';

/** DescribeAsyncRequestInfo's end states other than SUCCESS. */
const FAILED = new Set(['FAILED', 'KILLED', 'REMOVED']);
/** Errors that say nothing about the task: keep polling. */
const TRANSIENT_CODES = /^(RequestLimitExceeded|InternalError)/;

/** The command that shows where an asynchronous task is. */
export function asyncRequestCommand(region: string, asyncRequestId: string): string {
  return `tccli cdb DescribeAsyncRequestInfo --region ${region} --AsyncRequestId ${asyncRequestId}`;
}

/**
 * Step 3: SwitchDrInstanceToMaster in the DR instance's region (the API requires it), then
 * DescribeAsyncRequestInfo there every poll interval until SUCCESS. FAILED, KILLED or REMOVED is an error with
 * the task's id; so is the timeout, which says the promotion may still be running. Nothing is ever rolled back.
 * @returns the asynchronous task's id
 */
export async function promoteDr(
  plan: FailoverPlan,
  api: CdbApi,
  trail: CallTrail,
  log: (line: string) => void,
): Promise<string> {
  const { target } = plan;
  let asyncRequestId: string | undefined;
  let requestId: string;
  try {
    const started = await api.switchDrInstanceToMaster(target.instanceId);
    asyncRequestId = started.AsyncRequestId;
    requestId = started.RequestId;
  } catch (e) {
    if (!(e instanceof TencentApiError)) throw e;
    throw new FailoverError(
      e.unreachable
        ? `${e.message}. The promotion may or may not have started.`
        : `${e.message}. Nothing was promoted.`,
      e.unreachable
        ? `look at ${target.instanceId} before running again: DescribeDBInstances in ${target.region} (InstanceType 1: it is the primary now; 2: not promoted)`
        : 'fix the cause (the API error above) and run again; the old primary stays as the previous steps left it',
      e.requestId || undefined,
    );
  }
  trail.record(
    { action: 'SwitchDrInstanceToMaster', region: api.region, requestId, write: true },
    asyncRequestId
      ? `promotion of ${target.instanceId} started (async request ${asyncRequestId})`
      : `promotion of ${target.instanceId} accepted, without an async request id`,
  );
  if (!asyncRequestId) {
    throw new FailoverError(
      `SwitchDrInstanceToMaster returned no AsyncRequestId (request ${requestId}): the promotion cannot be followed.`,
      `look at ${target.instanceId} in ${target.region} (DescribeDBInstances: InstanceType 1 once promoted) before going on`,
      requestId,
    );
  }

  const check = asyncRequestCommand(target.region, asyncRequestId);
  const deadline = deadlineIn(plan.timeoutMs);
  let status: string | undefined;
  do {
    await sleep(Math.min(plan.pollIntervalMs, deadline.remainingMs()));
    let task;
    try {
      task = await api.describeAsyncRequestInfo(asyncRequestId);
    } catch (e) {
      if (!(e instanceof TencentApiError)) throw e;
      if (e.unreachable || TRANSIENT_CODES.test(e.code)) {
        trail.record(
          { action: e.action, region: e.region, requestId: e.requestId, write: false },
          `${e.code}: ${e.detail}; polling again`,
        );
        continue;
      }
      throw new FailoverError(
        `${e.message} while following the promotion of ${target.instanceId} (async request ${asyncRequestId}): it may still be running.`,
        `follow it: ${check}; do not roll back or run the failover again before it has ended`,
        asyncRequestId,
      );
    }
    const changed = task.Status !== status;
    status = task.Status;
    const info = task.Info ? `: ${task.Info}` : '';
    trail.record(
      { action: 'DescribeAsyncRequestInfo', region: api.region, requestId: task.RequestId, write: false },
      `async request ${asyncRequestId} ${status ?? 'has no status'}${info}`,
      !changed && status !== 'SUCCESS',
    );
    if (status === 'SUCCESS') return asyncRequestId;
    if (status !== undefined && FAILED.has(status)) {
      throw new FailoverError(
        `The promotion of ${target.instanceId} in ${target.region} ended ${status}${info} (async request ${asyncRequestId}). Nothing was rolled back.`,
        `read the instance's state before anything else (DescribeDBInstances in ${target.region}, or the TencentDB console); the old primary stays as the previous steps left it`,
        asyncRequestId,
      );
    }
    if (status === 'UNDEFINED' && changed) {
      log(`The promotion waits for ${target.instanceId}'s maintenance window (status UNDEFINED).`);
    }
  } while (!deadline.passed());
  throw new FailoverError(
    `The promotion of ${target.instanceId} in ${target.region} did not finish within ${formatDuration(plan.timeoutMs)} (last status: ${status ?? 'none read'}; async request ${asyncRequestId}): it may still be running. Nothing was rolled back.`,
    `follow it: ${check} (SUCCESS: ${target.instanceId} is the primary, go on with the fleet change and the Pulumi state; FAILED or KILLED: it was not promoted). Do not roll back or run the failover again before it has ended.`,
    asyncRequestId,
  );
}
