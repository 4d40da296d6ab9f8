import fc from 'fast-check';
import {
  applyJsonPatch,
  type Leniency,
  MAX_PATCH_OPERATIONS,
  PatchApplyError,
  type PatchOutcome,
} from '../../../src/k8s/patch/json-patch';
import { toPointer } from '../../../src/k8s/patch/json-pointer';
import { thrownBy } from '../../support/thrown';

/** A Deployment-like manifest, deep enough to reach arrays and escaped keys. */
function manifest() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'user-service',
      namespace: 'qcbm',
      labels: { app: 'user-service' },
      annotations: {
        'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid': 'subnet-k8s00001',
        'a~b': 'tilde',
      },
    },
    spec: {
      replicas: 1,
      template: {
        spec: {
          containers: [
            { name: 'user-service', image: 'qcbm/user-service:1.1.4', env: [{ name: 'A', value: '1' }] },
            { name: 'sidecar', image: 'sidecar:1' },
          ],
        },
      },
    },
  };
}
type Doc = ReturnType<typeof manifest> & Record<string, unknown>;
const CONTAINERS = '/spec/template/spec/containers';

/** Applies and expects no leniency: behaviour RFC 6902 and the hub agree on. */
function rfc(doc: unknown, ops: unknown[]): Doc {
  const result = applyJsonPatch(doc, ops);
  expect(result.leniencies).toEqual([]);
  return result.doc as Doc;
}

/** Applies and expects exactly these leniencies, in order. */
function lenient(doc: unknown, ops: unknown[], leniencies: Leniency[]): Doc {
  const result = applyJsonPatch(doc, ops);
  expect(result.leniencies.map((l) => l.leniency)).toEqual(leniencies);
  return result.doc as Doc;
}

/** Expects the hub to refuse the patch with this outcome; returns the error. */
function refused(doc: unknown, ops: unknown[], outcome: PatchOutcome, reason: RegExp): PatchApplyError {
  const error = thrownBy(() => applyJsonPatch(doc, ops));
  expect(error).toBeInstanceOf(PatchApplyError);
  const e = error as PatchApplyError;
  expect({ outcome: e.outcome, name: e.name }).toEqual({ outcome, name: 'PatchApplyError' });
  expect(e.reason).toMatch(reason);
  return e;
}

describe('what RFC 6902 and the hub agree on', () => {
  test('add sets a member, inserts into an array, appends with "-"', () => {
    const out = rfc(manifest(), [
      { op: 'add', path: '/metadata/labels/tier', value: 'backend' },
      { op: 'add', path: `${CONTAINERS}/1`, value: { name: 'init' } },
      { op: 'add', path: `${CONTAINERS}/-`, value: { name: 'last' } },
      { op: 'add', path: '/spec/replicas', value: 5 },
    ]);
    expect(out.metadata.labels).toEqual({ app: 'user-service', tier: 'backend' });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual([
      'user-service',
      'init',
      'sidecar',
      'last',
    ]);
    expect(out.spec.replicas).toBe(5);
  });

  test('remove, replace, move, copy and test, with escaped keys', () => {
    const out = rfc(manifest(), [
      { op: 'test', path: '/metadata/annotations/a~0b', value: 'tilde' },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'remove', path: `${CONTAINERS}/1` },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/annotations/a~0b', path: '/metadata/labels/moved' },
      {
        op: 'test',
        path: '/metadata/labels',
        value: { app: 'user-service', copy: 'user-service', moved: 'tilde' },
      },
    ]);
    expect(out.spec.replicas).toBe(3);
    expect(out.spec.template.spec.containers).toHaveLength(1);
    expect(Object.keys(out.metadata.annotations)).toEqual([
      'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid',
    ]);
  });

  test('replace "" replaces the whole object', () => {
    expect(rfc(manifest(), [{ op: 'replace', path: '', value: { kind: 'Other' } }])).toEqual({
      kind: 'Other',
    });
  });

  test('the input is never changed', () => {
    const doc = manifest();
    const before = JSON.stringify(doc);
    applyJsonPatch(doc, [
      { op: 'remove', path: '/spec' },
      { op: 'add', path: '/x', value: 1 },
    ]);
    expect(JSON.stringify(doc)).toBe(before);
  });

  test('a failed test blocks the cluster', () => {
    refused(manifest(), [{ op: 'test', path: '/spec/replicas', value: 2 }], 'blocked', /is 1, expected 2/);
  });
});

