import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * A stack file's YAML as the `yaml` package's `parse` reads it (YAML 1.2, core schema), several times faster on
 * the plain block YAML stack files are made of. js-yaml reads a document only where both parsers are known to
 * agree (`fastPathAllows`) and only where it reads it without an error or a warning; everything else (anchors and
 * aliases, tags, directives, several documents, tabs, errors, ...) goes to `yaml`, so that YAML bombs are refused
 * and every message is `yaml`'s, as before. test/model/stack-yaml.test.ts holds both to the same values and errors,
 * on the repository's stack files, on generated fleets and on random documents.
 * @throws what `yaml`'s `parse` throws for this text
 */
export function parseStackYaml(text: string): unknown {
  if (fastPathAllows(text)) {
    const fast = fastParse(text);
    if (fast !== NOT_READ) return fast;
  }
  // Loaded only here: most stack files never need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

const NOT_READ = Symbol('not read');

/**
 * Whether nothing in `text` is where the parsers differ or where `yaml` warns (both warnings and differences are
 * then `yaml`'s to give), judged on the whole text, comments included:
 * - `&` `*` (anchors, aliases: `yaml` counts aliases against bombs), `!` (tags), `<<` (merge keys), `?` before a
 *   space (explicit keys), a collection as a key (`]:`, `}:`), and a directive (`%`) or a document marker (`---`,
 *   `...`) at the start of a line;
 * - an empty list entry, `#` right after a quote or a bracket (`yaml` refuses it), a block scalar's indentation
 *   indicator (`|2`, `>-1`);
 * - tabs, carriage returns and other control characters, a byte order mark, and lines over 1,000 characters
 *   (`yaml` refuses implicit keys longer than 1,024);
 * - a key that is empty or null (`yaml` names it "", js-yaml "null");
 * - a flow collection (`[...]`, `{...}`) over several lines (`yaml` warns of some indentations there): each line
 *   must close every bracket it opens, and no line starts with a closing one.
 */
export function fastPathAllows(text: string): boolean {
  if (REFUSED_ANYWHERE.test(text) || NULL_KEY.test(text)) return false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > MAX_LINE || !bracketsBalance(text, start, end)) return false;
    start = end + 1;
  }
  return true;
}

const MAX_LINE = 1000;
const REFUSED_ANYWHERE =
  // eslint-disable-next-line no-control-regex
  /[&*!\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|<<|\?(?:\s|$)|^(?:%|---|\.\.\.)|[\]}] *:(?: |$)|["'\]}]#|(?:^| )- *$|[|>][-+]?[0-9]/m;
const NULL_KEY = /(?:^|[\s[{,])(?:~|[Nn]ull|NULL)? *:(?: |$)/m;

function bracketsBalance(text: string, start: number, end: number): boolean {
  let depth = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) continue;
    if (c === OPEN_SQUARE || c === OPEN_CURLY) depth++;
    else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
      if (first) return false;
      depth--;
    }
    first = false;
  }
  return depth === 0;
}

const [SPACE, OPEN_SQUARE, CLOSE_SQUARE, OPEN_CURLY, CLOSE_CURLY] = [' ', '[', ']', '{', '}'].map((c) =>
  c.charCodeAt(0),
);

function fastParse(text: string): unknown {
  try {
    const doc = load(text, { schema: YAML_CORE_SCHEMA, onWarning: refuse });
    // An empty document: `yaml` says null, js-yaml undefined.
    return doc === undefined ? null : doc;
  } catch {
    return NOT_READ;
  }
}

function refuse(): never {
  throw new Error('a js-yaml warning: left to yaml');
}

/**
 * The plain scalars of `yaml`'s YAML 1.2 core schema (its `schema/core` tags), each resolved as it resolves them;
 * quoted and block scalars stay strings, as there. No two patterns match the same text. `first` is what a matching
 * text can start with: most scalars (names, hosts) are told from them by their first character.
 */
const CORE_SCALARS: readonly {
  readonly tag: string;
  readonly first: RegExp;
  readonly forms: readonly (readonly [test: RegExp, construct: (s: string) => unknown])[];
}[] = [
  { tag: 'null', first: /^(?:[~nN]|$)/, forms: [[/^(?:~|[Nn]ull|NULL)?$/, () => null]] },
  {
    tag: 'bool',
    first: /^[tTfF]/,
    forms: [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']],
  },
  {
    tag: 'int',
    first: /^[-+0-9]/,
    forms: [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ],
  },
  {
    tag: 'float',
    first: /^[-+.0-9]/,
    forms: [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (s) =>
          s.slice(-3).toLowerCase() === 'nan'
            ? NaN
            : s[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY,
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
    ],
  },
];

const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: CORE_SCALARS.map(({ tag, first, forms }) => {
    const formOf = (data: string) => (first.test(data) ? forms.find(([test]) => test.test(data)) : undefined);
    return new Type(`tag:yaml.org,2002:${tag}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && formOf(data) !== undefined,
      construct: (data: string) => (formOf(data) as (typeof forms)[number])[1](data),
    });
  }),
});
