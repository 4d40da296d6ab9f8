import { z } from 'zod';
import { cloudSchema } from './cloud-schema';
import { CLUSTER_ROLES } from './fleet-schema';
import { parseInput } from './parse-input';
import { LINE_KEYS } from './topology/topology-schema';
import { ValidationError } from './validation-error';

/**
 * The version of the shape below. Raise it with any change a reader of older outputs would misread (a field
 * renamed, moved, retyped or made required), so `qcbm-fleet` refuses outputs of another version instead.
 */
export const STACK_OUTPUTS_VERSION = 1;

/** How `pulumi stack output --json` prints a secret output without `--show-secrets`. */
export const HIDDEN_SECRET = '[secret]';

const endpointSchema = z.strictObject({ host: z.string(), port: z.number().int() });
const lineKey = z.enum(LINE_KEYS);

/** One site the stack creates. */
const siteOutputsSchema = z.strictObject({
  cluster: z.string(),
  region: z.string(),
  /** What the site is for in the fleet's topology. */
  role: z.enum(CLUSTER_ROLES),
  /** The TKE cluster. */
  clusterId: z.string(),
  /** The public CLB in front of the Ingress: where the traffic layer sends users. */
  ingressVip: z.string(),
  /** The internal CLB in front of api-gateway. */
  gatewayVip: z.string(),
  /** The MySQL instance created here (the primary, where the fleet names one): what `qcbm-fleet failover` fences. */
  mysqlInstanceId: z.string().optional(),
  /** Where the MySQL created here listens. */
  mysql: endpointSchema.optional(),
  /** Where the Redis created here listens. */
  redis: endpointSchema.optional(),
  /** Where the TSE Nacos created here answers; absent where the registry is in the cluster or external. */
  nacos: endpointSchema.optional(),
});

const drInstanceOutputsSchema = z.strictObject({
  region: z.string(),
  instanceId: z.string(),
  /** Where it listens once promoted (what `qcbm-fleet failover` points the clusters to). */
  intranetIp: z.string(),
});

/** The data across sites. */
const dataOutputsSchema = z.strictObject({
  /** The Cloud Connect Network joining the sites' VPCs; absent with one network. */
  ccnId: z.string().optional(),
  /** The primary MySQL's disaster-recovery instances, by site name (what `qcbm-fleet failover` promotes). */
  drInstances: z.record(z.string(), drInstanceOutputsSchema),
  /** The Redis global replication group; absent without global replication. */
  redisGroupId: z.string().optional(),
});

const trafficClusterOutputsSchema = z.strictObject({
  /** The address users are sent to. */
  address: z.string(),
  role: z.enum(CLUSTER_ROLES),
  /** IGTM: the cluster's address pool (a drill disables the address in it). */
  poolId: z.number().int().optional(),
  /** IGTM: the pool's name. */
  poolName: z.string().optional(),
  /** DNSPod: the record ids (`<zone>#<recordId>`) publishing the address, by line. */
  recordIds: z.partialRecord(lineKey, z.string()).optional(),
});

/** Where users are sent. */
const trafficOutputsSchema = z.strictObject({
  mode: z.enum(['igtm', 'dnspod']),
  /** The name users resolve (`app.ingressHost`). */
  publishedName: z.string(),
  /** IGTM: what the published name is a CNAME to. */
  cnameTarget: z.string().optional(),
  /** IGTM: the instance (`gtm-…`). */
  instanceId: z.string().optional(),
  /** By cluster name. */
  clusters: z.record(z.string(), trafficClusterOutputsSchema),
  /** IGTM: each line's strategy id; empty with DNSPod. */
  strategyIds: z.partialRecord(lineKey, z.number().int()),
});

const outputsShape = {
  /** `STACK_OUTPUTS_VERSION` of the program that wrote them: a reader refuses another. */
  version: z.literal(STACK_OUTPUTS_VERSION),
  /** The fleet's name. */
  environment: z.string(),
  /** How the app reaches the clusters (`fleet.cloud.delivery`). */
  delivery: cloudSchema.shape.delivery.unwrap(),
  /** Per site the stack creates, by site name (the region, or the cluster where a region holds two). */
  sites: z.record(z.string(), siteOutputsSchema),
  /** Absent where the sites share nothing. */
  data: dataOutputsSchema.optional(),
  /** Absent where the fleet has no traffic layer. */
  traffic: trafficOutputsSchema.optional(),
  /** SHA-256 of what the hub receives (Secret values excluded). */
  hubManifestsDigest: z.string(),
  /** Overrides the hub applies only through a leniency of its patch library. */
  overrideWarnings: z.array(z.string()),
};

const kubeconfigsSchema = z.record(z.string(), z.string());

/**
 * What a stack exports (`QcbmEnvironment.outputs`, exported as they are by src/program/index.ts): one top-level
 * output per field. Only `kubeconfigs` is a secret output; nothing else holds a secret.
 */
export const stackOutputsSchema = z.strictObject({
  ...outputsShape,
  /** The kubeconfig of each cluster the stack creates, by cluster name: a secret output. */
  kubeconfigs: kubeconfigsSchema,
});

/**
 * The outputs as `pulumi stack output --json` prints them, what `qcbm-fleet drill` and `failover` read: the
 * kubeconfigs only with `--show-secrets` (`"[secret]"` without, read as absent), and any other output a program
 * exports beside these ignored.
 */
export const printedStackOutputsSchema = z.looseObject({
  ...outputsShape,
  kubeconfigs: z.union([kubeconfigsSchema, z.literal(HIDDEN_SECRET).transform(() => undefined)]),
});

export type StackOutputs = z.output<typeof stackOutputsSchema>;
export type PrintedStackOutputs = z.output<typeof printedStackOutputsSchema>;
export type SiteOutputs = z.output<typeof siteOutputsSchema>;
export type DataOutputs = z.output<typeof dataOutputsSchema>;
export type TrafficOutputs = z.output<typeof trafficOutputsSchema>;

/**
 * Checks printed stack outputs: first that they are of `STACK_OUTPUTS_VERSION`, then their shape.
 * @param subject names the input in the error, e.g. `--outputs outputs.json`
 * @param write the command that writes them again, for the fix
 * @throws ValidationError for outputs of another version or another shape
 */
export function parseStackOutputs(value: unknown, subject: string, write: string): PrintedStackOutputs {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const version = (value as { version?: unknown }).version;
    if (version !== STACK_OUTPUTS_VERSION) throw versionError(version, subject, write);
  }
  return parseInput(printedStackOutputsSchema, value, subject, 'outputs');
}

function versionError(version: unknown, subject: string, write: string): ValidationError {
  const redeploy = `run \`pulumi up\` with this release of @qcbm/fleet, then write the outputs again: ${write}`;
  const path = 'outputs.version';
  if (version === undefined) {
    return new ValidationError(subject, [
      {
        path,
        message: `is missing: these are the outputs of a stack deployed before its outputs had a version, and this release reads version ${STACK_OUTPUTS_VERSION}`,
        fix: redeploy,
      },
    ]);
  }
  const newer = typeof version === 'number' && version > STACK_OUTPUTS_VERSION;
  return new ValidationError(subject, [
    {
      path,
      message: `is not ${STACK_OUTPUTS_VERSION}: this release of @qcbm/fleet reads version ${STACK_OUTPUTS_VERSION} of the stack outputs`,
      value: version,
      fix: newer
        ? 'use the release of @qcbm/fleet that deployed the stack (or a later one) to read its outputs'
        : redeploy,
    },
  ]);
}
