import { z } from 'zod';
import { cloudSchema } from './cloud-schema';
import * as field from './fields';
import * as f from './formats';
import { hardeningRuleId } from './hardening-rules';
import { basePriority } from './priorities';
import { AREAS } from './topology/geography';
import { dataSchema, topologySchema, trafficSchema } from './topology/topology-schema';
import { imagePullSecretSchema } from './image-pull-secret';
import { QCBM_DEFAULTS } from './qcbm-components';
import { tlsSchema } from './tls-schema';
import { schemaInitSchema } from './schema-init';
import { nacosSchema } from './registry-schema';

/**
 * What a cluster is for in the disaster-recovery topology. `active` serves traffic (active-active, or the
 * production centre of two-sites-three-centres); `standby` is a warm same-city centre; `dr` is the remote
 * centre that only receives traffic when every other centre is down.
 */
export const CLUSTER_ROLES = ['active', 'standby', 'dr'] as const;

export const clusterSchema = field.clusterTargetSchema.extend({
  region: field.formatted(f.REGION),
  area: z.enum(AREAS),
  /** What the cluster is for in `fleet.topology`. @default - follows from the topology (active without one) */
  role: z.enum(CLUSTER_ROLES).optional(),
  /**
   * The cluster's share of its lines' traffic among the active clusters serving them (an IGTM pool weight,
   * 1 to 100); standby and DR clusters take none.
   * @default - an even share of what stated weights leave
   */
  weight: field
    .intIn(0, 100, 'a whole-number share', 'use 1 to 100 for an active cluster, 0 otherwise')
    .optional(),
  /**
   * The public address users reach the cluster's Ingress on (IPv4 or domain), where its region is not created
   * by this stack; the global traffic layer sends users there.
   * @default - the public CLB of the cluster's region
   */
  ingressAddress: field.host.optional(),
  /**
   * The data services this cluster's pods talk to. MySQL and Redis may be left out where the cluster's
   * region creates them (fleet.cloud.regions[].mysql/redis.mode = managed), SkyWalking where the stack creates the
   * collector (fleet.cloud.tracing.mode = managed); Nacos is given only where the cluster's registry is external
   * (`registryOf`).
   */
  endpoints: field.endpointsSchema
    .partial({ mysql: true, redis: true, skywalking: true, nacos: true })
    .prefault({}),
  /**
   * The registry of a cluster whose site this stack does not create: `in-cluster` (a Nacos StatefulSet in the
   * app's namespace) or `external` (endpoints.nacos). A created site's registry is `cloud.regions[].nacos`.
   * @default - external
   */
  nacos: nacosSchema.optional(),
  /** The subnet of the internal CLB in front of api-gateway; left out where the region is created by this stack. */
  gatewaySubnetId: field.subnetId.optional(),
});

export const componentSettingsSchema = z.strictObject({
  imageTag: field.imageTag.optional(),
  replicas: field.replicas.optional(),
});

/** Settings of one component of the app as written (before per-cluster differences). */
export const appComponentSchema = componentSettingsSchema.extend({
  resources: field.resourcesSchema.optional(),
});

export const objectRefSchema = z.strictObject({
  apiVersion: z.string().min(1).optional(),
  kind: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]*$/, { message: 'must be a Kubernetes kind in CamelCase, like "Service"' }),
  name: field.dnsSubdomain,
  namespace: field.dnsLabel.optional(),
});

export const JSON_PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

/** One RFC 6902 operation. */
export const jsonPatchOperationSchema = z.strictObject({
  op: z.enum(JSON_PATCH_OPS),
  /** A JSON pointer like "/spec/replicas" (see the hub's leniencies in the README for other forms). */
  path: z.string(),
  value: z.unknown().optional(),
  from: z.string().optional(),
});

export const patchDifferenceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('JSONPatch'),
    name: field.dnsSubdomain.optional(),
    target: objectRefSchema,
    operations: z.array(jsonPatchOperationSchema).min(1),
  }),
  z.strictObject({
    type: z.literal('MergePatch'),
    name: field.dnsSubdomain.optional(),
    target: objectRefSchema,
    patch: z.record(z.string(), z.unknown()),
  }),
]);

export const clusterDifferencesSchema = z.strictObject({
  /** Per component: a different image tag or replica count in this cluster only (gray update). */
  components: z.record(z.string(), componentSettingsSchema).prefault({}),
  /** Extra annotations on one object in this cluster only. */
  annotations: z
    .array(z.strictObject({ target: objectRefSchema, annotations: z.record(field.labelKey, z.string()) }))
    .prefault([]),
  /** Raw JSON patches or merge patches, checked against their target at synth time. */
  patches: z.array(patchDifferenceSchema).prefault([]),
});

