// `@qcbm/fleet/testing`: Pulumi mocks standing in for Tencent Cloud, Kubernetes and random (`FakeTencentCloud`),
// and the offline plan that runs a Pulumi program under them (`planStack`), for tests of your own programs; the
// `qcbm-fleet plan` command runs the same plan and prints it with its report (src/plan). It installs global
// Pulumi mocks: not for programs.
export { type DisasterRecoveryReport, type DrLine, type DrSite } from './disaster-recovery';
export { FakeTencentCloud, type RegisteredResource } from './fake-tencent-cloud';
export {
  planStack,
  type OfflinePlan,
  type OfflinePlanOptions,
  type PlanGroup,
  type PlannedResource,
} from './offline-plan';
export { cloudViolations, kubernetesViolations, type KubernetesPlanViolation } from './plan-policy';
export { isSecretEnvelope, REDACTED } from './redact';
