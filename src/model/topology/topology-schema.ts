import { z } from 'zod';
import * as field from '../fields';
import { MYSQL_BACKUP_LIMITS } from './backup-limits';
import * as f from '../formats';
import { QCBM_HEALTH_PATHS } from '../qcbm-components';
import { AREAS } from './geography';

/**
 * Disaster-recovery topologies. `active-active`: every region serves and completes requests inside itself;
 * `two-sites-three-centers`: production centre A, same-city centre B (hot standby or taking a share), remote
 * centre C idle until A and B are both down; `active-standby`: one region serves, the others wait.
 */
export const TOPOLOGY_KINDS = ['active-active', 'two-sites-three-centers', 'active-standby'] as const;
export type TopologyKind = (typeof TOPOLOGY_KINDS)[number];

/** MySQL replication modes (TencentDB `slaveSyncMode` 0, 1, 2). */
export const SYNC_MODES = ['async', 'semi-sync', 'strong'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** A whole number from a fixed list, as IGTM's monitor fields are. */
function oneOf(values: readonly number[], what: string) {
  return z.number().refine((n) => values.includes(n), {
    message: `must be one of ${values.join(', ')} (${what})`,
    params: { fix: `pick one of ${values.join(', ')}` },
  });
}

const seconds = (what: string) =>
  z.number().refine((n) => Number.isInteger(n) && n >= 0, {
    message: `must be a whole number of seconds (${what})`,
    params: { fix: 'give seconds, e.g. 30' },
  });

function backupDays(what: string) {
  const { minDays, maxDays } = MYSQL_BACKUP_LIMITS;
  return z.number().refine((n) => Number.isInteger(n) && n >= minDays && n <= maxDays, {
    message: `must be a whole number of days from ${minDays} to ${maxDays} (${what}, TencentDB's range)`,
    params: { fix: `give days from ${minDays} to ${maxDays}, e.g. 7` },
  });
}

export const topologySchema = z.strictObject({
  kind: z.enum(TOPOLOGY_KINDS),
  /**
   * The most seconds users of a failed region may take to reach a healthy one. Synthesis and the offline plan
   * fail when the traffic layer cannot meet it, naming the term that dominates.
   */
  rtoSeconds: z
    .number()
    .refine((n) => Number.isInteger(n) && n > 0, {
      message: 'must be a whole number of seconds above 0',
      params: { fix: 'give the recovery time objective in seconds, e.g. 300' },
    })
    .optional(),
  /**
   * The most seconds, once the primary MySQL's region is lost, until writes succeed again (detection, fencing,
   * promotion, the writable name's TTL, reconnection). Synthesis and the plan fail when the write path cannot
   * meet it, naming the largest term. @default - no target
   */
  writeRtoSeconds: z
    .number()
    .refine((n) => Number.isInteger(n) && n > 0, {
      message: 'must be a whole number of seconds above 0',
      params: { fix: 'give the write recovery time objective in seconds, e.g. 900' },
    })
    .optional(),
  /** The write path's allowances (`WRITE_FAILOVER_DEFAULTS`). @default - the defaults of each */
  writeFailover: z
    .strictObject({
      /** An operator notices the loss and starts the failover (no alert exists yet). @default 300 */
      operatorResponseSeconds: seconds('operator response').optional(),
      /** Fencing the old primary. @default 30 */
      fencingSeconds: seconds('fencing').optional(),
      /** Promoting a DR instance: Tencent documents no duration; measure it with a drill. @default 120 */
      promotionSeconds: seconds('promotion').optional(),
      /** A rollout restart of the services after the failover. @default 120 */
      restartSeconds: seconds('restart').optional(),
      /**
       * How the services reach the new primary: `restart` (a rollout restart, `restartSeconds`) or
       * `pool-lifetime` (nothing restarts; HikariCP recycles connections after maxLifetime, 30 min).
       * @default 'restart'
       */
      reconnect: z.enum(['restart', 'pool-lifetime']).optional(),
    })
    .optional(),
});

const CDB_INSTANCE_ID = /^cdb-[a-z0-9]{8}$/;
const cdbInstanceId = (what: string) =>
  z.string().regex(CDB_INSTANCE_ID, {
    message: `must be a TencentDB for MySQL instance id like "cdb-8x3k2m1p" (${what})`,
  });

/**
 * The last failover of the writable MySQL, as `qcbm-fleet failover --execute` records it: the primary site adopts
 * the promoted instance (Pulumi's `import`) instead of creating one.
 */
export const mysqlPromotionSchema = z.strictObject({
  /** The disaster-recovery instance promoted: the primary now, at `data.mysql.primaryRegion`. */
  instanceId: cdbInstanceId('the promoted instance'),
  /** The primary it replaced, left outside the stack (retained) for cleanup. */
  fromInstanceId: cdbInstanceId('the old primary'),
  /** The old primary's region. */
  fromRegion: field.formatted(f.REGION),
  /** When the promotion ended, in UTC (ISO 8601, e.g. 2026-12-04T03:12:45Z). */
  at: z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: 'must be a UTC time in ISO 8601, like "2026-12-04T03:12:45Z"',
    }),
  /** The promotion's asynchronous task (SwitchDrInstanceToMaster), for the record. @default - none recorded */
  asyncRequestId: z.string().min(1).max(128).optional(),
});

