// `@qcbm/fleet/testing`: the offline plan (a Pulumi program run under mocks standing in for Tencent Cloud),
// for tests of your own programs and for `npm run plan`. It installs global Pulumi mocks: not for programs.
export { FakeTencentCloud, type RegisteredResource } from './fake-tencent-cloud';
export {
  planStack,
  type OfflinePlan,
  type OfflinePlanOptions,
  type PlanGroup,
  type PlannedResource,
} from './offline-plan';
export { formatPlan } from './plan-report';
export { cloudViolations, kubernetesViolations, type KubernetesPlanViolation } from './plan-policy';
export { isSecretEnvelope, REDACTED } from './redact';
