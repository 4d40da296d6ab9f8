import { type Cidr, cidrContains, cidrsOverlap, parseCidr } from './cidr';
import {
  CLB_NAME_MAX_LENGTH,
  clbEnvironmentName,
  clbNameTooLong,
  clbName,
  MAX_ENVIRONMENT_NAME_FOR_CLBS,
} from './resource-names';
import { listOf } from './fleet-semantics';
import { formatPath } from './issue-path';
import { isRecord, type RawRecord as Raw, recordsOf } from './raw';
import { isKnownRegion, TENCENT_REGIONS } from './tencent-regions';
import type { ValidationIssue } from './validation-error';

const at = (...p: PropertyKey[]) => formatPath('fleet', p);
/** A field of a raw record that is itself a record, or an empty one. */
const sub = (r: unknown, key: string): Raw => (isRecord(r) && isRecord(r[key]) ? r[key] : {});

/**
 * Checks of the cloud layout that the schema cannot express: known regions and zones, one created cluster per
 * region, networks that fit and do not overlap (within a region and across regions, which CCN would join), and
 * an endpoint for every data store the stack does not create. Reads the raw input defensively.
 */
export function checkCloud(raw: unknown): ValidationIssue[] {
  if (!isRecord(raw)) return [];
  const issues: ValidationIssue[] = [];
  const regions = recordsOf(sub(raw, 'cloud').regions);
  const clusters: unknown[] = Array.isArray(raw.clusters) ? raw.clusters : [];
  const knownRegionList = listOf(Object.keys(TENCENT_REGIONS));

  clusters.forEach((c, i) => {
    if (isRecord(c) && typeof c.region === 'string' && !isKnownRegion(c.region)) {
      issues.push({
        path: at('clusters', i, 'region'),
        message: 'is not a Tencent Cloud region this library knows',
        value: c.region,
        fix: `use one of ${knownRegionList}`,
      });
    }
  });

  // The cluster each site creates: the one it names, or the only cluster of its region.
  const siteOf = new Map<unknown, number>();
  regions.forEach((r, i) => {
    if (typeof r.region !== 'string') return;
    if (!isKnownRegion(r.region)) {
      issues.push({
        path: at('cloud', 'regions', i, 'region'),
        message: 'is not a Tencent Cloud region this library knows',
        value: r.region,
        fix: `use one of ${knownRegionList}`,
      });
    } else if (typeof r.zone === 'string' && !r.zone.startsWith(`${r.region}-`)) {
      const zones = TENCENT_REGIONS[r.region];
      issues.push({
        path: at('cloud', 'regions', i, 'zone'),
        message: `is not a zone of ${r.region}`,
        value: r.zone,
        fix: zones.length ? `use one of ${listOf(zones)}` : `use a zone id like "${r.region}-1"`,
      });
    }
    issues.push(...siteIssues(r, i, regions, clusters, siteOf));
    const twoSites = regions.filter((x) => x.region === r.region).length > 1;
    const tooLong =
      twoSites && typeof raw.name === 'string' && typeof r.cluster === 'string'
        ? clbNameTooLong(raw.name, r.cluster)
        : undefined;
    if (tooLong) issues.push({ path: at('cloud', 'regions', i, 'cluster'), value: r.cluster, ...tooLong });
    issues.push(...checkRegionNetworks(r, i));
  });
  issues.push(...checkAcrossRegions(regions));
  if (regions.length > 0) issues.push(...checkReachability(sub(raw, 'cloud'), regions));
  if (regions.length > 0 && typeof raw.name === 'string' && !clbEnvironmentName.safeParse(raw.name).success) {
    issues.push({
      path: at('name'),
      message: `goes into the names of the CLBs this stack creates ("${clbName(raw.name, 'gateway')}"), which take at most ${CLB_NAME_MAX_LENGTH} letters, digits, "-" or "_"`,
      value: raw.name,
      fix: `use at most ${MAX_ENVIRONMENT_NAME_FOR_CLBS} characters`,
    });
  }

  // Where the fleet names one writable MySQL (or a global Redis group), every cluster uses that one.
  const data = sub(raw, 'data');
  const sharedByTopology = {
    mysql: isRecord(data.mysql),
    redis: isRecord(sub(data, 'redis').globalReplication),
  };
  clusters.forEach((c, i) => {
    if (!isRecord(c)) return;
    const siteIndex = siteOf.get(c.name);
    const region = siteIndex === undefined ? undefined : regions[siteIndex];
    // Left out, a cluster's endpoints are none (the schema's default); anything else but an object is the schema's.
    const endpoints = c.endpoints === undefined ? {} : isRecord(c.endpoints) ? c.endpoints : undefined;
    for (const store of ['mysql', 'redis'] as const) {
      const managed = region !== undefined && (sub(region, store).mode ?? 'managed') === 'managed';
      if (!managed && !sharedByTopology[store] && endpoints && endpoints[store] === undefined) {
        issues.push({
          path: at('clusters', i, 'endpoints', store),
          message: `is required: ${store === 'mysql' ? 'MySQL' : 'Redis'} in ${String(c.region)} is not created by this stack`,
          fix: `give its host and port, or describe region ${String(c.region)} in fleet.cloud.regions with ${store}.mode "managed"`,
        });
      }
    }
    if (region === undefined && c.gatewaySubnetId === undefined) {
      issues.push({
        path: at('clusters', i, 'gatewaySubnetId'),
        message: `is required: the network of ${String(c.region)} is not created by this stack`,
        fix: 'give the subnet id for the internal CLB of api-gateway',
      });
    }
  });
  return issues;
}

