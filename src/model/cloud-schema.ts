import { z } from 'zod';
import { parseCidr } from './cidr';

const cidr = z.string().refine((v) => parseCidr(v) !== undefined, {
  message: 'must be an IPv4 CIDR block with no host bits set',
  params: { fix: 'write it like "10.10.0.0/16"' },
});

const positiveInt = (what: string) =>
  z
    .number()
    .int()
    .refine((n) => n > 0, {
      message: `must be a whole number of ${what} above 0`,
      params: { fix: `give the ${what}` },
    });

/** Defaults of what a region creates: the fleet file and the region component both use these. */
export const REGION_DEFAULTS = {
  kubernetesVersion: '1.30.0',
  nodePool: { instanceType: 'SA5.LARGE8', minSize: 2, maxSize: 6, desiredSize: 3, systemDiskGb: 50 },
  mysql: {
    engineVersion: '8.0',
    memSizeMb: 4000,
    volumeSizeGb: 100,
    databaseName: 'qcbm',
    characterSet: 'utf8',
    accountHost: '%',
    privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'INDEX', 'DROP'],
  },
  redis: { memSizeMb: 1024 },
} as const;

export const nodePoolSchema = z.strictObject({
  /** CVM instance type of the workers. */
  instanceType: z
    .string()
    .regex(/^[A-Z0-9]+\.[A-Z0-9]+$/, { message: 'must be a CVM instance type like "SA5.LARGE8"' })
    .default(REGION_DEFAULTS.nodePool.instanceType),
  minSize: z.number().int().min(1).default(REGION_DEFAULTS.nodePool.minSize),
  maxSize: z.number().int().min(1).default(REGION_DEFAULTS.nodePool.maxSize),
  desiredSize: z.number().int().min(1).default(REGION_DEFAULTS.nodePool.desiredSize),
  systemDiskGb: z.number().int().min(50).default(REGION_DEFAULTS.nodePool.systemDiskGb),
});

export const kubernetesSchema = z.strictObject({
  version: z
    .string()
    .regex(/^1\.\d+\.\d+$/, { message: 'must be a TKE Kubernetes version like "1.30.0"' })
    .default(REGION_DEFAULTS.kubernetesVersion),
  /** Pod network of the cluster; must not overlap the VPC or another cluster. */
  clusterCidr: cidr,
  /** Service network; must not overlap the VPC, the pod network or another cluster. */
  serviceCidr: cidr,
  nodePool: nodePoolSchema.prefault({}),
});

const managedMysql = z.strictObject({
  mode: z.literal('managed'),
  engineVersion: z.enum(['5.7', '8.0']).default(REGION_DEFAULTS.mysql.engineVersion),
  memSizeMb: positiveInt('MB').default(REGION_DEFAULTS.mysql.memSizeMb),
  volumeSizeGb: positiveInt('GB').default(REGION_DEFAULTS.mysql.volumeSizeGb),
});
const managedRedis = z.strictObject({
  mode: z.literal('managed'),
  memSizeMb: positiveInt('MB').default(REGION_DEFAULTS.redis.memSizeMb),
});
const external = z.strictObject({ mode: z.literal('external') });

export const regionSchema = z.strictObject({
  /** The Tencent Cloud region, e.g. ap-beijing. Fleet clusters in this region run on the TKE cluster created here. */
  region: z.string(),
  /** The availability zone for nodes and data stores. */
  zone: z.string(),
  vpcCidr: cidr,
  /** Subnet for TKE nodes and the internal CLB of api-gateway; inside the VPC. */
  nodeSubnetCidr: cidr,
  /** Subnet for MySQL and Redis; inside the VPC, apart from the node subnet. */
  dataSubnetCidr: cidr,
  kubernetes: kubernetesSchema,
  /** `managed`: TencentDB for MySQL created here; `external`: the clusters' endpoints.mysql is used. */
  mysql: z.discriminatedUnion('mode', [managedMysql, external]).prefault({ mode: 'managed' }),
  redis: z.discriminatedUnion('mode', [managedRedis, external]).prefault({ mode: 'managed' }),
});

export const cloudSchema = z.strictObject({
  /**
   * `hub`: the app goes to the TDCC/Clusternet hub (kubeconfig in secret config `qcbm:hubKubeconfig`) and
   * Clusternet distributes it; `direct`: each cluster's rendered manifests go straight to its TKE cluster.
   */
  delivery: z.enum(['hub', 'direct']).default('hub'),
  /** Regions whose infrastructure this stack creates. Empty: every cluster and data store already exists. */
  regions: z.array(regionSchema).default([]),
});

export type CloudConfig = z.output<typeof cloudSchema>;
export type RegionConfig = z.output<typeof regionSchema>;
