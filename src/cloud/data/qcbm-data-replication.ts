import * as pulumi from '@pulumi/pulumi';
import { consoleNames, dataReplicationNames, siteResourceNames } from '../../model/resource-names';
import { MYSQL_BACKUP_WINDOW, REDIS_BACKUP_WINDOW } from '../../model/topology/backup-plan';
import type { SyncMode } from '../../model/topology/topology-schema';
import type { RegionTags } from '../region/child-options';
import { slaveSyncMode } from '../region/data-stores';
import { CcnAttachmentV2 } from '../tencentcloud/ccn-attachment-v2';
import { CcnInstance } from '../tencentcloud/ccn-instance';
import { MysqlBackupPolicy } from '../tencentcloud/mysql-backup-policy';
import { MysqlDrInstance } from '../tencentcloud/mysql-dr-instance';
import { MysqlRemoteBackupConfig } from '../tencentcloud/mysql-remote-backup-config';
import { retained } from './retained';
import type { TencentCloudProvider } from '../tencentcloud/provider';
import { RedisBackupConfig } from '../tencentcloud/redis-backup-config';
import { RedisReplicateAttachment } from '../tencentcloud/redis-replicate-attachment';
import { QCBM_TYPES } from '../type-tokens';

/** A site's network, joined to the others by the Cloud Connect Network. */
export interface ReplicationNetwork {
  /** The site's logical name (its region component's), e.g. `ap-shanghai`; names the attachment. */
  readonly name: string;
  readonly region: string;
  readonly vpcId: pulumi.Input<string>;
}

/** A disaster-recovery instance of the primary MySQL at another region's site. */
export interface DrCopyArgs {
  /** The site's logical name; names the instance resource (`<name>-mysql-dr`). */
  readonly name: string;
  readonly region: string;
  /** That region's provider: a DR instance is created in its own region. */
  readonly provider: TencentCloudProvider;
  readonly zone: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** The site's data subnet and data security group. */
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupId: pulumi.Input<string>;
  /** Memory in MB. */
  readonly memSizeMb: pulumi.Input<number>;
  /** Disk in GB; at least the primary's. */
  readonly volumeSizeGb: pulumi.Input<number>;
  /** The console name. @default `qcbm-<region>-dr` */
  readonly instanceName?: pulumi.Input<string>;
  /** @default { app: 'qcbm', region: <region> } */
  readonly tags?: RegionTags;
}

/** The primary MySQL and its disaster-recovery copies. */
export interface MysqlReplicationArgs {
  /** The one writable instance. */
  readonly primaryInstanceId: pulumi.Input<string>;
  readonly primaryRegion: pulumi.Input<string>;
  /** One per managed site in another region. */
  readonly drCopies: readonly DrCopyArgs[];
  /**
   * How the copies replicate, stated on each instance. TencentDB replicates across regions asynchronously only,
   * which the fleet's validation enforces.
   * @default 'async'
   */
  readonly crossRegionSync?: SyncMode;
  /**
   * The primary's backup policy and the cross-region copy of its backups and binlogs (`backupPlan`).
   * @default - none
   */
  readonly backup?: MysqlBackupArgs;
}

/** The primary MySQL's backups, as `backupPlan` decides them. */
export interface MysqlBackupArgs {
  /** The primary's region's provider: the policy is set on the primary. */
  readonly provider: TencentCloudProvider;
  /** Days full backups are kept. */
  readonly retentionDays: pulumi.Input<number>;
  /** Days binlogs are kept: the point-in-time window. */
  readonly binlogRetentionDays: pulumi.Input<number>;
  /** Where the backups and binlogs are copied. @default - no copy */
  readonly remoteRegion?: pulumi.Input<string>;
}

/** The daily backup of a Redis instance that holds data, not only a cache. */
export interface RedisBackupArgs {
  /** The site's logical name; names the resource. */
  readonly name: string;
  readonly redisId: pulumi.Input<string>;
  /** That region's provider. */
  readonly provider: TencentCloudProvider;
}

