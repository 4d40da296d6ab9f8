import { createHash } from 'crypto';
import type { Manifest } from '../k8s/manifest';
import { isPlainJson } from '../k8s/patch/json-value';

/**
 * A digest of each cluster's manifests where they are plain JSON (`isPlainJson`, as rendered manifests are): equal
 * digests mean equal manifests, keys in the same order, in which a diff finds nothing. Undefined for a cluster whose
 * manifests JSON text would not hold exactly: it compares equal to nothing.
 */
export function manifestDigests(
  clusters: Readonly<Record<string, readonly Manifest[]>>,
): Record<string, string | undefined> {
  const digests: Record<string, string | undefined> = {};
  for (const [name, manifests] of Object.entries(clusters)) {
    digests[name] = isPlainJson(manifests)
      ? createHash('sha256').update(JSON.stringify(manifests)).digest('base64')
      : undefined;
  }
  return digests;
}
