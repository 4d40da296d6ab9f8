import { z } from 'zod';
import type { ResolvedCluster } from './cluster-runtime';
import type { Endpoint } from './fields';
import { primaryCluster } from './topology/sites';
import type { Fleet } from './fleet-schema';

/**
 * Defaults of the Job that creates QCBM's schema and seed rows. The image is the official MariaDB 10.11 image: it
 * ships both `mariadb` and `mysql` clients (the Job uses whichever it finds), talks to MySQL 5.7 and 8.0, and is
 * the client the integration suite runs (Debian 12's mariadb-client is 10.11 too).
 */
export const SCHEMA_INIT_DEFAULTS = {
  image: 'mariadb:10.11.10',
  /** How long one attempt waits for the database to accept the account before it fails. */
  waitSeconds: 300,
  /** Failed attempts retried (each a new pod, with the Job controller's back-off). */
  backoffLimit: 3,
  /** The whole Job, every attempt included: four waits of 300 s plus back-off fit in it. */
  activeDeadlineSeconds: 1800,
  /** A finished Job stays a week for its logs; a delivery that re-creates it runs it again, which changes nothing. */
  ttlSecondsAfterFinished: 604800,
} as const;

/** A client image reference: pinned, so the hardening rule `image-pinned` holds. */
export const schemaInitImage = z.string().refine(
  (image) => {
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
    const last = image.slice(image.lastIndexOf('/') + 1);
    const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
    return /^[\w][\w.-]{0,127}$/.test(tag) && tag !== 'latest';
  },
  {
    message:
      'must be an image with a pinned tag (not "latest") or a digest, holding a mariadb or mysql client',
    params: { fix: `use e.g. "${SCHEMA_INIT_DEFAULTS.image}" or "mysql:8.0.40", or a copy in your registry` },
  },
);

/** What a fleet's `app.schemaInit` sets: `false` leaves the schema to you; otherwise the Job's client image. */
export const schemaInitSchema = z
  .union([
    z.literal(false),
    z.strictObject({
      /** An image with a `mariadb` or `mysql` client and `sh`. */
      image: schemaInitImage.default(SCHEMA_INIT_DEFAULTS.image),
    }),
  ])
  .prefault({});

export type SchemaInitConfig = z.output<typeof schemaInitSchema>;

/** A cluster that runs the schema Job, and the database it initialises. */
export interface SchemaInitTarget {
  readonly cluster: ResolvedCluster;
  readonly mysql: Endpoint;
}

/**
 * Where the schema Job runs: the cluster that writes first. Where the fleet names a primary MySQL every cluster
 * writes there, so the primary's cluster alone. Otherwise each cluster writes to its own `endpoints.mysql`: the
 * first cluster (in fleet order) of each distinct database runs it, so every database is initialised once.
 * Empty when the fleet turns the Job off (`app.schemaInit: false`).
 * @param resolved the fleet's clusters with the values they run with (`resolveClusters`)
 */
export function schemaInitTargets(fleet: Fleet, resolved: readonly ResolvedCluster[]): SchemaInitTarget[] {
  if (fleet.app.schemaInit === false) return [];
  const primary = primaryCluster(fleet);
  if (primary) {
    const cluster = resolved.find((r) => r.cluster.name === primary.name);
    return cluster ? [{ cluster, mysql: cluster.endpoints.mysql }] : [];
  }
  const seen = new Set<string>();
  const out: SchemaInitTarget[] = [];
  for (const cluster of resolved) {
    const { host, port } = cluster.endpoints.mysql;
    const key = `${host.toLowerCase()}:${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ cluster, mysql: cluster.endpoints.mysql });
  }
  return out;
}
