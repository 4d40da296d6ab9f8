// The URNs of the resources `src/program/index.ts` registers for a site's MySQL. The type tokens and names are those
// of src/cloud (QcbmEnvironment 'qcbm', its QcbmRegion children named by site, QcbmDataReplication 'qcbm',
// createMysql's `<site>-mysql*`), written out here because src/ops does not load Pulumi; a test checks them
// against the classes.

/** Pulumi's type tokens of the resources concerned. */
export const PULUMI_TYPES = {
  environment: 'qcbm:cloud:Environment',
  region: 'qcbm:cloud:Region',
  dataReplication: 'qcbm:cloud:DataReplication',
  provider: 'pulumi:providers:tencentcloud',
  mysqlInstance: 'tencentcloud:Mysql/instance:Instance',
  mysqlDrInstance: 'tencentcloud:Mysql/drInstance:DrInstance',
  mysqlDatabase: 'tencentcloud:Mysql/database:Database',
  mysqlAccount: 'tencentcloud:Mysql/account:Account',
  mysqlPrivilege: 'tencentcloud:Mysql/privilege:Privilege',
  randomPassword: 'random:index/randomPassword:RandomPassword',
} as const;

/** Which stack of which project. */
export interface StackRef {
  readonly stack: string;
  readonly project: string;
}

/** The URNs of one site's MySQL resources, by what they are. */
export interface SiteUrns {
  /** The site's `qcbm:cloud:Region` component. */
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
  const urn = (types: readonly string[], name: string) =>
    `urn:pulumi:${ref.stack}::${ref.project}::${types.join('$')}::${name}`;
  const inRegion = (type: string, suffix: string) =>
    urn([T.environment, T.region, type], `${componentName}${suffix}`);
  return {
    region: urn([T.environment, T.region], componentName),
    provider: urn([T.environment, T.provider], `tencentcloud-${region}`),
    mysql: inRegion(T.mysqlInstance, '-mysql'),
    database: inRegion(T.mysqlDatabase, '-mysql-db'),
    account: inRegion(T.mysqlAccount, '-mysql-account'),
    privilege: inRegion(T.mysqlPrivilege, '-mysql-privilege'),
    rootPassword: inRegion(T.randomPassword, '-mysql-root'),
    drInstance: urn([T.environment, T.dataReplication, T.mysqlDrInstance], `${componentName}-mysql-dr`),
  };
}
