import { readFileSync } from 'fs';
import { join } from 'path';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { parse, stringify, type ToStringOptions } from 'yaml';
import { generateFleet } from '../../scripts/generate-fleet';
import { FLEET_CONFIG_KEY, parseFleetFromStackYaml } from '../../src/model/load-fleet';
import { fastPathAllows, parseStackYaml } from '../../src/model/stack-yaml';
import { ValidationError } from '../../src/model/validation-error';
import { REPO_ROOT } from '../support/repo-root';

/** Equal as `yaml` gives them: the same types, keys in the same order, -0 and NaN as they are. */
function expectSameValue(actual: unknown, expected: unknown, at = '$'): void {
  if (typeof expected !== 'object' || expected === null) {
    if (!Object.is(actual, expected)) throw new Error(`${at}: ${String(actual)} is not ${String(expected)}`);
    return;
  }
  expect([at, Array.isArray(actual)]).toEqual([at, Array.isArray(expected)]);
  expect([at, Object.getPrototypeOf(actual)]).toEqual([at, Object.getPrototypeOf(expected)]);
  const keys = Object.keys(expected);
  expect([at, Object.keys(actual as object)]).toEqual([at, keys]);
  for (const k of keys) {
    expectSameValue(
      (actual as Record<string, unknown>)[k],
      (expected as Record<string, unknown>)[k],
      `${at}.${k}`,
    );
  }
}

