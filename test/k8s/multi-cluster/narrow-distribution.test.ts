import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ClusterDifference,
  MultiClusterApp,
  RenderedClusterChart,
  SchedulingStrategy,
} from '../../../src/k8s';
import { asValidationError, outcomeOf } from '../../support/thrown';

const A = { name: 'a', clusterId: 'aaaaaaaa-0000-4000-8000-000000000001', hubNamespace: 'clusternet-aaaaa' };
const B = { name: 'b', clusterId: 'bbbbbbbb-0000-4000-8000-000000000002', hubNamespace: 'clusternet-bbbbb' };
const C = { name: 'c', clusterId: 'cccccccc-0000-4000-8000-000000000003' };

class WebApp extends Construct {
  public readonly deployment: ApiObject;
  public readonly budget: ApiObject;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    this.deployment = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'registry/web:1.0' }] },
        },
      },
    });
    this.budget = new ApiObject(this, 'Budget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { maxUnavailable: 1 },
    });
  }
}

function setup(strategy?: SchedulingStrategy) {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Web');
  const mca = new MultiClusterApp(chart, 'Dist', {
    app: web,
    subscriptionName: 'web-subscription',
    clusters: [A, B, C],
    schedulingStrategy: strategy,
  });
  return { chart, web, mca };
}

const kinds = (objects: readonly unknown[]) => (objects as any[]).map((o) => o.kind);
const issuesOf = (fn: () => unknown) => {
  const outcome = outcomeOf(fn);
  return outcome.threw ? asValidationError(outcome.error).issues.map((i) => `${i.path}: ${i.message}`) : [];
};

describe('MultiClusterApp.distributeOnlyTo: an object only some clusters receive', () => {
  test('the main Subscription withholds it; its own Subscription sends it to those clusters only', () => {
    const { chart, web, mca } = setup();
    const subscription = mca.distributeOnlyTo(web.budget, ['b']);
    expect(mca.narrowSubscriptions).toEqual([subscription]);
    const subscriptions = Testing.synth(chart).filter((o: any) => o.kind === 'Subscription');
    expect(subscriptions.map((s: any) => [s.metadata, s.spec.feeds.map((f: any) => f.kind)])).toEqual([
      [{ name: 'web-subscription', namespace: 'default' }, ['Namespace', 'Deployment']],
      [{ name: 'web-poddisruptionbudget-subscription', namespace: 'default' }, ['PodDisruptionBudget']],
    ]);
    expect(subscriptions[1].spec.subscribers).toEqual([
      { clusterAffinity: { matchLabels: { 'clusters.clusternet.io/cluster-id': B.clusterId } } },
    ]);
    expect(mca.feeds.map((f) => f.reference.kind)).toEqual(['Namespace', 'Deployment']);
  });

  test('rendering gives it to those clusters only, in its place among the feeds', () => {
    const { chart, web, mca } = setup();
    mca.distributeOnlyTo(web.budget, ['a', 'c'], { subscriptionName: 'web-budget' });
    const rendered = mca.renderAll();
    expect(kinds(rendered.get('a') as unknown[])).toEqual(['Namespace', 'Deployment', 'PodDisruptionBudget']);
    expect(kinds(rendered.get('b') as unknown[])).toEqual(['Namespace', 'Deployment']);
    expect(kinds(rendered.get('c') as unknown[])).toEqual(['Namespace', 'Deployment', 'PodDisruptionBudget']);
    const chartB = new RenderedClusterChart(chart.node.scope as Construct, 'cluster-b', {
      source: mca,
      cluster: 'b',
    });
    expect(kinds(chartB.toJson())).toEqual(['Namespace', 'Deployment']);
    const names = Testing.synth(chart)
      .filter((o: any) => o.kind === 'Subscription')
      .map((s: any) => s.metadata.name);
    expect(names).toEqual(['web-subscription', 'web-budget']);
  });

  test('the narrow Subscription schedules as the main one does', () => {
    const { web, mca } = setup(SchedulingStrategy.DIVIDING);
    expect(mca.distributeOnlyTo(web.budget, ['a']).schedulingStrategy).toBe(SchedulingStrategy.DIVIDING);
  });

  test('refuses a non-member, no cluster, an object of no app, and a second call for the same object', () => {
    const { chart, web, mca } = setup();
    expect(issuesOf(() => mca.distributeOnlyTo(web.budget, ['zz']))).toEqual([
      'cluster: is not a member cluster',
    ]);
    expect(issuesOf(() => mca.distributeOnlyTo(web.budget, []))).toEqual(['clusters: is empty']);
    const stray = new ApiObject(chart, 'Stray', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
    });
    expect(issuesOf(() => mca.distributeOnlyTo(stray, ['a']))).toEqual([
      'object: ConfigMap x (v1/ConfigMap/x) is not one of the distributed objects',
    ]);
    mca.distributeOnlyTo(web.budget, ['a']);
    expect(issuesOf(() => mca.distributeOnlyTo(web.budget, ['b']))).toEqual([
      'object: PodDisruptionBudget shop/web is already sent to some clusters only',
    ]);
  });

  test("a cluster's override of an object it does not receive fails the check", () => {
    const { web, mca } = setup();
    mca.addDifference('b', ClusterDifference.mergePatch(web.budget, { spec: { maxUnavailable: 2 } }));
    mca.distributeOnlyTo(web.budget, ['a']);
    expect(issuesOf(() => mca.check())).toEqual([
      'cluster "b", Localization clusternet-bbbbb/web-poddisruptionbudget-override: patches PodDisruptionBudget shop/web, which b does not receive',
    ]);
  });
});

