import { type CdbApi, TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FAILOVER_FLAGS, FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';
import { deadlineIn, formatDuration, sleep } from './poll';
import { describeSyncStatus, mayCatchUp, SYNC_STATUS } from './sync-status';

/** The command that sets an instance read-only (1) or writable (0) again. */
export function readOnlyCommand(region: string, instanceId: string, readOnly: 0 | 1): string {
  return `tccli cdb ModifyDBInstanceReadOnlyStatus --region ${region} --InstanceId ${instanceId} --ReadOnly ${readOnly}`;
}

/**
 * Step 2, where the primary answers: ModifyDBInstanceReadOnlyStatus (ReadOnly=1) in the primary's region, so it
 * takes no write the DR copy would miss; then DescribeDBInstances there every poll interval until the copy reports
 * SyncStatus 2, within the timeout. Not synced by then: an error, unless `acceptDataLoss`.
 * @returns the last SyncStatus read
 */
export async function fencePrimary(
  plan: FailoverPlan,
  api: CdbApi,
  trail: CallTrail,
  log: (line: string) => void,
): Promise<number | undefined> {
  const { primary, target } = plan;
  const undo = `to let it take writes again: ${readOnlyCommand(primary.region, primary.instanceId, 0)}`;
  try {
    const fenced = await api.modifyReadOnlyStatus(primary.instanceId, true);
    trail.record(
      {
        action: 'ModifyDBInstanceReadOnlyStatus',
        region: api.region,
        requestId: fenced.RequestId,
        write: true,
      },
      `primary ${primary.instanceId} set read-only (ReadOnly=1): it takes no more writes`,
    );
  } catch (e) {
    if (!(e instanceof TencentApiError)) throw e;
    throw new FailoverError(
      `Could not set the primary read-only: ${e.message}. Nothing was promoted.`,
      e.unreachable
        ? `run again: where ${primary.region} stays unreachable, the check says so and going on needs ${FAILOVER_FLAGS.acceptDataLoss}`
        : 'fix the cause (the API error above) and run again',
      e.requestId || undefined,
    );
  }

  const deadline = deadlineIn(plan.timeoutMs);
  let status: number | undefined;
  for (;;) {
    let found;
    try {
      found = await api.describeDbInstances({ InstanceIds: [primary.instanceId], WithDr: 1 });
    } catch (e) {
      if (!(e instanceof TencentApiError)) throw e;
      throw new FailoverError(
        `The primary ${primary.instanceId} is read-only, but reading ${target.instanceId}'s sync state failed: ${e.message}. Nothing was promoted.`,
        `run again (the check then goes through ${target.region} where ${primary.region} does not answer); ${undo}`,
        e.requestId || undefined,
      );
    }
    const next = found.Items?.find((i) => i.InstanceId === primary.instanceId)?.DrInfo?.find(
      (d) => d.InstanceId === target.instanceId,
    )?.SyncStatus;
    const changed = next !== status;
    status = next;
    trail.record(
      { action: 'DescribeDBInstances', region: api.region, requestId: found.RequestId, write: false },
      `DR instance ${target.instanceId}: ${describeSyncStatus(status)}`,
      !changed,
    );
    if (status === SYNC_STATUS.synced || !mayCatchUp(status) || deadline.passed()) break;
    await sleep(Math.min(plan.pollIntervalMs, deadline.remainingMs()));
  }
  if (status === SYNC_STATUS.synced) return status;
  const why = mayCatchUp(status)
    ? `did not reach SyncStatus 2 (synced) within ${formatDuration(plan.timeoutMs)}`
    : 'cannot catch up by waiting';
  if (!plan.acceptDataLoss) {
    throw new FailoverError(
      `The primary ${primary.instanceId} is read-only, but ${target.instanceId} ${why} (last: ${describeSyncStatus(status)}). Nothing was promoted.`,
      `wait and run again (the primary stays read-only; ${undo}); or promote anyway and lose what it has not received: ${FAILOVER_FLAGS.acceptDataLoss}`,
    );
  }
  log(
    `WARNING: ${target.instanceId} ${why} (last: ${describeSyncStatus(status)}); promoting anyway because of ${FAILOVER_FLAGS.acceptDataLoss}: the writes it has not received are lost.`,
  );
  return status;
}
