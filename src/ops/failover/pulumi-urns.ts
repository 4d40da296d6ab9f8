// The URNs of the resources `src/program/index.ts` registers for a site's MySQL, built from the type tokens the
// components and bindings register (src/cloud/type-tokens.ts, plain constants: src/ops does not load Pulumi) and
// the logical names they give (src/model/resource-names.ts).
import {
  dataReplicationNames,
  ENVIRONMENT_NAME,
  siteResourceNames,
  tencentCloudProviderName,
  writerNameNames,
} from '../../model/resource-names';
import {
  QCBM_TYPES,
  RANDOM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../../cloud/type-tokens';

/** Pulumi's type tokens of the resources concerned. */
export const PULUMI_TYPES = {
  environment: QCBM_TYPES.environment,
  region: QCBM_TYPES.region,
  dataReplication: QCBM_TYPES.dataReplication,
  provider: TENCENTCLOUD_PROVIDER_TYPE,
  mysqlInstance: TENCENTCLOUD_TYPES.mysqlInstance,
  mysqlDrInstance: TENCENTCLOUD_TYPES.mysqlDrInstance,
  mysqlDatabase: TENCENTCLOUD_TYPES.mysqlDatabase,
  mysqlAccount: TENCENTCLOUD_TYPES.mysqlAccount,
  mysqlPrivilege: TENCENTCLOUD_TYPES.mysqlPrivilege,
  mysqlBackupPolicy: TENCENTCLOUD_TYPES.mysqlBackupPolicy,
  mysqlRemoteBackupConfig: TENCENTCLOUD_TYPES.mysqlRemoteBackupConfig,
  privateDnsRecord: TENCENTCLOUD_TYPES.privateDnsRecord,
  randomPassword: RANDOM_TYPES.password,
} as const;

/** Which stack of which project. */
export interface StackRef {
  readonly stack: string;
  readonly project: string;
}

/**
 * A resource's URN as the Pulumi engine builds it: the type tokens of its ancestors below the stack, from the
 * top-level component down, joined by `$` with its own last, then its logical name.
 */
export function pulumiUrn(ref: StackRef, types: readonly string[], name: string): string {
  return `urn:pulumi:${ref.stack}::${ref.project}::${types.join('$')}::${name}`;
}

/** A URN taken apart: its stack, project, type chain (the resource's own type last) and logical name. */
export interface UrnParts extends StackRef {
  readonly types: readonly string[];
  readonly name: string;
}

/** The parts of a URN (`pulumiUrn`'s inverse); undefined for a string that is not one. */
export function urnParts(urn: string): UrnParts | undefined {
  const match = /^urn:pulumi:(.*?)::(.*?)::(.*?)::(.*)$/s.exec(urn);
  if (!match) return undefined;
  const [, stack, project, qualifiedType, name] = match;
  return { stack, project, types: qualifiedType.split('$'), name };
}

/** The URNs of one site's MySQL resources, by what they are. */
export interface SiteUrns {
  /** The site's region component (`QcbmRegion`). */
  readonly region: string;
  /** The region's Tencent Cloud provider (`tencentcloud-<region>`). */
  readonly provider: string;
  /** `<site>-mysql`: the instance a primary site creates. */
  readonly mysql: string;
  readonly database: string;
  readonly account: string;
  readonly privilege: string;
  readonly rootPassword: string;
  /** `<site>-mysql-dr`: the disaster-recovery instance a DR site gets. */
  readonly drInstance: string;
}

/** The URNs of a site's MySQL resources. */
export function siteUrns(ref: StackRef, componentName: string, region: string): SiteUrns {
  const T = PULUMI_TYPES;
  const names = siteResourceNames(componentName);
  const urn = (types: readonly string[], name: string) => pulumiUrn(ref, types, name);
  const inRegion = (type: string, name: string) => urn([T.environment, T.region, type], name);
  return {
    region: urn([T.environment, T.region], componentName),
    provider: urn([T.environment, T.provider], tencentCloudProviderName(region)),
    mysql: inRegion(T.mysqlInstance, names.mysql),
    database: inRegion(T.mysqlDatabase, names.mysqlDatabase),
    account: inRegion(T.mysqlAccount, names.mysqlAccount),
    privilege: inRegion(T.mysqlPrivilege, names.mysqlPrivilege),
    rootPassword: inRegion(T.randomPassword, names.mysqlRootPassword),
    drInstance: urn([T.environment, T.dataReplication, T.mysqlDrInstance], names.mysqlDr),
  };
}

/** The URNs of the environment's resources that follow the primary MySQL from site to site. */
export interface PrimaryFollowerUrns {
  /** The primary's backup policy (`QcbmDataReplication`'s `<env>-mysql-backup`). */
  readonly backupPolicy: string;
  /** The cross-region copy of its backups and binlogs (`<env>-mysql-remote-backup`). */
  readonly remoteBackup: string;
  /** The writable name's private DNS record (`<env>-writer-record`, a child of the environment). */
  readonly writerRecord: string;
}

/** The URNs of what follows the primary MySQL: its backups and the writable name's record. */
export function primaryFollowerUrns(ref: StackRef): PrimaryFollowerUrns {
  const T = PULUMI_TYPES;
  const data = dataReplicationNames(ENVIRONMENT_NAME);
  const replication = (type: string, name: string) =>
    pulumiUrn(ref, [T.environment, T.dataReplication, type], name);
  return {
    backupPolicy: replication(T.mysqlBackupPolicy, data.mysqlBackupPolicy),
    remoteBackup: replication(T.mysqlRemoteBackupConfig, data.mysqlRemoteBackup),
    writerRecord: pulumiUrn(
      ref,
      [T.environment, T.privateDnsRecord],
      writerNameNames(ENVIRONMENT_NAME).record,
    ),
  };
}
