import type { RegionConfig } from '../cloud-schema';
import type { Fleet, FleetCluster } from '../fleet-schema';
import { formatPath } from '../issue-path';
import type { ValidationIssue } from '../validation-error';
import { dataPlan } from './data-plan';
import { layoutOf } from './site-layout';
import { redisMasterCluster } from './sites';

const at = (...p: PropertyKey[]) => formatPath('fleet', p);

/** Redis global replication takes these engine versions only (4.0 and 5.0, standard or cluster). */
export const GLOBAL_REDIS_VERSIONS: readonly string[] = ['4.0', '5.0'];
/** At most this many instances in one replication group (1 master + 3 read-only, for example). */
export const GLOBAL_REDIS_MAX_MEMBERS = 4;
/** Replicas a member needs: the master to join, the others to be promoted ("Set to Master"). */
export const GLOBAL_REDIS_MIN_REPLICAS = 2;

/**
 * Zones where Redis global replication is sold, by region, as Tencent Cloud lists them (product 239, document
 * 46563). The list is longer than this; regions not named here are not checked.
 */
export const GLOBAL_REDIS_ZONES: Readonly<Record<string, readonly string[]>> = {
  'ap-guangzhou': ['ap-guangzhou-4', 'ap-guangzhou-5', 'ap-guangzhou-6', 'ap-guangzhou-7'],
  'ap-shanghai': ['ap-shanghai-4', 'ap-shanghai-5', 'ap-shanghai-6', 'ap-shanghai-7'],
  'ap-beijing': ['ap-beijing-5', 'ap-beijing-7'],
  'ap-nanjing': ['ap-nanjing-2', 'ap-nanjing-3'],
  'ap-chengdu': ['ap-chengdu-1'],
  'ap-tianjin': ['ap-tianjin-2'],
  'ap-hongkong': ['ap-hongkong-2', 'ap-hongkong-3'],
  'ap-singapore': ['ap-singapore-2', 'ap-singapore-4'],
};

interface Member {
  readonly cluster: FleetCluster;
  readonly layout: RegionConfig;
  readonly index: number;
  readonly redis: Extract<RegionConfig['redis'], { mode: 'managed' }>;
}

/**
 * What the products refuse about the copies across regions, checked before anything is created: a MySQL
 * disaster-recovery instance follows its primary's engine and needs room for all of its data; a Redis global
 * replication group takes at most four instances of one spec, on 4.0 or 5.0, with two replicas each, in the zones
 * where the feature is sold.
 */
export function checkReplicationLimits(fleet: Fleet): ValidationIssue[] {
  return [...checkMysqlCopies(fleet), ...checkRedisGroup(fleet)];
}

function regionIndex(fleet: Fleet, layout: RegionConfig): number {
  return fleet.cloud.regions.indexOf(layout);
}

function checkMysqlCopies(fleet: Fleet): ValidationIssue[] {
  const plan = dataPlan(fleet);
  const primary = plan && layoutOf(fleet, plan.primary);
  if (!plan || primary?.mysql.mode !== 'managed') return [];
  const issues: ValidationIssue[] = [];
  for (const cluster of plan.drCopies) {
    const layout = layoutOf(fleet, cluster);
    if (layout?.mysql.mode !== 'managed') continue;
    const path = (field: string) => at('cloud', 'regions', regionIndex(fleet, layout), 'mysql', field);
    if (layout.mysql.engineVersion !== primary.mysql.engineVersion) {
      issues.push({
        path: path('engineVersion'),
        message: `differs from the primary's (${primary.mysql.engineVersion} in ${primary.region}): a disaster-recovery instance replicates the primary and runs its engine`,
        value: layout.mysql.engineVersion,
        fix: `use "${primary.mysql.engineVersion}"`,
      });
    }
    if (layout.mysql.volumeSizeGb < primary.mysql.volumeSizeGb) {
      issues.push({
        path: path('volumeSizeGb'),
        message: `is smaller than the primary's ${primary.mysql.volumeSizeGb} GB: the disaster-recovery instance holds all of its data`,
        value: layout.mysql.volumeSizeGb,
        fix: `give at least ${primary.mysql.volumeSizeGb}`,
      });
    }
  }
  return issues;
}