/** Redis instances joined to a global replication group that exists already. */
export interface RedisReplicationArgs {
  /** The group (`crs-rpl-…`), made in the console or with CreateReplicationGroup: no resource creates one. */
  readonly groupId: pulumi.Input<string>;
  /** The writable master. */
  readonly masterInstanceId: pulumi.Input<string>;
  /** Every member, the master included. */
  readonly instanceIds: readonly pulumi.Input<string>[];
  /** The master's region's provider. */
  readonly provider: TencentCloudProvider;
}

/** Arguments for `QcbmDataReplication`. */
export interface QcbmDataReplicationArgs {
  /** The fleet's name: the Cloud Connect Network is `qcbm-<environment>`. */
  readonly environment: string;
  /** Creates the Cloud Connect Network and its attachments (a CCN is global; any region's provider will do). */
  readonly provider: TencentCloudProvider;
  /**
   * The sites' networks to join: every site whose apps reach another site's data stores.
   * @default - none: no Cloud Connect Network
   */
  readonly networks?: readonly ReplicationNetwork[];
  /**
   * The primary MySQL's disaster-recovery instances.
   * @default - none
   */
  readonly mysql?: MysqlReplicationArgs;
  /**
   * Global replication of Redis.
   * @default - none: each region's Redis is its own cache
   */
  readonly redis?: RedisReplicationArgs;
  /**
   * Backups of the Redis instances that hold data (`cloud.regions[].redis.holds: data`).
   * @default - none
   */
  readonly redisBackups?: readonly RedisBackupArgs[];
  /** Tags on the Cloud Connect Network. @default { app: 'qcbm' } */
  readonly tags?: RegionTags;
}

/** A disaster-recovery instance as the stack's outputs show it. */
export interface DrInstanceSummary {
  readonly region: string;
  readonly instanceId: pulumi.Output<string>;
  /** Where it listens once promoted (what `qcbm-fleet failover` points the clusters to). */
  readonly intranetIp: pulumi.Output<string>;
}

/**
 * The data across sites: a Cloud Connect Network joining the sites' VPCs (every site's app writes to the one
 * primary MySQL), a disaster-recovery instance of the primary in each other region that has a managed MySQL
 * (created with that region's provider, replicating asynchronously), and the Redis instances joined to a global
 * replication group where the fleet asks for one.
 */
export class QcbmDataReplication extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.dataReplication;

  /** The Cloud Connect Network; undefined where no networks are joined. */
  public readonly ccnId: pulumi.Output<string> | undefined;
  /** The disaster-recovery instances, by site name. */
  public readonly drInstances: Readonly<Record<string, DrInstanceSummary>>;
  /** The Redis replication group the members joined; undefined without global replication. */
  public readonly redisGroupId: pulumi.Output<string> | undefined;
  /**
   * Each network's attachment to the Cloud Connect Network, by network name (the site's): what a cluster writing
   * across regions needs before it starts. Empty where no networks are joined.
   */
  public readonly attachments: Readonly<Record<string, CcnAttachmentV2>>;

  constructor(name: string, args: QcbmDataReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmDataReplication.TYPE, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const networks = args.networks ?? [];
    const names = dataReplicationNames(name);
    const ccn =
      networks.length > 1
        ? new CcnInstance(
            names.ccn,
            {
              name: consoleNames.ccn(args.environment),
              description: `QCBM ${args.environment}: joins the sites' VPCs; every site writes to the primary MySQL`,
              qos: 'AU',
              chargeType: 'POSTPAID',
              tags: { app: 'qcbm', ...args.tags },
            },
            child,
          )
        : undefined;
    const attachments: Record<string, CcnAttachmentV2> = {};
    if (ccn) {
      for (const network of networks) {
        attachments[network.name] = new CcnAttachmentV2(
          names.ccnAttachment(network.name),
          {
            ccnId: ccn.id,
            instanceId: network.vpcId,
            instanceRegion: network.region,
            instanceType: 'VPC',
            description: `QCBM ${network.name}`,
          },
          child,
        );
      }
    }

    const drInstances = args.mysql ? createDrCopies(args.mysql, this) : {};

    if (args.mysql?.backup) createMysqlBackups(names, args.mysql.primaryInstanceId, args.mysql.backup, this);
    for (const backup of args.redisBackups ?? []) {
      new RedisBackupConfig(
        names.redisBackup(backup.name),
        { redisId: backup.redisId, backupTime: REDIS_BACKUP_WINDOW },
        { parent: this, provider: backup.provider },
      );
    }

    const redis = args.redis;
    const group = redis
      ? new RedisReplicateAttachment(
          names.redisGroup,
          {
            groupId: redis.groupId,
            masterInstanceId: redis.masterInstanceId,
            instanceIds: [...redis.instanceIds],
          },
          { parent: this, provider: redis.provider },
        )
      : undefined;

    this.ccnId = ccn?.id;
    this.drInstances = drInstances;
    this.redisGroupId = group?.id;
    this.attachments = attachments;
    this.registerOutputs({
      ccnId: this.ccnId,
      drInstances: this.drInstances,
      redisGroupId: this.redisGroupId,
    });
  }
}

