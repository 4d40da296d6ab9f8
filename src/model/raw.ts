/** Reading raw (unvalidated) input defensively: cross-field checks run even where the shape is wrong. */
export type RawRecord = Record<string, unknown>;

export function isRecord(x: unknown): x is RawRecord {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The records of a raw list, or none when it is not a list. */
export function recordsOf(x: unknown): RawRecord[] {
  return Array.isArray(x) ? x.filter(isRecord) : [];
}