/**
 * A site (one entry of cloud.regions) creates one cluster: the one it names, or the only cluster of its region.
 * A region may hold two sites (e.g. the same-city centres of two-sites-three-centers), in different zones,
 * each naming its cluster.
 */
function siteIssues(
  r: Raw,
  i: number,
  regions: Raw[],
  clusters: unknown[],
  siteOf: Map<unknown, number>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const inRegion = clusters.filter((c): c is Raw => isRecord(c) && c.region === r.region);
  const names = listOf(inRegion.map((c) => String(c.name)));
  const sitesOfRegion = regions.filter((x) => x.region === r.region).length;
  if (typeof r.cluster === 'string') {
    const created = siteOf.get(r.cluster);
    if (!inRegion.some((c) => c.name === r.cluster)) {
      issues.push({
        path: at('cloud', 'regions', i, 'cluster'),
        message: `names no cluster of ${String(r.region)}`,
        value: r.cluster,
        fix: `use one of ${names}`,
      });
    } else if (created !== undefined) {
      issues.push({
        path: at('cloud', 'regions', i, 'cluster'),
        message: `is already created by cloud.regions[${created}]`,
        value: r.cluster,
        fix: 'create each cluster once',
      });
    } else {
      siteOf.set(r.cluster, i);
    }
  } else if (sitesOfRegion > 1) {
    issues.push({
      path: at('cloud', 'regions', i, 'cluster'),
      message: `is required: ${String(r.region)} holds ${sitesOfRegion} sites, and each creates one cluster`,
      fix: `name the cluster this site creates, one of ${names}`,
    });
  } else if (inRegion.length !== 1) {
    issues.push({
      path: at('cloud', 'regions', i),
      message: `creates one TKE cluster, but fleet.clusters has ${inRegion.length} cluster(s) in ${String(r.region)}`,
      fix: `list exactly one cluster with region "${String(r.region)}" in fleet.clusters, or name the one this site creates with "cluster"`,
    });
  } else {
    siteOf.set(inRegion[0].name, i);
  }
  const sameZone = regions.findIndex((x) => x.region === r.region && x.zone === r.zone);
  if (sameZone < i) {
    issues.push({
      path: at('cloud', 'regions', i, 'zone'),
      message: `is also the zone of cloud.regions[${sameZone}]: two sites of one region must stand in different zones`,
      value: r.zone,
      fix: `pick another zone of ${String(r.region)}`,
    });
  }
  return issues;
}

/**
 * Direct delivery applies the manifests through each created cluster's API server: Pulumi must reach it, either
 * through a public endpoint open to it or from inside the network.
 */
