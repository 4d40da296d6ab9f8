import type { Fleet, FleetCluster } from '../fleet-schema';
import { formatPath } from '../issue-path';
import type { ValidationIssue } from '../validation-error';
import { cityOf } from './geography';
import { checkReplicationLimits } from './replication-limits';
import { layoutOf } from './site-layout';
import { registryIdentity, registryOf } from './site-registry';
import { checkPromotion } from './promotion-semantics';
import { primaryCluster, type Site, sitesOf } from './sites';
import { checkPublishing, checkTraffic } from './traffic-semantics';

const at = (...p: PropertyKey[]) => formatPath('fleet', p);

/**
 * The checks of a disaster-recovery description that a schema cannot express, on a parsed fleet: roles and
 * weights that fit the topology, one writable database with a copy outside its region, regions that stay
 * apart (their own Nacos), a traffic layer that can reach every cluster and keeps every line served when any
 * one region is lost, and a failover budget the products can meet.
 */
export function checkTopology(fleet: Fleet): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const clusterPath = (c: FleetCluster, ...p: PropertyKey[]) =>
    at('clusters', fleet.clusters.indexOf(c), ...p);
  const primaryIssues = checkPrimary(fleet);
  issues.push(...primaryIssues);
  if (primaryIssues.length === 0) issues.push(...checkPromotion(fleet));
  if (fleet.data.mysql && fleet.data.mysql.crossRegionSync !== 'async') {
    issues.push({
      path: at('data', 'mysql', 'crossRegionSync'),
      message:
        "asks for synchronous writes across regions, which TencentDB for MySQL does not offer: its disaster-recovery instances replicate from the primary asynchronously, so a region's loss can lose the seconds of lag they had",
      value: fleet.data.mysql.crossRegionSync,
      fix: 'keep "async" and accept that RPO across regions; for no loss inside one city, keep the standby in another zone of the primary\'s region with standbySync "strong" (two-sites-three-centers)',
    });
  }
  issues.push(...checkReplicationLimits(fleet));
  // What the DNS products refuse is refused with or without a topology.
  if (fleet.traffic) issues.push(...checkPublishing(fleet, fleet.traffic, clusterPath));
  const topology = fleet.topology;
  if (!topology) return issues;
  if (!fleet.data.mysql) {
    issues.push({
      path: at('data', 'mysql'),
      message: `is required with topology "${topology.kind}": QCBM writes to one MySQL, and the topology decides where it is and where its copies are`,
      fix: 'name the primary with data: { mysql: { primaryRegion: <region> } }',
    });
    return issues;
  }
  const sites = sitesOf(fleet);
  issues.push(...checkRoles(fleet, sites, clusterPath));
  issues.push(...checkWeights(sites, clusterPath));
  issues.push(...checkDataCopies(fleet));
  if (topology.kind === 'active-active') issues.push(...checkOwnNacos(fleet, clusterPath));
  issues.push(...checkTraffic(fleet, clusterPath));
  return issues;
}

function checkPrimary(fleet: Fleet): ValidationIssue[] {
  const mysql = fleet.data.mysql;
  if (!mysql) return [];
  const inRegion = fleet.clusters.filter((c) => c.region === mysql.primaryRegion);
  const names = inRegion.map((c) => `"${c.name}"`).join(', ');
  if (inRegion.length === 0) {
    return [
      {
        path: at('data', 'mysql', 'primaryRegion'),
        message: 'has no cluster of the fleet',
        value: mysql.primaryRegion,
        fix: `use the region of one of ${fleet.clusters.map((c) => `"${c.name}"`).join(', ')}`,
      },
    ];
  }
  if (mysql.primaryCluster !== undefined && !inRegion.some((c) => c.name === mysql.primaryCluster)) {
    return [
      {
        path: at('data', 'mysql', 'primaryCluster'),
        message: `is not a cluster of ${mysql.primaryRegion}`,
        value: mysql.primaryCluster,
        fix: `use one of ${names}`,
      },
    ];
  }
  if (mysql.primaryCluster === undefined && inRegion.length > 1) {
    return [
      {
        path: at('data', 'mysql', 'primaryCluster'),
        message: `is required: ${mysql.primaryRegion} holds ${inRegion.length} clusters (${names}), which would make two primaries for one database`,
        fix: 'name the cluster whose site holds the writable MySQL',
      },
    ];
  }
  return [];
}