export const appSchema = z.strictObject({
  namespace: field.dnsLabel.default(QCBM_DEFAULTS.namespace),
  registry: z.string().min(1).default(QCBM_DEFAULTS.registry),
  /** The tag for every component without its own; each component defaults to its published tag. */
  imageTag: field.imageTag.optional(),
  /** The pods' image pull secret (see `imagePullSecretSchema`). @default { source: none } */
  imagePullSecret: imagePullSecretSchema,
  ingressHost: field.dnsSubdomain.default(QCBM_DEFAULTS.ingressHost),
  replicas: field.replicas.default(1),
  components: z.record(z.string(), appComponentSchema).prefault({}),
  secrets: z
    .strictObject({
      /**
       * `existing`: the workloads reference a Secret created out of band (nothing secret is synthesized);
       * `pulumi`: the Pulumi program builds the Secret from secret stack config.
       */
      source: z.enum(['existing', 'pulumi']).default('existing'),
      name: field.dnsSubdomain.default(QCBM_DEFAULTS.secretName),
      /**
       * With `existing`: the Secret was submitted to the hub out of band (e.g. `kubectl clusternet apply`)
       * and the Subscription distributes it, as in the TDCC guide. Set false where each cluster already has it.
       */
      distribute: z.boolean().default(true),
      /**
       * The Secret's revision, part of every pod's `checksum/secret` annotation: bump it when the Secret changes
       * out of band (synth cannot see its values), and the pods that read it restart. A string or a number.
       * @default '1'
       */
      revision: z
        .custom<string | number>(
          (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
          {
            message: 'must be a string or a number',
            params: { fix: f.SECRETS_REVISION.fix },
          },
        )
        .transform(String)
        .pipe(field.formatted(f.SECRETS_REVISION))
        .default(QCBM_DEFAULTS.secretsRevision),
    })
    .prefault({}),
  /** Mount the guide's hostPath log and dump directories instead of emptyDir volumes. */
  hostPathVolumes: z.boolean().default(false),
  /**
   * HTTPS on `ingressHost`, HTTP redirected to it: the certificate (`tls-schema.ts`), the Secret TKE's ingress
   * controller reads its id from, and the Ingress's `tls`. @default - none: plain HTTP
   */
  tls: tlsSchema.optional(),
  /**
   * The Job that creates QCBM's tables and seed rows in the cluster that writes first: `{ image }` to choose its
   * client image, `false` where you create the schema yourself.
   * @default - the Job, with SCHEMA_INIT_DEFAULTS.image
   */
  schemaInit: schemaInitSchema,
});

export const distributionSchema = z.strictObject({
  subscriptionName: field.dnsSubdomain.default(QCBM_DEFAULTS.subscriptionName),
  subscriptionNamespace: field.dnsLabel.default(QCBM_DEFAULTS.subscriptionNamespace),
  /** Priority of the first generated override per object (1 to 899); later ones count up, never past 999. */
  basePriority: basePriority.default(QCBM_DEFAULTS.basePriority),
  /**
   * Refuse overrides that apply on the hub only through a leniency of its patch library that the RFC forbids
   * (e.g. a `replace` that adds a missing key); by default they render as the hub applies them, with a warning.
   */
  strict: z.boolean().default(false),
});

/**
 * One allowance of a hardening rule: the objects it matches (every object without a target, every cluster
 * without a cluster) may break that rule. The reason is kept with it for review.
 */
export const hardeningExemptionSchema = z.strictObject({
  /** The id of the hardening rule, e.g. "no-privileged". */
  rule: hardeningRuleId,
  /** The object allowed to break it. @default - every object */
  target: objectRefSchema.optional(),
  /** The cluster where it may. @default - every cluster */
  cluster: z.string().optional(),
  /** Why the rule does not apply: reviewers read it. */
  reason: z.string().refine((s) => s.trim() !== '', {
    message: 'must say why the rule does not apply here',
    params: { fix: 'write the reason, e.g. "the node exporter reads host metrics"' },
  }),
});

export const policySchema = z.strictObject({
  /**
   * Allowances of the Kubernetes hardening rules, which every cluster's manifests are checked with in synth, plan
   * and render; one that allows no violation there fails them too (see `hardeningCheck`). @default - none: every
   * rule applies everywhere
   */
  exemptions: z.array(hardeningExemptionSchema).prefault([]),
});

export const fleetSchema = z.strictObject({
  /** The environment's name, e.g. dev or prod. */
  name: field.dnsLabel,
  description: z.string().optional(),
  app: appSchema.prefault({}),
  distribution: distributionSchema.prefault({}),
  /** The first cluster's endpoints and subnet are the base values every other cluster is compared with. */
  clusters: z.array(clusterSchema).min(1, { message: 'must list at least one cluster' }),
  /** Per-cluster differences, keyed by cluster name. */
  differences: z.record(z.string(), clusterDifferencesSchema).prefault({}),
  /** What the hardening rules allow where. */
  policy: policySchema.prefault({}),
  /** The cloud infrastructure this stack creates, and how the app is delivered. */
  cloud: cloudSchema.prefault({}),
  /** The disaster-recovery topology: what each cluster is for, and the recovery time objective. @default - none */
  topology: topologySchema.optional(),
  /** Data across regions: the one writable MySQL, its replicas, Redis replication. */
  data: dataSchema.prefault({}),
  /** The global traffic layer that sends users to the nearest healthy region. @default - none */
  traffic: trafficSchema.optional(),
});

/** The fields of a fleet description with every default filled in, before `parseFleet` has vouched for them. */
export type FleetFields = z.output<typeof fleetSchema>;

declare const checkedByParseFleet: unique symbol;

/**
 * A validated fleet description with every default filled in. Only `parseFleet` (and the loaders built on it)
 * returns one, so a component that takes a `Fleet` relies on every rule `parseFleet` checks and checks none of
 * them again; an object written by hand, or a fleet changed after parsing, is a `FleetFields` until parsed.
 */
export type Fleet = FleetFields & { readonly [checkedByParseFleet]: true };
/** What a user writes: defaults may be left out. */
export type FleetInput = z.input<typeof fleetSchema>;
export type FleetCluster = Fleet['clusters'][number];
export type { ClusterEndpoints } from './fields';
export type ClusterDifferences = z.output<typeof clusterDifferencesSchema>;
export type PatchDifference = z.output<typeof patchDifferenceSchema>;
export type ObjectRefInput = z.output<typeof objectRefSchema>;
export type JsonPatchOperation = z.output<typeof jsonPatchOperationSchema>;
export type HardeningExemption = z.output<typeof hardeningExemptionSchema>;
export type ClusterRole = (typeof CLUSTER_ROLES)[number];

export { AREAS, type Area } from './topology/geography';
