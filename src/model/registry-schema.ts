import { z } from 'zod';
import { dnsSubdomain } from './fields';
import { QCBM_DEFAULTS } from './qcbm-components';

/**
 * Where a site's Nacos (the registry every Dubbo service registers in) comes from. `managed`: a TSE Nacos instance
 * (Tencent Cloud's managed Nacos) this stack creates in the site's VPC; `in-cluster`: a Nacos StatefulSet in the
 * app's namespace of the cluster; `external`: one you run, named by the cluster's `endpoints.nacos`.
 */
export const REGISTRY_MODES = ['managed', 'in-cluster', 'external'] as const;
export type RegistryMode = (typeof REGISTRY_MODES)[number];

/** TSE's Nacos editions: TRIAL (development, one node) and STANDARD (3, 5 or 7 nodes). */
export const TSE_PRODUCT_VERSIONS = ['TRIAL', 'STANDARD'] as const;
export type TseProductVersion = (typeof TSE_PRODUCT_VERSIONS)[number];
/** The node counts each edition sells (the provider schema's description of `engineProductVersion`). */
export const TSE_NODE_COUNTS: Readonly<Record<TseProductVersion, readonly number[]>> = {
  TRIAL: [1],
  STANDARD: [3, 5, 7],
};

/**
 * The regions TSE sells engines in. Source: the description of `engineRegion` of `tencentcloud:Tse/instance:Instance`
 * in the provider schema (pulumi-tencentcloud 0.2.3, terraform-provider-tencentcloud 1.82.42); Tencent's console is
 * the authority, and this list changes only with it.
 */
export const TSE_REGIONS: readonly string[] = [
  'ap-guangzhou',
  'ap-beijing',
  'ap-chengdu',
  'ap-chongqing',
  'ap-nanjing',
  'ap-shanghai',
  'ap-beijing-fsi',
  'ap-shanghai-fsi',
  'ap-shenzhen-fsi',
  'ap-hongkong',
  'ap-taipei',
  'ap-jakarta',
  'ap-singapore',
  'ap-bangkok',
  'ap-seoul',
  'ap-tokyo',
  'na-toronto',
  'sa-saopaulo',
  'na-siliconvalley',
  'na-ashburn',
];

/** Whether TSE (managed Nacos) is offered in a region. */
export function tseOffered(region: string): boolean {
  return TSE_REGIONS.includes(region);
}

/**
 * The ports of Nacos 2.x, all derived from the HTTP port as the server derives them: HTTP (open API, 8848), the
 * clients' gRPC (+1000), and between cluster members the Raft port (-1000) and the peers' gRPC (+1001).
 */
export const NACOS_PORTS = {
  http: QCBM_DEFAULTS.ports.nacos,
  clientGrpc: QCBM_DEFAULTS.ports.nacos + 1000,
  raft: QCBM_DEFAULTS.ports.nacos - 1000,
  peerGrpc: QCBM_DEFAULTS.ports.nacos + 1001,
} as const;

/** The defaults of every registry this stack builds: the fleet file, the components and the constructs use these. */
export const REGISTRY_DEFAULTS = {
  managed: {
    /** The provider schema's example of a TSE Nacos; the console's purchase page lists the versions on sale. */
    engineVersion: '2.0.3.4',
    productVersion: 'STANDARD' as TseProductVersion,
    /**
     * An opaque spec id; this one is the provider schema's example for a STANDARD Nacos. The ids of the specs
     * (1C2G, 2C4G, ...) are shown on TSE's purchase page: give yours.
     */
    spec: 'spec-1160a35a',
    /** The fewest nodes each edition sells. */
    nodes: { TRIAL: 1, STANDARD: 3 } as Readonly<Record<TseProductVersion, number>>,
  },
  inCluster: {
    /** The official image, pinned: Nacos 2.3.2 (nacos-group/nacos-docker tag v2.3.2, CentOS 7, OpenJDK 8). */
    image: 'nacos/nacos-server:v2.3.2',
    /** Cluster mode (Raft over embedded storage); 1 runs standalone. */
    replicas: 3,
    /** Each replica's PersistentVolumeClaim for /home/nacos/data (its embedded database and Raft log). */
    storageGb: 10,
    /** The Service the clients use: its DNS name is the cluster's NACOS_HOST. */
    serviceName: 'nacos',
    /** The headless Service the StatefulSet's pods are named under (their peer addresses). */
    headlessServiceName: 'nacos-headless',
  },
  /** The Nacos user the services log in as (NACOS_ACCOUNT), Nacos's own default. */
  account: 'nacos',
} as const;

/** Replica counts an in-cluster Nacos runs with: one (standalone), or three (a Raft cluster of embedded storage). */
export const IN_CLUSTER_REPLICAS = [1, 3] as const;