/** What `yaml`'s parse throws for `text`, or undefined. */
function yamlError(text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** parseStackYaml gives what `yaml` gives: the same value, or the same error. */
function expectAsYaml(text: string): void {
  const error = yamlError(text);
  if (error === undefined) expectSameValue(parseStackYaml(text), parse(text));
  else expect(() => parseStackYaml(text)).toThrow(error);
}

describe('parseStackYaml reads what yaml reads', () => {
  const tracked = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '');

  test.each(tracked)('%s, through the fast path', (file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    expect(fastPathAllows(text)).toBe(true);
    expectSameValue(parseStackYaml(text), parse(text));
  });

  test('the stack files of generated fleets, as the bench writes them, through the fast path', () => {
    for (const size of [1, 7, 120]) {
      const text = stringify({ config: { [FLEET_CONFIG_KEY]: generateFleet(size, { differenceEvery: 3 }) } });
      expect(fastPathAllows(text)).toBe(true);
      expectSameValue(parseStackYaml(text), parse(text));
    }
  });

  // Plain scalars are where YAML 1.1, YAML 1.2 and the two parsers' schemas part.
  const SCALARS = [
    ...['~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE'],
    ...['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'OFF', '0', '-0', '+0', '007', '+12', '-12', '1_000'],
    ...['0o17', '0o18', '0O17', '0x1F', '0X1F', '-0x1F', '0b101', '012', '09', '12345678901234567890'],
    ...['1.', '.5', '-.5', '+.5', '1.50', '1e3', '1E3', '1e+3', '-1.5e-3', '.e3', '1.0e', '6.02e23'],
    ...['.inf', '-.inf', '+.inf', '.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'NaN', '1:30'],
    ...['2024-01-31', '2024-01-31T12:00:00Z', '10.0.1.10', 'a b', 'a:b', 'http://x/y', '=', '-', '-a'],
    ...['"quoted"', "'single'", '"0x1F"', "'true'", '"multi\\nline"', "'it''s'", '"\\u00e9\\t"', 'é'],
  ];

  test.each(SCALARS)('the plain scalar %p as a value, a list item and a key', (scalar) => {
    for (const text of [`k: ${scalar}\n`, `- ${scalar}\n- x\n`, `${scalar}: v\n`, `{a: [${scalar}]}\n`]) {
      expectAsYaml(text);
    }
  });

  test.each([
    ['block literal', 'a: |\n  one\n   two\n\n  three\n'],
    ['block folded, kept and stripped', 'a: >+\n  one\n  two\n\n  three\n\nb: |-\n  x\n'],
    ['multi-line plain and quoted scalars', 'a: one\n  two\n\n  three\nb: "x\n  y"\nc: \'p\n\n  q\'\n'],
    ['flow collections', 'a: {b: 1, c: [2, {d: e}], f: }\ng: [h: i, j]\nk: []\nl: {}\n'],
    ['compact lists and comments', 'a:\n- b # c\n-   - d\n    - e\n# f\ng: h#i\n'],
    ['__proto__ as a key', '__proto__: {polluted: true}\na: 1\n'],
    ['empty and comment-only documents', '# nothing\n'],
    ['a number key next to a string key', '1: a\n"1": b\n'],
    ['a float key', '1.50: a\n.inf: b\n'],
    ['a null key', 'null: a\n'],
    ['an empty key', ': a\n'],
    ['a collection as a key', '[a, b]: c\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a merge key', 'a: &x {b: 1}\nc:\n  <<: *x\n'],
    ['a tag', 'a: !!str 1\nb: !custom c\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a flow collection over several lines', 'a: [1,\n  2]\nb: {c: 1,\n}\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['carriage returns', 'a: 1\r\nb: 2\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a long line', `a: ${'x'.repeat(1500)}\n`],
  ])('%s', (_label, text) => expectAsYaml(text));

  const styles: ToStringOptions[] = [
    {},
    { collectionStyle: 'flow' },
    { defaultStringType: 'QUOTE_DOUBLE' },
    { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' },
    { defaultStringType: 'BLOCK_LITERAL', lineWidth: 20 },
    { defaultStringType: 'BLOCK_FOLDED', lineWidth: 20, minContentWidth: 5 },
    { indent: 4, indentSeq: false, lineWidth: 24 },
  ];

  test('any JSON value, written in any of the yaml package styles', () => {
    let fast = 0;
    // Strings of what quoting and folding turn on, and strings like hosts, ids and versions.
    const special = fc.constantFrom('a', ' ', '\n', ':', '#', '-', "'", '"', '\\', '1', '.', 'é', 'x');
    const plain = fc.constantFrom('a', 'Z', ' ', '0', '9', '.', '-', '/', ':', '_');
    const text = fc.oneof(fc.string({ unit: special }), fc.string({ unit: plain }));
    fc.assert(
      fc.property(
        fc
          .jsonValue({ maxDepth: 4, stringUnit: fc.oneof(special, plain) })
          .chain((v) => fc.tuple(fc.constant(v), fc.dictionary(text, text))),
        fc.constantFrom(...styles),
        ([value, strings], style) => {
          const yamlText = stringify({ value, strings }, style);
          if (fastPathAllows(yamlText)) fast++;
          expectAsYaml(yamlText);
        },
      ),
      { numRuns: 400 },
    );
    // Most of them take the fast path, or the test would say nothing of it.
    expect(fast).toBeGreaterThan(100);
  });

  /** A document's value or error message, as text (JSON has no -0, NaN or infinity: those are named). */
  const outcome = (read: () => unknown): string => {
    try {
      const named = (_k: string, v: unknown) =>
        typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
          ? `number ${Object.is(v, -0) ? '-0' : v}`
          : v;
      return `value ${JSON.stringify(read(), named)}`;
    } catch (e) {
      return `error ${(e as Error).message}`;
    }
  };

  const INDENTS = ['', ' ', '  ', '    ', '      '];
  const FRAGMENTS = [
    ...['', ' ', '- ', '-', 'a', '1', '0x1', '1.5', 'true', '~', 'null', ': ', ':', '"', "'"],
  ];
  FRAGMENTS.push(
    ...['"q"', "'q'", '[', ']', '{', '}', ', ', '#', ' #c', '|', '>', '|-', '>+', '\\', 'é', '.inf'],
  );
  FRAGMENTS.push(...['-1', '@', '`', '?', 'x y', '"a\\"b"', "'a''b'"]);
  const KEYS = ['a', 'b', 'k1', '"q"', "'s'", '1', 'true', '-', 'x y', '.inf', 'a:b', ''];
  const VALUES = [
    '',
    'a',
    'b c',
    '1',
    '-0',
    '0o7',
    '1e3',
    '.5',
    'true',
    'Null',
    '"x\\ny"',
    "'y'",
    '|',
    '|-',
    '>',
  ];
  VALUES.push(
    ...['>+', '[a, b]', '{a: 1}', '[]', '{}', 'a #c', '"q" #c', 'x:y', 'é', '"', "'", '- a', 'a: b'],
  );
  const lines = (line: fc.Arbitrary<string>) =>
    fc.array(line, { minLength: 1, maxLength: 10 }).map((l) => `${l.join('\n')}\n`);

  test.each([
    [
      'lines of YAML fragments',
      lines(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((p) => p.join(''))),
    ],
    [
      'indented entries, keys and values',
      lines(
        fc
          .tuple(
            ...[INDENTS, ['', '- ', '- - '], KEYS, [': ', ':', ''], VALUES].map((c) => fc.constantFrom(...c)),
          )
          .map((p) => p.join('')),
      ),
    ],
  ])(
    'random documents (%s): the same value or the same error where the fast path reads them',
    (_label, docs) => {
      let fast = 0;
      fc.assert(
        fc.property(docs, (text) => {
          if (!fastPathAllows(text)) return;
          fast++;
          expect(outcome(() => parseStackYaml(text))).toBe(outcome(() => parse(text)));
        }),
        { numRuns: 3000 },
      );
      expect(fast).toBeGreaterThan(300);
    },
  );
});

describe('what the fast path leaves to yaml', () => {
  const BOMB = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'config:',
    '  qcbm:fleet: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '',
  ].join('\n');

  test('an alias bomb is refused with the message yaml gives', () => {
    expect(fastPathAllows(BOMB)).toBe(false);
    const message = yamlError(BOMB);
    expect(message).toMatch(/Excessive alias count/);
    let error: unknown;
    try {
      parseFleetFromStackYaml(BOMB, 'Pulumi.bomb.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(
      `Pulumi.bomb.yaml is invalid (1 problem):\n  - file: is not valid YAML: ${message}. Fix: correct the YAML syntax`,
    );
  });

  test.each([
    ['an unclosed flow sequence', 'config:\n  qcbm:fleet: [unclosed\n    name: dev\n'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['an unterminated quote', 'a: "b\n'],
    ['a reserved character', 'a: @b\n'],
    ['a comment without a space', 'a: "b"#c\n'],
    ['a key on two lines', 'a\nb: c\n'],
    ['a bad escape', 'a: "\\q"\n'],
  ])('%s: the error yaml gives', (_label, text) => {
    const message = yamlError(text);
    expect(message).toBeDefined();
    expect(() => parseStackYaml(text)).toThrow(message);
  });
});
