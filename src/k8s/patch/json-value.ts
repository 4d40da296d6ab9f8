/** Plain JSON values, as manifests and patches are once they are text. */
export type Json = unknown;
export type JsonContainer = Record<string, Json> | Json[];

export function isContainer(x: Json): x is JsonContainer {
  return typeof x === 'object' && x !== null;
}

/** A deep copy through JSON text: what a value is once serialized (undefined members dropped). */
export function cloneJson<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
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