const managedNacos = z
  .strictObject({
    mode: z.literal('managed'),
    /** @default '2.0.3.4' */
    engineVersion: z
      .string()
      .regex(/^\d+(\.\d+){1,3}$/, { message: 'must be a Nacos version TSE sells, like "2.0.3.4"' })
      .default(REGISTRY_DEFAULTS.managed.engineVersion),
    /** @default 'STANDARD' */
    productVersion: z.enum(TSE_PRODUCT_VERSIONS).default(REGISTRY_DEFAULTS.managed.productVersion),
    /** @default - 1 for TRIAL, 3 for STANDARD */
    nodes: z.number().optional(),
    /** @default 'spec-1160a35a' */
    spec: z
      .string()
      .regex(/^spec-[a-z0-9]+$/, {
        message: 'must be a TSE spec id like "spec-1160a35a"',
      })
      .default(REGISTRY_DEFAULTS.managed.spec),
  })
  .superRefine((nacos, ctx) => {
    const allowed = TSE_NODE_COUNTS[nacos.productVersion];
    if (nacos.nodes !== undefined && !allowed.includes(nacos.nodes)) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes'],
        input: nacos.nodes,
        message: `is not a node count TSE sells with productVersion "${nacos.productVersion}" (${allowed.join(', ')})`,
        params: {
          fix:
            nacos.productVersion === 'TRIAL'
              ? 'use 1, or productVersion "STANDARD" for 3, 5 or 7 nodes'
              : 'use 3, 5 or 7, or productVersion "TRIAL" for one node',
        },
      });
    }
  })
  .transform((nacos) => ({
    ...nacos,
    nodes: nacos.nodes ?? REGISTRY_DEFAULTS.managed.nodes[nacos.productVersion],
  }));

const inClusterNacos = z.strictObject({
  mode: z.literal('in-cluster'),
  /** @default 3 */
  replicas: z
    .number()
    .refine((n) => (IN_CLUSTER_REPLICAS as readonly number[]).includes(n), {
      message: 'must be 1 (standalone) or 3 (a cluster)',
      params: {
        fix: 'use 3 for a registry that survives the loss of a node, 1 for a small fleet such as dev',
      },
    })
    .default(REGISTRY_DEFAULTS.inCluster.replicas),
  /** @default 10 */
  storageGb: z
    .number()
    .refine((n) => Number.isInteger(n) && n >= 10 && n <= 32000, {
      message: 'must be a whole number of GB from 10 to 32000 (what a CBS disk takes)',
      params: { fix: 'use 10 or more' },
    })
    .default(REGISTRY_DEFAULTS.inCluster.storageGb),
  /** @default - the cluster's default StorageClass (TKE: CBS) */
  storageClass: dnsSubdomain.optional(),
});

const externalNacos = z.strictObject({ mode: z.literal('external') });

/** A registry as the fleet describes it (`cloud.regions[].nacos`, `clusters[].nacos`). */
export const nacosSchema = z.discriminatedUnion('mode', [managedNacos, inClusterNacos, externalNacos]);

export type NacosConfig = z.output<typeof nacosSchema>;
export type ManagedNacosConfig = Extract<NacosConfig, { mode: 'managed' }>;
export type InClusterNacosConfig = Extract<NacosConfig, { mode: 'in-cluster' }>;
/** What a user writes: defaults may be left out. */
export type NacosInput = z.input<typeof nacosSchema>;

/** The in-cluster registry with every default, where the fleet asks for it without settings. */
export function defaultInClusterNacos(): InClusterNacosConfig {
  return {
    mode: 'in-cluster',
    replicas: REGISTRY_DEFAULTS.inCluster.replicas,
    storageGb: REGISTRY_DEFAULTS.inCluster.storageGb,
  };
}

/** The managed registry with every default. */
export function defaultManagedNacos(): ManagedNacosConfig {
  const { engineVersion, productVersion, spec, nodes } = REGISTRY_DEFAULTS.managed;
  return { mode: 'managed', engineVersion, productVersion, spec, nodes: nodes[productVersion] };
}

/**
 * The keys of the app's Secret an in-cluster Nacos reads (Nacos 2.2+ refuses to start with authentication on and
 * any of them unset): the key its login tokens are signed with (base64 of at least 32 bytes), and the header
 * name and value its members recognise each other by.
 */
export const NACOS_SERVER_SECRET_KEYS = [
  'NACOS_AUTH_TOKEN',
  'NACOS_AUTH_IDENTITY_KEY',
  'NACOS_AUTH_IDENTITY_VALUE',
] as const;
export type NacosServerSecretKey = (typeof NACOS_SERVER_SECRET_KEYS)[number];