export type ClusterPath = (c: FleetCluster, ...p: PropertyKey[]) => string;

function checkRoles(fleet: Fleet, sites: readonly Site[], pathOf: ClusterPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const kind = fleet.topology?.kind;
  const active = sites.filter((s) => s.role === 'active');
  const role = (s: Site, message: string, fix: string) =>
    issues.push({ path: pathOf(s.cluster, 'role'), message, value: s.role, fix });
  if (kind === 'active-active') {
    for (const s of sites.filter((x) => x.role !== 'active')) {
      role(
        s,
        'cannot be standby or DR in an active-active topology: every region serves',
        'leave role out, or use topology "two-sites-three-centers" or "active-standby"',
      );
    }
    const regions = new Set(active.map((s) => s.region));
    if (regions.size < 2) {
      issues.push({
        path: at('topology', 'kind'),
        message: `is active-active, but every active cluster is in ${[...regions].join(', ') || 'no region'}: one region's loss would take everything`,
        value: kind,
        fix: 'add an active cluster in another region, or use "active-standby"',
      });
    }
  }
  if (kind === 'two-sites-three-centers') issues.push(...checkThreeCentres(sites, pathOf));
  if (kind === 'active-standby') {
    const primary = primaryCluster(fleet);
    if (active.length !== 1 || active[0].cluster !== primary) {
      issues.push({
        path: at('topology', 'kind'),
        message: `is active-standby, which has exactly one active cluster, the one with the writable MySQL (${primary?.name ?? 'none'}); active: ${active.map((s) => s.name).join(', ') || 'none'}`,
        value: kind,
        fix: 'make every other cluster standby (or dr), or use "active-active"',
      });
    }
    if (sites.length < 2) {
      issues.push({
        path: at('topology', 'kind'),
        message: 'is active-standby with a single cluster: there is nothing to fail over to',
        value: kind,
        fix: 'add a standby cluster in another region',
      });
    }
  }
  return issues;
}

function checkThreeCentres(sites: readonly Site[], pathOf: ClusterPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const a = sites.find((s) => s.centre === 'A');
  if (!a) return issues; // checkPrimary reports the missing primary
  const city = cityOf(a.region);
  const b = sites.filter((s) => s.centre === 'B');
  const c = sites.filter((s) => s.centre === 'C');
  if (b.length !== 1) {
    issues.push({
      path: at('clusters'),
      message: `must hold exactly one same-city centre B: a second cluster in ${a.region} (${city}), where A (${a.name}) is; found ${b.length}`,
      fix: `list one more cluster in ${a.region}, in another zone`,
    });
  }
  for (const s of sites.filter((x) => x.centre === 'C' && x.role === 'standby')) {
    issues.push({
      path: pathOf(s.cluster, 'role'),
      message: `makes ${s.name} the same-city centre B, but it is in ${cityOf(s.region)}, not in A's city ${city}`,
      value: s.role,
      fix: `move it to ${a.region} (another zone than A), or make it the remote centre with role "dr"`,
    });
  }
  for (const s of sites.filter((x) => x.centre === 'B' && x.role === 'dr')) {
    issues.push({
      path: pathOf(s.cluster, 'role'),
      message: `makes ${s.name} the remote centre C, but it is in A's city ${city}: a disaster that takes A takes it too`,
      value: s.role,
      fix: 'put the remote centre in another region (another city), or make this cluster standby',
    });
  }
  const remote = c.filter((s) => s.role === 'dr');
  if (remote.length !== 1) {
    issues.push({
      path: at('clusters'),
      message: `must hold exactly one remote centre C in another city than ${city}; found ${remote.length}`,
      fix: 'list one cluster in another region (role dr, the default there)',
    });
  }
  for (const s of c.filter((x) => x.role === 'active')) {
    issues.push({
      path: pathOf(s.cluster, 'role'),
      message:
        'makes the remote centre serve, but in two-sites-three-centers C takes traffic only when A and B are both down',
      value: s.role,
      fix: 'leave role out (dr), or use topology "active-active"',
    });
  }
  return issues;
}

