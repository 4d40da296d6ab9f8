import fc from 'fast-check';
import {
  applyJsonPatch,
  applyMergePatch,
  type JsonPatchOperation,
  PatchApplyError,
  type PatchFailureKind,
} from '../../../src/k8s/patch/json-patch';
import { toPointer } from '../../../src/k8s/patch/json-pointer';

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

/** Runs the patch and returns the PatchApplyError it throws (fails the test if nothing or something else is thrown). */
function patchError(doc: unknown, operations: readonly JsonPatchOperation[]): PatchApplyError {
  try {
    applyJsonPatch(doc, operations);
  } catch (e) {
    expect(e).toBeInstanceOf(PatchApplyError);
    return e as PatchApplyError;
  }
  throw new Error('expected applyJsonPatch to throw a PatchApplyError');
}

function expectFailure(
  doc: unknown,
  operations: readonly JsonPatchOperation[],
  kind: PatchFailureKind,
  reason: RegExp,
): PatchApplyError {
  const error = patchError(doc, operations);
  expect({ kind: error.kind, name: error.name }).toEqual({ kind, name: 'PatchApplyError' });
  expect(error.reason).toMatch(reason);
  return error;
}

describe('applyJsonPatch: add', () => {
  test('adds a new key to an object', () => {
    const out = applyJsonPatch(manifest(), [{ op: 'add', path: '/metadata/labels/tier', value: 'backend' }]);
    expect(out.metadata.labels).toEqual({ app: 'user-service', tier: 'backend' });
  });

  test('replaces the value of an existing object key', () => {
    const out = applyJsonPatch(manifest(), [{ op: 'add', path: '/spec/replicas', value: 5 }]);
    expect(out.spec.replicas).toBe(5);
  });

  test('appends to an array with "-"', () => {
    const out = applyJsonPatch({ list: [1, 2] }, [{ op: 'add', path: '/list/-', value: 3 }]);
    expect(out).toEqual({ list: [1, 2, 3] });
  });

  test('inserts into an array at an index, shifting later items', () => {
    const out = applyJsonPatch({ list: ['a', 'c'] }, [{ op: 'add', path: '/list/1', value: 'b' }]);
    expect(out).toEqual({ list: ['a', 'b', 'c'] });
  });

  test('inserts at index == length (the end) and at 0', () => {
    const out = applyJsonPatch({ list: ['b'] }, [
      { op: 'add', path: '/list/1', value: 'c' },
      { op: 'add', path: '/list/0', value: 'a' },
    ]);
    expect(out).toEqual({ list: ['a', 'b', 'c'] });
  });

  test('adds a whole object value, copied so later changes to it do not leak in', () => {
    const value = { name: 'B', value: '2' };
    const out = applyJsonPatch(manifest(), [
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value },
    ]);
    value.value = 'changed';
    expect(out.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });

  test('accepts null as a value', () => {
    expect(applyJsonPatch({ a: 1 }, [{ op: 'add', path: '/b', value: null }])).toEqual({ a: 1, b: null });
  });
});

describe('applyJsonPatch: remove', () => {
  test('removes an object key', () => {
    const out = applyJsonPatch(manifest(), [{ op: 'remove', path: '/metadata/labels/app' }]);
    expect(out.metadata.labels).toEqual({});
  });

  test('removes an array item, shifting later items', () => {
    const out = applyJsonPatch({ list: ['a', 'b', 'c'] }, [{ op: 'remove', path: '/list/1' }]);
    expect(out).toEqual({ list: ['a', 'c'] });
  });
});

