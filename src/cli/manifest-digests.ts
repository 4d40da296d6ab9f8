import { createHash } from 'crypto';
import { serialize } from 'v8';
import type { Manifest } from '../k8s/manifest';

/**
 * A digest of each cluster's manifests, of their exact structure (V8's serialization: types, key order, -0,
 * undefined): equal digests mean manifests in which a diff finds nothing.
 */
export function manifestDigests(
  clusters: Readonly<Record<string, readonly Manifest[]>>,
): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const [name, manifests] of Object.entries(clusters)) {
    digests[name] = createHash('sha256').update(serialize(manifests)).digest('base64');
  }
  return digests;
}
