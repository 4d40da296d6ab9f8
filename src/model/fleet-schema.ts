import { z } from 'zod';
import * as f from './formats';
import { cloudSchema } from './cloud-schema';
import { JSON_PATCH_OPS } from './json-patch';
import { QCBM_DEFAULTS } from './qcbm-components';

/** A zod string checked against one of our formats; the issue carries the fix for the error report. */
function formatted(format: f.Format) {
  return z.string().refine(format.test, { message: format.rule, params: { fix: format.fix } });
}

const port = z
  .number()
  .int()
  .refine((p) => p >= 1 && p <= 65535, {
    message: 'must be a TCP port from 1 to 65535',
    params: { fix: 'use the port the service listens on, e.g. 3306 for MySQL' },
  });

const replicas = z
  .number()
  .int()
  .refine((n) => n >= 0 && n <= 1000, {
    message: 'must be a whole number of replicas from 0 to 1000',
    params: { fix: 'use 1 or more to run the component, 0 to stop it in that cluster' },
  });

/** Geographic areas used to route users to the nearest region (the DNS lines of the traffic layer). */
export const AREAS = [
  'north-china',
  'northeast-china',
  'east-china',
  'central-china',
  'south-china',
  'southwest-china',
  'northwest-china',
  'hong-kong-macao-taiwan',
  'overseas',
] as const;

/**
 * What a cluster is for in the disaster-recovery topology. `active` serves traffic (active-active, or the
 * production centre of two-sites-three-centres); `standby` is a warm same-city centre; `dr` is the remote
 * centre that only receives traffic when every other centre is down.
 */
export const CLUSTER_ROLES = ['active', 'standby', 'dr'] as const;

function endpoint(defaultPort: number) {
  return z.strictObject({ host: formatted(f.HOST), port: port.default(defaultPort) });
}

export const endpointsSchema = z.strictObject({
  mysql: endpoint(QCBM_DEFAULTS.ports.mysql),
  redis: endpoint(QCBM_DEFAULTS.ports.redis),
  nacos: endpoint(QCBM_DEFAULTS.ports.nacos),
  skywalking: endpoint(QCBM_DEFAULTS.ports.skywalking),
});

const labels = z.record(formatted(f.LABEL_KEY), formatted(f.LABEL_VALUE));

export const clusterSchema = z.strictObject({
  /** The cluster's name in TDCC (the ManagedCluster name), e.g. guangzhou-01. */
  name: formatted(f.DNS1123_LABEL),
  /** The UUID Clusternet assigned at registration (label clusters.clusternet.io/cluster-id). */
  clusterId: formatted(f.UUID),
  /** The cluster's dedicated namespace on the hub; without it, per-cluster overrides become Globalizations. */
  hubNamespace: formatted(f.HUB_NAMESPACE).optional(),
  /** Extra labels the ManagedCluster carries (usable in selectors). */
  labels: labels.prefault({}),
  region: formatted(f.REGION),
  area: z.enum(AREAS),
  role: z.enum(CLUSTER_ROLES).default('active'),
  /**
   * The data services this cluster's pods talk to. MySQL and Redis may be left out where the cluster's
   * region creates them (fleet.cloud.regions[].mysql/redis.mode = managed).
   */
  endpoints: endpointsSchema.partial({ mysql: true, redis: true }),
  /** The subnet of the internal CLB in front of api-gateway; left out where the region is created by this stack. */
  gatewaySubnetId: formatted(f.SUBNET_ID).optional(),
});

const componentSettings = z.strictObject({
  imageTag: formatted(f.IMAGE_TAG).optional(),
  replicas: replicas.optional(),
});

const resourceList = z.strictObject({ cpu: formatted(f.CPU_QUANTITY), memory: formatted(f.MEMORY_QUANTITY) });

const appComponentSettings = componentSettings.extend({
  resources: z.strictObject({ requests: resourceList, limits: resourceList }).optional(),
});

export const objectRefSchema = z.strictObject({
  apiVersion: z.string().min(1).optional(),
  kind: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]*$/, { message: 'must be a Kubernetes kind in CamelCase, like "Service"' }),
  name: formatted(f.DNS1123_SUBDOMAIN),
  namespace: formatted(f.DNS1123_LABEL).optional(),
});

const jsonPointer = z.string().refine((p) => p.startsWith('/'), {
  message: 'must be a JSON pointer starting with "/"',
  params: { fix: 'write the path like "/spec/replicas"; escape "/" inside a key as "~1"' },
});

