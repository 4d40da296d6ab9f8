/** Plain JSON values, as manifests and patches are once they are text. */
export type Json = unknown;
export type JsonContainer = Record<string, Json> | Json[];

export function isContainer(x: Json): x is JsonContainer {
  return typeof x === 'object' && x !== null;
}

/**
 * A deep copy through JSON text: what a value is once serialized (undefined members dropped), exactly as
 * `JSON.parse(JSON.stringify(x))` gives it. Plain data (what manifests and patches are) is copied directly, several
 * times faster; anything JSON would change (undefined, -0, NaN, functions, `toJSON`, Dates and other classes, holes,
 * a `__proto__` key, very deep or circular values) goes through JSON text.
 */
export function cloneJson<T>(x: T): T {
  if (x === undefined) return x;
  const copy = plainCopy(x, 0);
  return copy === NOT_PLAIN ? (JSON.parse(JSON.stringify(x)) as T) : (copy as T);
}

const NOT_PLAIN = Symbol('not plain JSON');
/** Deeper than this, the copy goes through JSON text, which also refuses circular values as JSON does. */
const MAX_PLAIN_DEPTH = 500;

/**
 * Whether JSON text holds `x` exactly (`cloneJson`'s direct path): strings, booleans, null, finite numbers but -0,
 * and lists (without holes) and plain mappings (without `toJSON` or a `__proto__` key) of them, at most 500 deep.
 * Two such values are equal, keys in the same order, exactly when their `JSON.stringify` texts are.
 */
export function isPlainJson(x: unknown, depth = 0): boolean {
  const kind = plainKind(x, depth);
  if (kind === 'list') {
    const list = x as unknown[];
    for (let i = 0; i < list.length; i++) if (!(i in list) || !isPlainJson(list[i], depth + 1)) return false;
    return true;
  }
  if (kind === 'mapping') {
    for (const key of Object.keys(x as object)) {
      if (key === '__proto__' || !isPlainJson((x as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return true;
  }
  return kind === 'leaf';
}

/** What `x` is as plain JSON (see `isPlainJson`), its members aside; undefined where it is not. */
function plainKind(x: unknown, depth: number): 'leaf' | 'list' | 'mapping' | undefined {
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return 'leaf';
    case 'number':
      return Number.isFinite(x) && !Object.is(x, -0) ? 'leaf' : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (x === null) return 'leaf';
  if (depth >= MAX_PLAIN_DEPTH) return undefined;
  if (Array.isArray(x)) return Object.getPrototypeOf(x) === Array.prototype ? 'list' : undefined;
  const proto: unknown = Object.getPrototypeOf(x);
  return (proto === Object.prototype || proto === null) && !('toJSON' in x) ? 'mapping' : undefined;
}

function plainCopy(x: unknown, depth: number): unknown {
  const kind = plainKind(x, depth);
  if (kind === 'leaf') return x;
  if (kind === 'list') {
    const list = x as unknown[];
    const out: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) return NOT_PLAIN;
      const item = plainCopy(list[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  if (kind === undefined) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(x as object)) {
    if (key === '__proto__') return NOT_PLAIN;
    const value = plainCopy((x as Record<string, unknown>)[key], depth + 1);
    if (value === NOT_PLAIN) return NOT_PLAIN;
    out[key] = value;
  }
  return out;
}

/** Deep equality of JSON values (key order ignored). */
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