export const mysqlDataSchema = z.strictObject({
  /** The region of the one writable MySQL; every cluster's MYSQL_HOST points there (over CCN). */
  primaryRegion: field.formatted(f.REGION),
  /** The primary's cluster, where the primary region holds two sites. @default - the only site there */
  primaryCluster: field.dnsLabel.optional(),
  /** How the primary's standby (in another zone of its region) replicates. @default 'semi-sync' */
  standbySync: z.enum(SYNC_MODES).default('semi-sync'),
  /** How disaster-recovery instances in other regions replicate. @default 'async' (the only mode offered) */
  crossRegionSync: z.enum(SYNC_MODES).default('async'),
  /**
   * The primary's backups (`Mysql/backupPolicy`), copied with its binlogs to another site's region
   * (`Mysql/remoteBackupConfig`). @default - 7 days of backups and of binlogs (`MYSQL_BACKUP_DEFAULTS`)
   */
  backup: z
    .strictObject({
      /** Days a full backup is kept, 7 to 1830. @default 7 */
      retentionDays: backupDays('backup retention').optional(),
      /** Days binlogs are kept (the point-in-time window), 7 to 1830, at most retentionDays. @default 7 */
      binlogRetentionDays: backupDays('binlog retention').optional(),
    })
    .superRefine((b, ctx) => {
      const retention = b.retentionDays ?? MYSQL_BACKUP_LIMITS.defaultDays;
      const binlog = b.binlogRetentionDays ?? MYSQL_BACKUP_LIMITS.defaultDays;
      if (binlog > retention) {
        ctx.addIssue({
          code: 'custom',
          path: ['binlogRetentionDays'],
          input: binlog,
          message: `must not exceed retentionDays (${retention}): TencentDB keeps binlogs no longer than backups`,
          params: { fix: `lower it to ${retention} or less, or raise retentionDays to ${binlog}` },
        });
      }
    })
    .optional(),
  /**
   * The private record every cluster writes through, where the stack creates the primary (`writerName`).
   * @default - a TTL of 30 s
   */
  /**
   * The last failover (written by `qcbm-fleet failover --execute`): the primary site adopts this instance.
   * @default - none: the primary site creates its instance
   */
  promotion: mysqlPromotionSchema.optional(),
  /**
   * Regions lost in a failover whose site gets no disaster-recovery instance until they return (written by
   * `qcbm-fleet failover --execute` when the old primary's region did not answer). Remove a region once it answers
   * and its old primary is fenced: the next `pulumi up` creates its disaster-recovery instance.
   * @default - none
   */
  lostRegions: z.array(field.formatted(f.REGION)).optional(),
  writerName: z
    .strictObject({
      /** The record's TTL: at most what a failover waits for resolvers to see the promoted instance. */
      ttlSeconds: z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= 86400, {
        message: 'must be a whole number of seconds from 1 to 86400 (Private DNS record TTL)',
        params: { fix: 'give seconds, e.g. 30: a failover waits up to this long for resolvers' },
      }),
    })
    .optional(),
});

