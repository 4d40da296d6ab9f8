// The failover runbook of `qcbm-fleet failover`: promote a TencentDB for MySQL disaster-recovery instance.
export { type ApiCallRecord } from './call-trail';
export { LAG_NOTE } from './check-replication';
export { FAILOVER_FLAGS, FailoverError } from './failover-error';
export {
  FAILOVER_DEFAULTS,
  failoverTarget,
  planFailover,
  type FailoverOptions,
  type FailoverPlan,
  type FailoverSite,
} from './failover-options';
export { fleetChange, followUp, type FleetChange, type FollowUpFacts } from './follow-up';
export { PULUMI_TYPES, siteUrns, type SiteUrns, type StackRef } from './pulumi-urns';
export { runFailover, type FailoverInstance, type FailoverResult } from './run-failover';
export { describeSyncStatus, SYNC_STATUS } from './sync-status';