function checkReachability(cloud: Raw, regions: Raw[]): ValidationIssue[] {
  const api = sub(cloud, 'kubernetesApi');
  const intranet = (api.access ?? 'intranet') === 'intranet';
  if ((cloud.delivery ?? 'hub') !== 'direct' || !intranet || api.deployerInNetwork === true) return [];
  const names = listOf(regions.map((r) => String(r.region)));
  return [
    {
      path: at('cloud', 'kubernetesApi'),
      message: `keeps the Kubernetes API of ${names} on the intranet (the default), but delivery "direct" applies the manifests through each cluster's API server, which Pulumi cannot reach from outside the VPC`,
      fix: 'choose one: open the API to Pulumi with { access: public, allowedCidrs: ["<the CIDR Pulumi connects from>"] }; or, if Pulumi runs inside the VPC or a network joined to it (CCN, VPN), declare { access: intranet, deployerInNetwork: true }; or set delivery: hub',
    },
  ];
}

function checkRegionNetworks(r: Raw, i: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const vpc = cidrOf(r.vpcCidr);
  const node = cidrOf(r.nodeSubnetCidr);
  const data = cidrOf(r.dataSubnetCidr);
  const pods = cidrOf(sub(r, 'kubernetes').clusterCidr);
  const services = cidrOf(sub(r, 'kubernetes').serviceCidr);
  const path = (...p: PropertyKey[]) => at('cloud', 'regions', i, ...p);
  for (const [name, subnet] of [
    ['nodeSubnetCidr', node],
    ['dataSubnetCidr', data],
  ] as const) {
    if (vpc && subnet && !cidrContains(vpc, subnet)) {
      issues.push({
        path: path(name),
        message: `is not inside the VPC ${vpc.text}`,
        value: subnet.text,
        fix: `pick a block inside ${vpc.text}`,
      });
    }
  }
  if (node && data && cidrsOverlap(node, data)) {
    issues.push({
      path: path('dataSubnetCidr'),
      message: `overlaps the node subnet ${node.text}`,
      value: data.text,
      fix: 'give the data stores their own block',
    });
  }
  for (const [name, block] of [
    ['clusterCidr', pods],
    ['serviceCidr', services],
  ] as const) {
    if (vpc && block && cidrsOverlap(vpc, block)) {
      issues.push({
        path: path('kubernetes', name),
        message: `overlaps the VPC ${vpc.text}`,
        value: block.text,
        fix: 'use a block outside every VPC, e.g. in 172.16.0.0/12',
      });
    }
  }
  if (pods && services && cidrsOverlap(pods, services)) {
    issues.push({
      path: path('kubernetes', 'serviceCidr'),
      message: `overlaps the pod network ${pods.text}`,
      value: services.text,
      fix: 'give services their own block',
    });
  }
  return issues;
}

function checkAcrossRegions(regions: Raw[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const blocks: { path: string; cidr: Cidr; region: number }[] = [];
  regions.forEach((r, i) => {
    const add = (cidr: Cidr | undefined, ...p: PropertyKey[]) =>
      cidr && blocks.push({ path: at('cloud', 'regions', i, ...p), cidr, region: i });
    add(cidrOf(r.vpcCidr), 'vpcCidr');
    add(cidrOf(sub(r, 'kubernetes').clusterCidr), 'kubernetes', 'clusterCidr');
    add(cidrOf(sub(r, 'kubernetes').serviceCidr), 'kubernetes', 'serviceCidr');
  });
  for (let a = 0; a < blocks.length; a++) {
    for (let b = a + 1; b < blocks.length; b++) {
      if (blocks[a].region !== blocks[b].region && cidrsOverlap(blocks[a].cidr, blocks[b].cidr)) {
        issues.push({
          path: blocks[b].path,
          message: `overlaps ${blocks[a].path} (${blocks[a].cidr.text}); regions joined by CCN need disjoint networks`,
          value: blocks[b].cidr.text,
          fix: 'give every region its own address blocks',
        });
      }
    }
  }
  return issues;
}

function cidrOf(x: unknown): Cidr | undefined {
  return typeof x === 'string' ? parseCidr(x) : undefined;
}