export const redisDataSchema = z.strictObject({
  /**
   * Join every region's Redis to an existing global replication group (no resource creates one: make it in
   * the console or with CreateReplicationGroup). Without it, each region's Redis is its own cache.
   */
  globalReplication: z
    .strictObject({
      groupId: z.string().regex(/^crs-rpl-[a-z0-9]{8}$/, {
        message: 'must be a Redis replication group id like "crs-rpl-orfiwmn5"',
      }),
      /** The region whose Redis is the group's writable master. @default - data.mysql.primaryRegion */
      masterRegion: field.formatted(f.REGION).optional(),
    })
    .optional(),
});

export const dataSchema = z.strictObject({
  mysql: mysqlDataSchema.optional(),
  redis: redisDataSchema.prefault({}),
});

/** What the IGTM monitor may check with: only HTTP(S) sees the app behind the CLB fail. */
export const MONITOR_PROTOCOLS = ['HTTP', 'HTTPS'] as const;
export type MonitorProtocol = (typeof MONITOR_PROTOCOLS)[number];

/** A DNS line: an area of the fleet, or the default line for everyone else. */
export const LINE_KEYS = ['default', ...AREAS] as const;
export type LineKey = (typeof LINE_KEYS)[number];

/** QCBM's deepest cheap read: the book list, through the gateway, the registry, store-service and the cache. */
export const DEFAULT_MONITOR_PATH = QCBM_HEALTH_PATHS.backend;

/**
 * Where a DNSPod zone comes from: `existing` is looked up during `pulumi up`, which fails naming the zone when the
 * account's DNSPod does not hold it; `create` makes it (`Dnspod/domainInstance`), and its name servers must then be
 * delegated at the registrar.
 */
export const ZONE_SOURCES = ['existing', 'create'] as const;
export type ZoneSource = (typeof ZONE_SOURCES)[number];
const zoneSource = z.enum(ZONE_SOURCES).default('existing');

const monitorSchema = z.strictObject({
  /**
   * HTTP or HTTPS: a TCP or PING check sees the CLB answer while the app behind it is down, which is what a
   * disaster breaks. With `app.tls` HTTP is answered by the CLB's redirect alone, so it must be HTTPS there.
   * @default - 'HTTPS' where `app.tls` is set, else 'HTTP' (`monitorProtocol`)
   */
  protocol: z
    .string()
    .refine((p): p is MonitorProtocol => (MONITOR_PROTOCOLS as readonly string[]).includes(p), {
      message:
        'must be HTTP or HTTPS: a TCP or PING monitor sees the CLB answer while the app behind it is down, so it would never fail over',
      params: { fix: 'use HTTP (or HTTPS) on a path served through CLB -> ingress -> the app' },
    })
    .transform((p) => p as MonitorProtocol)
    .optional(),
  /**
   * The path IGTM requests with the published name as Host. The default crosses CLB -> Ingress -> front nginx ->
   * gateway -> Nacos -> store-service (Dubbo) -> Redis (-> MySQL on a cache miss); `/` is answered by nginx alone.
   * @default '/api/book/all'
   */
  path: z
    .string()
    .refine((p) => p.startsWith('/'), {
      message: 'must start with "/"',
      params: { fix: `write it like "${DEFAULT_MONITOR_PATH}"` },
    })
    .default(DEFAULT_MONITOR_PATH),
  /** @default 60 (the floor of a STANDARD package) */
  checkIntervalSeconds: oneOf([15, 60, 120, 300], 'IGTM check intervals').default(60),
  /** @default 2 */
  timeoutSeconds: oneOf([2, 3, 5, 10], 'IGTM timeouts').default(2),
  /** Retries of a failed check before it counts. @default 0 */
  failTimes: oneOf([0, 1, 2], 'IGTM retries').default(0),
  /** Share of the detectors that must see the failure. @default 50 */
  failRatePercent: oneOf([20, 30, 40, 50, 60, 70, 80, 100], 'IGTM fail rates').default(50),
  /** Consecutive failing periods before an address is marked down. @default 1 */
  continuePeriod: oneOf([1, 2, 3, 4, 5], 'IGTM periods').default(1),
  /** Detector groups (ids from the provider's IGTM detectors data source); each consumes probe quota. */
  detectorGroupIds: z.array(z.number().int().positive()).min(1),
  /** @default 500 */
  returnCodeThreshold: oneOf([400, 500], 'IGTM return-code thresholds').default(500),
});