describe('applyJsonPatch: replace', () => {
  test('replaces an object value', () => {
    const out = applyJsonPatch(manifest(), [{ op: 'replace', path: '/spec/replicas', value: 3 }]);
    expect(out.spec).toEqual({ ...manifest().spec, replicas: 3 });
  });

  test('replaces an array item in place', () => {
    const out = applyJsonPatch(manifest(), [
      { op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'sidecar:2' },
    ]);
    expect(out.spec.template.spec.containers[1]).toEqual({ name: 'sidecar', image: 'sidecar:2' });
    const list = applyJsonPatch({ list: [1, 2, 3] }, [{ op: 'replace', path: '/list/2', value: 9 }]);
    expect(list).toEqual({ list: [1, 2, 9] });
  });

  test('replaces a value that is null', () => {
    expect(applyJsonPatch({ a: null }, [{ op: 'replace', path: '/a', value: 1 }])).toEqual({ a: 1 });
  });
});

describe('applyJsonPatch: move', () => {
  test('moves a value to a new key and removes the old one', () => {
    const out = applyJsonPatch({ a: { x: 1 }, b: {} }, [{ op: 'move', from: '/a/x', path: '/b/y' }]);
    expect(out).toEqual({ a: {}, b: { y: 1 } });
  });

  test('moves an array item to another index', () => {
    const out = applyJsonPatch({ list: ['a', 'b', 'c'] }, [{ op: 'move', from: '/list/0', path: '/list/-' }]);
    expect(out).toEqual({ list: ['b', 'c', 'a'] });
  });

  test('refuses to move a value into itself', () => {
    const error = expectFailure(
      { a: { b: {} } },
      [{ op: 'move', from: '/a', path: '/a/b/c' }],
      'malformed',
      /cannot move \/a into itself/,
    );
    expect(error.opIndex).toBe(0);
  });

  test('fails when "from" does not exist', () => {
    expectFailure({ a: 1 }, [{ op: 'move', from: '/nope', path: '/b' }], 'missing', /\/nope does not exist/);
  });
});

describe('applyJsonPatch: copy', () => {
  test('copies a value and keeps the source', () => {
    const out = applyJsonPatch(manifest(), [
      { op: 'copy', from: '/metadata/labels', path: '/spec/template/metadata' },
    ]);
    expect(out.metadata.labels).toEqual({ app: 'user-service' });
    expect((out.spec.template as Record<string, unknown>).metadata).toEqual({ app: 'user-service' });
  });

  test('the copy is independent of the source', () => {
    const out = applyJsonPatch({ a: { x: 1 } }, [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'replace', path: '/b/x', value: 2 },
    ]);
    expect(out).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  test('copies an array item into an array', () => {
    const out = applyJsonPatch({ list: ['a', 'b'] }, [{ op: 'copy', from: '/list/1', path: '/list/0' }]);
    expect(out).toEqual({ list: ['b', 'a', 'b'] });
  });

  test('fails when "from" does not exist', () => {
    expectFailure({ a: 1 }, [{ op: 'copy', from: '/nope', path: '/b' }], 'missing', /\/nope does not exist/);
  });
});

describe('applyJsonPatch: test', () => {
  test('passes when the value is equal (deep, key order ignored) and changes nothing', () => {
    const doc = manifest();
    const out = applyJsonPatch(doc, [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'test', path: '/metadata/labels', value: { app: 'user-service' } },
      {
        op: 'test',
        path: '/spec/template/spec/containers/1',
        value: { image: 'sidecar:1', name: 'sidecar' },
      },
    ]);
    expect(out).toEqual(doc);
  });

  test('a passing test lets later operations run', () => {
    const out = applyJsonPatch({ a: 1 }, [
      { op: 'test', path: '/a', value: 1 },
      { op: 'replace', path: '/a', value: 2 },
    ]);
    expect(out).toEqual({ a: 2 });
  });

  test('fails with test-failed when the value differs', () => {
    expectFailure(
      manifest(),
      [{ op: 'test', path: '/spec/replicas', value: 2 }],
      'test-failed',
      /^value is 1, expected 2$/,
    );
  });

  test('fails when types differ even if the text looks alike', () => {
    expectFailure({ a: 1 }, [{ op: 'test', path: '/a', value: '1' }], 'test-failed', /expected "1"/);
    expectFailure({ a: [1] }, [{ op: 'test', path: '/a', value: { 0: 1 } }], 'test-failed', /value is \[1\]/);
  });
});

