// `@qcbm/fleet/model`: the fleet description, its validation and what a cluster receives at run time.
// Plain TypeScript: loads neither cdk8s nor Pulumi.
export { parseFleet } from './parse-fleet';
export {
  CONFIG_NAMESPACE,
  FLEET_CONFIG_KEY,
  FLEET_CONFIG_NAME,
  loadFleetFromStackFile,
  parseFleetFromStackYaml,
  stackNameOf,
} from './load-fleet';
export {
  AREAS,
  CLUSTER_ROLES,
  fleetSchema,
  JSON_PATCH_OPS,
  type Area,
  type ClusterDifferences,
  type ClusterRole,
  type Fleet,
  type FleetFields,
  type FleetCluster,
  type FleetInput,
  type HardeningExemption,
  type JsonPatchOperation,
  type ObjectRefInput,
  type PatchDifference,
} from './fleet-schema';
export { HARDENING_RULE_IDS, KUBERNETES_HARDENING_RULES, type HardeningRuleId } from './hardening-rules';
export { REGION_DEFAULTS, type CloudConfig, type RegionConfig } from './cloud-schema';
export {
  REDIS_ARCHITECTURES,
  REDIS_SHARD_COUNTS,
  REDIS_VERSIONS,
  type KubernetesApiConfig,
  type KubernetesApiInput,
  type RedisArchitecture,
  type RedisVersion,
} from './cloud-schema';
export {
  clbName,
  consoleNames,
  credentialNames,
  dataReplicationNames,
  deliveryNames,
  ENVIRONMENT_NAME,
  isNamedAfter,
  siteComponentName,
  siteResourceNames,
  tencentCloudProviderName,
  trafficNames,
  type ClbRole,
  type SecurityGroupRole,
  type SubnetRole,
} from './resource-names';
export type { ClusterEndpoints, ComponentResources, Endpoint } from './fields';
export {
  resolveClusters,
  type ClusterLoadBalancers,
  type ClusterRuntime,
  type ResolvedCluster,
} from './cluster-runtime';
export {
  appDeployments,
  appSettings,
  clusterAppSettings,
  fleetAppSettings,
  imageReference,
  isSpread,
  spreadComponents,
  type AppDeploymentName,
  type AppSettings,
  type AppSettingsInput,
  type ComponentSettings,
  type ComponentSettingsInput,
  type ImageParts,
} from './app-settings';
export { formatIssue, ValidationError, type ValidationIssue } from './validation-error';
export {
  QCBM_COMPONENT_NAMES,
  QCBM_COMPONENTS,
  QCBM_CONFIG_KEYS,
  QCBM_DEFAULTS,
  QCBM_SECRET_KEYS,
  type QcbmComponentFacts,
  type QcbmComponentKind,
  type QcbmComponentName,
  type QcbmConfigKey,
  type QcbmSecretKey,
} from './qcbm-components';
export { TENCENT_REGIONS } from './tencent-regions';
export {
  IN_CLUSTER_REPLICAS,
  NACOS_PORTS,
  NACOS_SERVER_SECRET_KEYS,
  REGISTRY_DEFAULTS,
  REGISTRY_MODES,
  TSE_NODE_COUNTS,
  TSE_PRODUCT_VERSIONS,
  TSE_REGIONS,
  tseOffered,
  type NacosConfig,
  type NacosInput,
  type RegistryMode,
  type TseProductVersion,
} from './registry-schema';
export {
  CLUSTER_DOMAIN,
  generatesNacosPassword,
  inClusterNacosEndpoint,
  inClusterNacosHost,
  inClusterRegistries,
  registryIdentity,
  registryOf,
  type SiteRegistry,
} from './topology/site-registry';
export { DRILL_SETTINGS } from './drill-settings';
export {
  STACK_CONFIG_NAMES,
  stackConfigKey,
  type StackConfigKey,
  type StackConfigName,
} from './stack-config';
export {
  DEFAULT_MONITOR_PATH,
  DNSPOD_LINE_NAMES,
  IGTM_DEFAULT_LINE_ID,
  LINE_KEYS,
  SYNC_MODES,
  TOPOLOGY_KINDS,
  type DataLayout,
  type DnspodTraffic,
  type IgtmTraffic,
  type LineKey,
  type SyncMode,
  type Topology,
  type TopologyKind,
  type Traffic,
  ZONE_SOURCES,
  type ZoneSource,
} from './topology/topology-schema';
export {
  DEFAULT_TLS_SECRET_NAME,
  TLS_CERTIFICATE_SOURCES,
  type Tls,
  type TlsCertificateSource,
} from './tls-schema';
export {
  dnspodZones,
  healthCheckOf,
  manualSteps,
  monitorProtocol,
  type DnspodZone,
  type HealthCheck,
} from './public-entry';
export { primaryCluster, redisMasterCluster, sitesOf, type Site } from './topology/sites';
export { SCHEMA_INIT_DEFAULTS, schemaInitTargets, type SchemaInitTarget } from './schema-init';
export { MYSQL_NATIVE_AUTH_PARAMETER, mysqlInstanceParameters } from './mysql-parameters';
export {
  GLOBAL_REDIS_MAX_MEMBERS,
  GLOBAL_REDIS_MIN_REPLICAS,
  GLOBAL_REDIS_VERSIONS,
  GLOBAL_REDIS_ZONES,
} from './topology/replication-limits';
export { clustersNeedingKubeconfigs, createsSite, layoutOf } from './topology/site-layout';
export { sitePlans, type DataPeer, type DataPort, type SitePlan } from './topology/site-plan';
export { accountWideRegion } from './topology/account-wide-region';
export { igtmAccessName, igtmCnameTarget, igtmLineId, igtmLineIds } from './topology/igtm-access';
export { belowPackageFloors, type FloorBreach, type IgtmPackageFloors } from './topology/package-floors';
export { trafficPlan, servingAfterLoss, type LinePlan } from './topology/traffic-plan';
export {
  budgetTerms,
  failoverBudget,
  formatBudgetTerms,
  type BudgetRow,
  type BudgetTerm,
  type BudgetTermsFormat,
  type BudgetVerdict,
} from './topology/failover-budget';
export {
  dataGuarantees,
  dataPlan,
  recoveryPoints,
  type DataPlan,
  type RecoveryPoint,
} from './topology/data-plan';
export {
  backupPlan,
  corruptionRecovery,
  MYSQL_BACKUP_DEFAULTS,
  redisHoldsData,
  type BackupPlan,
} from './topology/backup-plan';
export {
  checkWriteBudget,
  WRITE_FAILOVER_DEFAULTS,
  writeBudget,
  type WriteBudget,
  type WriteTerm,
} from './topology/write-budget';
export {
  HIDDEN_SECRET,
  parseStackOutputs,
  printedStackOutputsSchema,
  STACK_OUTPUTS_VERSION,
  stackOutputsSchema,
  type DataOutputs,
  type PrintedStackOutputs,
  type SiteOutputs,
  type StackOutputs,
  type TrafficOutputs,
} from './stack-outputs';
export {
  COLLECTOR_NETWORKS,
  EGRESS_MODES,
  TRACING_DEFAULTS,
  type CollectorNetwork,
  type EgressMode,
  type TracingConfig,
} from './tracing-schema';
export { collectorNetwork, parseCollectorUrl } from './collector-address';
export { apmRegion, collectorReach, type CollectorReach } from './tracing-plan';
export { pullSecretName, registryHost, type ImagePullSecretConfig } from './image-pull-secret';
export { runtimeNeeds, type NeedsContext, type NeedStatus, type RuntimeNeed } from './runtime-needs';
