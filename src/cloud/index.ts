// `@qcbm/fleet/cloud`: the Pulumi components and the Tencent Cloud bindings. Loads @pulumi/pulumi.
export {
  QcbmEnvironment,
  type EnvironmentOutputs,
  type QcbmEnvironmentArgs,
} from './environment/qcbm-environment';
export { regionArgsFromFleet, type RegionArgsContext } from './environment/region-args';
export { sitePlans, type SitePlan } from '../model/topology/site-plan';
export { dataReplicationArgs } from './environment/data-args';
export {
  QcbmDataReplication,
  type DrCopyArgs,
  type DrInstanceSummary,
  type MysqlReplicationArgs,
  type QcbmDataReplicationArgs,
  type RedisReplicationArgs,
  type ReplicationNetwork,
} from './data/qcbm-data-replication';
export {
  checkStackConfig,
  findMissingConfig,
  type MissingConfig,
  type StackSecrets,
} from './environment/required-config';
export { QcbmRegion, type QcbmRegionArgs } from './region/qcbm-region';
export type { RegionNetworkArgs } from './region/network';
export type { NodePoolArgs, RegionKubernetesArgs } from './region/kubernetes';
export type { RegionMysqlArgs, RegionRedisArgs } from './region/data-stores';
export type { DataPeer, DataPort } from './region/security-rules';
export { QcbmDelivery, type QcbmDeliveryArgs } from './delivery/qcbm-delivery';
export {
  expectedDeployments,
  hubReadinessOf,
  waitOnHub,
  type HubReadinessCheck,
  type HubReadinessInput,
} from './delivery/hub-readiness-check';
export { createTracing, withCollector, type ManagedTracing } from './environment/tracing';
export { deliveryPrerequisites } from './environment/delivery-prerequisites';
export {
  QcbmGlobalTraffic,
  type GlobalTrafficCluster,
  type QcbmGlobalTrafficArgs,
} from './traffic/qcbm-global-traffic';
export { QcbmCredentials, type QcbmCredentialsArgs } from './credentials/qcbm-credentials';
export { coversName, createCertificate, type PublishedCertificateArgs } from './entry/certificate';
export { manifestDigest } from './delivery/manifest-digest';
export { SHADOW_API_VERSION } from './delivery/shadow-api';
export { KUBERNETES_TYPES, QCBM_TYPES, RANDOM_TYPES } from './type-tokens';
/** Typed bindings of the Tencent Cloud Pulumi provider's resources (plugin 0.2.3). */
export * as tencentcloud from './tencentcloud';
