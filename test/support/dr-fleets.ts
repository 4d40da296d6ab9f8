import type { Area, FleetInput } from '../../src/model';

/** A site of a generated fleet: a cluster and, when `managed`, the region entry that creates it. */
export interface SiteSpec {
  readonly name: string;
  readonly region: string;
  readonly zone: string;
  readonly area: Area;
  readonly role?: 'active' | 'standby' | 'dr';
  readonly weight?: number;
  /** Created by the stack with a managed MySQL (default true). */
  readonly managedMysql?: boolean;
}

const AREA_OF: Record<string, Area> = {
  'ap-beijing': 'north-china',
  'ap-shanghai': 'east-china',
  'ap-guangzhou': 'south-china',
  'ap-chengdu': 'southwest-china',
  'ap-nanjing': 'east-china',
};

export function site(name: string, region: string, zone: string, extra: Partial<SiteSpec> = {}): SiteSpec {
  return { name, region, zone, area: AREA_OF[region] ?? 'south-china', ...extra };
}

type Present<T> = Exclude<T, undefined>;
type CloudInput = Present<FleetInput['cloud']>;
type DataInput = Present<FleetInput['data']>;

/** A fleet input whose disaster-recovery parts are all present, so tests can change them in place. */
export type DrFleetInput = FleetInput & {
  app: Present<FleetInput['app']>;
  cloud: CloudInput & { regions: Present<CloudInput['regions']> };
  topology: Present<FleetInput['topology']>;
  data: DataInput & { mysql: Present<DataInput['mysql']> };
  traffic: Present<FleetInput['traffic']> & Record<string, any>;
};

/**
 * A valid disaster-recovery fleet of the given sites: each with its own VPC and networks (disjoint), its own
 * Nacos, and IGTM in front; the primary MySQL in `primaryRegion` (first site there unless `primaryCluster`).
 */
export function drFleetInput(
  kind: 'active-active' | 'two-sites-three-centers' | 'active-standby',
  sites: readonly SiteSpec[],
  options: {
    primaryRegion?: string;
    primaryCluster?: string;
    rtoSeconds?: number;
    lines?: Record<string, number>;
    /** The fleet's name. @default 'drtest' */
    name?: string;
    /** @default 'www.example.com' */
    ingressHost?: string;
    /** Replaces the default IGTM traffic block (zone example.com). */
    traffic?: Record<string, unknown>;
  } = {},
): DrFleetInput {
  const regionCount = (r: string) => sites.filter((s) => s.region === r).length;
  return {
    name: options.name ?? 'drtest',
    app: { ingressHost: options.ingressHost ?? 'www.example.com', secrets: { source: 'pulumi' } },
    clusters: sites.map((s, i) => ({
      name: s.name,
      clusterId: `${String(i + 1).padStart(8, '0')}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      region: s.region,
      area: s.area,
      ...(s.role ? { role: s.role } : {}),
      ...(s.weight !== undefined ? { weight: s.weight } : {}),
      endpoints: {
        nacos: { host: `10.${100 + i}.8.30` },
        skywalking: { host: 'tsw.example.com' },
      },
    })),
    cloud: {
      delivery: 'direct',
      kubernetesApi: { access: 'public', allowedCidrs: ['203.0.113.0/24'] },
      regions: sites.map((s, i) => ({
        region: s.region,
        ...(regionCount(s.region) > 1 ? { cluster: s.name } : {}),
        zone: s.zone,
        vpcCidr: `10.${100 + i}.0.0/16`,
        nodeSubnetCidr: `10.${100 + i}.0.0/20`,
        dataSubnetCidr: `10.${100 + i}.16.0/24`,
        kubernetes: { clusterCidr: `172.${16 + i}.0.0/16`, serviceCidr: `192.168.${i * 16}.0/20` },
        mysql: s.managedMysql === false ? { mode: 'external' } : { mode: 'managed' },
        // Each site's own Nacos at a fixed address, so that tests can make two sites share one.
        nacos: { mode: 'external' },
      })),
    },
    topology: { kind, ...(options.rtoSeconds ? { rtoSeconds: options.rtoSeconds } : {}) },
    data: {
      mysql: {
        primaryRegion: options.primaryRegion ?? sites[0].region,
        ...(options.primaryCluster ? { primaryCluster: options.primaryCluster } : {}),
      },
    },
    traffic: options.traffic ?? {
      mode: 'igtm',
      zone: 'example.com',
      package: { resourceId: 'gtm-pkg-1' },
      access: { domain: 'example-gtm.com', subDomain: 'www' },
      monitor: { detectorGroupIds: [30] },
      lines: options.lines ?? { default: 1 },
    },
  } as DrFleetInput;
}

/** Prod-like: active-active in Beijing, Shanghai and Guangzhou. */
export function activeActive(): DrFleetInput {
  return drFleetInput(
    'active-active',
    [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5'),
      site('guangzhou-01', 'ap-guangzhou', 'ap-guangzhou-6'),
    ],
    { lines: { default: 1, 'north-china': 101, 'east-china': 102, 'south-china': 103 } },
  );
}

/** Guangzhou A and B (two zones), Shanghai C. */
export function twoSitesThreeCentres(b: Partial<SiteSpec> = {}): DrFleetInput {
  return drFleetInput(
    'two-sites-three-centers',
    [
      site('guangzhou-a', 'ap-guangzhou', 'ap-guangzhou-3'),
      site('guangzhou-b', 'ap-guangzhou', 'ap-guangzhou-6', b),
      site('shanghai-c', 'ap-shanghai', 'ap-shanghai-5'),
    ],
    { primaryCluster: 'guangzhou-a', lines: { default: 1, 'south-china': 103, 'east-china': 102 } },
  );
}

/** A copy of `input` without `key` (a part a test wants absent). */
export function without<T extends object, K extends keyof T>(input: T, key: K): Omit<T, K> {
  const copy = { ...input };
  delete copy[key];
  return copy;
}

/** Where an external cluster of `externalClusterInput` is and what it brings. */
export interface ExternalClusterSpec {
  readonly name: string;
  readonly region: string;
  readonly area: string;
  /** The second octet of its addresses (10.<n>.x.y), so that clusters do not share a data service. */
  readonly octet: number;
  readonly clusterId: string;
  readonly gatewaySubnetId: string;
  /** Its public address, where traffic is published to it. @default - none */
  readonly ingressAddress?: string;
}

/**
 * A cluster that no site of the stack creates, as a fleet lists it: its own subnet and data services (MySQL,
 * Redis, Nacos), and its public address where given.
 */
export function externalClusterInput(spec: ExternalClusterSpec): Record<string, unknown> {
  const at = (last: string) => `10.${spec.octet}.${last}`;
  return {
    name: spec.name,
    clusterId: spec.clusterId,
    region: spec.region,
    area: spec.area,
    gatewaySubnetId: spec.gatewaySubnetId,
    ...(spec.ingressAddress ? { ingressAddress: spec.ingressAddress } : {}),
    endpoints: {
      mysql: { host: at('16.10'), port: 3306 },
      redis: { host: at('16.20'), port: 6379 },
      nacos: { host: at('8.30') },
      skywalking: { host: 'tsw.example.com' },
    },
  };
}
