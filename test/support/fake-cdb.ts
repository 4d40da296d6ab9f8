import { type FakeMonitor, monitorHandlers } from './fake-monitor';
import { type FakeHandler, NO_ANSWER, RESET_CONNECTION } from './fake-tencent-api';

// TencentDB for MySQL as the failover runbook sees it, for the fake Tencent Cloud API: a primary, the DR instance
// being promoted, and how they behave (Cloud Monitor's lag of the DR instance included).

export const PRIMARY = 'cdb-prim0001';
export const DR = 'cdb-drsh0001';
export const OTHER_DR = 'cdb-drgz0001';
/** The DR instance's intranet address (`Vip`): what the writable name points at once it is promoted. */
export const DR_VIP = '10.120.16.8';

/** The cloud the fake answers for: a primary, its DR instances, and how they behave. */
export interface FakeCloud {
  primaryRegion: string;
  drRegion: string;
  /** SyncStatus of the DR instance at the nth DescribeDBInstances of the primary. @default always 2 */
  sync?: (nth: number) => number;
  /** The primary's region does not answer. */
  primaryDown?: typeof RESET_CONNECTION | typeof NO_ANSWER;
  /** DescribeAsyncRequestInfo's Status at the nth poll (the last one repeats). @default ['RUNNING', 'SUCCESS'] */
  promotion?: readonly string[];
  /** Other DR instances the primary lists. */
  otherDrs?: readonly { InstanceId: string; Region: string }[];
  /** Cloud Monitor's SecondsBehindMaster of the DR instance. @default a lag of 0 */
  monitor?: FakeMonitor;
}

export function cloudHandlers(cloud: FakeCloud): Record<string, FakeHandler> {
  let primaryReads = 0;
  // Like the real API: once the task ends SUCCESS, the DR instance is a primary (no MasterInfo).
  let promoted = false;
  const promotion = cloud.promotion ?? ['RUNNING', 'SUCCESS'];
  return {
    ...monitorHandlers(cloud.monitor ?? {}, { instanceId: DR, region: cloud.drRegion }),
    DescribeDBInstances: (params, { region }) => {
      const ids: string[] = params.InstanceIds ?? [];
      if (region === cloud.primaryRegion) {
        if (cloud.primaryDown) return cloud.primaryDown;
        const sync = cloud.sync ? cloud.sync(primaryReads) : 2;
        primaryReads += 1;
        if (!ids.includes(PRIMARY)) return { TotalCount: 0, Items: [] };
        return {
          TotalCount: 1,
          Items: [
            {
              InstanceId: PRIMARY,
              InstanceType: 1,
              Region: cloud.primaryRegion,
              Status: 1,
              DrInfo: [
                { InstanceId: DR, Region: cloud.drRegion, Status: 1, SyncStatus: sync, InstanceType: 2 },
                ...(cloud.otherDrs ?? []).map((d) => ({ ...d, Status: 1, SyncStatus: 2, InstanceType: 2 })),
              ],
            },
          ],
        };
      }
      if (region === cloud.drRegion && ids.includes(DR)) {
        const role = promoted
          ? { InstanceType: 1 }
          : { InstanceType: 2, MasterInfo: { InstanceId: PRIMARY, Region: cloud.primaryRegion, Status: 1 } };
        return {
          TotalCount: 1,
          Items: [{ InstanceId: DR, Region: cloud.drRegion, Status: 1, Vip: DR_VIP, Vport: 3306, ...role }],
        };
      }
      return { TotalCount: 0, Items: [] };
    },
    ModifyDBInstanceReadOnlyStatus: (_params, { region }) =>
      region === cloud.primaryRegion && cloud.primaryDown ? cloud.primaryDown : {},
    SwitchDrInstanceToMaster: (params, { region }) =>
      // Like the real API: the request must go to the DR instance's region.
      region === cloud.drRegion && params.InstanceId === DR
        ? { AsyncRequestId: 'async-req-0001' }
        : {
            error: { Code: 'InvalidParameter', Message: `no DR instance ${params.InstanceId} in ${region}` },
          },
    DescribeAsyncRequestInfo: (_params, { nth }) => {
      const status = promotion[Math.min(nth, promotion.length - 1)];
      if (status === 'SUCCESS') promoted = true;
      return { Status: status, Info: 'switch dr to master' };
    },
  };
}
