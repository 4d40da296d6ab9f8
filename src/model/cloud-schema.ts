import { z } from 'zod';
import { parseCidr } from './cidr';
import { intIn } from './fields';
import { egressSchema, tracingSchema } from './tracing-schema';
import { nacosSchema } from './registry-schema';

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

/** Redis versions TencentDB for Redis sells; cross-region (global) replication takes only 4.0 and 5.0. */
export const REDIS_VERSIONS = ['4.0', '5.0', '6.2', '7.0'] as const;
/** `standard`: one master and its replicas; `cluster`: shards, each a master and its replicas. */
export const REDIS_ARCHITECTURES = ['standard', 'cluster'] as const;
/** The shard counts the cluster architecture takes. */
export const REDIS_SHARD_COUNTS = [1, 3, 5, 8, 12, 16, 24, 32, 40, 48, 64, 80, 96, 128] as const;
export type RedisVersion = (typeof REDIS_VERSIONS)[number];
export type RedisArchitecture = (typeof REDIS_ARCHITECTURES)[number];

/** Defaults of what a region creates: the fleet file and the region component both use these. */
export const REGION_DEFAULTS = {
  kubernetesVersion: '1.30.0',
  nodePool: {
    instanceType: 'SA5.LARGE8',
    minSize: 2,
    maxSize: 6,
    desiredSize: 3,
    systemDiskGb: 50,
    /** TencentOS Server 3.1, a TKE public image (the provider's own default is the older tlinux2.4). */
    nodeOs: 'tlinux3.1x86_64',
  },
  mysql: {
    engineVersion: '8.0',
    memSizeMb: 4000,
    volumeSizeGb: 100,
    databaseName: 'qcbm',
    characterSet: 'utf8',
    accountHost: '%',
    privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'INDEX', 'DROP'],
  },
  /** Redis 5.0 with two replicas: what cross-region (global) replication needs of a master. */
  redis: { memSizeMb: 1024, version: '5.0', architecture: 'standard', replicas: 2 },
} as const;

const allowedCidr = z.string().superRefine((value, ctx) => {
  const block = parseCidr(value);
  if (value.trim() === '::/0' || block?.prefix === 0) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: 'would open the Kubernetes API to the whole internet',
      params: { fix: 'list only the networks Pulumi and your operators connect from, e.g. "203.0.113.0/24"' },
    });
  } else if (!block) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      message: 'must be an IPv4 CIDR block with no host bits set',
      params: { fix: 'write it like "203.0.113.0/24", or "203.0.113.7/32" for one address' },
    });
  }
});

/**
 * Who reaches the Kubernetes API server of each TKE cluster the stack creates. `intranet`: only the VPC (and
 * networks joined to it); `public`: the internet, limited to `allowedCidrs` by a security group on port 443.
 */
export type KubernetesApiConfig =
  | {
      readonly access: 'intranet';
      /**
       * Pulumi runs where the regions' VPCs are reachable: inside one, or in a network joined to them (CCN, VPN,
       * Direct Connect). Direct delivery applies the manifests through each cluster's API server, so it needs this.
       */
      readonly deployerInNetwork: boolean;
    }
  | {
      readonly access: 'public';
      /** The networks that may reach the public endpoints: Pulumi's egress and your operators'. */
      readonly allowedCidrs: readonly string[];
    };
/** What a user writes for `kubernetesApi`: defaults may be left out. */
export type KubernetesApiInput =
  | { readonly access: 'intranet'; readonly deployerInNetwork?: boolean }
  | { readonly access: 'public'; readonly allowedCidrs: readonly string[] };