function checkRedisGroup(fleet: Fleet): ValidationIssue[] {
  const group = fleet.data.redis.globalReplication;
  if (!group) return [];
  const groupPath = (...p: PropertyKey[]) => at('data', 'redis', 'globalReplication', ...p);
  const master = redisMasterCluster(fleet);
  if (!master) {
    return [
      group.masterRegion === undefined && !fleet.data.mysql
        ? {
            path: groupPath('masterRegion'),
            message: 'is required without data.mysql.primaryRegion: the group needs a writable master',
            fix: 'name the region whose Redis is the master',
          }
        : {
            path: groupPath('masterRegion'),
            message: 'names a region with no cluster of the fleet',
            value: group.masterRegion ?? fleet.data.mysql?.primaryRegion,
            fix: `use the region of one of ${fleet.clusters.map((c) => c.name).join(', ')}`,
          },
    ];
  }
  const members: Member[] = fleet.clusters.flatMap((cluster) => {
    const layout = layoutOf(fleet, cluster);
    return layout?.redis.mode === 'managed'
      ? [{ cluster, layout, index: regionIndex(fleet, layout), redis: layout.redis }]
      : [];
  });
  const leader = members.find((m) => m.cluster === master);
  if (!leader) {
    return [
      {
        path: groupPath('masterRegion'),
        message: `puts the master in ${master.region}, whose Redis this stack does not create, so it cannot join it to the group`,
        value: master.region,
        fix: `describe ${master.region} in fleet.cloud.regions with redis.mode "managed", or name another region`,
      },
    ];
  }
  const issues: ValidationIssue[] = [];
  if (members.length > GLOBAL_REDIS_MAX_MEMBERS) {
    issues.push({
      path: groupPath(),
      message: `would join ${members.length} Redis instances; a global replication group takes at most ${GLOBAL_REDIS_MAX_MEMBERS}`,
      value: members.map((m) => m.cluster.name).join(', '),
      fix: `keep ${GLOBAL_REDIS_MAX_MEMBERS} sites with a managed Redis, or drop globalReplication`,
    });
  }
  for (const m of members) {
    const path = (field: string) => at('cloud', 'regions', m.index, 'redis', field);
    const role = m === leader ? 'the master' : 'a member';
    if (!GLOBAL_REDIS_VERSIONS.includes(m.redis.version)) {
      issues.push({
        path: path('version'),
        message: `cannot join a global replication group, which takes Redis ${GLOBAL_REDIS_VERSIONS.join(' or ')} only`,
        value: m.redis.version,
        fix: 'use "5.0" (or "4.0") in every member',
      });
    }
    if (m.redis.replicas < GLOBAL_REDIS_MIN_REPLICAS) {
      issues.push({
        path: path('replicas'),
        message: `is too few for ${role} of a global replication group: the master needs ${GLOBAL_REDIS_MIN_REPLICAS} replicas to join, and a member needs them to be promoted`,
        value: m.redis.replicas,
        fix: `use ${GLOBAL_REDIS_MIN_REPLICAS} or more`,
      });
    }
    const zones = GLOBAL_REDIS_ZONES[m.layout.region];
    if (zones && !zones.includes(m.layout.zone)) {
      issues.push({
        path: at('cloud', 'regions', m.index, 'zone'),
        message: `is not a zone where Redis global replication is sold in ${m.layout.region}`,
        value: m.layout.zone,
        fix: `put this site in one of ${zones.join(', ')}`,
      });
    }
    if (m.redis.architecture === 'cluster' && !isPowerOfTwoUpTo64(m.redis.shards)) {
      issues.push({
        path: path('shards'),
        message: 'must be a power of two up to 64 in a global replication group',
        value: m.redis.shards,
        fix: 'use 8, 16, 32 or 64',
      });
    }
    if (m === leader) continue;
    for (const field of ['memSizeMb', 'architecture', 'shards', 'version'] as const) {
      if (m.redis[field] !== leader.redis[field]) {
        issues.push({
          path: path(field),
          message: `differs from the master's (${String(leader.redis[field])} in ${leader.layout.region}): the members of a replication group share one spec`,
          value: m.redis[field],
          fix: `use ${JSON.stringify(leader.redis[field])}`,
        });
      }
    }
  }
  return issues;
}

function isPowerOfTwoUpTo64(n: number | undefined): boolean {
  return n !== undefined && n >= 1 && n <= 64 && (n & (n - 1)) === 0;
}
