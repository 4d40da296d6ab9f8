// The name home: every Pulumi logical name the library registers, and the cloud-side names Tencent Cloud holds
// unique (the CLBs'). The components, the offline plan, the failover runbook (which rebuilds URNs from these
// names) and the scripts all call the functions here, so a name changes in one place. A changed logical name
// moves the resource's URN, and `pulumi up` would replace it: these names do not change without an alias.
import { z } from 'zod';

export { siteComponentName } from './topology/site-layout';

/** The name the Pulumi program gives its one `QcbmEnvironment`; its direct children are named after it. */
export const ENVIRONMENT_NAME = 'qcbm';

/** The explicit Tencent Cloud provider of a region (one per region): `tencentcloud-<region>`. */
export function tencentCloudProviderName(region: string): string {
  return `tencentcloud-${region}`;
}

/**
 * True where a logical name is `prefix` itself or starts with `<prefix>-`: how the names of a site's resources
 * carry the site, and those of a cluster's delivery the cluster's provider.
 */
export function isNamedAfter(prefix: string, name: string): boolean {
  return name === prefix || name.startsWith(`${prefix}-`);
}

/** The subnets of a site: the TKE nodes' (and the internal CLB's), the data stores'. */
export type SubnetRole = 'nodes' | 'data';
/** The security groups of a site: its subnets' and, for a public Kubernetes API, the API endpoint's. */
export type SecurityGroupRole = SubnetRole | 'api';
/** The roles of a region's CLBs: the public one of the Ingress, the internal one of api-gateway. */
export type ClbRole = 'ingress' | 'gateway';

/**
 * The logical names of a site's resources. All but the disaster-recovery instance are children of the site's
 * region component, which is named `site` (`siteComponentName`); each carries the site as its prefix.
 */
export function siteResourceNames(site: string) {
  return {
    vpc: `${site}-vpc`,
    subnet: (role: SubnetRole) => `${site}-${role}`,
    securityGroup: (role: SecurityGroupRole) => `${site}-${role}-sg`,
    securityGroupRules: (role: SecurityGroupRole) => `${site}-${role}-rules`,
    tkeCluster: `${site}-tke`,
    nodePool: `${site}-pool`,
    apiEndpoint: `${site}-api`,
    clb: (role: ClbRole) => `${site}-${role}-clb`,
    mysql: `${site}-mysql`,
    mysqlRootPassword: `${site}-mysql-root`,
    mysqlDatabase: `${site}-mysql-db`,
    mysqlAccount: `${site}-mysql-account`,
    mysqlPrivilege: `${site}-mysql-privilege`,
    redis: `${site}-redis`,
    /** The way out of `egress: nat`: the NAT gateway's EIP, the gateway, the node subnet's route table and route. */
    natEip: `${site}-nat-eip`,
    natGateway: `${site}-nat`,
    nodeRouteTable: `${site}-nodes-routes`,
    nodeDefaultRoute: `${site}-nodes-default-route`,
    nodeRouteAssociation: `${site}-nodes-routes-association`,
    /** The site's TSE Nacos. */
    nacos: `${site}-nacos`,
    /** The site's disaster-recovery instance of the primary, a child of the data replication component. */
    mysqlDr: `${site}-mysql-dr`,
  } as const;
}

/** The logical names of the shared credentials' generated passwords (children of `QcbmCredentials` `name`). */
export function credentialNames(name: string) {
  return {
    mysqlPassword: `${name}-mysql`,
    redisPassword: `${name}-redis`,
    /** The Nacos user's password the services log in with (NACOS_PASSWORD). */
    nacosPassword: `${name}-nacos`,
    /** An in-cluster Nacos's token key (NACOS_AUTH_TOKEN) and server identity value (NACOS_AUTH_IDENTITY_VALUE). */
    nacosAuthToken: `${name}-nacos-token`,
    nacosIdentity: `${name}-nacos-identity`,
  } as const;
}