describe('the hub adds where RFC 6902 refuses: replace of a missing key', () => {
  test('in an existing object or map, the key is added (with a warning)', () => {
    const out = lenient(
      manifest(),
      [{ op: 'replace', path: '/metadata/labels/tier', value: 'web' }],
      ['replace-adds-key'],
    );
    expect(out.metadata.labels).toEqual({ app: 'user-service', tier: 'web' });
  });

  test('the warning says what the hub does', () => {
    const [l] = applyJsonPatch(manifest(), [{ op: 'replace', path: '/spec/paused', value: true }]).leniencies;
    expect(l).toMatchObject({ opIndex: 0, note: 'replaces the missing key /spec/paused: the hub adds it' });
  });

  test('an out-of-range array index or a missing parent is skipped by the hub', () => {
    refused(manifest(), [{ op: 'replace', path: `${CONTAINERS}/2/image`, value: 'x' }], 'skipped', /missing/);
    refused(manifest(), [{ op: 'replace', path: `${CONTAINERS}/5`, value: {} }], 'skipped', /out of bounds/);
    refused(manifest(), [{ op: 'replace', path: '/spec/strategy/type', value: 'x' }], 'skipped', /missing/);
  });
});

describe('missing paths: the hub skips the override without a word', () => {
  test.each([
    ['add creates no missing parents', { op: 'add', path: '/spec/strategy/type', value: 'Recreate' }],
    ['remove of a missing key', { op: 'remove', path: '/metadata/labels/none' }],
    ['remove with a missing parent', { op: 'remove', path: '/spec/strategy/type' }],
    ['test with a missing parent', { op: 'test', path: '/spec/strategy/type', value: 'x' }],
    ['move from a missing key', { op: 'move', from: '/metadata/labels/none', path: '/metadata/labels/x' }],
    ['copy with a missing parent', { op: 'copy', from: '/spec/strategy/type', path: '/x' }],
    ['add ""', { op: 'add', path: '', value: {} }],
    ['remove ""', { op: 'remove', path: '' }],
    ['moving a value into its own child', { op: 'move', from: '/metadata', path: '/metadata/labels/m' }],
    ['an operation without a path', { op: 'add', value: 1 }],
  ])('%s', (_label, op) => {
    refused(manifest(), [op], 'skipped', /./);
  });

  test('the whole override is dropped, earlier operations included', () => {
    const e = refused(
      manifest(),
      [
        { op: 'replace', path: '/spec/replicas', value: 9 },
        { op: 'remove', path: '/metadata/labels/none' },
      ],
      'skipped',
      /does not exist/,
    );
    expect(e.opIndex).toBe(1);
  });
});

describe('array indexes as the hub reads them (strconv.Atoi, negative indices on)', () => {
  test('-1 counts from the end for replace, remove and test', () => {
    expect(
      lenient(
        manifest(),
        [{ op: 'replace', path: `${CONTAINERS}/-1/image`, value: 'sidecar:2' }],
        ['negative-index'],
      ).spec.template.spec.containers[1].image,
    ).toBe('sidecar:2');
    expect(
      lenient(manifest(), [{ op: 'remove', path: `${CONTAINERS}/-1` }], ['negative-index']).spec.template.spec
        .containers,
    ).toHaveLength(1);
    lenient(
      manifest(),
      [{ op: 'test', path: `${CONTAINERS}/-2/name`, value: 'user-service' }],
      ['negative-index'],
    );
  });

  test('add at -1 appends (the array is one longer for add), where RFC would refuse', () => {
    const out = lenient(
      manifest(),
      [{ op: 'add', path: `${CONTAINERS}/-1`, value: { name: 'c' } }],
      ['negative-index'],
    );
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['user-service', 'sidecar', 'c']);
  });

  test('leading zeros and "+" are accepted', () => {
    const out = lenient(
      manifest(),
      [
        { op: 'replace', path: `${CONTAINERS}/01/image`, value: 'a' },
        { op: 'test', path: `${CONTAINERS}/+1/image`, value: 'a' },
      ],
      ['non-canonical-index', 'non-canonical-index'],
    );
    expect(out.spec.template.spec.containers[1].image).toBe('a');
  });

  test('past either end: add and remove block the cluster, replace is skipped', () => {
    refused(manifest(), [{ op: 'add', path: `${CONTAINERS}/3`, value: {} }], 'blocked', /out of bounds/);
    refused(manifest(), [{ op: 'add', path: `${CONTAINERS}/-4`, value: {} }], 'blocked', /out of bounds/);
    refused(manifest(), [{ op: 'remove', path: `${CONTAINERS}/2` }], 'blocked', /out of bounds/);
    refused(manifest(), [{ op: 'replace', path: `${CONTAINERS}/-3`, value: {} }], 'skipped', /out of bounds/);
  });

  test('a token that is not a number: add, remove and test block; replace is skipped', () => {
    refused(
      manifest(),
      [{ op: 'add', path: `${CONTAINERS}/1e0`, value: {} }],
      'blocked',
      /not an array index/,
    );
    refused(manifest(), [{ op: 'remove', path: `${CONTAINERS}/x` }], 'blocked', /not an array index/);
    refused(manifest(), [{ op: 'test', path: `${CONTAINERS}/x`, value: 1 }], 'blocked', /not an array index/);
    refused(
      manifest(),
      [{ op: 'replace', path: `${CONTAINERS}/x`, value: 1 }],
      'skipped',
      /not an array index/,
    );
  });
});