describe('RFC 6901 escaping in paths', () => {
  test('"~1" addresses a key containing "/" (the TDCC guide\'s subnet annotation)', () => {
    const doc = manifest();
    const out = applyJsonPatch(doc, [
      {
        op: 'replace',
        path: '/metadata/annotations/service.kubernetes.io~1qcloud-loadbalancer-internal-subnetid',
        value: 'subnet-k8s00002',
      },
    ]);
    expect(out.metadata.annotations).toEqual({
      'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid': 'subnet-k8s00002',
      'a~b': 'tilde',
    });
  });

  test('"~0" addresses a key containing "~"', () => {
    const out = applyJsonPatch(manifest(), [
      { op: 'replace', path: '/metadata/annotations/a~0b', value: 'x' },
    ]);
    expect(out.metadata.annotations['a~b']).toBe('x');
  });

  test('"~01" is "~1" literally, not "/"', () => {
    const out = applyJsonPatch({ '~1': 'tilde-one', '/': 'slash' }, [{ op: 'remove', path: '/~01' }]);
    expect(out).toEqual({ '/': 'slash' });
  });

  test('toPointer builds paths the patcher reads back', () => {
    const pointer = toPointer(['metadata', 'annotations', 'example.com/a~b']);
    expect(pointer).toBe('/metadata/annotations/example.com~1a~0b');
    const out = applyJsonPatch({ metadata: { annotations: {} } }, [{ op: 'add', path: pointer, value: 'v' }]);
    expect(out).toEqual({ metadata: { annotations: { 'example.com/a~b': 'v' } } });
  });

  test('an unescaped "/" splits the key, so the path does not exist', () => {
    expectFailure(
      manifest(),
      [{ op: 'replace', path: '/metadata/annotations/service.kubernetes.io/qcloud-x', value: 'y' }],
      'missing',
      /does not exist/,
    );
  });
});

describe('applyJsonPatch never changes its input', () => {
  test('every kind of operation works on a copy', () => {
    const doc = manifest();
    const before = JSON.parse(JSON.stringify(doc));
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/metadata/labels/tier', value: 'x' },
      { op: 'remove', path: '/metadata/annotations/a~0b' },
      { op: 'replace', path: '/spec/replicas', value: 9 },
      { op: 'move', from: '/spec/template/spec/containers/1', path: '/spec/template/spec/containers/0' },
      { op: 'copy', from: '/metadata/labels', path: '/spec/selector' },
      { op: 'add', path: '/spec/template/spec/containers/1/env/-', value: { name: 'B', value: '2' } },
    ]);
    expect(doc).toEqual(before);
    expect(out).not.toBe(doc);
    expect(out.spec.replicas).toBe(9);
  });

  test('a failing patch leaves the input as it was, even after earlier operations succeeded', () => {
    const doc = manifest();
    const before = JSON.parse(JSON.stringify(doc));
    expect(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 9 },
        { op: 'remove', path: '/spec/nope' },
      ]),
    ).toThrow(PatchApplyError);
    expect(doc).toEqual(before);
  });

  test('an empty list of operations returns an equal copy', () => {
    const doc = manifest();
    const out = applyJsonPatch(doc, []);
    expect(out).toEqual(doc);
    expect(out).not.toBe(doc);
  });
});

