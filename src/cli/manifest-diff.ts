import diff, { type Difference } from 'microdiff';
import type { Manifest } from '../k8s/manifest';

/** One field of an object that differs between two versions. */
export interface FieldChange {
  /** Where, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

/** One object of a cluster that differs. */
export interface ObjectChange {
  /** `Kind namespace/name`. */
  readonly object: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** For a changed object, its fields. */
  readonly fields: readonly FieldChange[];
}

/** What one cluster's effective manifests gain, lose and change. */
export interface ClusterDiff {
  readonly cluster: string;
  /** `added`/`removed` when the cluster itself joins or leaves the fleet. */
  readonly kind: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly objects: readonly ObjectChange[];
}

/** Kinds whose values are never printed: a changed value shows as changed, without before or after. */
const SECRET_KINDS = new Set(['Secret']);

/** Per cluster (both versions' clusters, in the newer version's order), what its manifests gain, lose and change. */
export function diffClusters(
  base: Readonly<Record<string, readonly Manifest[]>>,
  head: Readonly<Record<string, readonly Manifest[]>>,
): ClusterDiff[] {
  const names = [...Object.keys(head), ...Object.keys(base).filter((n) => !(n in head))];
  return names.map((cluster) => {
    const before = base[cluster];
    const after = head[cluster];
    if (!before) return { cluster, kind: 'added', objects: (after ?? []).map((m) => whole(m, 'added')) };
    if (!after) return { cluster, kind: 'removed', objects: before.map((m) => whole(m, 'removed')) };
    const objects = diffObjects(before, after);
    return { cluster, kind: objects.length === 0 ? 'unchanged' : 'changed', objects };
  });
}

function diffObjects(before: readonly Manifest[], after: readonly Manifest[]): ObjectChange[] {
  const old = new Map(before.map((m) => [keyOf(m), m]));
  const changes: ObjectChange[] = [];
  for (const m of after) {
    const previous = old.get(keyOf(m));
    old.delete(keyOf(m));
    if (!previous) {
      changes.push(whole(m, 'added'));
      continue;
    }
    // Most objects of most clusters are unchanged: telling so costs less than microdiff's walk.
    if (sameJson(previous, m)) continue;
    const fields = diff(previous as Record<string, unknown>, m as Record<string, unknown>).map((d) =>
      fieldChange(d, SECRET_KINDS.has(m.kind)),
    );
    if (fields.length > 0) changes.push({ object: nameOf(m), kind: 'changed', fields });
  }
  for (const m of old.values()) changes.push(whole(m, 'removed'));
  return changes;
}

/**
 * Whether two JSON-like values are equal: the same primitives (`Object.is`); lists, or mappings of one prototype,
 * with the same keys (indexes) in the same order and equal values. Where it says so, microdiff finds no difference.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
    return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k !== others[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function whole(m: Manifest, kind: 'added' | 'removed'): ObjectChange {
  return { object: nameOf(m), kind, fields: [] };
}

function keyOf(m: Manifest): string {
  return `${m.apiVersion} ${nameOf(m)}`;
}

function nameOf(m: Manifest): string {
  const ns = m.metadata?.namespace;
  return `${m.kind} ${ns ? `${ns}/` : ''}${m.metadata?.name ?? '(unnamed)'}`;
}

function fieldChange(d: Difference, secret: boolean): FieldChange {
  const path = d.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const hide = secret && /^(data|stringData)\b/.test(path);
  const kind = d.type === 'CREATE' ? 'added' : d.type === 'REMOVE' ? 'removed' : 'changed';
  return {
    path,
    kind,
    ...(!hide && 'oldValue' in d ? { before: d.oldValue } : {}),
    ...(!hide && 'value' in d ? { after: d.value } : {}),
  };
}

const MARK = { added: '+', removed: '-', changed: '~' } as const;

/** How `formatClusterDiffs` prints. */
export interface FormatClusterDiffsOptions {
  /** Print every cluster, a line "no change" for each unchanged one. @default - only the clusters that change */
  readonly all?: boolean;
}

/**
 * The diff as a reviewer reads it: per cluster that changes, each object added, removed or changed, and the
 * fields; then one line counting the unchanged clusters (or, with `all`, a line for each), and a summary.
 */
export function formatClusterDiffs(
  diffs: readonly ClusterDiff[],
  options: FormatClusterDiffsOptions = {},
): string {
  const lines: string[] = [];
  for (const c of diffs) {
    if (c.kind === 'unchanged') {
      if (options.all) lines.push(`cluster ${c.cluster}: no change`);
      continue;
    }
    const note = c.kind === 'changed' ? '' : ` (${c.kind}: joins or leaves the fleet)`;
    lines.push(`cluster ${c.cluster}${note}:`);
    for (const o of c.objects) {
      lines.push(`  ${MARK[o.kind]} ${o.object}`);
      for (const f of o.fields) lines.push(`      ${MARK[f.kind]} ${f.path}${valueText(f)}`);
    }
  }
  const changed = diffs.filter((c) => c.kind !== 'unchanged');
  const unchanged = diffs.length - changed.length;
  if (!options.all && unchanged > 0) {
    lines.push(`${unchanged} ${unchanged === 1 ? 'cluster' : 'clusters'} unchanged (--all lists them)`);
  }
  const count = (kind: ObjectChange['kind']) =>
    changed.flatMap((c) => c.objects).filter((o) => o.kind === kind).length;
  lines.push(
    changed.length === 0
      ? 'No cluster changes.'
      : `${changed.length} of ${diffs.length} clusters change: ${count('added')} objects added, ${count('removed')} removed, ${count('changed')} changed.`,
  );
  return `${lines.join('\n')}\n`;
}

function valueText(f: FieldChange): string {
  if (f.kind === 'changed' && !('before' in f) && !('after' in f)) return ': (secret value changed)';
  if (f.kind === 'changed') return `: ${show(f.before)} → ${show(f.after)}`;
  if (f.kind === 'added') return 'after' in f ? `: ${show(f.after)}` : '';
  return 'before' in f ? ` (was ${show(f.before)})` : '';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
