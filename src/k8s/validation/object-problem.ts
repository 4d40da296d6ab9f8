/** One thing wrong with one Kubernetes object, wherever it goes. */
export interface ObjectProblem {
  /** The JSON pointer of the field inside the object, e.g. `/spec/replicas` (`` for the object itself). */
  readonly path: string;
  /** What is wrong, as a sentence fragment: `must be 0 or more`. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
  /** The offending value, when there is one to show. */
  readonly value?: unknown;
  /** The policy rule that found it (e.g. a hardening rule's id); absent for what the API server refuses. */
  readonly rule?: string;
}

/** The object's JSON pointer of `key` under `path` (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function pointer(path: string, key: string | number): string {
  if (typeof key === 'number' || (!key.includes('~') && !key.includes('/'))) return `${path}/${key}`;
  return `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** A plain JSON object (not an array, not null). */
export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