describe('tests of missing keys, and operations without a value', () => {
  test('test of a missing key passes when the expected value is null, and blocks otherwise', () => {
    lenient(manifest(), [{ op: 'test', path: '/spec/paused', value: null }], ['test-missing-is-null']);
    refused(manifest(), [{ op: 'test', path: '/spec/paused', value: false }], 'blocked', /missing or null/);
  });

  test('an operation without "value" uses null', () => {
    expect(
      lenient(manifest(), [{ op: 'add', path: '/spec/paused' }], ['missing-value-is-null']).spec,
    ).toMatchObject({
      paused: null,
    });
    expect(
      lenient(manifest(), [{ op: 'replace', path: '/spec/replicas' }], ['missing-value-is-null']).spec
        .replicas,
    ).toBe(null);
    lenient(
      manifest(),
      [{ op: 'test', path: '/spec/paused' }],
      ['test-missing-is-null', 'missing-value-is-null'],
    );
    refused(manifest(), [{ op: 'test', path: '/spec/replicas' }], 'blocked', /has no "value"/);
  });

  test('copy from a missing key inserts null', () => {
    const out = lenient(
      manifest(),
      [{ op: 'copy', from: '/metadata/labels/none', path: '/metadata/labels/copy' }],
      ['copy-from-missing-is-null'],
    );
    expect(out.metadata.labels).toEqual({ app: 'user-service', copy: null });
  });
});

describe('paths and the whole document', () => {
  test('a path without a leading "/" drops its first segment: spec/replicas writes top-level replicas', () => {
    const out = lenient(
      manifest(),
      [{ op: 'replace', path: 'spec/replicas', value: 3 }],
      ['path-without-leading-slash', 'replace-adds-key'],
    );
    expect(out.replicas).toBe(3);
    expect(out.spec.replicas).toBe(1);
  });

  test('replace "" with a non-object leaves the document unchanged; without a value it crashes the library', () => {
    expect(
      lenient(manifest(), [{ op: 'replace', path: '', value: 'x' }], ['replace-root-with-scalar']),
    ).toEqual(manifest());
    refused(manifest(), [{ op: 'replace', path: '' }], 'blocked', /panic/);
  });

  test('comparing arrays with a null element crashes the library; an unknown op blocks the cluster', () => {
    refused({ a: [null] }, [{ op: 'test', path: '/a', value: [null] }], 'blocked', /panic/);
    refused(manifest(), [{ op: 'merge', path: '/spec' }], 'blocked', /unknown op "merge"/);
  });

  test(`more than ${MAX_PATCH_OPERATIONS} operations in one patch block the cluster`, () => {
    const ops = (n: number) =>
      Array.from({ length: n }, () => ({ op: 'test', path: '/spec/replicas', value: 1 }));
    expect(() => applyJsonPatch(manifest(), ops(MAX_PATCH_OPERATIONS))).not.toThrow();
    const e = refused(manifest(), ops(MAX_PATCH_OPERATIONS + 1), 'blocked', /at most 10000 operations/);
    expect(e.fix).toBe('split the operations into patches of at most 10000 each, or use a MergePatch');
  });

  test('the error names the operation, its path and the reason', () => {
    const e = refused(manifest(), [{ op: 'remove', path: '/spec/template/x' }], 'skipped', /does not exist/);
    expect(e.message).toBe("operation 0 ('remove' /spec/template/x): /spec/template/x does not exist");
  });
});

function hasNullInArray(value: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => v === null || hasNullInArray(v));
  return typeof value === 'object' && value !== null && Object.values(value).some(hasNullInArray);
}

describe('properties', () => {
  const key = fc.stringMatching(/^[a-z~/]{1,6}$/);
  test('replace then test of the same value always passes, for any key (escaping included)', () => {
    fc.assert(
      fc.property(key, fc.jsonValue(), (k, value) => {
        const path = toPointer(['metadata', 'annotations', k]);
        const out = applyJsonPatch(manifest(), [{ op: 'add', path, value }]).doc;
        // evanphx compares arrays element by element and dereferences nil on a null element
        if (value === null || hasNullInArray(value)) return;
        expect(() => applyJsonPatch(out, [{ op: 'test', path, value }])).not.toThrow();
      }),
      { numRuns: 200, seed: 20261123 },
    );
  });
});