// One object rather than a discriminated union, so a wrong `access` or a field of the other mode reads plainly.
export const kubernetesApiSchema = z
  .strictObject({
    access: z.enum(['intranet', 'public']),
    deployerInNetwork: z.boolean().optional(),
    allowedCidrs: z.array(allowedCidr).optional(),
  })
  .superRefine((api, ctx) => {
    const issue = (path: string, message: string, fix: string, input?: unknown) =>
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message,
        params: { fix },
        ...(input === undefined ? {} : { input }),
      });
    if (api.access === 'public' && api.allowedCidrs === undefined) {
      issue(
        'allowedCidrs',
        'is required with access "public"',
        'list the CIDR blocks Pulumi and your operators connect from',
      );
    } else if (api.access === 'public' && api.allowedCidrs?.length === 0) {
      issue(
        'allowedCidrs',
        'must list at least one network: a public endpoint without an allow-list is open to everyone',
        'add the CIDR blocks Pulumi and your operators connect from, or use access: intranet',
      );
    }
    if (api.access === 'intranet' && api.allowedCidrs !== undefined) {
      issue(
        'allowedCidrs',
        'is only for access "public"',
        'remove it, or set access: public',
        api.allowedCidrs,
      );
    }
    if (api.access === 'public' && api.deployerInNetwork !== undefined) {
      issue('deployerInNetwork', 'is only for access "intranet"', 'remove it', api.deployerInNetwork);
    }
  })
  .transform((api): KubernetesApiConfig =>
    api.access === 'public'
      ? { access: 'public', allowedCidrs: api.allowedCidrs ?? [] }
      : { access: 'intranet', deployerInNetwork: api.deployerInNetwork ?? false },
  );

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
  /** The node image: a TKE public image name, or a custom image id. */
  nodeOs: z
    .string()
    .regex(/^(img-[a-z0-9]{8}|[a-z][a-z0-9.()_-]*(x86_64|arm64))$/, {
      message:
        'must be a TKE public image name like "tlinux3.1x86_64", or a custom image id like "img-9qrfy1xt"',
    })
    .default(REGION_DEFAULTS.nodePool.nodeOs),
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
const managedRedis = z
  .strictObject({
    mode: z.literal('managed'),
    /** Memory in MB; per shard with the cluster architecture. */
    memSizeMb: positiveInt('MB').default(REGION_DEFAULTS.redis.memSizeMb),
    /** Cross-region (global) replication takes only 4.0 and 5.0. */
    version: z.enum(REDIS_VERSIONS).default(REGION_DEFAULTS.redis.version),
    architecture: z.enum(REDIS_ARCHITECTURES).default(REGION_DEFAULTS.redis.architecture),
    /** Replicas of each master; global replication needs at least 2. */
    replicas: intIn(1, 5, 'a whole number of replicas', 'use 2 or more to allow global replication').default(
      REGION_DEFAULTS.redis.replicas,
    ),
    /**
     * What it holds: `cache` (rebuilt from MySQL, so not backed up) or `data` the fleet cannot rebuild, which gets
     * a daily backup (`Redis/backupConfig`). @default 'cache'
     */
    holds: z.enum(['cache', 'data']).optional(),
    /** Shards, with the cluster architecture only. */
    shards: z
      .number()
      .refine((n) => (REDIS_SHARD_COUNTS as readonly number[]).includes(n), {
        message: `must be one of ${REDIS_SHARD_COUNTS.join(', ')}`,
        params: { fix: 'pick one of these; global replication needs a power of two up to 64' },
      })
      .optional(),
  })
  .superRefine((redis, ctx) => {
    if (redis.architecture === 'cluster' && redis.shards === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['shards'],
        message: 'is required with architecture "cluster"',
        params: { fix: `give the number of shards, one of ${REDIS_SHARD_COUNTS.join(', ')}` },
      });
    }
    if (redis.architecture === 'standard' && redis.shards !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['shards'],
        input: redis.shards,
        message: 'is only for architecture "cluster"',
        params: { fix: 'remove it, or set architecture: cluster' },
      });
    }
  });
const external = z.strictObject({ mode: z.literal('external') });

/** One site this stack creates: a VPC in a region and zone, with the TKE cluster of one fleet cluster. */
export const regionSchema = z.strictObject({
  /** The Tencent Cloud region, e.g. ap-beijing. */
  region: z.string(),
  /**
   * The fleet cluster that runs on the TKE cluster created here. A region may hold two sites (in different
   * zones, e.g. the same-city centres A and B): each then names its cluster.
   * @default - the only cluster of the region
   */
  cluster: z.string().optional(),
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
  /** How the site's nodes reach the internet (a public tracing collector needs it). @default 'none' */
  egress: egressSchema,
  /**
   * The site's Nacos: `managed` (TSE, in this VPC's data subnet), `in-cluster` (a StatefulSet in the app's
   * namespace) or `external` (the cluster's endpoints.nacos). Defaults are decided by `registryOf`.
   * @default - managed where TSE is offered in the region, else in-cluster
   */
  nacos: nacosSchema.optional(),
});

export const cloudSchema = z.strictObject({
  /**
   * `hub`: the app goes to the TDCC/Clusternet hub (kubeconfig in secret config `qcbm:hubKubeconfig`) and
   * Clusternet distributes it; `direct`: each cluster's rendered manifests go straight to its TKE cluster.
   */
  delivery: z.enum(['hub', 'direct']).default('hub'),
  /** Who reaches the Kubernetes API of the clusters created here. */
  kubernetesApi: kubernetesApiSchema.prefault({ access: 'intranet' }),
  /** Regions whose infrastructure this stack creates. Empty: every cluster and data store already exists. */
  regions: z.array(regionSchema).default([]),
  /** Where the services send their traces: declared collectors, or an APM instance this stack creates. */
  tracing: tracingSchema,
});

export type CloudConfig = z.output<typeof cloudSchema>;
export type RegionConfig = z.output<typeof regionSchema>;
