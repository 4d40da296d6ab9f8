import * as pulumi from '@pulumi/pulumi';
import { RandomPassword } from '@pulumi/random/randomPassword';
import { type RedisArchitecture, type RedisVersion, REGION_DEFAULTS } from '../../model/cloud-schema';
import type { Endpoint } from '../../model/fields';
import { mysqlInstanceParameters } from '../../model/mysql-parameters';
import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import { siteResourceNames } from '../../model/resource-names';
import { SYNC_MODES, type SyncMode } from '../../model/topology/topology-schema';
import { MysqlAccount } from '../tencentcloud/mysql-account';
import { MysqlDatabase } from '../tencentcloud/mysql-database';
import { MysqlInstance, type MysqlInstanceArgs } from '../tencentcloud/mysql-instance';
import { MysqlPrivilege } from '../tencentcloud/mysql-privilege';
import { RedisInstance, redisTypeId } from '../tencentcloud/redis-instance';
import { retained } from '../data/retained';
import type { MysqlAdoption } from '../../model/topology/site-plan';
import { ADOPTION_IGNORED, adoptedInstanceInputs, adoptionOptions, importIdsOf } from './mysql-adoption';
import type { ChildOptions, RegionTags } from './child-options';

/** TencentDB for MySQL created in a region, with the database and account QCBM uses. */
export interface RegionMysqlArgs {
  /** The account the services use. */
  readonly account: pulumi.Input<string>;
  /** Its password (pass a secret). */
  readonly password: pulumi.Input<string>;
  /** '5.7' or '8.0'. @default '8.0' */
  readonly engineVersion?: pulumi.Input<string>;
  /** @default 4000 */
  readonly memSizeMb?: pulumi.Input<number>;
  /** @default 100 */
  readonly volumeSizeGb?: pulumi.Input<number>;
  /** The database QCBM's services use. @default 'qcbm' */
  readonly databaseName?: pulumi.Input<string>;
  /** @default 'utf8' */
  readonly characterSet?: pulumi.Input<string>;
  /** The hosts the account may connect from. @default '%' (the data security group limits who can) */
  readonly accountHost?: pulumi.Input<string>;
  /** What the account may do in the database. @default SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP */
  readonly privileges?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The zone of the instance's standby replica, another zone of the region (e.g. the same-city centre B): the
   * instance then spans two zones.
   * @default - the standby in the instance's own zone
   */
  readonly standbyZone?: pulumi.Input<string>;
  /** How the standby replicates. @default - the provider's default (async) */
  readonly standbySync?: SyncMode;
  /**
   * A promoted disaster-recovery instance to adopt (Pulumi's `import`) instead of creating one, with its database
   * and account, which replicated with the data (`adoptionOptions`).
   * @default - none: the instance is created
   */
  readonly adopt?: MysqlAdoption;
}

/** TencentDB's `slaveSyncMode` of each mode. */
export function slaveSyncMode(mode: SyncMode): number {
  return SYNC_MODES.indexOf(mode);
}

/** TencentDB for Redis created in a region. */
export interface RegionRedisArgs {
  /** 8 to 16 characters (pass a secret). */
  readonly password: pulumi.Input<string>;
  /** Memory in MB; per shard with the cluster architecture. @default 1024 */
  readonly memSizeMb?: pulumi.Input<number>;
  /** @default 6379 */
  readonly port?: pulumi.Input<number>;
  /** '4.0', '5.0', '6.2' or '7.0'; cross-region (global) replication takes only 4.0 and 5.0. @default '5.0' */
  readonly version?: pulumi.Input<RedisVersion>;
  /** 'standard' (a master and its replicas) or 'cluster' (shards). @default 'standard' */
  readonly architecture?: pulumi.Input<RedisArchitecture>;
  /** Replicas of each master, 1 to 5; global replication needs at least 2. @default 2 */
  readonly replicas?: pulumi.Input<number>;
  /** Shards, with the cluster architecture only. @default - none (standard architecture) */
  readonly shards?: pulumi.Input<number>;
}

/** Where the data stores go: the data subnet, behind the data security group. */
export interface DataPlacement {
  /** The instances' name in the console, e.g. `qcbm-ap-guangzhou`. */
  readonly instanceName: string;
  readonly zone: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  readonly tags: RegionTags;
}

/** What `createMysql` creates. */
export interface RegionMysql {
  readonly instance: MysqlInstance;
  readonly endpoint: pulumi.Output<Endpoint>;
  /** The database, the account and its privileges: what the services need before they start. */
  readonly database: MysqlDatabase;
  readonly account: MysqlAccount;
  readonly privilege: MysqlPrivilege;
}

