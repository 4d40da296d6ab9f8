import { PatchApplyError } from '../../../src/k8s/patch/json-patch';
import { applyMergePatch } from '../../../src/k8s/patch/merge-patch';
import { thrownBy } from '../../support/thrown';

const doc = () => ({
  metadata: { name: 'web', labels: { app: 'web', tier: 'x' } },
  spec: { replicas: 1, ports: [{ port: 80, name: 'http' }] },
});

describe('merge patches as the hub applies them (evanphx MergePatch)', () => {
  test('the document is never changed: the result copies what the patch touches and shares the rest', () => {
    const deepFreeze = (o: any): any => {
      Object.values(o).forEach((v) => typeof v === 'object' && v !== null && deepFreeze(v));
      return Object.freeze(o);
    };
    const input = deepFreeze(doc());
    const { doc: out } = applyMergePatch(input, { metadata: { labels: { tier: null, env: 'prod' } } });
    expect(input).toEqual(doc());
    expect(out.metadata.labels).toEqual({ app: 'web', env: 'prod' });
    expect(out.metadata).not.toBe(input.metadata);
    expect(out.spec).toBe(input.spec);
  });

  test('RFC 7386: objects merge recursively, null deletes, anything else replaces', () => {
    const { doc: out, leniencies } = applyMergePatch(doc(), {
      metadata: { labels: { tier: null, env: 'prod' } },
      spec: { replicas: 3, ports: [{ port: 443 }] },
    });
    expect(out).toEqual({
      metadata: { name: 'web', labels: { app: 'web', env: 'prod' } },
      spec: { replicas: 3, ports: [{ port: 443 }] },
    });
    expect(leniencies).toEqual([]);
  });

  test('a new object member loses its nulls, as RFC 7386 also says', () => {
    expect(applyMergePatch(doc(), { extra: { a: null, b: 1 } }).doc).toMatchObject({ extra: { b: 1 } });
  });

  test('nulls inside objects inside arrays are dropped by the hub (RFC keeps them), with a warning', () => {
    const { doc: out, leniencies } = applyMergePatch(doc(), {
      spec: { containers: [{ name: 'a', command: null }] },
    });
    expect((out as any).spec.containers).toEqual([{ name: 'a' }]);
    expect(leniencies).toEqual([
      expect.objectContaining({
        leniency: 'merge-drops-null-in-array',
        note: expect.stringContaining('/spec/containers/0/command'),
      }),
    ]);
  });

  test('null elements of arrays stay; nulls in an array replacing an object member stay too', () => {
    expect(applyMergePatch(doc(), { list: [null, 1] }).doc).toMatchObject({ list: [null, 1] });
    expect(applyMergePatch(doc(), { metadata: [{ a: null }] }).doc).toMatchObject({
      metadata: [{ a: null }],
    });
  });

  test.each([null, 'x', 1])('a %p patch document blocks the cluster', (patch) => {
    expect(() => applyMergePatch(doc(), patch)).toThrow(PatchApplyError);
    expect(() => applyMergePatch(doc(), patch)).toThrow(/must be a JSON object/);
    expect(thrownBy(() => applyMergePatch(doc(), patch))).toMatchObject({
      fix: 'write the patch as a mapping of the fields to change, e.g. {spec: {replicas: 2}}',
    });
  });

  test('the input is never changed', () => {
    const d = doc();
    applyMergePatch(d, { spec: null });
    expect(d).toEqual(doc());
  });
});