/** The logical names of the data across sites (children of `QcbmDataReplication` `name`). */
export function dataReplicationNames(name: string) {
  return {
    ccn: `${name}-ccn`,
    /** A site's network's attachment to the Cloud Connect Network. */
    ccnAttachment: (site: string) => `${name}-ccn-${site}`,
    redisGroup: `${name}-redis-group`,
    /** The primary MySQL's backup policy and its cross-region copy. */
    mysqlBackupPolicy: `${name}-mysql-backup`,
    mysqlRemoteBackup: `${name}-mysql-remote-backup`,
    /** The backup of a site's Redis that holds data. */
    redisBackup: (site: string) => `${name}-redis-backup-${site}`,
  } as const;
}

/** The logical names of the writable MySQL's private name (children of `QcbmEnvironment` `name`). */
export function writerNameNames(name: string) {
  return {
    zone: `${name}-writer-zone`,
    /** A site's VPC joined to the zone. */
    zoneAttachment: (site: string) => `${name}-writer-zone-${site}`,
    record: `${name}-writer-record`,
  } as const;
}

/** The logical name of the APM instance an environment creates (a child of `QcbmEnvironment` `name`). */
export function tracingNames(name: string) {
  return { apm: `${name}-apm` } as const;
}

/** The logical names of the global traffic layer (children of `QcbmGlobalTraffic` `name`). */
export function trafficNames(name: string) {
  return {
    igtmInstance: `${name}-instance`,
    igtmMonitor: `${name}-monitor`,
    igtmPool: (cluster: string) => `${name}-pool-${cluster}`,
    igtmStrategy: (line: string) => `${name}-strategy-${line}`,
    /** The published name's CNAME to IGTM's access name. */
    cname: `${name}-cname`,
    /** DNSPod without IGTM: the record publishing a cluster's address on a line. */
    dnspodRecord: (line: string, cluster: string) => `${name}-${line}-${cluster}`,
    /** A DNSPod zone the stack creates. */
    zone: (zone: string) => `${name}-zone-${zone}`,
  } as const;
}

/**
 * The logical name of the published name's certificate (a child of the environment `name`). A free certificate's
 * carries its renewal: a new number is a new certificate, created before the old one is deleted.
 */
export function certificateName(name: string, renewal?: number): string {
  return renewal ? `${name}-certificate-${renewal}` : `${name}-certificate`;
}

/**
 * The logical names of app delivery (children of `QcbmDelivery` `name`): Kubernetes providers, ConfigGroups and the
 * key of the Secret checksums.
 */
export function deliveryNames(name: string) {
  return {
    hubProvider: `${name}-hub`,
    hubApp: `${name}-hub-app`,
    hubDistribution: `${name}-hub-distribution`,
    clusterProvider: (cluster: string) => `${name}-${cluster}`,
    clusterApp: (cluster: string) => `${name}-${cluster}-app`,
    /** The generated key of the pods' Secret checksums (HMAC), where the delivery holds the Secret's values. */
    secretsChecksumKey: `${name}-secrets-checksum-key`,
  } as const;
}

/**
 * The names Tencent Cloud shows for the resources (console names; the CLBs' are `clbName`). The provider replaces
 * a resource whose name changes for most of them, so these do not change either.
 */