describe('ClusterDifference.affinity and imageTag', () => {
  const affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } };
  const podSpecIn = (mca: MultiClusterApp, cluster: string) =>
    (mca.renderCluster(cluster) as any[]).find((o) => o.kind === 'Deployment').spec.template.spec;

  /** One more workload of the app, with this pod spec. */
  const workload = (web: WebApp, name: string, pod: Record<string, unknown>) =>
    new ApiObject(web, name, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name, image: 'registry/x:1' }], ...pod },
        },
      },
    });

  test('adds an affinity where the pods have none, replaces one they have, removes it', () => {
    const { web, mca } = setup();
    mca.addDifference('a', ClusterDifference.affinity(web.deployment, affinity));
    expect(podSpecIn(mca, 'a').affinity).toEqual(affinity);
    expect(ClusterDifference.affinity(web.deployment, affinity)._toOverride().patch).toEqual([
      { op: 'add', path: '/spec/template/spec/affinity', value: affinity },
    ]);
    const placed = workload(web, 'placed', { affinity: { nodeAffinity: {} } });
    expect(ClusterDifference.affinity(placed, affinity)._toOverride().patch).toEqual([
      { op: 'replace', path: '/spec/template/spec/affinity', value: affinity },
    ]);
    mca.addDifference('b', ClusterDifference.affinity(placed, undefined));
    const placedIn = (cluster: string) =>
      (mca.renderCluster(cluster) as any[]).find((o) => o.metadata.name === 'placed').spec.template.spec;
    expect(placedIn('b').affinity).toBeUndefined();
    expect(placedIn('a').affinity).toEqual({ nodeAffinity: {} });
    expect(() => ClusterDifference.affinity(web.deployment, undefined)._toOverride()).toThrow(
      /Deployment web has no affinity to remove/,
    );
  });

  test.each([
    ['registry/web:1.0', 'registry/web:2.0'],
    ['registry.example.com:5000/shop/web', 'registry.example.com:5000/shop/web:2.0'],
    ['registry.example.com:5000/shop/web:1.0', 'registry.example.com:5000/shop/web:2.0'],
    ['web:1.0@sha256:abc', 'web:2.0'],
    ['web@sha256:abc', 'web:2.0'],
  ])('imageTag keeps the repository of %s', (image, expected) => {
    const { web } = setup();
    const target = new ApiObject(web, 'Tagged', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tagged', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'tagged', image }] } } },
    });
    expect(ClusterDifference.imageTag(target, '2.0')._toOverride().patch).toEqual([
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: expected },
    ]);
  });
});