describe('applyJsonPatch failures', () => {
  test('replace of a missing key is "missing"', () => {
    expectFailure(
      manifest(),
      [{ op: 'replace', path: '/spec/paused', value: true }],
      'missing',
      /^\/spec\/paused does not exist$/,
    );
  });

  test('remove of a missing key is "missing"', () => {
    expectFailure(manifest(), [{ op: 'remove', path: '/metadata/labels/tier' }], 'missing', /does not exist/);
  });

  test('test of a missing key is "missing"', () => {
    expectFailure(
      manifest(),
      [{ op: 'test', path: '/status', value: {} }],
      'missing',
      /\/status does not exist/,
    );
  });

  test('add under a missing parent is "missing" and names the first missing step', () => {
    expectFailure(
      manifest(),
      [{ op: 'add', path: '/spec/strategy/rollingUpdate/maxSurge', value: 1 }],
      'missing',
      /^\/spec\/strategy does not exist$/,
    );
  });

  test('a path through a scalar is "missing"', () => {
    expectFailure(
      manifest(),
      [{ op: 'add', path: '/spec/replicas/x', value: 1 }],
      'missing',
      /\/spec\/replicas is not an object or array/,
    );
  });

  test('replace at an index past the end of an array is "missing" (RFC 6902: the target must exist)', () => {
    expectFailure({ list: [1] }, [{ op: 'replace', path: '/list/1', value: 2 }], 'missing', /out of bounds/);
  });

  test('add at an index past the end of an array is "invalid-index"', () => {
    expectFailure(
      { list: [1, 2] },
      [{ op: 'add', path: '/list/3', value: 4 }],
      'invalid-index',
      /^index 3 is out of bounds \(array length 2\)$/,
    );
  });

  test('remove at an index past the end of an array is "invalid-index" (Clusternet blocks, not skips)', () => {
    // evanphx/json-patch (Clusternet) returns ErrInvalidIndex for remove/test at an index past the end;
    // only ErrMissing is skipped silently, and json-patch.ts documents "missing" as exactly that case.
    expectFailure({ list: [1, 2] }, [{ op: 'remove', path: '/list/5' }], 'invalid-index', /out of bounds/);
  });

  test.each([
    ['a word', 'x'],
    ['a leading zero', '01'],
    ['a negative number', '-1'],
    ['"-" outside of add', '-'],
  ])('an array index that is %s is "invalid-index"', (_what, index) => {
    const op: JsonPatchOperation =
      index === '-'
        ? { op: 'replace', path: `/list/${index}`, value: 0 }
        : { op: 'add', path: `/list/${index}`, value: 0 };
    expectFailure({ list: [1, 2] }, [op], 'invalid-index', new RegExp(`"${index}" is not an array index`));
  });

  test('an unknown op is "malformed"', () => {
    const op = { op: 'merge', path: '/a', value: 1 } as unknown as JsonPatchOperation;
    expectFailure({ a: 1 }, [op], 'malformed', /unknown op "merge"/);
  });

  test.each(['add', 'replace', 'test'] as const)('%s without a value is "malformed"', (name) => {
    expectFailure({ a: 1 }, [{ op: name, path: '/a' }], 'malformed', new RegExp(`'${name}' needs a "value"`));
  });

  test.each(['move', 'copy'] as const)('%s without "from" is "malformed"', (name) => {
    expectFailure(
      { a: 1 },
      [{ op: name, path: '/b' }],
      'malformed',
      new RegExp(`'${name}' needs a "from" pointer`),
    );
  });

  test('a path that is not a string is "malformed"', () => {
    const op = { op: 'remove', path: 3 } as unknown as JsonPatchOperation;
    expectFailure({ a: 1 }, [op], 'malformed', /"path" must be a string/);
  });

  test('a pointer without a leading "/" is "malformed"', () => {
    expectFailure(
      { spec: { replicas: 1 } },
      [{ op: 'replace', path: 'spec/replicas', value: 2 }],
      'malformed',
      /JSON pointer "spec\/replicas" must start with "\/"/,
    );
  });

  test('a "from" pointer without a leading "/" is "malformed"', () => {
    expectFailure({ a: 1 }, [{ op: 'copy', from: 'a', path: '/b' }], 'malformed', /must start with "\/"/);
  });

  test('the root document cannot be the target', () => {
    expectFailure({ a: 1 }, [{ op: 'add', path: '', value: {} }], 'malformed', /root document/);
  });

  test('the error names the operation index, the op and the path, and keeps the operation', () => {
    const operations: JsonPatchOperation[] = [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 2 },
      { op: 'remove', path: '/spec/template/spec/volumes' },
    ];
    const error = patchError(manifest(), operations);
    expect(error.message).toBe(
      "operation 2 ('remove' /spec/template/spec/volumes): /spec/template/spec/volumes does not exist",
    );
    expect({ opIndex: error.opIndex, operation: error.operation, kind: error.kind }).toEqual({
      opIndex: 2,
      operation: operations[2],
      kind: 'missing',
    });
    expect(() => applyJsonPatch(manifest(), operations)).toThrow(/^operation 2 \('remove' \/spec\/template/);
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  test('merges nested objects, keeping keys the patch does not name', () => {
    const out = applyMergePatch(manifest(), {
      metadata: { labels: { tier: 'backend' }, annotations: { 'example.com/owner': 'team-a' } },
      spec: { replicas: 2 },
    });
    expect(out.metadata).toEqual({
      name: 'user-service',
      namespace: 'qcbm',
      labels: { app: 'user-service', tier: 'backend' },
      annotations: {
        'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid': 'subnet-k8s00001',
        'a~b': 'tilde',
        'example.com/owner': 'team-a',
      },
    });
    expect(out.spec.replicas).toBe(2);
    expect(out.spec.template).toEqual(manifest().spec.template);
  });

  test('null deletes a key, at any depth, and deleting an absent key is harmless', () => {
    const out = applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: null }, z: null });
    expect(out).toEqual({ b: { d: 3 } });
  });

  test('arrays are replaced as a whole, never merged', () => {
    const out = applyMergePatch({ list: [1, 2, 3], objs: [{ a: 1 }] }, { list: [9], objs: [{ b: 2 }] });
    expect(out).toEqual({ list: [9], objs: [{ b: 2 }] });
  });

  test('an object patch over a scalar replaces it with the patch minus its nulls', () => {
    expect(applyMergePatch({ a: 'text' }, { a: { b: 1, c: null } })).toEqual({ a: { b: 1 } });
  });

  test('a scalar or array patch replaces the whole document', () => {
    expect(applyMergePatch({ a: 1 }, 'x')).toBe('x');
    expect(applyMergePatch({ a: 1 }, [1, 2])).toEqual([1, 2]);
  });

  test('an empty patch changes nothing', () => {
    expect(applyMergePatch(manifest(), {})).toEqual(manifest());
  });

  test('neither the document nor the patch is changed, and the result shares nothing with the patch', () => {
    const doc = { a: { b: 1 }, list: [1] };
    const patch = { a: { c: { d: 1 } }, list: [2], gone: null };
    const docBefore = JSON.parse(JSON.stringify(doc));
    const patchBefore = JSON.parse(JSON.stringify(patch));
    const out = applyMergePatch(doc, patch) as Record<string, any>;
    expect(out).toEqual({ a: { b: 1, c: { d: 1 } }, list: [2] });
    expect(doc).toEqual(docBefore);
    expect(patch).toEqual(patchBefore);
    out.a.c.d = 99;
    out.list.push(3);
    expect(patch).toEqual(patchBefore);
  });
});

describe('applyJsonPatch properties', () => {
  test('replace of an existing key: the new value is read back and the original is unchanged', () => {
    const docWithKey = fc
      .dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 8 })
      .chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...Object.keys(doc))));
    fc.assert(
      fc.property(docWithKey, fc.jsonValue({ maxDepth: 3 }), ([doc, key], value) => {
        const before = JSON.stringify(doc);
        const path = toPointer([key]);
        const out = applyJsonPatch(doc, [{ op: 'replace', path, value }]) as Record<string, unknown>;
        const expected = JSON.parse(JSON.stringify(value));
        expect(Object.prototype.hasOwnProperty.call(out, key)).toBe(true);
        expect(out[key]).toEqual(expected);
        expect(applyJsonPatch(out, [{ op: 'test', path, value: expected }])).toEqual(out);
        expect(JSON.stringify(doc)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