export const consoleNames = {
  /** A region's VPC. */
  vpc: (region: string) => `qcbm-${region}`,
  subnet: (role: SubnetRole) => `qcbm-${role}`,
  securityGroup: (role: SecurityGroupRole) => `qcbm-${role}`,
  /** The TKE cluster of a fleet cluster. */
  tkeCluster: (cluster: string) => `qcbm-${cluster}`,
  nodePool: 'qcbm-workers',
  /** A site's MySQL and Redis instances: the region, and the site where the region holds two. */
  dataInstance: (region: string, site?: string) =>
    site === undefined ? `qcbm-${region}` : `qcbm-${region}-${site}`,
  /** A disaster-recovery instance of the primary MySQL, in its region. */
  drInstance: (region: string) => `qcbm-${region}-dr`,
  /** A site's NAT gateway and its EIP, and the node subnet's route table. */
  natGateway: 'qcbm-nat',
  nodeRouteTable: 'qcbm-nodes',
  /** The APM instance of an environment. */
  apm: (environment: string) => `qcbm-${environment}`,
  /** The Cloud Connect Network of an environment. */
  ccn: (environment: string) => `qcbm-${environment}`,
  /** IGTM's instance and monitor (no suffix), a cluster's pool and a line's strategy: unique in the account. */
  igtm: (environment: string, suffix?: string) => ['qcbm', environment, suffix].filter(Boolean).join('-'),
  /** The published name's certificate (a free one's carries its renewal). */
  certificate: (environment: string, renewal?: number) =>
    ['qcbm', environment, renewal ? `r${renewal}` : undefined].filter(Boolean).join('-'),
} as const;

/** The longest CLB name Tencent Cloud accepts (CreateLoadBalancer, LoadBalancerName: 1-60 characters). */
export const CLB_NAME_MAX_LENGTH = 60;

/**
 * A CLB's name. The provider refuses a second CLB with a name already used in the region and account, so the
 * name carries the environment (staging and prod may share both) and, where the region holds two sites of the
 * environment, the site's cluster.
 */
export function clbName(environment: string, role: ClbRole, site?: string): string {
  return site === undefined ? `qcbm-${environment}-${role}` : `qcbm-${environment}-${site}-${role}`;
}

/** The longest environment name whose CLB names fit. */
export const MAX_ENVIRONMENT_NAME_FOR_CLBS = CLB_NAME_MAX_LENGTH - clbName('', 'gateway').length;

const CLB_NAME_CHARS = /^[A-Za-z0-9_-]+$/;

/** An environment name the CLB names of a region can carry. */
export const clbEnvironmentName = z
  .string()
  .regex(CLB_NAME_CHARS, { message: 'must be letters, digits, "-" or "_" (it goes into CLB names)' })
  .refine((name) => name.length <= MAX_ENVIRONMENT_NAME_FOR_CLBS, {
    message: `is too long for the CLB names it goes into ("${clbName('<name>', 'gateway')}", at most ${CLB_NAME_MAX_LENGTH} characters)`,
    params: { fix: `use at most ${MAX_ENVIRONMENT_NAME_FOR_CLBS} characters` },
  });

/** A site's name as its CLB names carry it (where its region holds two sites of the environment). */
export const clbSiteName = z
  .string()
  .regex(CLB_NAME_CHARS, { message: 'must be letters, digits, "-" or "_" (it goes into CLB names)' });

/** Why the CLB names of a site would be refused for their length, with the fix; undefined when they fit. */
export function clbNameTooLong(
  environment: string,
  site?: string,
): { message: string; fix: string } | undefined {
  const name = clbName(environment, 'gateway', site);
  if (name.length <= CLB_NAME_MAX_LENGTH) return undefined;
  return {
    message: `makes a CLB name of ${name.length} characters ("${name}"), longer than the ${CLB_NAME_MAX_LENGTH} Tencent Cloud accepts`,
    fix: `shorten the ${site === undefined ? 'environment' : 'site (cluster) or environment'} name by ${name.length - CLB_NAME_MAX_LENGTH} characters`,
  };
}

/** Refines `{ environment, site }`: the CLB names they make must fit. */
export function clbNamesFit(parts: { environment: string; site?: string }, ctx: z.RefinementCtx): void {
  if (parts.site === undefined) return;
  const tooLong = clbNameTooLong(parts.environment, parts.site);
  if (tooLong)
    ctx.addIssue({ code: 'custom', path: ['site'], message: tooLong.message, params: { fix: tooLong.fix } });
}
