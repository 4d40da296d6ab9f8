/**
 * A YAML emitter for plain JSON-like values whose output is byte-identical to cdk8s's `Yaml.stringify`, i.e.
 * `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })` from the `yaml` package 2.9.x,
 * at a fraction of the cost. The scalar rules below are ports of `yaml/dist/stringify/stringifyString.js`
 * specialised to those options (no folding, no comments, block collections, 2-space indent).
 *
 * Documents holding anything else (repeated or circular object references, which the `yaml` package writes as
 * anchors and aliases; class instances; objects with `toJSON`; Maps, Sets, Dates, Buffers, boxed primitives,
 * functions, symbols) are handed to the `yaml` package itself, so the output is the same for every input.
 */
const REFERENCE_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;
const INDENT_STEP = '  ';
/** Keys whose emitted form is longer than this become explicit `? key` entries. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;
const DOUBLE_QUOTED_MIN_MULTI_LINE_LENGTH = 40;

/** Raised while emitting a value outside the supported subset; the document is then emitted by `yaml`. */
class Unsupported extends Error {}

/** The YAML of several documents, exactly as `Yaml.stringify(...docs)` from cdk8s writes it. */
export function stringifyDocuments(docs: readonly unknown[]): string {
  return docs.map(stringifyDocument).join('---\n');
}

/** The YAML of one document (cdk8s writes an `undefined` document as an empty line). */
export function stringifyDocument(doc: unknown): string {
  if (doc === undefined) return '\n';
  try {
    return emitNode(doc, '', new Set()) + '\n';
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    // Loaded only here: the manifests of QCBM never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    return yaml.stringify(doc, REFERENCE_OPTIONS);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Collections

/**
 * `indent` is the indentation of the node's own lines after the first one; the first line is placed by the
 * caller. `seen` holds every object emitted so far in the document, as `yaml` aliases repeated ones.
 */
function emitNode(value: unknown, indent: string, seen: Set<object>): string {
  if (typeof value === 'object' && value !== null) {
    if (seen.has(value)) throw new Unsupported();
    seen.add(value);
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) throw new Unsupported();
      return emitSequence(value, indent, seen);
    }
    if (!isPlainObject(value)) throw new Unsupported();
    return emitMapping(value, indent, seen);
  }
  return emitScalar(value, indent);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) && !('toJSON' in value) && !(Symbol.iterator in value)
  );
}

function emitSequence(items: readonly unknown[], indent: string, seen: Set<object>): string {
  if (items.length === 0) return '[]';
  const itemIndent = indent + INDENT_STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += '\n' + indent;
    out += '- ' + emitNode(items[i], itemIndent, seen);
  }
  return out;
}

function emitMapping(map: Record<string, unknown>, indent: string, seen: Set<object>): string {
  const keys = Object.keys(map);
  if (keys.length === 0) return '{}';
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += '\n' + indent;
    out += emitPair(keys[i], map[keys[i]], indent, seen);
  }
  return out;
}

function emitPair(key: string, value: unknown, indent: string, seen: Set<object>): string {
  const valueIndent = indent + INDENT_STEP;
  const keyStr = emitString(key, valueIndent, true);
  const valueStr = emitNode(value, valueIndent, seen);
  if (keyStr.length > MAX_IMPLICIT_KEY_LENGTH) return `? ${keyStr}\n${indent}: ${valueStr}`;
  // Non-empty collections start on the next line; empty ones are written `[]` or `{}` after the key.
  const blockCollection =
    typeof value === 'object' && value !== null && valueStr !== '[]' && valueStr !== '{}';
  return blockCollection ? `${keyStr}:\n${valueIndent}${valueStr}` : `${keyStr}: ${valueStr}`;
}

// ---------------------------------------------------------------------------------------------------------
// Scalars

function emitScalar(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return emitString(value, indent, false);
    case 'number':
      return emitNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      break;
  }
  throw new Unsupported();
}

function emitNumber(value: number): string {
  if (!isFinite(value)) return isNaN(value) ? '.nan' : value < 0 ? '-.inf' : '.inf';
  return Object.is(value, -0) ? '-0' : JSON.stringify(value);
}

