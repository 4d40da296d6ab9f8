/** `DrInfo.SyncStatus` of a disaster-recovery instance, as DescribeDBInstances reports it. */
export const SYNC_STATUS = {
  notSynced: 0,
  syncing: 1,
  synced: 2,
  failed: 3,
  repairing: 4,
} as const;

const NAMES: Readonly<Record<number, string>> = {
  0: 'not synced',
  1: 'syncing',
  2: 'synced',
  3: 'sync failed',
  4: 'repairing',
};

/** `SyncStatus 2 (synced)`; `no SyncStatus` where the API gave none. */
export function describeSyncStatus(status: number | undefined): string {
  if (status === undefined) return 'no SyncStatus';
  return `SyncStatus ${status} (${NAMES[status] ?? 'unknown'})`;
}

/** Waiting can bring the copy to 2: it is not synced yet, syncing or repairing (3, failed, needs Tencent). */
export function mayCatchUp(status: number | undefined): boolean {
  return (
    status === SYNC_STATUS.notSynced || status === SYNC_STATUS.syncing || status === SYNC_STATUS.repairing
  );
}
