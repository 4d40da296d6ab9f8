// The Tencent Cloud provider's type tokens (pulumi-tencentcloud 0.2.3), the only place they are spelled. Plain
// constants with no imports: the bindings take their `TYPE` from here, and src/ops, src/policy, the offline plan
// (src/testing), its report (src/plan) and scripts, which must not load Pulumi for it, read the same constants.

/** The provider's package; its explicit providers register as `pulumi:providers:tencentcloud`. */
export const TENCENTCLOUD_PACKAGE = 'tencentcloud';

/** The type token of an explicit Tencent Cloud provider (`TencentCloudProvider`). */
export const TENCENTCLOUD_PROVIDER_TYPE = `pulumi:providers:${TENCENTCLOUD_PACKAGE}`;

/** The type token of each resource binding, by binding. */
export const TENCENTCLOUD_TYPES = {
  vpc: 'tencentcloud:Vpc/instance:Instance',
  subnet: 'tencentcloud:Subnet/instance:Instance',
  securityGroup: 'tencentcloud:Security/group:Group',
  securityGroupRuleSet: 'tencentcloud:Security/groupRuleSet:GroupRuleSet',
  tkeCluster: 'tencentcloud:Kubernetes/cluster:Cluster',
  tkeNodePool: 'tencentcloud:Kubernetes/nodePool:NodePool',
  tkeClusterEndpoint: 'tencentcloud:Kubernetes/clusterEndpoint:ClusterEndpoint',
  clbInstance: 'tencentcloud:Clb/instance:Instance',
  clbListener: 'tencentcloud:Clb/listener:Listener',
  mysqlInstance: 'tencentcloud:Mysql/instance:Instance',
  mysqlReadonlyInstance: 'tencentcloud:Mysql/readonlyInstance:ReadonlyInstance',
  mysqlDrInstance: 'tencentcloud:Mysql/drInstance:DrInstance',
  mysqlDatabase: 'tencentcloud:Mysql/database:Database',
  mysqlAccount: 'tencentcloud:Mysql/account:Account',
  mysqlPrivilege: 'tencentcloud:Mysql/privilege:Privilege',
  redisInstance: 'tencentcloud:Redis/instance:Instance',
  redisReplicateAttachment: 'tencentcloud:Redis/replicateAttachment:ReplicateAttachment',
  ccnInstance: 'tencentcloud:Ccn/instance:Instance',
  ccnAttachmentV2: 'tencentcloud:Ccn/attachmentV2:AttachmentV2',
  igtmInstance: 'tencentcloud:Igtm/instance:Instance',
  igtmMonitor: 'tencentcloud:Igtm/monitor:Monitor',
  igtmAddressPool: 'tencentcloud:Igtm/addressPool:AddressPool',
  igtmStrategy: 'tencentcloud:Igtm/strategy:Strategy',
  dnspodRecord: 'tencentcloud:Dnspod/record:Record',
  dnspodDomainInstance: 'tencentcloud:Dnspod/domainInstance:DomainInstance',
  sslCertificate: 'tencentcloud:Ssl/certificate:Certificate',
  sslFreeCertificate: 'tencentcloud:Ssl/freeCertificate:FreeCertificate',
  apmInstance: 'tencentcloud:Apm/instance:Instance',
  eipInstance: 'tencentcloud:Eip/instance:Instance',
  natGateway: 'tencentcloud:Nat/gateway:Gateway',
  routeTable: 'tencentcloud:Route/table:Table',
  routeTableEntry: 'tencentcloud:Route/tableEntry:TableEntry',
  routeTableAssociation: 'tencentcloud:Route/tableAssociation:TableAssociation',
  tseInstance: 'tencentcloud:Tse/instance:Instance',
  mysqlBackupPolicy: 'tencentcloud:Mysql/backupPolicy:BackupPolicy',
  mysqlRemoteBackupConfig: 'tencentcloud:Mysql/remoteBackupConfig:RemoteBackupConfig',
  redisBackupConfig: 'tencentcloud:Redis/backupConfig:BackupConfig',
  privateDnsZone: 'tencentcloud:PrivateDns/zone:Zone',
  privateDnsZoneVpcAttachment: 'tencentcloud:PrivateDns/zoneVpcAttachment:ZoneVpcAttachment',
  privateDnsRecord: 'tencentcloud:PrivateDns/record:Record',
} as const;

/** The type token of one of the resource bindings. */
export type TencentCloudType = (typeof TENCENTCLOUD_TYPES)[keyof typeof TENCENTCLOUD_TYPES];

/** The token of each data source (invoke) the bindings call. */
export const TENCENTCLOUD_INVOKES = {
  igtmInstancePackageList: 'tencentcloud:Igtm/getInstancePackageList:getInstancePackageList',
  dnspodDomainList: 'tencentcloud:Dnspod/getDomainList:getDomainList',
  tseAccessAddress: 'tencentcloud:Tse/getAccessAddress:getAccessAddress',
} as const;