/** What both traffic layers share. */
const trafficCommon = {
  /** The DNSPod zone the published name (`app.ingressHost`) is in, e.g. qcbm.com. */
  zone: field.dnsSubdomain,
  /** Whether `zone` is already in the account's DNSPod or created by the stack. @default 'existing' */
  zoneSource,
  /** The seconds a client keeps an address it resolved (the JVM's default is 30). @default 30 */
  clientCacheSeconds: seconds('client DNS caching').default(30),
};

/** IGTM's id of its default line (默认), where `traffic.lines` states none. */
export const IGTM_DEFAULT_LINE_ID = 1;

export const igtmTrafficSchema = z.strictObject({
  mode: z.literal('igtm'),
  ...trafficCommon,
  package: z.strictObject({
    /** The purchased package's resource id: IGTM instances need one, and no provider resource buys it. */
    resourceId: z.string().min(1),
    /** @default 'STANDARD' */
    type: z.enum(['STANDARD', 'ULTIMATE']).default('STANDARD'),
    /** The package's shortest check interval; `pulumi up` reads the real one. @default 60 (Tencent's STANDARD sample) */
    minCheckIntervalSeconds: seconds('package floor').default(60),
    /** The package's lowest TTL; `pulumi up` reads the real one. @default 60 (Tencent's STANDARD sample) */
    minGlobalTtlSeconds: seconds('package floor').default(60),
  }),
  /** The name IGTM answers on (`<subDomain>.<domain>`); the published name is a CNAME to it. */
  access: z.strictObject({
    domain: field.dnsSubdomain,
    subDomain: field.dnsLabel,
    /** Whether `domain`, a DNSPod zone IGTM writes into, is already in the account or created. @default 'existing' */
    zoneSource,
  }),
  /** @default 60 */
  globalTtlSeconds: seconds('IGTM TTL').default(60),
  monitor: monitorSchema,
  /**
   * IGTM line ids (numbers no data source returns: read them in the console) by area; `default: 1` is the
   * default line.
   * @default { default: 1 }
   */
  lines: z
    .partialRecord(z.enum(LINE_KEYS), z.number().int().positive())
    .default({ default: IGTM_DEFAULT_LINE_ID }),
  /** Seconds IGTM takes to write a change into DNS (undocumented; measure it with a drill). @default 30 */
  publishAllowanceSeconds: seconds('IGTM publish allowance').default(30),
});

/** DNSPod's names of the area lines (paid plans); `默认` is the default line. */
export const DNSPOD_LINE_NAMES: Readonly<Record<LineKey, string>> = {
  default: '默认',
  'north-china': '华北',
  'northeast-china': '东北',
  'east-china': '华东',
  'central-china': '华中',
  'south-china': '华南',
  'southwest-china': '西南',
  'northwest-china': '西北',
  'hong-kong-macao-taiwan': '港澳台',
  overseas: '境外',
};

export const dnspodTrafficSchema = z.strictObject({
  mode: z.literal('dnspod'),
  ...trafficCommon,
  /** TTL of every record (DNSPod's floor depends on the plan). @default 600 */
  ttlSeconds: seconds('record TTL').default(600),
  /** The lines to publish, by area, with DNSPod's line names. @default { default: '默认' } */
  lines: z
    .partialRecord(z.enum(LINE_KEYS), z.string().min(1))
    .default({ default: DNSPOD_LINE_NAMES.default }),
  /**
   * Nothing detects a failure with plain records: the seconds an operator takes to notice and switch them
   * (`qcbm-fleet failover`). Needed for a failover budget.
   */
  operatorResponseSeconds: seconds('operator response').optional(),
});

export const trafficSchema = z.discriminatedUnion('mode', [igtmTrafficSchema, dnspodTrafficSchema]);

export type Topology = z.output<typeof topologySchema>;
export type DataLayout = z.output<typeof dataSchema>;
export type MysqlPromotion = z.output<typeof mysqlPromotionSchema>;
export type Traffic = z.output<typeof trafficSchema>;
export type IgtmTraffic = z.output<typeof igtmTrafficSchema>;
export type DnspodTraffic = z.output<typeof dnspodTrafficSchema>;
