import type { DataPoint } from 'tencentcloud-sdk-nodejs/tencentcloud/services/monitor/v20180724/monitor_models';
import type { MonitorApi } from '../tencent/monitor-api';
import { TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FAILOVER_FLAGS, FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';
import { promotionTime } from './fleet-change';
import { formatDuration } from './poll';

/**
 * Cloud Monitor's reading of a DR instance's lag: metric `SecondsBehindMaster` of namespace `QCE/CDB`, in seconds,
 * kept at 5, 60, 300, 3600 and 86400 s periods. Of a DR instance, dimension InstanceId alone (InstanceType 1, its
 * own primary node) reports the link from the primary instance to it, what is lost with the primary's region.
 */
export const LAG_METRIC = {
  namespace: 'QCE/CDB',
  metricName: 'SecondsBehindMaster',
  periodSeconds: 5,
  /** How far back the latest point is looked for (120 points at 5 s; a request may return 7200). */
  windowSeconds: 600,
} as const;

/** What Cloud Monitor said of the DR instance's lag: a value, or why there is none. */
export type LagReading =
  { readonly seconds: number; readonly at: Date; readonly requestId: string } | { readonly unknown: string };

/**
 * GetMonitorData in the DR instance's region (whether or not the primary's region answers): the latest point of
 * its `SecondsBehindMaster` within the window. No point, or an API error (a key without the permission, Cloud
 * Monitor not answering), is logged as one line `replication lag unknown: <why>`, and the check goes on.
 */
export async function readReplicationLag(
  plan: FailoverPlan,
  api: MonitorApi,
  trail: CallTrail,
  log: (line: string) => void,
  now: Date,
): Promise<LagReading> {
  const { target } = plan;
  const unknown = (why: string): LagReading => {
    log(`replication lag unknown: ${why}`);
    return { unknown: why };
  };
  let found;
  try {
    found = await api.getMonitorData({
      Namespace: LAG_METRIC.namespace,
      MetricName: LAG_METRIC.metricName,
      Period: LAG_METRIC.periodSeconds,
      StartTime: apiTime(new Date(now.getTime() - LAG_METRIC.windowSeconds * 1000)),
      EndTime: apiTime(now),
      Instances: [{ Dimensions: [{ Name: 'InstanceId', Value: target.instanceId }] }],
    });
  } catch (e) {
    if (!(e instanceof TencentApiError)) throw e;
    trail.record(
      { action: e.action, region: e.region, requestId: e.requestId, write: false },
      e.message,
      true,
    );
    return unknown(`${e.message}${e.fix ? `; ${e.fix}` : ''}`);
  }
  const call = { action: 'GetMonitorData', region: api.region, requestId: found.RequestId, write: false };
  const where = `GetMonitorData in ${api.region} (request ${found.RequestId})`;
  const point = latestPoint(found.DataPoints ?? [], target.instanceId);
  if (!point) {
    const why = `${where}: no data point of ${LAG_METRIC.namespace} ${LAG_METRIC.metricName} for ${target.instanceId} in the last ${formatDuration(LAG_METRIC.windowSeconds * 1000)}`;
    trail.record(call, why, true);
    return unknown(why);
  }
  if (point.value < 0) {
    const why = `${where}: ${LAG_METRIC.metricName} of ${target.instanceId} is ${point.value} at ${promotionTime(point.at)}, which is no lag (is replication stopped?)`;
    trail.record(call, why, true);
    return unknown(why);
  }
  const bound = point.value > plan.maxLagSeconds ? 'more than' : 'within';
  trail.record(
    call,
    `${target.instanceId} is ${point.value} s behind its primary (${LAG_METRIC.metricName} at ${promotionTime(point.at)}), ${bound} ${FAILOVER_FLAGS.maxLag} ${plan.maxLagSeconds} s`,
  );
  return { seconds: point.value, at: point.at, requestId: found.RequestId };
}

/**
 * A lag above `maxLagSeconds` is refused unless `acceptDataLoss`, which is logged with the loss it accepts. An
 * unknown lag passes: the SyncStatus check still applies.
 * @throws FailoverError
 */
export function checkReplicationLag(
  plan: FailoverPlan,
  lag: LagReading,
  primaryReachable: boolean,
  log: (line: string) => void,
): void {
  if ('unknown' in lag || lag.seconds <= plan.maxLagSeconds) return;
  const { primary, target } = plan;
  const over = `${target.instanceId} is ${lag.seconds} s behind ${primary.instanceId} (Cloud Monitor ${LAG_METRIC.metricName} at ${promotionTime(lag.at)}), more than ${FAILOVER_FLAGS.maxLag} ${plan.maxLagSeconds} s`;
  if (!plan.acceptDataLoss) {
    throw new FailoverError(
      `${over}. Losing the primary's region now would lose about ${lag.seconds} s of committed writes.`,
      `wait until the lag is at most ${plan.maxLagSeconds} s and run again; or allow more with ${FAILOVER_FLAGS.maxLag} <seconds>; or promote anyway, accepting that loss: ${FAILOVER_FLAGS.acceptDataLoss}`,
      lag.requestId,
    );
  }
  const fencing = primaryReachable
    ? 'the primary is fenced first, so the copy can still catch up'
    : 'the primary cannot be fenced';
  log(
    `WARNING: ${over}; going on because of ${FAILOVER_FLAGS.acceptDataLoss}, accepting the loss of up to ${lag.seconds} s of committed writes (${fencing}).`,
  );
}

/** The latest point with a value of the instance's series (the only one asked for). */
function latestPoint(
  series: readonly DataPoint[],
  instanceId: string,
): { readonly value: number; readonly at: Date } | undefined {
  const points = series.find((s) => s.Dimensions?.some((d) => d.Value === instanceId)) ?? series[0];
  const timestamps = points?.Timestamps ?? [];
  const values = points?.Values ?? [];
  let latest: { value: number; at: Date } | undefined;
  timestamps.forEach((t, i) => {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || !Number.isFinite(t)) return;
    if (!latest || t * 1000 > latest.at.getTime()) latest = { value, at: new Date(t * 1000) };
  });
  return latest;
}

/** `2026-12-04T03:12:45+00:00`: the form of the API's examples. */
function apiTime(date: Date): string {
  return promotionTime(date).replace(/Z$/, '+00:00');
}
