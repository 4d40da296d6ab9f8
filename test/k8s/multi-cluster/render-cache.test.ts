import { RenderCache, renderFingerprint, type Rendering } from '../../../src/k8s/multi-cluster/render-cache';

const rendering = (issues: Rendering['issues'] = []): Rendering => ({
  manifests: new Map([
    ['a', [{ kind: 'ConfigMap' }]],
    ['b', [{ kind: 'Secret' }]],
  ]),
  issues,
  warnings: [{ path: 'p', message: 'm', fix: 'f' }],
});

describe('RenderCache: each cluster rendered once per synth', () => {
  test('the fingerprint is the state key, then the base manifests', () => {
    const base = new Map([['v1/ConfigMap/x', { data: { a: '1' } }]]);
    expect(renderFingerprint('3|1,2|', base)).toBe('3|1,2|[["v1/ConfigMap/x",{"data":{"a":"1"}}]]');
  });

  test('serves each kept cluster once per validation, while the state is unchanged', () => {
    const cache = new RenderCache();
    const kept = rendering();
    cache.keep(kept, 'k1|base');
    expect(cache.serve('a', 'k1|')).toBe(kept.manifests.get('a'));
    expect(cache.serve('a', 'k1|')).toBeUndefined();
    expect(cache.serve('b', 'k2|')).toBeUndefined();
    expect(cache.serve('zz', 'k1|')).toBeUndefined();
    expect(cache.revalidate('k1|base')?.manifests).toBe(kept.manifests);
    expect(cache.serve('a', 'k1|')).toBe(kept.manifests.get('a'));
    expect(cache.warnings('k1|base')).toEqual(kept.warnings);
    expect(cache.warnings('k1|other')).toBeUndefined();
  });

  test('a new fingerprint forgets the rendering; one with issues is never kept', () => {
    const cache = new RenderCache();
    cache.keep(rendering(), 'k1|base');
    expect(cache.revalidate('k2|base')).toBeUndefined();
    expect(cache.revalidate('k1|base')).toBeUndefined();
    cache.keep(rendering([{ path: 'p', message: 'broken', fix: 'f' }]), 'k3|base');
    expect(cache.revalidate('k3|base')).toBeUndefined();
    expect(cache.serve('a', 'k3|')).toBeUndefined();
  });
});
