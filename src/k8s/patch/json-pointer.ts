/** RFC 6901 JSON pointers: `/metadata/annotations/a~1b` addresses key `a/b`. */

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `~1` is `/` and `~0` is `~`, replaced left to right in one pass (so `~01` is `~1`). */
export function unescapePointerToken(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** Builds a pointer from raw (unescaped) keys. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join('');
}
