import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { generateFleet } from '../../../scripts/generate-fleet';
import { synthesizeFleet } from '../../../src/k8s';
import { stringifyDocument, stringifyDocuments } from '../../../src/k8s/yaml/fast-yaml';
import { parseFleet } from '../../../src/model';
import { devFleet, wideFleet } from '../../fixtures/fleets';

// cdk8s writes YAML with its own copy of the `yaml` package; this is the copy the emitter falls back to.
const yamlPackage = jest.requireActual<typeof import('yaml')>('yaml');

function expectSameAsCdk8s(docs: readonly unknown[]): void {
  expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
}

/** The value as a document, a mapping value and key, a sequence item, and deeper inside both. */
function placements(value: unknown): unknown[] {
  const key = typeof value === 'string' ? value : 'k';
  return [
    value,
    { k: value },
    { [key]: 1 },
    [value],
    { a: { b: [{ [key]: value, c: [value] }] } },
    [[{ x: { [key]: [value] } }]],
  ];
}

function chartsOf(fleet: ReturnType<typeof synthesizeFleet>): unknown[][] {
  return [fleet.hubApp, fleet.hubDistribution, ...Object.values(fleet.clusters)];
}

describe('stringifyDocuments on real manifests', () => {
  const fleetInputs = {
    dev: devFleet,
    wide: wideFleet,
    generated: () => parseFleet(generateFleet(21), 'generated fleet'),
  };
  type FleetName = keyof typeof fleetInputs;
  const fleets = {} as Record<FleetName, ReturnType<typeof synthesizeFleet>>;
  beforeAll(() => {
    for (const name of Object.keys(fleetInputs) as FleetName[])
      fleets[name] = synthesizeFleet(fleetInputs[name]());
  });

  let fallback: jest.SpiedFunction<typeof yamlPackage.stringify>;
  beforeEach(() => (fallback = jest.spyOn(yamlPackage, 'stringify')));
  afterEach(() => fallback.mockRestore());

  it.each(Object.keys(fleetInputs) as FleetName[])(
    'writes every chart of the %s fleet byte for byte, without the fallback',
    (name) => {
      const charts = chartsOf(fleets[name]);
      expect(charts.length).toBeGreaterThan(2);
      for (const docs of charts) {
        expect(docs.length).toBeGreaterThan(0);
        expectSameAsCdk8s(docs);
        for (const doc of docs) expect(stringifyDocument(doc)).toBe(Yaml.stringify(doc));
      }
      expect(fallback).not.toHaveBeenCalled();
    },
  );

  it('writes every nested value of the wide fleet as a document of its own', () => {
    const values: unknown[] = [];
    const collect = (value: unknown): void => {
      values.push(value);
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    chartsOf(fleets.wide).flat().forEach(collect);
    expect(values.length).toBeGreaterThan(1000);
    expectSameAsCdk8s(values);
  });

  it('writes the Localization overrides as literal block scalars', () => {
    const overrides = fleets.generated.hubDistribution
      .filter((m) => m.kind === 'Localization')
      .flatMap((m) => (m.spec as { overrides: { value: string }[] }).overrides);
    expect(overrides.length).toBeGreaterThan(20);
    for (const override of overrides) {
      expect(override.value).toContain('\n    ');
      const yaml = stringifyDocument(override);
      // A JSON patch (an array) or a merge patch (an object), as one literal block.
      expect(yaml).toMatch(/value: \|-\n {2}(\[\n {6}|\{\n {6}")\{?/);
      expect(yaml).toBe(Yaml.stringify(override));
    }
  });
});

describe('multi-line strings such as override values', () => {
  const jsonValues: unknown[] = [
    [{ op: 'replace', path: '/spec/replicas', value: 4 }],
    { data: { FEATURE_FLAGS: 'dr-readonly', EMPTY: '', SPACES: '  lead', NL: 'a\nb\n', Q: 'it\'s "q"' } },
    { metadata: { annotations: { 'example.com/owner': 'sh-team', 'x#y': ': z' } } },
    [],
    {},
    'a string',
    42,
  ];
  const texts = [
    ...jsonValues.map((x) => JSON.stringify(x, null, 4)),
    ...jsonValues.map((x) => JSON.stringify(x, null, 2)),
    '    starts with spaces\nthen not',
    '  two\n    four\n',
    ' one\n\n',
    '\n\nleading blank lines',
    '\n  blank then spaces',
    'trailing blank lines\n\n\n',
    'keep\n\n',
    'clip\n',
    'strip',
    'ends with space \nx',
    'ends with spaces on last line\n  ',
    'tab\tinside\n\tand leading tab',
    '---\ndocument marker line',
    'x\n...\n%YAML 1.1',
    '# comment-like\nline',
    'quotes \' and "\nboth',
    'unicode é 😀 \u2028\nline',
    '\n',
    '\n\n',
    ' \n',
    'a\r\nb',
  ];

  it.each(texts.map((t) => [JSON.stringify(t), t]))('writes %s in every position', (_, text) => {
    for (const doc of placements(text)) expectSameAsCdk8s([doc]);
    expectSameAsCdk8s([{ spec: { overrides: [{ name: 'o', type: 'MergePatch', value: text }] } }]);
  });

  it('uses keep chomping and indentation indicators where the yaml package does', () => {
    expect(stringifyDocument({ v: '  a\nb\n\n' })).toBe('v: |2+\n    a\n  b\n\n');
    expect(stringifyDocument('  a\nb')).toBe('|1-\n  a\nb\n');
  });
});

/** Every upper/lower case spelling of a word. */
function caseVariants(word: string): string[] {
  let variants = [''];
  for (const ch of word) {
    variants = variants.flatMap((v) => [...new Set([v + ch.toLowerCase(), v + ch.toUpperCase()])]);
  }
  return variants;
}

describe('strings that need quoting in YAML 1.1', () => {
  const words = ['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'null'].flatMap(caseVariants);
  const numbers = [
    '1',
    '-1',
    '+1',
    '1.0',
    '0775',
    '0o17',
    '08',
    '1e3',
    '1E-3',
    'e5',
    '0x1F',
    '0X1f',
    '0b101',
  ];
  const moreNumbers = [
    '.5',
    '5.',
    '1_000',
    '1__0',
    '.inf',
    '-.Inf',
    '+.INF',
    '.nan',
    '.NaN',
    '.NAN',
    '0',
    '-0',
  ];
  const times = [
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 +5',
    '190:20:30',
    '1:20.5',
  ];
  const indicators = [...'-?:!&*[]{}|>%@`#,\'"'].flatMap((c) => [
    c,
    `${c}x`,
    `${c} x`,
    `x${c}`,
    `x ${c}`,
    `x${c}y`,
  ]);
  const hard = [
    '',
    '~',
    ' ',
    '  ',
    ' leading',
    'trailing ',
    'key: value',
    'a:b',
    'a #b',
    'a#b',
    'tab\tinside',
    '\ttab',
    'tab\t',
    'back\\slash',
    "it's",
    'say "hi"',
    `both ' and "`,
    'line\nbreak',
    'unicode é ü 中文 😀',
    '\u00a0nbsp',
    '\u0000\u0007\u000b\u001b\u0085\u2028\u2029\u007f\u0001',
    '\ud800 lone surrogate',
    '"x\n\t',
    '"x \n y\n ',
    '<<',
    '< <',
    '<',
    '---',
    '--- x',
    '...',
    '%TAG',
    '=',
    '-- x',
    'http://example.com/a?b=c#d',
    'x'.repeat(2000),
    'word '.repeat(200),
    '"'.repeat(50),
    'a '.repeat(30) + '\n' + ' b'.repeat(30),
  ];
  const all = [...words, ...numbers, ...moreNumbers, ...times, ...indicators, ...hard];

  it.each(all.map((s) => [JSON.stringify(s).slice(0, 60), s]))(
    'writes %s as the yaml package does',
    (_, s) => {
      for (const doc of placements(s)) expectSameAsCdk8s([doc]);
    },
  );

  it('quotes the YAML 1.1 scalars that are not strings', () => {
    expect(stringifyDocument({ a: 'yes', b: 'On', c: '0775', d: '2001-12-14', e: '190:20:30', f: '' })).toBe(
      'a: "yes"\nb: "On"\nc: "0775"\nd: "2001-12-14"\ne: "190:20:30"\nf: ""\n',
    );
  });

  it('writes keys longer than 1024 characters as explicit keys', () => {
    const long = 'k'.repeat(1030);
    for (const value of [1, 'v', [1, 2], { a: { b: 1 } }, [], {}, 'multi\nline']) {
      expectSameAsCdk8s([{ [long]: value, short: value }, [{ [long]: value }]]);
    }
  });
});

describe('other values', () => {
  it('writes numbers, booleans, null and undefined as the yaml package does', () => {
    const scalars = [
      0,
      -0,
      1,
      -1,
      1.5,
      -2.25,
      1e21,
      1e-7,
      5e-324,
      Number.MAX_VALUE,
      2 ** 53,
      NaN,
      Infinity,
      -Infinity,
    ];
    const others = [true, false, null, undefined, 10n, -(2n ** 70n)];
    for (const value of [...scalars, ...others]) {
      for (const doc of placements(value)) expectSameAsCdk8s([doc]);
    }
    expectSameAsCdk8s([{ a: undefined, b: [undefined, null, [undefined]] }, undefined, null, [], {}]);
  });

  it('writes an empty list of documents and undefined documents', () => {
    expectSameAsCdk8s([]);
    expectSameAsCdk8s([undefined]);
    expectSameAsCdk8s([undefined, { a: 1 }, undefined]);
  });

  it('writes sparse arrays, null-prototype objects and integer-like keys', () => {
    const sparse: unknown[] = [1];
    sparse[3] = 2;
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: { c: 2 } });
    expectSameAsCdk8s([sparse, bare, { b: 1, 2: 'two', 1: 'one', '-1': 'minus' }]);
  });

  it('falls back to the yaml package for repeated objects, which it writes as anchors and aliases', () => {
    const shared = { a: 1 };
    const list = [1];
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const docs = [{ x: shared, y: shared, z: [shared, list, list] }, circular, [{}, {}], { e: shared }];
    expect(stringifyDocuments(docs)).toContain('&a1');
    expectSameAsCdk8s(docs);
  });

  it('falls back to the yaml package for class instances, Dates, Maps, Sets, toJSON and iterables', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    class TaggedList extends Array<number> {
      toJSON(): string {
        return 'tagged';
      }
    }
    const hiddenToJSON = Object.defineProperty({ a: 1 }, 'toJSON', {
      value: () => 'hidden',
      enumerable: false,
    });
    const iterable = {
      a: 1,
      *[Symbol.iterator]() {
        yield 'from the iterator';
      },
    };
    const docs = [
      { when: new Date(Date.UTC(2001, 11, 14)) },
      { map: new Map([['a', 1]]) },
      { set: new Set(['a']) },
      { point: new Point(1) },
      { custom: { toJSON: () => 'custom' } },
      { boxed: [new String('s'), new Number(1), new Boolean(false)] },
      { bytes: Buffer.from('hi') },
      { list: TaggedList.from([1, 2]) },
      { hiddenToJSON },
      { iterable },
      { toJSONNotAFunction: { toJSON: 1 } },
    ];
    for (const doc of docs) expectSameAsCdk8s([doc]);
  });

  it('throws what the yaml package throws for values it cannot write', () => {
    const fn = { f: () => 1 };
    expect(() => stringifyDocument(fn)).toThrow(/Tag not resolved/);
    expect(() => Yaml.stringify(fn)).toThrow(/Tag not resolved/);
  });
});

describe('arbitrary JSON-like values', () => {
  // Pieces that exercise the quoting rules, glued together at random.
  const token = fc.constantFrom(
    ...['a', 'Z', '0', '1', '9', 'e', 'x', '_', '.', '-', '+', '/', ' ', '  ', '\t', '\n', '\n\n', '\r'],
    ...[':', ': ', ' #', '#', '?', '!', '&', '*', '[', ']', '{', '}', ',', '|', '>', '%', '@', '`', '<<'],
    ...['"', "'", '\\', '~', '---', '...', 'true', 'No', 'null', '.inf', '0x1F', '2001-12-14', '1:30'],
    ...['é', '😀', '\u00a0', '\u0085', '\u2028', '\u0000', '\u001b', '\u007f', '\ud800', '\udc00'],
  );
  const tokenString = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));
  const anyCharString = fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  });
  const string = fc.oneof(
    { weight: 5, arbitrary: tokenString },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
    { weight: 1, arbitrary: anyCharString },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 30, maxLength: 200, unit: fc.constantFrom('a', ' ', '\n', '"') }),
    },
  );
  const number = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, 1e21, -1e-7, 2 ** 53, NaN, Infinity, -Infinity),
  );
  const scalar = fc.oneof(string, number, fc.boolean(), fc.constant(null), fc.constant(undefined));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.oneof(tokenString, string), tie('value'), { maxKeys: 5 }),
    ),
  }));

  it('are written byte for byte as cdk8s writes them', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 3 }), (docs) => {
        expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));
      }),
      { numRuns: 2000, seed: 20240611 },
    );
  });
});

describe('long strings, which are emitted once per indentation and kept', () => {
  const long = (line: string) => Array.from({ length: 40 }, (_, i) => `${line} ${i}`).join('\n');

  it.each([
    ['a multi-line script', long('echo "x: y"')],
    ['a line with a document marker', `--- ${'x'.repeat(600)}`],
    ['a long plain line', 'word '.repeat(200).trim()],
  ])('%s gives the same YAML at every place, however often it recurs', (_name, value) => {
    // The same string at other indents and as a key after it was cached at the first one.
    const docs = [...placements(value), ...placements(value)];
    expectSameAsCdk8s(docs);
  });
});
