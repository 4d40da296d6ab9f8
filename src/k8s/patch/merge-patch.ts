import { toPointer } from './json-pointer';
import { cloneJson, isContainer, type Json } from './json-value';
import { PatchApplyError, type PatchLeniency, type PatchResult } from './json-patch';

/**
 * Applies a JSON merge patch to a copy of `doc` (sharing what the patch leaves alone; `doc` is not changed) the way the Clusternet hub does (evanphx/json-patch v5.7.0
 * `MergePatch`): RFC 7386, except that the hub also drops `null` members of objects inside arrays of the patch
 * (RFC 7386 keeps arrays as given). Each null it drops that way is reported as a leniency; a null or non-object
 * patch is an error on the hub.
 * @throws PatchApplyError when the hub would block the cluster
 */
export function applyMergePatch<T>(doc: T, patch: unknown): PatchResult<T> {
  const leniencies: PatchLeniency[] = [];
  const dropped = (path: (string | number)[]) =>
    leniencies.push({
      opIndex: 0,
      operation: patch,
      leniency: 'merge-drops-null-in-array',
      note: `the hub drops the null at ${toPointer(path)}, inside an array (RFC 7386 keeps arrays as given)`,
    });
  const p = cloneJson(patch) as Json;
  if (p === null || !isContainer(p)) {
    throw new PatchApplyError(
      'blocked',
      0,
      patch,
      'a merge patch must be a JSON object ("Invalid JSON Patch")',
      'write the patch as a mapping of the fields to change, e.g. {spec: {replicas: 2}}',
    );
  }
  if (Array.isArray(p)) {
    pruneNulls(p, [], false, dropped);
    return { doc: p as T, leniencies };
  }
  const target = doc as Json;
  if (!isContainer(target) || Array.isArray(target)) {
    pruneNulls(p, [], false, dropped);
    return { doc: p as T, leniencies };
  }
  return { doc: mergeObjects(target, p, [], dropped) as T, leniencies };
}

type Path = (string | number)[];
type Dropped = (path: Path) => void;

/**
 * `target` merged with `patch`, as a new object: only the objects on the patch's paths are copied; what the patch
 * leaves alone is shared with `target`, which is never changed (as the base manifests are shared by every cluster).
 */
function mergeObjects(
  target: Record<string, Json>,
  patch: Record<string, Json>,
  at: Path,
  dropped: Dropped,
): Record<string, Json> {
  const out = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (current === undefined || current === null) {
      pruneNulls(value, [...at, key], false, dropped);
      out[key] = value;
    } else {
      out[key] = merge(current, value, [...at, key], dropped);
    }
  }
  return out;
}

function merge(current: Json, patch: Json, at: Path, dropped: Dropped): Json {
  if (!isContainer(current) || Array.isArray(current)) {
    pruneNulls(patch, at, false, dropped);
    return patch;
  }
  if (!isContainer(patch) || Array.isArray(patch)) return patch;
  return mergeObjects(current, patch, at, dropped);
}

/** Removes null members of objects, at any depth, arrays included; nulls that are array elements stay. */
function pruneNulls(node: Json, at: Path, inArray: boolean, dropped: Dropped): void {
  if (Array.isArray(node)) {
    node.forEach((element, i) => {
      if (element !== null) pruneNulls(element, [...at, i], true, dropped);
    });
    return;
  }
  if (!isContainer(node)) return;
  const members = node as Record<string, Json>;
  for (const [key, value] of Object.entries(members)) {
    if (value === null) {
      delete members[key];
      if (inArray) dropped([...at, key]);
    } else {
      pruneNulls(value, [...at, key], inArray, dropped);
    }
  }
}
