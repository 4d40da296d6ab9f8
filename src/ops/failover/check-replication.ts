import type { InstanceInfo } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_models';
import { type CdbApi, TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FAILOVER_FLAGS, FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';
import { describeSyncStatus, SYNC_STATUS } from './sync-status';

/** What step 1 found. */
export interface ReplicationCheck {
  /** The primary's region answered. */
  readonly primaryReachable: boolean;
  /** The DR instance's `SyncStatus` as the primary reports it; undefined where the primary did not answer. */
  readonly syncStatus?: number;
  /** The primary's other DR instances (they keep replicating from the old primary). */
  readonly otherDrInstances: readonly { readonly instanceId: string; readonly region: string }[];
}

/**
 * No CDB API reports how far a DR instance lags: DescribeDBInstances gives DrInfo.SyncStatus only, and the
 * `MaxDelayTime` fields are thresholds one sets, not measurements.
 */
export const LAG_NOTE =
  'Replication lag: no TencentDB API reports how far a DR instance lags (DescribeDBInstances gives DrInfo.SyncStatus only), so the check relies on SyncStatus 2 (synced); Cloud Monitor has the lag metrics.';

const INSTANCE_TYPES: Readonly<Record<number, string>> = {
  1: 'a primary',
  2: 'a DR instance',
  3: 'a read-only instance',
};

/**
 * Step 1: DescribeDBInstances (WithDr=1) in the primary's region finds the DR instance in the primary's DrInfo and
 * its SyncStatus; not synced is refused unless `acceptDataLoss`. Where the primary's region does not answer, the
 * DR instance is read in its own region instead (its MasterInfo must name the primary), and going on needs
 * `acceptDataLoss`: nothing can confirm the copy is complete.
 */
export async function checkReplication(
  plan: FailoverPlan,
  apis: { readonly primary: CdbApi; readonly dr: CdbApi },
  trail: CallTrail,
  log: (line: string) => void,
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
    return checkFromDrRegion(plan, apis.dr, trail, log, e);
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
  log(LAG_NOTE);
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
  return { primaryReachable: true, syncStatus: dr.SyncStatus, otherDrInstances };
}

async function checkFromDrRegion(
  plan: FailoverPlan,
  api: CdbApi,
  trail: CallTrail,
  log: (line: string) => void,
  unreachable: TencentApiError,
): Promise<ReplicationCheck> {
  const { primary, target } = plan;
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
  log(LAG_NOTE);
  log(
    `WARNING: the primary ${primary.instanceId} in ${primary.region} is unreachable: nothing can confirm that ${target.instanceId} holds every committed write, and the primary cannot be fenced.`,
  );
  if (!plan.acceptDataLoss) {
    throw new FailoverError(
      `The primary's region (${primary.region}) does not answer (${unreachable.code}: ${unreachable.detail}), so nothing can confirm that ${target.instanceId} holds every committed write, and the primary cannot be set read-only.`,
      `run again once ${primary.region} answers; or promote anyway, losing what was not replicated and leaving the old primary writable: ${FAILOVER_FLAGS.acceptDataLoss}`,
    );
  }
  return { primaryReachable: false, otherDrInstances: [] };
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
