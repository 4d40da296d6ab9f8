import type { ClusterRole, Fleet, FleetCluster } from '../fleet-schema';
import type { TopologyKind } from './topology-schema';

/** A cluster as the disaster-recovery topology sees it: where it is, what it is for, its traffic share. */
export interface Site {
  readonly cluster: FleetCluster;
  readonly name: string;
  readonly region: string;
  /** Stated, or derived from the topology. */
  readonly role: ClusterRole;
  /**
   * Its share, in percent, of the traffic of the lines whose first tier it is in: the weight of its address in
   * IGTM. 0 for standby and DR sites, which serve only once the tiers before theirs are down.
   */
  readonly weight: number;
  /** For two-sites-three-centers: which centre it is. */
  readonly centre?: 'A' | 'B' | 'C';
}

/** The cluster whose region holds the one writable MySQL, or undefined when the fleet names none. */
export function primaryCluster(fleet: Fleet): FleetCluster | undefined {
  const mysql = fleet.data.mysql;
  if (!mysql) return undefined;
  const inRegion = fleet.clusters.filter((c) => c.region === mysql.primaryRegion);
  if (mysql.primaryCluster !== undefined) return inRegion.find((c) => c.name === mysql.primaryCluster);
  return inRegion.length === 1 ? inRegion[0] : undefined;
}

/**
 * The cluster whose Redis is the writable master of the global replication group (in
 * `data.redis.globalReplication.masterRegion`, by default the primary MySQL's region; the primary's own
 * cluster where that region holds two), or undefined without global replication.
 */
export function redisMasterCluster(fleet: Fleet): FleetCluster | undefined {
  const group = fleet.data.redis.globalReplication;
  if (!group) return undefined;
  const region = group.masterRegion ?? fleet.data.mysql?.primaryRegion;
  const primary = primaryCluster(fleet);
  return primary?.region === region ? primary : fleet.clusters.find((c) => c.region === region);
}

/**
 * Every cluster with its effective role and weight. Roles follow from the topology where they are not
 * stated: active-active makes every cluster active; two-sites-three-centers makes the primary's cluster the
 * production centre A, the other cluster of its region the same-city centre B (standby unless stated active)
 * and clusters of other regions the remote centre C (dr); active-standby makes the primary's cluster active
 * and the others standby. Weights not stated are split evenly among active clusters, the rest get 0; in
 * two-sites-three-centers, A gets what an active B does not take. Without a topology every cluster is active.
 */
export function sitesOf(fleet: Fleet): Site[] {
  const kind = fleet.topology?.kind;
  const primary = primaryCluster(fleet);
  const roleOf = (c: FleetCluster): { role: ClusterRole; centre?: Site['centre'] } => {
    if (kind === 'two-sites-three-centers') {
      if (c === primary) return { role: c.role ?? 'active', centre: 'A' };
      if (primary && c.region === primary.region) return { role: c.role ?? 'standby', centre: 'B' };
      return { role: c.role ?? 'dr', centre: 'C' };
    }
    if (kind === 'active-standby') return { role: c.role ?? (c === primary ? 'active' : 'standby') };
    return { role: c.role ?? 'active' };
  };
  const roles = fleet.clusters.map((c) => ({ cluster: c, ...roleOf(c) }));
  const active = roles.filter((r) => r.role === 'active');
  const stated = active.filter((r) => r.cluster.weight !== undefined);
  const statedSum = stated.reduce((n, r) => n + (r.cluster.weight ?? 0), 0);
  const unstated = active.filter((r) => r.cluster.weight === undefined);
  const share = unstated.length > 0 ? Math.max(0, 100 - statedSum) / unstated.length : 0;
  return roles.map(({ cluster, role, centre }) => ({
    cluster,
    name: cluster.name,
    region: cluster.region,
    role,
    weight: role === 'active' ? (cluster.weight ?? evenly(share, unstated, cluster)) : (cluster.weight ?? 0),
    ...(centre ? { centre } : {}),
  }));
}

/** An even share in whole percent; the first unstated cluster takes the rounding remainder. */
function evenly(
  share: number,
  unstated: readonly { cluster: FleetCluster }[],
  cluster: FleetCluster,
): number {
  const each = Math.floor(share);
  const remainder = Math.round(share * unstated.length) - each * unstated.length;
  return unstated[0]?.cluster === cluster ? each + remainder : each;
}

export const TOPOLOGY_DESCRIPTIONS: Readonly<Record<TopologyKind, string>> = {
  'active-active': 'every region serves its nearest users; a failed region is left by DNS',
  'two-sites-three-centers':
    'production centre A serves; same-city centre B is its hot standby (or takes a share); remote centre C takes over when A and B are both down',
  'active-standby': 'one region serves; the standby regions take over when it fails',
};

/**
 * The clusters outside the regions lost in a failover (`data.mysql.lostRegions`, and `alsoLost`): those a
 * failover can reach and whose services must reconnect.
 */
export function clustersOutsideLostRegions(fleet: Fleet, alsoLost: readonly string[] = []): FleetCluster[] {
  const lost = new Set([...(fleet.data.mysql?.lostRegions ?? []), ...alsoLost]);
  return fleet.clusters.filter((c) => !lost.has(c.region));
}
