// The failover runbook of `qcbm-fleet failover`: promote a TencentDB for MySQL disaster-recovery instance.
export { type ApiCallRecord } from './call-trail';
export { FAILOVER_FLAGS, FailoverError } from './failover-error';
export {
  FAILOVER_DEFAULTS,
  failoverTarget,
  planFailover,
  type FailoverOptions,
  type FailoverPlan,
  type FailoverSite,
} from './failover-options';
export { fleetChange, promotionTime, type FleetChange, type PromotionFacts } from './fleet-change';
export { followUp, type FollowUpFacts } from './follow-up';
export { diffLines, formatChangedLines, type LineChange } from './line-diff';
export { retargetWriterName, type WriterRetarget } from './retarget-writer';
export {
  applyStackFilePromotion,
  STACK_FILE_MYSQL_PATH,
  type StackFilePromotion,
} from './stack-file-promotion';
export { editStackFile, type StackFileEdit } from './stack-file-write';
export { PULUMI_TYPES, siteUrns, type SiteUrns, type StackRef } from './pulumi-urns';
export {
  runFailover,
  type FailoverHooks,
  type FailoverInstance,
  type FailoverResult,
  type FailoverStep,
} from './run-failover';
export { describeSyncStatus, SYNC_STATUS } from './sync-status';