/** One disaster-recovery instance of the primary per copy, each created with its own region's provider. */
function createDrCopies(
  mysql: MysqlReplicationArgs,
  parent: pulumi.Resource,
): Record<string, DrInstanceSummary> {
  const summaries: Record<string, DrInstanceSummary> = {};
  for (const copy of mysql.drCopies) {
    const instance = new MysqlDrInstance(
      siteResourceNames(copy.name).mysqlDr,
      {
        instanceName: copy.instanceName ?? consoleNames.drInstance(copy.region),
        masterInstanceId: mysql.primaryInstanceId,
        masterRegion: mysql.primaryRegion,
        memSize: copy.memSizeMb,
        volumeSize: copy.volumeSizeGb,
        availabilityZone: copy.zone,
        vpcId: copy.vpcId,
        subnetId: copy.subnetId,
        securityGroups: [copy.securityGroupId],
        slaveSyncMode: slaveSyncMode(mysql.crossRegionSync ?? 'async'),
        tags: { app: 'qcbm', region: copy.region, ...copy.tags },
      },
      // A new primary means a new copy: the provider cannot change a copy's master in place (its Update refuses
      // master_instance_id), so the copy is replaced and the old one, retained, is forgotten.
      retained({ parent, provider: copy.provider, replaceOnChanges: ['masterInstanceId', 'masterRegion'] }),
    );
    summaries[copy.name] = { region: copy.region, instanceId: instance.id, intranetIp: instance.intranetIp };
  }
  return summaries;
}

/** The primary's backup policy and, where another site's region is named, the copy of backups and binlogs there. */
function createMysqlBackups(
  names: ReturnType<typeof dataReplicationNames>,
  primaryInstanceId: pulumi.Input<string>,
  backup: MysqlBackupArgs,
  parent: pulumi.Resource,
): void {
  // Retained: after a failover both move to the new primary by replacement, and deleting the old ones would call
  // the old primary's region (the policy's Delete resets the old instance's backups), which may be the lost one.
  const opts = retained({ parent, provider: backup.provider });
  new MysqlBackupPolicy(
    names.mysqlBackupPolicy,
    {
      mysqlId: primaryInstanceId,
      retentionPeriod: backup.retentionDays,
      binlogPeriod: backup.binlogRetentionDays,
      backupModel: 'physical',
      backupTime: MYSQL_BACKUP_WINDOW,
    },
    opts,
  );
  if (backup.remoteRegion === undefined) return;
  new MysqlRemoteBackupConfig(
    names.mysqlRemoteBackup,
    {
      instanceId: primaryInstanceId,
      remoteBackupSave: 'on',
      remoteBinlogSave: 'on',
      remoteRegions: [backup.remoteRegion],
      expireDays: backup.retentionDays,
    },
    // The provider's Update sends the change to the instance in state, not the new one: replace instead.
    { ...opts, replaceOnChanges: ['instanceId'] },
  );
}
