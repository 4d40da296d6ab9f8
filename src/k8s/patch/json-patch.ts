import { JSON_PATCH_OPS, type JsonPatchOperation } from '../../model/fleet-schema';
import { parsePointer } from './json-pointer';

export type { JsonPatchOperation };

/**
 * Why a patch could not be applied. `missing` is the case Clusternet skips silently at runtime (the whole
 * override is dropped); every other kind blocks the cluster's whole deployment. We reject both at synth time.
 */
export type PatchFailureKind = 'missing' | 'invalid-index' | 'test-failed' | 'malformed';

export class PatchApplyError extends Error {
  constructor(
    public readonly kind: PatchFailureKind,
    public readonly opIndex: number,
    public readonly operation: JsonPatchOperation,
    public readonly reason: string,
  ) {
    super(`operation ${opIndex} ('${operation.op}' ${operation.path}): ${reason}`);
    this.name = 'PatchApplyError';
  }
}

type Json = unknown;
type Container = Record<string, Json> | Json[];

function isContainer(x: Json): x is Container {
  return typeof x === 'object' && x !== null;
}

function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a);
  const bo = b as Record<string, Json>;
  return ka.length === Object.keys(bo).length && ka.every((k) => k in bo && jsonEqual(a[k], bo[k]));
}

class Failure {
  constructor(
    public readonly kind: PatchFailureKind,
    public readonly reason: string,
  ) {}
}

/** Resolves the parent container of a pointer and the last key, or explains which step is missing. */
function locate(doc: Json, pointer: string): { parent: Container; key: string } {
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch (e) {
    throw new Failure('malformed', (e as Error).message);
  }
  if (tokens.length === 0) throw new Failure('malformed', 'the root document cannot be the target');
  let node = doc;
  for (let i = 0; i < tokens.length - 1; i++) {
    const next = child(node, tokens[i]);
    if (!isContainer(next)) {
      const at = `/${tokens.slice(0, i + 1).join('/')}`;
      throw new Failure(
        'missing',
        next === undefined ? `${at} does not exist` : `${at} is not an object or array`,
      );
    }
    node = next;
  }
  if (!isContainer(node)) throw new Failure('missing', 'parent is not an object or array');
  return { parent: node, key: tokens[tokens.length - 1] };
}

function child(node: Json, key: string): Json {
  if (Array.isArray(node)) return /^(0|[1-9][0-9]*)$/.test(key) ? node[Number(key)] : undefined;
  if (isContainer(node)) {
    return Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string, Json>)[key] : undefined;
  }
  return undefined;
}

/**
 * An index into `arr`. Out of range is `invalid-index` (Clusternet blocks the cluster), except for `replace`,
 * which evanphx/json-patch reports as a missing path (Clusternet skips the override).
 */
function arrayIndex(
  arr: Json[],
  key: string,
  forInsert: boolean,
  outOfRange: PatchFailureKind = 'invalid-index',
): number {
  if (forInsert && key === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new Failure('invalid-index', `"${key}" is not an array index`);
  const index = Number(key);
  const limit = forInsert ? arr.length : arr.length - 1;
  if (index > limit) {
    throw new Failure(outOfRange, `index ${index} is out of bounds (array length ${arr.length})`);
  }
  return index;
}

function getValue(doc: Json, pointer: string, outOfRange?: PatchFailureKind): Json {
  if (pointer === '') return doc;
  const { parent, key } = locate(doc, pointer);
  const value = Array.isArray(parent)
    ? parent[arrayIndex(parent, key, false, outOfRange)]
    : child(parent, key);
  if (value === undefined) throw new Failure('missing', `${pointer} does not exist`);
  return value;
}

function addValue(doc: Json, pointer: string, value: Json): void {
  const { parent, key } = locate(doc, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
}

function removeValue(doc: Json, pointer: string): Json {
  const { parent, key } = locate(doc, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(parent, key)) {
    throw new Failure('missing', `${pointer} does not exist`);
  }
  const old = parent[key];
  delete parent[key];
  return old;
}

function applyOne(doc: Json, op: JsonPatchOperation): void {
  switch (op.op) {
    case 'add':
      return addValue(doc, op.path, clone(op.value));
    case 'remove':
      removeValue(doc, op.path);
      return;
    case 'replace': {
      getValue(doc, op.path, 'missing');
      const { parent, key } = locate(doc, op.path);
      if (Array.isArray(parent)) parent[arrayIndex(parent, key, false)] = clone(op.value);
      else parent[key] = clone(op.value);
      return;
    }
    case 'move': {
      if (op.path.startsWith(`${op.from}/`)) {
        throw new Failure('malformed', `cannot move ${op.from} into itself`);
      }
      const moved = removeValue(doc, op.from as string);
      return addValue(doc, op.path, moved);
    }
    case 'copy':
      return addValue(doc, op.path, clone(getValue(doc, op.from as string)));
    case 'test': {
      const actual = getValue(doc, op.path);
      if (!jsonEqual(actual, op.value)) {
        throw new Failure(
          'test-failed',
          `value is ${JSON.stringify(actual)}, expected ${JSON.stringify(op.value)}`,
        );
      }
      return;
    }
  }
}

function checkShape(op: JsonPatchOperation): void {
  if (!JSON_PATCH_OPS.includes(op.op)) throw new Failure('malformed', `unknown op ${JSON.stringify(op.op)}`);
  if (typeof op.path !== 'string') throw new Failure('malformed', '"path" must be a string');
  if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') {
    throw new Failure('malformed', `'${op.op}' needs a "from" pointer`);
  }
  if ((op.op === 'add' || op.op === 'replace' || op.op === 'test') && op.value === undefined) {
    throw new Failure('malformed', `'${op.op}' needs a "value"`);
  }
}

/**
 * Applies RFC 6902 operations to a copy of `doc` and returns the copy; `doc` is never changed.
 * Unlike Clusternet at runtime, a patch that touches a missing path is an error here, not a silent skip.
 * @throws PatchApplyError naming the operation, its path and the reason
 */
export function applyJsonPatch<T>(doc: T, operations: readonly JsonPatchOperation[]): T {
  const result = clone(doc);
  operations.forEach((op, index) => {
    try {
      checkShape(op);
      applyOne(result, op);
    } catch (e) {
      if (e instanceof Failure) throw new PatchApplyError(e.kind, index, op, e.reason);
      throw e;
    }
  });
  return result;
}

/** RFC 7386 JSON merge patch: objects merge recursively, `null` deletes a key, anything else replaces. */
export function applyMergePatch<T>(doc: T, patch: unknown): T {
  return mergeInto(clone(doc), patch) as T;
}

function mergeInto(target: Json, patch: Json): Json {
  if (!isContainer(patch) || Array.isArray(patch)) return clone(patch);
  const base: Record<string, Json> = isContainer(target) && !Array.isArray(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergeInto(base[key], value);
  }
  return base;
}
