import { createHash, createHmac } from 'crypto';
import { isRecord, recordsOf } from '../../model/raw';

/** Pod template annotation: a SHA-256 of the ConfigMap values the pod's containers read through env. */
export const CONFIG_CHECKSUM_ANNOTATION = 'checksum/config';
/**
 * Pod template annotation for the Secret values the pod reads: an HMAC-SHA256 of them where their values are known
 * and a key is given (`hmac-sha256:<hex>`), else the declared revision (`revision:<revision>`).
 */
export const SECRET_CHECKSUM_ANNOTATION = 'checksum/secret';

/** How the Secret values a pod reads are represented in its pod template. */
export interface SecretChecksum {
  /** A revision the user declares and bumps when the Secret changes out of band; part of the HMAC too. */
  readonly revision: string;
  /**
   * The keyed hash of a message (an HMAC with a key that stays secret), where the values are known. Never a plain
   * hash: a password's plain hash in an annotation can be guessed offline.
   * @default - the values are not known here: the annotation is the revision
   */
  readonly sign?: (message: string) => string;
}

/** A `SecretChecksum` that signs with HMAC-SHA256 under `key`; the key stays in the closure. */
export function hmacSecretChecksum(key: string, revision: string): SecretChecksum {
  if (key.length === 0) throw new Error('hmacSecretChecksum(): the key is empty');
  return {
    revision,
    sign: (message) => createHmac('sha256', key).update(message, 'utf8').digest('hex'),
  };
}

/** One value a pod reads: a key of a ConfigMap or Secret, or (`key` undefined) all of them through `envFrom`. */
interface Read {
  readonly name: string;
  readonly key?: string;
}

/**
 * The checksum annotations of a workload's pod template, as one cluster will have them: a checksum of exactly the
 * ConfigMap values and Secret values its containers read through env (`env[].valueFrom` and `envFrom`, init
 * containers included), looked up among `objects` (the ConfigMaps and Secrets of the workload's namespace, as the
 * cluster has them). A value a container reads only at start changes the annotation, so the Deployment rolls out;
 * a value no container reads does not. A pod that reads no ConfigMap (no Secret) gets no config (secret)
 * annotation. This is the one function that computes them: the app as written and every cluster's override call
 * it.
 * @param workload a Deployment, StatefulSet, DaemonSet or Job as JSON (its `spec.template.spec`)
 * @param objects the objects the cluster holds (others than ConfigMaps and Secrets are ignored)
 */
export function podChecksums(
  workload: unknown,
  objects: readonly unknown[],
  secrets: SecretChecksum,
): Record<string, string> {
  const namespace = namespaceOf(workload);
  const reads = podReads(podSpecOf(workload));
  const dataOf = (kind: string) => {
    const data = new Map<string, Readonly<Record<string, unknown>>>();
    for (const o of objects) {
      if (!isRecord(o) || o.kind !== kind || namespaceOf(o) !== namespace) continue;
      const name = isRecord(o.metadata) ? o.metadata.name : undefined;
      if (typeof name === 'string') data.set(name, isRecord(o.data) ? o.data : {});
    }
    return data;
  };
  const out: Record<string, string> = {};
  if (reads.configMaps.length > 0) {
    const message = canonical(reads.configMaps, dataOf('ConfigMap'));
    out[CONFIG_CHECKSUM_ANNOTATION] = `sha256:${createHash('sha256').update(message, 'utf8').digest('hex')}`;
  }
  if (reads.secrets.length > 0) {
    out[SECRET_CHECKSUM_ANNOTATION] = secrets.sign
      ? `hmac-sha256:${secrets.sign(JSON.stringify([secrets.revision, canonical(reads.secrets, dataOf('Secret'))]))}`
      : `revision:${secrets.revision}`;
  }
  return out;
}

/** What a pod spec's containers read from ConfigMaps and Secrets through env. */
function podReads(podSpec: unknown): { configMaps: Read[]; secrets: Read[] } {
  const configMaps: Read[] = [];
  const secrets: Read[] = [];
  const spec = isRecord(podSpec) ? podSpec : {};
  for (const container of [...recordsOf(spec.initContainers), ...recordsOf(spec.containers)]) {
    for (const env of recordsOf(container.env)) {
      const from = isRecord(env.valueFrom) ? env.valueFrom : {};
      const configRef = refOf(from.configMapKeyRef);
      const secretRef = refOf(from.secretKeyRef);
      if (configRef) configMaps.push(configRef);
      if (secretRef) secrets.push(secretRef);
    }
    for (const source of recordsOf(container.envFrom)) {
      const configRef = refOf(source.configMapRef, false);
      const secretRef = refOf(source.secretRef, false);
      if (configRef) configMaps.push(configRef);
      if (secretRef) secrets.push(secretRef);
    }
  }
  return { configMaps, secrets };
}

function refOf(ref: unknown, keyed = true): Read | undefined {
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  if (!keyed) return { name: ref.name };
  return typeof ref.key === 'string' ? { name: ref.name, key: ref.key } : undefined;
}

/**
 * The values read, in an order that depends only on what is read: `[name, key, value]` for a key (value null where
 * the object or key is missing), `[name, null, [[key, value], ...]]` for a whole object.
 */
function canonical(reads: readonly Read[], data: ReadonlyMap<string, Readonly<Record<string, unknown>>>) {
  const entries = new Map<string, unknown>();
  for (const read of reads) {
    const object = data.get(read.name);
    const value =
      read.key === undefined
        ? Object.entries(object ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        : (object?.[read.key] ?? null);
    const entry = [read.name, read.key ?? null, value];
    entries.set(JSON.stringify(entry.slice(0, 2)), entry);
  }
  return JSON.stringify([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, e]) => e));
}

function namespaceOf(doc: unknown): string | undefined {
  const metadata = isRecord(doc) && isRecord(doc.metadata) ? doc.metadata : {};
  return typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
}

function podSpecOf(workload: unknown): unknown {
  const spec = isRecord(workload) && isRecord(workload.spec) ? workload.spec : {};
  return isRecord(spec.template) ? spec.template.spec : undefined;
}