/** A MySQL instance with no public access, a generated root password, the database, account and privileges. */
export function createMysql(
  name: string,
  args: RegionMysqlArgs,
  placement: DataPlacement,
  opts: ChildOptions,
): RegionMysql {
  const defaults = REGION_DEFAULTS.mysql;
  const names = siteResourceNames(name);
  const adopt = args.adopt;
  const engineVersion = args.engineVersion ?? defaults.engineVersion;
  const placed: MysqlInstanceArgs = {
    instanceName: placement.instanceName,
    vpcId: placement.vpcId,
    subnetId: placement.subnetId,
    securityGroups: [placement.securityGroupId],
    tags: placement.tags,
    engineVersion,
    memSize: args.memSizeMb ?? defaults.memSizeMb,
    volumeSize: args.volumeSizeGb ?? defaults.volumeSizeGb,
    availabilityZone: placement.zone,
    internetService: 0,
  };
  const instance = adopt
    ? new MysqlInstance(
        names.mysql,
        { ...placed, ...adoptedInstanceInputs(adopt) },
        retained(adoptionOptions(opts, adopt.instanceId, ADOPTION_IGNORED.instance)),
      )
    : createdInstance(name, args, placed, opts);
  const databaseName = args.databaseName ?? defaults.databaseName;
  const accountHost = args.accountHost ?? defaults.accountHost;
  const idOf = adopt && importIdsOf(adopt, { databaseName, account: args.account, accountHost }, opts.parent);
  const database = new MysqlDatabase(
    names.mysqlDatabase,
    {
      instanceId: instance.id,
      dbName: databaseName,
      characterSetName: args.characterSet ?? defaults.characterSet,
    },
    retained(idOf ? adoptionOptions(opts, idOf.database) : opts),
  );
  const account = new MysqlAccount(
    names.mysqlAccount,
    {
      mysqlId: instance.id,
      name: args.account,
      password: args.password,
      host: accountHost,
      description: 'QCBM services',
    },
    retained(idOf ? adoptionOptions(opts, idOf.account, ADOPTION_IGNORED.account) : opts),
  );
  // No import for a privilege: creating it sets the account's privileges on the database to these, which the
  // adopted account already holds (they replicated with it).
  const privilege = new MysqlPrivilege(
    names.mysqlPrivilege,
    {
      mysqlId: instance.id,
      accountName: account.name,
      accountHost,
      globals: [],
      databases: [{ databaseName, privileges: args.privileges ?? [...defaults.privileges] }],
    },
    retained(opts),
  );
  const endpoint = pulumi
    .all([instance.intranetIp, instance.intranetPort])
    .apply(([host, port]) => ({ host, port }));
  return { instance, endpoint, database, account, privilege };
}

/** A new primary: a generated root password, the MySQL 8.0 parameters QCBM needs, the standby where asked. */
function createdInstance(
  name: string,
  args: RegionMysqlArgs,
  placed: MysqlInstanceArgs,
  opts: ChildOptions,
): MysqlInstance {
  const names = siteResourceNames(name);
  const rootPassword = new RandomPassword(
    names.mysqlRootPassword,
    { length: 20, special: true, overrideSpecial: '-_!@#%^*' },
    { parent: opts.parent },
  );
  return new MysqlInstance(
    names.mysql,
    {
      ...placed,
      // MySQL 8.0: mysql_native_password for the services' Connector/J 5.1 (src/model/mysql-parameters.ts);
      // an Output of undefined (5.7) leaves the input unset.
      parameters: pulumi
        .output(args.engineVersion ?? REGION_DEFAULTS.mysql.engineVersion)
        .apply(mysqlInstanceParameters) as pulumi.Output<Record<string, string>>,
      ...(args.standbyZone === undefined ? {} : { firstSlaveZone: args.standbyZone, slaveDeployMode: 1 }),
      ...(args.standbySync === undefined ? {} : { slaveSyncMode: slaveSyncMode(args.standbySync) }),
      rootPassword: pulumi.secret(rootPassword.result),
    },
    retained(opts),
  );
}

/** What `createRedis` creates. */
export interface RegionRedis {
  readonly instance: RedisInstance;
  readonly endpoint: pulumi.Output<Endpoint>;
}

/** A Redis instance in the data subnet, of the edition its version and architecture name. */
export function createRedis(
  name: string,
  args: RegionRedisArgs,
  placement: DataPlacement,
  opts: ChildOptions,
): RegionRedis {
  const defaults = REGION_DEFAULTS.redis;
  const typeId = pulumi
    .all([args.version ?? defaults.version, args.architecture ?? defaults.architecture])
    .apply(([version, architecture]) => redisTypeId(version, architecture));
  const instance = new RedisInstance(
    siteResourceNames(name).redis,
    {
      vpcId: placement.vpcId,
      subnetId: placement.subnetId,
      securityGroups: [placement.securityGroupId],
      tags: placement.tags,
      availabilityZone: placement.zone,
      memSize: args.memSizeMb ?? defaults.memSizeMb,
      typeId,
      redisReplicasNum: args.replicas ?? defaults.replicas,
      ...(args.shards === undefined ? {} : { redisShardNum: args.shards }),
      name: placement.instanceName,
      password: args.password,
      port: args.port ?? QCBM_DEFAULTS.ports.redis,
    },
    opts,
  );
  const endpoint = pulumi.all([instance.ip, instance.port]).apply(([host, port]) => ({ host, port }));
  return { instance, endpoint };
}
