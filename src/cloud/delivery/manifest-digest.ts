import { createHash } from 'crypto';

/**
 * A SHA-256 of manifests in canonical form (sorted keys), with Secret values left out so the digest can be
 * published as a stack output: it changes when anything a reviewer can see changes.
 */
export function manifestDigest(objects: readonly unknown[]): string {
  const redacted = objects.map((o: any) =>
    o?.kind === 'Secret' ? { ...o, data: keysOnly(o.data), stringData: keysOnly(o.stringData) } : o,
  );
  return createHash('sha256').update(canonicalJson(redacted)).digest('hex');
}

function keysOnly(map: Record<string, unknown> | undefined): string[] | undefined {
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
