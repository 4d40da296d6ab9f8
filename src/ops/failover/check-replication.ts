import type { InstanceInfo } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_models';
import type { MonitorApi } from '../tencent/monitor-api';
import { type CdbApi, TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FAILOVER_FLAGS, FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';
import { checkReplicationLag, type LagReading, readReplicationLag } from './replication-lag';
import { describeSyncStatus, SYNC_STATUS } from './sync-status';

/** What step 1 found. */
export interface ReplicationCheck {
  /** The primary's region answered. */
  readonly primaryReachable: boolean;
  /** The DR instance's `SyncStatus` as the primary reports it; undefined where the primary did not answer. */
  readonly syncStatus?: number;
  /** The DR instance's lag in seconds as Cloud Monitor last reported it; undefined where it reported none. */
  readonly lagSeconds?: number;
  /** The primary's other DR instances (they keep replicating from the old primary). */
  readonly otherDrInstances: readonly { readonly instanceId: string; readonly region: string }[];
}

const INSTANCE_TYPES: Readonly<Record<number, string>> = {
  1: 'a primary',
  2: 'a DR instance',
  3: 'a read-only instance',
};

/**
 * Step 1: DescribeDBInstances (WithDr=1) in the primary's region finds the DR instance in the primary's DrInfo and
 * its SyncStatus; then Cloud Monitor's GetMonitorData in the DR region reads its lag (`SecondsBehindMaster`). Not
 * synced, or a lag above `maxLagSeconds`, is refused unless `acceptDataLoss`. Where the primary's region does not
 * answer, the DR instance is read in its own region instead (its MasterInfo must name the primary), its lag too,
 * and going on needs `acceptDataLoss`: nothing can confirm the copy is complete. (No CDB API reports the lag:
 * DescribeDBInstances gives DrInfo.SyncStatus only, and the `MaxDelayTime` fields are thresholds one sets.)
 */
export async function checkReplication(
  plan: FailoverPlan,
  apis: { readonly primary: CdbApi; readonly dr: CdbApi; readonly monitor: MonitorApi },
  trail: CallTrail,
  log: (line: string) => void,
  now: Date,
): Promise<ReplicationCheck> {
  const { primary, target } = plan;
  let found;
  try {
    found = await apis.primary.describeDbInstances({ InstanceIds: [primary.instanceId], WithDr: 1 });
  } catch (e) {
    if (!(e instanceof TencentApiError && e.unreachable)) throw e;
    trail.record(
      { action: e.action, region: e.region, requestId: e.requestId, write: false },
      `the primary's region does not answer (${e.code}: ${e.detail})`,
    );
    return checkFromDrRegion(plan, apis, trail, log, { unreachable: e, now });
  }
  const instance = findInstance(found.Items, primary.instanceId, primary.region, 'primary');
  if (instance.InstanceType !== undefined && instance.InstanceType !== 1) {
    throw new FailoverError(
      `${primary.instanceId} in ${primary.region} is ${INSTANCE_TYPES[instance.InstanceType] ?? `of InstanceType ${instance.InstanceType}`}, not a primary`,
      "give the primary's instance id (`pulumi stack --show-ids`, resource <site>-mysql)",
      found.RequestId,
    );
  }
  const drs = instance.DrInfo ?? [];
  const dr = drs.find((d) => d.InstanceId === target.instanceId);
  if (!dr) {
    const listed = drs.map((d) => `${d.InstanceId} (${d.Region})`).join(', ') || 'none';
    throw new FailoverError(
      `${target.instanceId} is not a disaster-recovery instance of ${primary.instanceId} (its DR instances: ${listed})`,
      `give the DR instance at ${target.cluster.name} (\`pulumi stack output data\`: drInstances)`,
      found.RequestId,
    );
  }
  if (dr.Region !== undefined && dr.Region !== target.region) {
    throw new FailoverError(
      `${target.instanceId} is in ${dr.Region}, but ${target.cluster.name} is in ${target.region}`,
      `give the DR instance in ${target.region}, or promote the site in ${dr.Region}`,
      found.RequestId,
    );
  }
  trail.record(
    { action: 'DescribeDBInstances', region: apis.primary.region, requestId: found.RequestId, write: false },
    `primary ${primary.instanceId} answers; its DR instance ${target.instanceId} in ${target.region}: ${describeSyncStatus(dr.SyncStatus)}`,
  );
  if (dr.Status !== undefined && dr.Status !== 1) {
    throw new FailoverError(
      `${target.instanceId} is not running (Status ${dr.Status}: 0 creating, 4 isolating, 5 isolated); it cannot be promoted`,
      `check ${target.instanceId} in the TencentDB console (${target.region})`,
      found.RequestId,
    );
  }
  const otherDrInstances = drs
    .filter((d) => d !== dr && d.InstanceId)
    .map((d) => ({ instanceId: d.InstanceId ?? '', region: d.Region ?? '' }));
  const lag = await readReplicationLag(plan, apis.monitor, trail, log, now);
  if (dr.SyncStatus !== SYNC_STATUS.synced) {
    if (!plan.acceptDataLoss) {
      throw new FailoverError(
        `${target.instanceId} is not in sync with ${primary.instanceId}: ${describeSyncStatus(dr.SyncStatus)}. Promoting it would lose the writes it has not received.`,
        `wait until it reports SyncStatus 2 (synced) and run again; or promote anyway and lose them: ${FAILOVER_FLAGS.acceptDataLoss}`,
        found.RequestId,
      );
    }
    log(
      `WARNING: ${target.instanceId} is not in sync (${describeSyncStatus(dr.SyncStatus)}); going on because of ${FAILOVER_FLAGS.acceptDataLoss}: the primary is fenced first, then the copy gets the time it needs to catch up.`,
    );
  }
  checkReplicationLag(plan, lag, true, log);
  return { primaryReachable: true, syncStatus: dr.SyncStatus, ...lagOf(lag), otherDrInstances };
}

async function checkFromDrRegion(
  plan: FailoverPlan,
  apis: { readonly dr: CdbApi; readonly monitor: MonitorApi },
  trail: CallTrail,
  log: (line: string) => void,
  { unreachable, now }: { readonly unreachable: TencentApiError; readonly now: Date },
): Promise<ReplicationCheck> {
  const { primary, target } = plan;
  const api = apis.dr;
  const found = await api.describeDbInstances({ InstanceIds: [target.instanceId], WithDr: 1 });
  const dr = findInstance(found.Items, target.instanceId, target.region, 'DR');
  const master = dr.MasterInfo;
  if (dr.InstanceType !== 2 || !master) {
    const what = INSTANCE_TYPES[dr.InstanceType ?? 0] ?? `of InstanceType ${dr.InstanceType}`;
    throw new FailoverError(
      `${target.instanceId} in ${target.region} is ${what}, not a disaster-recovery instance${dr.InstanceType === 1 ? ' (was it promoted already?)' : ''}`,
      `give the DR instance at ${target.cluster.name}; where it was promoted already, go on with the follow-up of a failover (fleet change, state, pulumi up)`,
      found.RequestId,
    );
  }
  if (master.InstanceId !== primary.instanceId) {
    throw new FailoverError(
      `${target.instanceId} replicates from ${master.InstanceId} (${master.Region}), not from ${primary.instanceId}`,
      'give the primary it replicates from, or the DR instance of this primary',
      found.RequestId,
    );
  }
  trail.record(
    { action: 'DescribeDBInstances', region: api.region, requestId: found.RequestId, write: false },
    `DR instance ${target.instanceId} replicates from ${primary.instanceId} (${master.Region ?? primary.region}); only the primary's region reports whether it is in sync`,
  );
  const lag = await readReplicationLag(plan, apis.monitor, trail, log, now);
  log(
    `WARNING: the primary ${primary.instanceId} in ${primary.region} is unreachable: nothing can confirm that ${target.instanceId} holds every committed write, and the primary cannot be fenced.`,
  );
  if (!plan.acceptDataLoss) {
    throw new FailoverError(
      `The primary's region (${primary.region}) does not answer (${unreachable.code}: ${unreachable.detail}), so nothing can confirm that ${target.instanceId} holds every committed write, and the primary cannot be set read-only.`,
      `run again once ${primary.region} answers; or promote anyway, losing what was not replicated and leaving the old primary writable: ${FAILOVER_FLAGS.acceptDataLoss}`,
    );
  }
  checkReplicationLag(plan, lag, false, log);
  return { primaryReachable: false, ...lagOf(lag), otherDrInstances: [] };
}

function lagOf(lag: LagReading): { lagSeconds?: number } {
  return 'unknown' in lag ? {} : { lagSeconds: lag.seconds };
}

function findInstance(
  items: readonly InstanceInfo[] | undefined,
  instanceId: string,
  region: string,
  role: 'primary' | 'DR',
): InstanceInfo {
  const instance = items?.find((i) => i.InstanceId === instanceId);
  if (!instance) {
    throw new FailoverError(
      `There is no TencentDB for MySQL instance ${instanceId} in ${region}`,
      role === 'primary'
        ? "give the primary's instance id (`pulumi stack --show-ids`, resource <site>-mysql); check the fleet's data.mysql.primaryRegion"
        : 'give the DR instance id of the site promoted (`pulumi stack output data`: drInstances)',
    );
  }
  return instance;
}
