/** RFC 6901 JSON pointers: `/metadata/annotations/a~1b` addresses key `a/b`. */

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a pointer from raw (unescaped) keys. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapePointerToken(String(t))}`).join('');
}

/** Splits a pointer into raw keys; throws on a pointer that does not start with `/` (except the root ""). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new Error(`JSON pointer ${JSON.stringify(pointer)} must start with "/"`);
  }
  return pointer.slice(1).split('/').map(unescapePointerToken);
}
