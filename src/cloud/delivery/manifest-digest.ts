import { createHash } from 'crypto';
import type { Manifest } from '../../k8s/manifest';

/**
 * A SHA-256 of manifests in canonical form (sorted keys), with Secret values left out so the digest can be
 * published as a stack output: it changes when anything a reviewer can see changes.
 */
export function manifestDigest(objects: readonly Manifest[]): string {
  const redacted = objects.map((o) =>
    o.kind === 'Secret'
      ? { ...o, data: keysOnly(o.data as Secrets), stringData: keysOnly(o.stringData as Secrets) }
      : o,
  );
  return createHash('sha256').update(canonicalJson(redacted)).digest('hex');
}

type Secrets = Record<string, unknown> | undefined;

function keysOnly(map: Secrets): string[] | undefined {
  return map === undefined ? undefined : Object.keys(map).sort();
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
