import { z } from 'zod';
import * as f from './formats';
import { QCBM_DEFAULTS } from './qcbm-components';

/**
 * The zod pieces every schema of this library is built from: the fleet file and the props of the constructs
 * check a value with the same piece, so a rule is written once and reads the same wherever it fails.
 */

/** A zod string checked against one of our formats; the issue carries the fix for the error report. */
export function formatted(format: f.Format) {
  return z.string().refine(format.test, { message: format.rule, params: { fix: format.fix } });
}

export const dnsLabel = formatted(f.DNS1123_LABEL);
export const dnsSubdomain = formatted(f.DNS1123_SUBDOMAIN);
export const hubNamespace = formatted(f.HUB_NAMESPACE);
export const clusterId = formatted(f.UUID);
export const subnetId = formatted(f.SUBNET_ID);
export const imageTag = formatted(f.IMAGE_TAG);
export const host = formatted(f.HOST);
export const labelKey = formatted(f.LABEL_KEY);
export const labels = z.record(labelKey, formatted(f.LABEL_VALUE));

/** A whole number in a range, with the message and fix a user reads when it is outside. */
export function intIn(min: number, max: number, what: string, fix: string) {
  return z.number().refine((n) => Number.isInteger(n) && n >= min && n <= max, {
    message: `must be ${what} from ${min} to ${max}`,
    params: { fix },
  });
}

/** A whole number of seconds from `min` up to a year, as Kubernetes durations (deadlines, TTLs) are given. */
export const seconds = (min: number) =>
  intIn(min, 31_536_000, 'a whole number of seconds', `use ${min} or more`);

export const port = intIn(1, 65535, 'a TCP port', 'use the port the service listens on, e.g. 3306 for MySQL');

export const MAX_REPLICAS = 1000;
export const replicas = intIn(
  0,
  MAX_REPLICAS,
  'a whole number of replicas',
  'use 1 or more to run the component, 0 to stop it in that cluster',
);

export const nodePort = z.number().refine((p) => Number.isInteger(p) && p >= 30000 && p <= 32767, {
  message: 'must be in the NodePort range 30000-32767',
  params: { fix: 'pick a free port in 30000-32767' },
});

function endpoint(defaultPort: number) {
  return z.strictObject({ host, port: port.default(defaultPort) });
}

/** The data services a cluster's pods talk to (ConfigMap qcbm-env). */
export const endpointsSchema = z.strictObject({
  mysql: endpoint(QCBM_DEFAULTS.ports.mysql),
  redis: endpoint(QCBM_DEFAULTS.ports.redis),
  nacos: endpoint(QCBM_DEFAULTS.ports.nacos),
  skywalking: endpoint(QCBM_DEFAULTS.ports.skywalking),
});

const resourceList = z.strictObject({
  cpu: formatted(f.CPU_QUANTITY),
  memory: formatted(f.MEMORY_QUANTITY),
});
export const resourcesSchema = z.strictObject({ requests: resourceList, limits: resourceList });

/** A member cluster as Clusternet knows it: what a Subscription and its overrides need. */
export const clusterTargetSchema = z.strictObject({
  /** The cluster's name in TDCC (the ManagedCluster name), e.g. guangzhou-01. */
  name: dnsLabel,
  /** The UUID Clusternet assigned at registration (label clusters.clusternet.io/cluster-id). */
  clusterId,
  /** The cluster's dedicated namespace on the hub; without it, per-cluster overrides become Globalizations. */
  hubNamespace: hubNamespace.optional(),
  /** Extra labels the ManagedCluster carries (usable in selectors). */
  labels: labels.prefault({}),
});

/** The fields of a cluster that must differ from every other cluster's. */
export const UNIQUE_CLUSTER_FIELDS = ['name', 'clusterId', 'hubNamespace'] as const;

export type ClusterEndpoints = z.output<typeof endpointsSchema>;
export type ComponentResources = z.output<typeof resourcesSchema>;
/** Where a data service listens. */
export type Endpoint = ClusterEndpoints['mysql'];
