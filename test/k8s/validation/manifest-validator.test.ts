import { basename } from 'path';
import {
  KUBERNETES_API_CHECK,
  type ManifestCheck,
  ManifestValidator,
  type SeenClusters,
} from '../../../src/k8s/validation/manifest-validator';
import { formatIssue } from '../../../src/model/validation-error';
import { parseFleet } from '../../../src/model/parse-fleet';
import { generateFleet } from '../../../scripts/generate-fleet';
import { devFleet, loweredReplicasFleet, raisedReplicasFleet, wideFleet } from '../../fixtures/fleets';
import { exampleStackFiles, loadExample, synthesizeExample } from '../../support/example-fleets';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';
import { validObjects } from './fixtures';

const broken = () => {
  const d = validObjects().Deployment;
  d.spec.replicas = -1;
  return d;
};

describe('ManifestValidator', () => {
  test('an object many clusters share is checked once and reported once, naming them', () => {
    let calls = 0;
    const counting: ManifestCheck = {
      problems: () => {
        calls++;
        return [];
      },
    };
    const shared = broken();
    const own = broken();
    const rendered = new Map(['a', 'b', 'c', 'd', 'e'].map((c) => [c, c === 'e' ? [own] : [shared]]));
    const issues = new ManifestValidator([counting]).issues(rendered).map(formatIssue);
    expect(calls).toBe(2);
    expect(issues).toEqual([
      expect.stringMatching(/^clusters "a", "b", "c" and 1 more, Deployment shop\/web, \/spec\/replicas: /),
      expect.stringMatching(/^cluster "e", Deployment shop\/web, \/spec\/replicas: /),
    ]);
    rendered.set('e', [shared]);
    expect(new ManifestValidator().issues(rendered).map((i) => i.path)).toEqual([
      'every cluster (5), Deployment shop/web, /spec/replicas',
    ]);
  });

  test('a check may allow a problem for some clusters (an exemption)', () => {
    const shared = broken();
    const rule = { rule: 'r', path: '/spec', message: 'is bad', fix: 'f' };
    const allowInB: ManifestCheck = {
      problems: () => [rule],
      allowedBy: (p, _o, cluster) => (p === rule && cluster === 'b' ? [0] : []),
    };
    const rendered = new Map([
      ['a', [shared]],
      ['b', [shared]],
    ]);
    expect(new ManifestValidator([allowInB]).issues(rendered).map((i) => i.path)).toEqual([
      'clusters "a", "b", Deployment shop/web, /spec/replicas',
      'cluster "a", Deployment shop/web, /spec',
    ]);
    // The Kubernetes API's own problems are never allowed away.
    expect(KUBERNETES_API_CHECK.allowedBy).toBeUndefined();
  });

  test('a check hears which of its allowances were used, and which clusters were seen, once per validation', () => {
    const rule = { rule: 'r', path: '/spec', message: 'is bad', fix: 'f' };
    const heard: [number[], SeenClusters][] = [];
    const twoAllowances: ManifestCheck = {
      problems: () => [rule],
      allowedBy: (_p, _o, cluster) => (cluster === 'b' ? [1] : []),
      unusedAllowanceIssues: (used, seen) => {
        heard.push([[...used], seen]);
        return [{ path: 'allowances[0]', message: 'allows nothing', fix: 'remove it' }];
      },
    };
    const rendered = new Map([
      ['a', [broken()]],
      ['b', [broken()]],
    ]);
    const issues = new ManifestValidator([twoAllowances]).issues(rendered, { everyCluster: false });
    expect(issues.map((i) => i.path).at(-1)).toBe('allowances[0]');
    expect(heard).toEqual([[[1], { names: ['a', 'b'], everyCluster: false }]]);
    // Where only some objects of the clusters were rendered, no allowance can be judged unused.
    const some = new ManifestValidator([twoAllowances]).issues(rendered, { everyObject: false });
    expect(some.map((i) => i.path)).not.toContain('allowances[0]');
    expect(heard).toHaveLength(1);
  });

  test('objects for the hub are named by where they go', () => {
    expect(new ManifestValidator().issuesAt('chart "hub-app"', [broken()]).map((i) => i.path)).toEqual([
      'chart "hub-app", Deployment shop/web, /spec/replicas',
    ]);
  });
});

const fleets = [
  ...exampleStackFiles().map((f) => [basename(f), () => loadExample(f)] as const),
  ['devFleet', devFleet] as const,
  ['wideFleet', wideFleet] as const,
  ['raisedReplicasFleet', raisedReplicasFleet] as const,
  ['loweredReplicasFleet', loweredReplicasFleet] as const,
  ['generateFleet(30)', () => parseFleet(generateFleet(30))] as const,
];

describe('the shipped and fixture fleets pass, and an independent schema agrees', () => {
  test.each(fleets)('%s', (_name, load) => {
    const out = synthesizeExample(load());
    const objects = [...out.hubApp, ...out.hubDistribution, ...Object.values(out.clusters).flat()];
    expect(new ManifestValidator().issuesAt('x', objects)).toEqual([]);
    // kubernetes-models (Kubernetes' own OpenAPI schemas, compiled by ajv) accepts every object too.
    expect(kubernetesSchemaErrors(objects)).toEqual([]);
  });

  test.each([
    ['replicas as a string', (d: any) => (d.spec.replicas = 'two'), '/spec/replicas'],
    ['a container without a name', (d: any) => delete d.spec.template.spec.containers[0].name, '/name'],
    [
      'a port as a string',
      (d: any) => (d.spec.template.spec.containers[0].ports[0].containerPort = '80'),
      '/0/containerPort',
    ],
    ['a label value as a number', (d: any) => (d.metadata.labels = { a: 1 }), '/labels/a'],
    ['no selector', (d: any) => delete d.spec.selector, '/spec/selector'],
  ])('both refuse %s', (_label, change, path) => {
    const d = validObjects().Deployment;
    change(d);
    const ours = new ManifestValidator().issuesAt('x', [d]).map((i) => i.path);
    expect(ours).toEqual([expect.stringContaining(path)]);
    expect(kubernetesSchemaErrors([d])).toHaveLength(1);
  });
});