const patchOperation = z.strictObject({
  op: z.enum(JSON_PATCH_OPS as [string, ...string[]]),
  path: jsonPointer,
  value: z.unknown().optional(),
  from: jsonPointer.optional(),
});

export const patchDifferenceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('JSONPatch'),
    name: formatted(f.DNS1123_SUBDOMAIN).optional(),
    target: objectRefSchema,
    operations: z.array(patchOperation).min(1),
  }),
  z.strictObject({
    type: z.literal('MergePatch'),
    name: formatted(f.DNS1123_SUBDOMAIN).optional(),
    target: objectRefSchema,
    patch: z.record(z.string(), z.unknown()),
  }),
]);

export const clusterDifferencesSchema = z.strictObject({
  /** Per component: a different image tag or replica count in this cluster only (gray update). */
  components: z.record(z.string(), componentSettings).prefault({}),
  /** Extra annotations on one object in this cluster only. */
  annotations: z
    .array(
      z.strictObject({ target: objectRefSchema, annotations: z.record(formatted(f.LABEL_KEY), z.string()) }),
    )
    .prefault([]),
  /** Raw JSON patches or merge patches, checked against their target at synth time. */
  patches: z.array(patchDifferenceSchema).prefault([]),
});

export const appSchema = z.strictObject({
  namespace: formatted(f.DNS1123_LABEL).default(QCBM_DEFAULTS.namespace),
  registry: z.string().min(1).default(QCBM_DEFAULTS.registry),
  /** The tag for every component without its own; each component defaults to its published tag. */
  imageTag: formatted(f.IMAGE_TAG).optional(),
  imagePullSecret: formatted(f.DNS1123_SUBDOMAIN).default(QCBM_DEFAULTS.imagePullSecret),
  ingressHost: formatted(f.DNS1123_SUBDOMAIN).default(QCBM_DEFAULTS.ingressHost),
  replicas: replicas.default(1),
  components: z.record(z.string(), appComponentSettings).prefault({}),
  secrets: z
    .strictObject({
      /**
       * `existing`: the workloads reference a Secret created out of band (nothing secret is synthesized);
       * `pulumi`: the Pulumi program builds the Secret from secret stack config.
       */
      source: z.enum(['existing', 'pulumi']).default('existing'),
      name: formatted(f.DNS1123_SUBDOMAIN).default(QCBM_DEFAULTS.secretName),
      /**
       * With `existing`: the Secret was submitted to the hub out of band (e.g. `kubectl clusternet apply`)
       * and the Subscription distributes it, as in the TDCC guide. Set false where each cluster already has it.
       */
      distribute: z.boolean().default(true),
    })
    .prefault({}),
  /** Mount the guide's hostPath log and dump directories instead of emptyDir volumes. */
  hostPathVolumes: z.boolean().default(false),
});

export const distributionSchema = z.strictObject({
  subscriptionName: formatted(f.DNS1123_SUBDOMAIN).default(QCBM_DEFAULTS.subscriptionName),
  subscriptionNamespace: formatted(f.DNS1123_LABEL).default(QCBM_DEFAULTS.subscriptionNamespace),
  /** Priority of the first generated override per object; later ones count up, never past 999. */
  basePriority: z.number().int().min(0).max(999).default(QCBM_DEFAULTS.basePriority),
});

export const fleetSchema = z.strictObject({
  /** The environment's name, e.g. dev or prod. */
  name: formatted(f.DNS1123_LABEL),
  description: z.string().optional(),
  app: appSchema.prefault({}),
  distribution: distributionSchema.prefault({}),
  /** The first cluster's endpoints and subnet are the base values every other cluster is compared with. */
  clusters: z.array(clusterSchema).min(1, { message: 'must list at least one cluster' }),
  /** Per-cluster differences, keyed by cluster name. */
  differences: z.record(z.string(), clusterDifferencesSchema).prefault({}),
  /** The cloud infrastructure this stack creates, and how the app is delivered. */
  cloud: cloudSchema.prefault({}),
});

/** A validated fleet description with every default filled in. */
export type Fleet = z.output<typeof fleetSchema>;
/** What a user writes: defaults may be left out. */
export type FleetInput = z.input<typeof fleetSchema>;
export type FleetCluster = Fleet['clusters'][number];
export type ClusterEndpoints = z.output<typeof endpointsSchema>;
export type ClusterDifferences = z.output<typeof clusterDifferencesSchema>;
export type PatchDifference = z.output<typeof patchDifferenceSchema>;
export type ObjectRefInput = z.output<typeof objectRefSchema>;
export type ClusterRole = (typeof CLUSTER_ROLES)[number];
export type Area = (typeof AREAS)[number];
