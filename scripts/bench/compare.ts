/** Checks that kustomize's output for a cluster holds the same objects as ours, and the same content. */
import { readFileSync } from 'fs';
import { parseAllDocuments } from 'yaml';

export interface ClusterComparison {
  readonly cluster: string;
  /** kind/namespace/name only in ours, or only in kustomize's output. */
  readonly onlyOurs: string[];
  readonly onlyKustomize: string[];
  /** Objects in both whose content differs, each with the first differing path. */
  readonly contentDiffers: string[];
}

const keyOf = (o: any) => `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}`;

export function compareCluster(
  cluster: string,
  ours: readonly unknown[],
  kustomizeFile: string,
): ClusterComparison {
  const theirs = parseAllDocuments(readFileSync(kustomizeFile, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o != null);
  const mine = new Map(ours.map((o) => [keyOf(o), o]));
  const other = new Map(theirs.map((o) => [keyOf(o), o]));
  const contentDiffers: string[] = [];
  for (const [key, o] of mine) {
    if (!other.has(key)) continue;
    const at = firstDifference(o, other.get(key), '');
    if (at !== undefined) contentDiffers.push(`${key} at ${at || '/'}`);
  }
  return {
    cluster,
    onlyOurs: [...mine.keys()].filter((k) => !other.has(k)),
    onlyKustomize: [...other.keys()].filter((k) => !mine.has(k)),
    contentDiffers,
  };
}

/** The JSON pointer of the first place two JSON values differ, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a === b ? undefined : path;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as any)[k], (b as any)[k], `${path}/${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