// Control characters and lone surrogates force double quotes.
// eslint-disable-next-line no-control-regex -- matching them is the point
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// Lines starting with these are read as document markers or directives.
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
// What a plain scalar can't start with, contain or end with (`plainString` in the `yaml` package).
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// Plain scalars the YAML 1.1 schema resolves to something other than a string: null, bool, int (binary, octal,
// decimal, hex, sexagesimal), float (.inf/.nan, exponent, decimal, sexagesimal), timestamp. Not the merge key
// `<<`: the schema's merge tag claims that string and writes it bare.
const RESOLVES_TO_NON_STRING = new RegExp(
  [
    /^(?:~|[Nn]ull|NULL)?$/,
    /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    /^[-+]?0b[0-1_]+$/,
    /^[-+]?0[0-7_]+$/,
    /^[-+]?[0-9][0-9_]*$/,
    /^[-+]?0x[0-9a-fA-F_]+$/,
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
  ]
    .map((re) => `(?:${re.source})`)
    .join('|'),
);

/**
 * `indent` is the indentation of the lines a block scalar or a multi-line quoted scalar continues on;
 * `implicitKey` is true for mapping keys, which must fit on one line.
 */
function emitString(value: string, indent: string, implicitKey: boolean): string {
  if (value.length < LONG_STRING) return emitStringOnce(value, indent, implicitKey);
  // Long strings (scripts, SQL, certificates) recur in every cluster's file; each is scanned once per indent.
  let byPlace = longStrings.get(value);
  if (!byPlace) {
    if (longStrings.size >= MAX_LONG_STRINGS) longStrings.clear();
    longStrings.set(value, (byPlace = new Map()));
  }
  const place = implicitKey ? `?${indent}` : indent;
  let out = byPlace.get(place);
  if (out === undefined) byPlace.set(place, (out = emitStringOnce(value, indent, implicitKey)));
  return out;
}

const LONG_STRING = 512;
const MAX_LONG_STRINGS = 256;
const longStrings = new Map<string, Map<string, string>>();

function emitStringOnce(value: string, indent: string, implicitKey: boolean): string {
  if (isSimplePlain(value)) {
    return mayResolveToNonString(value) && RESOLVES_TO_NON_STRING.test(value)
      ? quoted(value, indent, implicitKey)
      : value;
  }
  if (NEEDS_ESCAPE.test(value)) return doubleQuoted(value, indent, implicitKey);
  return plainOrOther(value, indent, implicitKey);
}

/**
 * False for a simple plain string (`isSimplePlain`) that `RESOLVES_TO_NON_STRING` cannot match: every form there
 * starts with `~`, a sign, a digit, a dot, `e` or `E` (an exponent), or the first letter of null, yes, no, true,
 * false, on or off, and has one dot at most.
 */
function mayResolveToNonString(value: string): boolean {
  const first = value.charCodeAt(0) | 0x20; // lower case for letters
  // No form has two dots (an address, a version): each number has one at most, a timestamp none.
  if (first < 0x61 || first > 0x7a) return value.indexOf('.') === value.lastIndexOf('.');
  // n(ull, o), y(es), t(rue), f(alse), o(n, ff), e (an exponent without digits before it: `e5`)
  return (
    first === 0x6e || first === 0x79 || first === 0x74 || first === 0x66 || first === 0x6f || first === 0x65
  );
}

/**
 * Fast path: letters, digits and `_./-` only, not starting with `-` or `.`, so that only the schema's
 * non-string forms can stop the string from being written plain.
 */
function isSimplePlain(value: string): boolean {
  const length = value.length;
  if (length === 0) return false;
  const first = value.charCodeAt(0);
  if (first === 0x2d || first === 0x2e) return false;
  for (let i = 0; i < length; i++) {
    const c = value.charCodeAt(i);
    const simple =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x2d && c <= 0x39) || c === 0x5f;
    if (!simple) return false;
  }
  return true;
}

