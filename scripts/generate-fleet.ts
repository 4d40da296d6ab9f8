import type { FleetInput } from '../src/model/fleet-schema';

const REGIONS = [
  { region: 'ap-guangzhou', area: 'south-china' },
  { region: 'ap-shanghai', area: 'east-china' },
  { region: 'ap-beijing', area: 'north-china' },
  { region: 'ap-chengdu', area: 'southwest-china' },
] as const;

export interface GeneratedFleetOptions {
  /** Every n-th cluster runs another user-service tag and carries a raw JSON patch on order-service. @default 10 */
  readonly differenceEvery?: number;
}

/**
 * A synthetic fleet of `count` clusters for benchmarks and property tests: per-cluster endpoints and subnet
 * (so every cluster after the first gets config and gateway overrides), and for one cluster in ten an image
 * tag difference on one component and a raw JSON patch on another. Deterministic: the same count gives the
 * same fleet.
 */
export function generateFleet(count: number, options: GeneratedFleetOptions = {}): FleetInput {
  const every = options.differenceEvery ?? 10;
  const clusters = Array.from({ length: count }, (_, i) => {
    const { region, area } = REGIONS[i % REGIONS.length];
    const hi = Math.floor(i / 250);
    const lo = (i % 250) + 1;
    return {
      name: `cluster-${String(i).padStart(4, '0')}`,
      clusterId: `${hex(i, 8)}-0000-4000-8000-${hex(i * 7919, 12)}`,
      hubNamespace: `clusternet-${i.toString(36).padStart(5, '0')}`,
      region,
      area,
      gatewaySubnetId: `subnet-${i.toString(36).padStart(8, '0')}`,
      endpoints: {
        mysql: { host: `10.${hi}.${lo}.10`, port: 3306 },
        redis: { host: `10.${hi}.${lo}.20`, port: 6379 },
        nacos: { host: `10.${hi}.${lo}.30`, port: 8848 },
        skywalking: { host: `${region}.tsw.tencentcloudapi.com`, port: 11800 },
      },
    };
  });
  const differences: NonNullable<FleetInput['differences']> = {};
  clusters.forEach((c, i) => {
    if (i % every !== every - 1) return;
    differences[c.name] = {
      components: { 'user-service': { imageTag: `canary-${i}` } },
      patches: [
        {
          type: 'JSONPatch',
          name: 'order-service-replicas',
          target: { kind: 'Deployment', name: 'order-service' },
          operations: [{ op: 'replace', path: '/spec/replicas', value: 2 }],
        },
      ],
    };
  });
  return { name: `generated-${count}`, clusters, differences };
}

function hex(n: number, width: number): string {
  return (n % 16 ** width).toString(16).padStart(width, '0');
}
