import fc from 'fast-check';
import { cloneJson, isPlainJson } from '../../../src/k8s/patch/json-value';

/** Equal in every way a copy can differ: types, prototypes, own keys in order, -0, NaN. */
function expectIdentical(actual: unknown, expected: unknown, at = '$'): void {
  if (typeof expected !== 'object' || expected === null) {
    if (!Object.is(actual, expected)) throw new Error(`${at}: ${String(actual)} is not ${String(expected)}`);
    return;
  }
  expect([at, typeof actual, Array.isArray(actual)]).toEqual([at, 'object', Array.isArray(expected)]);
  expect([at, Object.getPrototypeOf(actual) === Object.getPrototypeOf(expected)]).toEqual([at, true]);
  expect([at, Reflect.ownKeys(actual as object)]).toEqual([at, Reflect.ownKeys(expected)]);
  for (const k of Object.keys(expected)) {
    expectIdentical(
      (actual as Record<string, unknown>)[k],
      (expected as Record<string, unknown>)[k],
      `${at}.${k}`,
    );
  }
}

const throughText = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('cloneJson: exactly what a JSON round trip gives', () => {
  test('any JSON value, and anything else JSON turns into something else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.anything({
            withNullPrototype: true,
            withSparseArray: true,
            withDate: true,
            withBoxedValues: true,
          }),
        ),
        (value) => {
          const copy = cloneJson(value);
          if (value === undefined) expect(copy).toBeUndefined();
          else expectIdentical(copy, throughText(value));
          if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['-0', { a: -0, b: [-0] }],
    ['NaN and infinities', { a: NaN, b: [Infinity, -Infinity] }],
    ['undefined members', { a: undefined, b: [undefined, 1] }],
    ['functions and symbols', { a: () => 1, b: [Symbol('s')], [Symbol('k')]: 1 }],
    ['a toJSON method', { a: { toJSON: () => 'as JSON' } }],
    ['a Date', { at: new Date(0) }],
    ['a sparse list', { a: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown],
    ['integer-like keys', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['a null-prototype object', Object.assign(Object.create(null) as object, { a: 1 })],
    [
      'nesting deeper than the direct copy goes',
      JSON.parse(`${'['.repeat(800)}1${']'.repeat(800)}`) as unknown,
    ],
  ])('%s', (_label, value) => {
    expectIdentical(cloneJson(value), throughText(value));
  });

  test('isPlainJson: true only where JSON text holds the value exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.anything({ withSparseArray: true, withDate: true })),
        (value) => {
          if (isPlainJson(value)) expectIdentical(throughText(value), value);
        },
      ),
      { numRuns: 1000 },
    );
    expect(isPlainJson({ a: [1, 'x', true, null, { b: 2.5 }] })).toBe(true);
    const notPlain = [{ a: -0 }, { a: NaN }, { a: undefined }, [1, , 3], { d: new Date(0) }, { f: () => 1 }]; // eslint-disable-line no-sparse-arrays
    expect(notPlain.filter((v) => isPlainJson(v))).toEqual([]);
  });

  test('a circular value fails as JSON fails', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = { back: circular };
    expect(() => cloneJson(circular)).toThrow(TypeError);
    expect(() => cloneJson(circular)).toThrow(/circular/);
  });

  test('a copy shares nothing with its source', () => {
    const source = { spec: { containers: [{ env: [{ name: 'A', value: '1' }] }] } };
    const copy = cloneJson(source);
    copy.spec.containers[0].env[0].value = '2';
    expect(source.spec.containers[0].env[0].value).toBe('1');
  });
});