function plainOrOther(value: string, indent: string, implicitKey: boolean): string {
  const multiLine = value.includes('\n');
  if (implicitKey && multiLine) return quoted(value, indent, implicitKey);
  if (NOT_PLAIN.test(value)) {
    return implicitKey || !multiLine ? quoted(value, indent, implicitKey) : blockScalar(value, indent, false);
  }
  if (!implicitKey && multiLine) return blockScalar(value, indent, false);
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') return blockScalar(value, indent, true);
    if (implicitKey && indent === INDENT_STEP) return quoted(value, indent, implicitKey);
  }
  return RESOLVES_TO_NON_STRING.test(value) ? quoted(value, indent, implicitKey) : value;
}

function quoted(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle
    ? singleQuoted(value, indent, implicitKey)
    : doubleQuoted(value, indent, implicitKey);
}

function singleQuoted(value: string, indent: string, implicitKey: boolean): string {
  // Single-quoted scalars can't have whitespace around a line break.
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) {
    return doubleQuoted(value, indent, implicitKey);
  }
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? INDENT_STEP : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`) + "'";
}

/**
 * Port of `doubleQuotedString`: JSON escapes with YAML's short forms, and (outside keys, for long enough
 * strings) each `\n` written as a real line break, doubled because a single one would fold into a space.
 */
function doubleQuoted(value: string, indent: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? INDENT_STEP : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a line break is escaped so that it is not folded away.
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const escape = json[i + 1];
    if (escape === 'u') {
      str += json.slice(start, i) + shortEscape(json.slice(i + 2, i + 6));
      i += 5;
      start = i + 1;
    } else if (
      escape === 'n' &&
      !implicitKey &&
      json[i + 2] !== '"' &&
      json.length >= DOUBLE_QUOTED_MIN_MULTI_LINE_LENGTH
    ) {
      str += json.slice(start, i) + '\n\n';
      while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
        str += '\n';
        i += 2;
      }
      str += lineIndent;
      // A space at the start of a line is escaped so that it is not folded away.
      if (json[i + 2] === ' ') str += '\\';
      i += 1;
      start = i + 1;
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

// JSON.stringify writes only code points below U+0020 and lone surrogates as \uXXXX (never U+0085, U+00A0,
// U+2028 or U+2029, which the `yaml` package also has short forms for).
function shortEscape(code: string): string {
  switch (code) {
    case '0000':
      return '\\0';
    case '0007':
      return '\\a';
    case '000b':
      return '\\v';
    case '001b':
      return '\\e';
    default:
      return code.startsWith('00') ? '\\x' + code.slice(2) : '\\u' + code;
  }
}

// Line breaks that are followed by something, and not preceded by another line break.
const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/**
 * Port of `blockString` for literal (`|`) scalars, the only block style without folding: the chomping
 * indicator comes from the trailing whitespace, and an indentation indicator is needed when the first
 * line starts with a space.
 */
function blockScalar(value: string, indent: string, forceIndent: boolean): string {
  // A block scalar can't end in whitespace unless its last line has content.
  if (/\n[\t ]+$/.test(value)) return quoted(value, indent, false);
  const lineIndent = indent || (forceIndent || DOCUMENT_MARKER.test(value) ? INDENT_STEP : '');
  let endStart = value.length;
  while (endStart > 0 && isBlockSpace(value[endStart - 1])) endStart--;
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  const chomp = endNlPos === -1 ? '-' : value === end || endNlPos !== end.length - 1 ? '+' : '';
  let body = value;
  if (end) {
    body = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${lineIndent}`);
  }
  let startWithSpace = false;
  let startEnd = 0;
  let startNlPos = -1;
  for (; startEnd < body.length; ++startEnd) {
    const ch = body[startEnd];
    if (ch === ' ') startWithSpace = true;
    else if (ch === '\n') startNlPos = startEnd;
    else break;
  }
  let start = body.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    body = body.substring(start.length);
    start = start.replace(/\n+/g, `$&${lineIndent}`);
  }
  // The indentation indicator counts from the parent's indentation, which is -1 at the top level.
  const header = (startWithSpace ? (lineIndent ? '2' : '1') : '') + chomp;
  body = body.replace(/\n+/g, `$&${lineIndent}`);
  return `|${header}\n${lineIndent}${start}${body}${end}`;
}

function isBlockSpace(ch: string): boolean {
  return ch === '\n' || ch === '\t' || ch === ' ';
}
