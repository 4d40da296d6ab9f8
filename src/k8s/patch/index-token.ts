/**
 * An array index token as the hub's library reads it: Go's strconv.Atoi, so `+1` and `01` are numbers, and
 * negative indexes count from the end. `existing` addresses an element (get, replace, remove, test);
 * `insert` a position for add, where the array is one longer (so `-1` appends).
 */
export type IndexToken =
  | { readonly ok: true; readonly index: number; readonly negative: boolean; readonly nonCanonical: boolean }
  | { readonly ok: false; readonly reason: string };

const ATOI = /^[+-]?[0-9]+$/;
const CANONICAL = /^(0|[1-9][0-9]*)$/;
const INT64_MAX = 2 ** 63;

export function parseIndexToken(token: string, length: number, use: 'existing' | 'insert'): IndexToken {
  if (!ATOI.test(token)) return { ok: false, reason: `${JSON.stringify(token)} is not an array index` };
  const parsed = Number(token);
  if (Math.abs(parsed) >= INT64_MAX) return { ok: false, reason: `index ${token} is out of range` };
  const size = use === 'insert' ? length + 1 : length;
  if (parsed >= size || parsed < -size) {
    return { ok: false, reason: `index ${token} is out of bounds (array length ${length})` };
  }
  const negative = parsed < 0;
  return {
    ok: true,
    index: negative ? parsed + size : parsed,
    negative,
    nonCanonical: !negative && !CANONICAL.test(token),
  };
}