function checkWeights(sites: readonly Site[], pathOf: ClusterPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const s of sites) {
    if (s.role !== 'active' && s.weight > 0) {
      issues.push({
        path: pathOf(s.cluster, 'weight'),
        message: `gives a ${s.role} cluster traffic: standby and DR centres serve only once the active ones are down`,
        value: s.weight,
        fix: 'remove the weight, or make the cluster active',
      });
    }
    if (s.role === 'active' && s.weight === 0) {
      issues.push({
        path: pathOf(s.cluster, 'weight'),
        message: 'leaves an active cluster without traffic',
        value: 0,
        fix: 'give it a share from 1 to 100, or make it standby',
      });
    }
  }
  const active = sites.filter((s) => s.role === 'active');
  const stated = active.filter((s) => s.cluster.weight !== undefined);
  const statedSum = stated.reduce((n, s) => n + s.weight, 0);
  if (statedSum > 100 || (stated.length === active.length && active.length > 0 && statedSum !== 100)) {
    issues.push({
      path: at('clusters'),
      message: `state active weights that add up to ${statedSum}, not 100`,
      fix: "make the active clusters' weights add up to 100, or leave some out to share the rest",
    });
  }
  const a = sites.find((s) => s.centre === 'A');
  const b = sites.find((s) => s.centre === 'B' && s.role === 'active');
  if (a && b && b.weight >= a.weight) {
    issues.push({
      path: pathOf(b.cluster, 'weight'),
      message: `gives the same-city centre B ${b.weight} % and production centre A ${a.weight} %: B takes a share, A the larger part`,
      value: b.weight,
      fix: 'give B less than half, e.g. 20',
    });
  }
  return issues;
}

/** With a topology, the data must survive the loss of the primary's region: a managed copy elsewhere. */
function checkDataCopies(fleet: Fleet): ValidationIssue[] {
  const primary = primaryCluster(fleet);
  if (!primary) return [];
  const primaryLayout = layoutOf(fleet, primary);
  if (primaryLayout?.mysql.mode !== 'managed') {
    return [
      {
        path: at('data', 'mysql', 'primaryRegion'),
        message: `names ${primary.region}, whose MySQL this stack does not create, so it cannot create its disaster-recovery instances either`,
        value: primary.region,
        fix: `describe ${primary.region} in fleet.cloud.regions with mysql.mode "managed"`,
      },
    ];
  }
  const copies = fleet.clusters.filter(
    (c) => c.region !== primary.region && layoutOf(fleet, c)?.mysql.mode === 'managed',
  );
  if (copies.length > 0) return [];
  return [
    {
      path: at('data', 'mysql'),
      message: `keeps every copy of the data in ${primary.region}: losing that region loses the database, and nothing can be promoted elsewhere`,
      fix: 'give another region a managed MySQL (fleet.cloud.regions[].mysql.mode "managed"): it becomes a disaster-recovery instance of the primary',
    },
  ];
}

/**
 * Active-active completes each request in its region: two regions on one Nacos would send Dubbo calls across. A
 * Nacos is told apart by `registryIdentity`: an in-cluster one by its cluster and Service, whatever its DNS name.
 */
function checkOwnNacos(fleet: Fleet, pathOf: ClusterPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, FleetCluster>();
  for (const c of fleet.clusters) {
    const key = registryIdentity(fleet, c);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first && first.region !== c.region) {
      const registry = registryOf(fleet, c);
      issues.push({
        path: registry.mode === 'external' ? pathOf(c, 'endpoints', 'nacos') : registry.field,
        message: `is the Nacos of ${first.name} in ${first.region}: services would register in, and Dubbo calls cross into, another region`,
        value: key,
        fix: `give ${c.region} its own Nacos (e.g. ${registry.field} { mode: in-cluster })`,
      });
    } else if (!first) {
      seen.set(key, c);
    }
  }
  return issues;
}
