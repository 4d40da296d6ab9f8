// The URNs of the resources `src/program/index.ts` registers for a site's MySQL, built from the type tokens the
// components and bindings register (src/cloud/type-tokens.ts, plain constants: src/ops does not load Pulumi) and
// the logical names they give (src/model/resource-names.ts).
import { siteResourceNames, tencentCloudProviderName } from '../../model/resource-names';
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
  randomPassword: RANDOM_TYPES.password,
} as const;

/** Which stack of which project. */
export interface StackRef {
  readonly stack: string;
  readonly project: string;
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
  const urn = (types: readonly string[], name: string) =>
    `urn:pulumi:${ref.stack}::${ref.project}::${types.join('$')}::${name}`;
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
