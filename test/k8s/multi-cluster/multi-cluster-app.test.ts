import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ClusterDifference,
  ClusterSelector,
  Feed,
  Globalization,
  Localization,
  MultiClusterApp,
  RenderedClusterChart,
  SchedulingStrategy,
} from '../../../src/k8s';
import * as renderModule from '../../../src/k8s/multi-cluster/render-cluster';
import { ValidationError } from '../../../src/model';
import { thrownBy } from '../../support/thrown';

const A = { name: 'a', clusterId: 'aaaaaaaa-0000-4000-8000-000000000001', hubNamespace: 'clusternet-aaaaa' };
const B = { name: 'b', clusterId: 'bbbbbbbb-0000-4000-8000-000000000002', hubNamespace: 'clusternet-bbbbb' };
const C = { name: 'c', clusterId: 'cccccccc-0000-4000-8000-000000000003', labels: { tier: 'dr' } };

/** A small app, created out of dependency order on purpose. */
class WebApp extends Construct {
  public readonly service: ApiObject;
  public readonly deployment: ApiObject;
  public readonly config: ApiObject;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.service = new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { ports: [{ port: 80 }] },
    });
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
    this.config = new ApiObject(this, 'Config', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-env', namespace: 'shop' },
      data: { DB_HOST: '10.0.0.1' },
    });
    new ApiObject(this, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  }
}

function setup(clusters = [A, B, C]) {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Web');
  const mca = new MultiClusterApp(chart, 'Dist', {
    app: web,
    subscriptionName: 'web-subscription',
    clusters,
  });
  return { chart, web, mca };
}

const ofKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('Subscription', () => {
  test('feeds come from the app in dependency order, subscribers one per cluster by id', () => {
    const { chart } = setup();
    const [subscription] = ofKind(Testing.synth(chart), 'Subscription');
    expect(subscription.metadata).toEqual({ name: 'web-subscription', namespace: 'default' });
    expect(subscription.spec.feeds).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'shop' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'web-env', namespace: 'shop' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'shop' },
    ]);
    expect(subscription.spec.subscribers).toEqual(
      [A, B, C].map((c) => ({
        clusterAffinity: { matchLabels: { 'clusters.clusternet.io/cluster-id': c.clusterId } },
      })),
    );
  });

  test('adding a cluster is adding one entry', () => {
    const { chart, mca } = setup([A]);
    mca.addCluster(B);
    const [subscription] = ofKind(Testing.synth(chart), 'Subscription');
    expect(subscription.spec.subscribers).toHaveLength(2);
    expect(mca.renderCluster('b')).toEqual(mca.renderCluster('a'));
  });

  test('extra feeds name objects created elsewhere', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web');
    new MultiClusterApp(chart, 'Dist', {
      app: web,
      subscriptionName: 's',
      clusters: [A],
      extraFeeds: [Feed.fromReference({ apiVersion: 'v1', kind: 'Secret', name: 'keys', namespace: 'shop' })],
    });
    const [subscription] = ofKind(Testing.synth(chart), 'Subscription');
    expect(subscription.spec.feeds.map((f: any) => f.kind)).toEqual([
      'Namespace',
      'ConfigMap',
      'Secret',
      'Deployment',
      'Service',
    ]);
    expect(subscription.spec.feeds[2]).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      name: 'keys',
      namespace: 'shop',
    });
  });
});

describe('differences', () => {
  test('a cluster with a known hub namespace gets a Localization there, ApplyNow, base priority', () => {
    const { chart, web, mca } = setup();
    mca.addDifference('b', ClusterDifference.replicas(web.deployment, 3));
    const [loc] = ofKind(Testing.synth(chart), 'Localization');
    expect(loc).toEqual({
      apiVersion: 'apps.clusternet.io/v1alpha1',
      kind: 'Localization',
      metadata: { name: 'web-deployment-override', namespace: 'clusternet-bbbbb' },
      spec: {
        feed: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
        overridePolicy: 'ApplyNow',
        priority: 300,
        overrides: [
          {
            name: 'replicas-override',
            type: 'JSONPatch',
            value: JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: 3 }], null, 4),
          },
        ],
      },
    });
  });

  test('differences for one object share a Localization; another name gets the next priority', () => {
    const { chart, web, mca } = setup();
    mca.addDifference('b', ClusterDifference.replicas(web.deployment, 3));
    mca.addDifference('b', ClusterDifference.imageTag(web.deployment, '2.0'));
    mca.addDifference(
      'b',
      ClusterDifference.annotations(web.deployment, { x: 'y' }, { localizationName: 'extra' }),
    );
    const locs = ofKind(Testing.synth(chart), 'Localization');
    expect(
      locs.map((l) => [l.metadata.name, l.spec.priority, l.spec.overrides.map((o: any) => o.name)]),
    ).toEqual([
      ['web-deployment-override', 300, ['replicas-override', 'image-override']],
      ['extra', 301, ['annotations-override']],
    ]);
  });

  test('without a hub namespace the override becomes a Globalization selecting that cluster by id, above the fleet band', () => {
    const { chart, web, mca } = setup();
    mca.addDifference('c', ClusterDifference.data(web.config, { DB_HOST: '10.9.9.9', NEW_KEY: 'v' }));
    const [glob] = ofKind(Testing.synth(chart), 'Globalization');
    expect(glob.metadata).toEqual({ name: 'web-env-configmap-override-c' });
    expect(glob.spec.priority).toBe(400);
    expect(glob.spec.clusterAffinity).toEqual({
      matchLabels: { 'clusters.clusternet.io/cluster-id': C.clusterId },
    });
    expect(JSON.parse(glob.spec.overrides[0].value)).toEqual([
      { op: 'replace', path: '/data/DB_HOST', value: '10.9.9.9' },
      { op: 'add', path: '/data/NEW_KEY', value: 'v' },
    ]);
  });

  test('image differences change only the tag of the named container', () => {
    const { web, mca } = setup();
    mca.addDifference('a', ClusterDifference.imageTag(web.deployment, '2.0', { container: 'web' }));
    const [, , deployment] = mca.renderCluster('a') as any[];
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry/web:2.0');
    expect(() =>
      ClusterDifference.imageTag(web.deployment, '2', { container: 'nope' })._toOverride(),
    ).toThrow(/has no container 'nope'; use one of 'web'/);
  });
});

describe('rendering each cluster', () => {
  test('Globalizations apply first, then Localizations, so any Localization wins', () => {
    const { web, mca } = setup();
    mca.addDifference('a', ClusterDifference.replicas(web.deployment, 5));
    const glob = mca.addGlobalDifference(ClusterDifference.replicas(web.deployment, 9));
    expect(glob.priority).toBe(300);
    const deploymentOf = (cluster: string) =>
      (mca.renderCluster(cluster) as any[]).find((o) => o.kind === 'Deployment');
    expect(deploymentOf('a').spec.replicas).toBe(5);
    expect(deploymentOf('b').spec.replicas).toBe(9);
  });

  test('a fleet-wide difference applies only to the clusters its selector matches', () => {
    const { web, mca } = setup();
    mca.addGlobalDifference(
      ClusterDifference.replicas(web.deployment, 0),
      ClusterSelector.byLabels({ tier: 'dr' }),
    );
    const replicas = ['a', 'b', 'c'].map(
      (c) => (mca.renderCluster(c) as any[]).find((o) => o.kind === 'Deployment').spec.replicas,
    );
    expect(replicas).toEqual([1, 1, 0]);
  });

  test('clusters without differences receive the app unchanged, and the app itself is never modified', () => {
    const { web, mca } = setup();
    const before = web.deployment.toJson();
    mca.addDifference('a', ClusterDifference.replicas(web.deployment, 5));
    expect(mca.renderCluster('b')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      web.config.toJson(),
      before,
      web.service.toJson(),
    ]);
    expect(web.deployment.toJson()).toEqual(before);
  });

  test('RenderedClusterChart renders at synth time, including differences added after it was created', () => {
    const { web, mca } = setup();
    const app = Testing.app();
    const rendered = new RenderedClusterChart(app, 'cluster-a', { source: mca, cluster: 'a' });
    mca.addDifference('a', ClusterDifference.replicas(web.deployment, 7));
    expect((rendered.toJson() as any[]).find((o) => o.kind === 'Deployment').spec.replicas).toBe(7);
  });
});

describe('checked at synth time', () => {
  test('a patch the hub would skip without a word names the cluster, the object, the op, the path and says so', () => {
    const { chart, web, mca } = setup();
    mca.addDifference(
      'b',
      ClusterDifference.jsonPatch(web.deployment, [{ op: 'remove', path: '/spec/paused' }]),
    );
    expect(() => Testing.synth(chart)).toThrow(
      /cluster "b", Localization clusternet-bbbbb\/web-deployment-override, override "json-patch": cannot apply to Deployment shop\/web: operation 0 \('remove' \/spec\/paused\): \/spec\/paused does not exist\. On the hub this override is skipped without a word/,
    );
    expect(() => mca.renderCluster('b')).toThrow(ValidationError);
  });

  test('a replace of a missing key renders as the hub applies it (it adds the key), with a warning; strict refuses it', () => {
    const { chart, web, mca } = setup();
    mca.addDifference(
      'b',
      ClusterDifference.jsonPatch(web.deployment, [{ op: 'replace', path: '/spec/paused', value: true }]),
    );
    expect(() => Testing.synth(chart)).not.toThrow();
    const deployment = (mca.renderCluster('b') as any[]).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.paused).toBe(true);
    expect(mca.warnings).toEqual([
      expect.objectContaining({
        path: 'cluster "b", Localization clusternet-bbbbb/web-deployment-override, override "json-patch"',
        message: expect.stringContaining(
          "applies to Deployment shop/web only through a leniency of the hub's patch library that the RFC forbids: operation 0 replaces the missing key /spec/paused: the hub adds it",
        ),
        fix: "use op 'add' for a key the object may not have",
      }),
    ]);

    const strictChart = Testing.chart();
    const strictWeb = new WebApp(strictChart, 'Web');
    const strict = new MultiClusterApp(strictChart, 'Dist', {
      app: strictWeb,
      subscriptionName: 's',
      clusters: [A, B],
      strict: true,
    });
    strict.addDifference(
      'b',
      ClusterDifference.jsonPatch(strictWeb.deployment, [
        { op: 'replace', path: '/spec/paused', value: true },
      ]),
    );
    expect(strict.warnings).toEqual([]);
    expect(() => Testing.synth(strictChart)).toThrow(
      /replaces the missing key \/spec\/paused: the hub adds it/,
    );
  });

  test('the fields the hub always removes are not in the rendering', () => {
    const { web, mca } = setup();
    web.deployment.addJsonPatch(
      JsonPatch.add('/status', { replicas: 1 }),
      JsonPatch.add('/metadata/uid', 'u-1'),
    );
    const deployment = (mca.renderCluster('a') as any[]).find((o) => o.kind === 'Deployment');
    expect(deployment.status).toBeUndefined();
    expect(deployment.metadata).toEqual({ name: 'web', namespace: 'shop' });
  });

  test('with Dividing scheduling the clusters are not rendered, and a cluster chart fails validation saying why', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'hub');
    const web = new WebApp(chart, 'Web');
    const mca = new MultiClusterApp(chart, 'Dist', {
      app: web,
      subscriptionName: 's',
      clusters: [A],
      schedulingStrategy: SchedulingStrategy.DIVIDING,
    });
    expect(() => mca.renderCluster('a')).toThrow(
      /schedulingStrategy: is Dividing: the hub's scheduler divides/,
    );
    expect(() => app.synthYaml()).not.toThrow(); // the hub's objects themselves are fine
    new RenderedClusterChart(app, 'cluster-a', { source: mca, cluster: 'a' });
    expect(() => app.synthYaml()).toThrow(/render with Replication scheduling/);
  });

  test('an op that cannot apply (failed test, bad index) is reported with its fix', () => {
    const { web, mca } = setup();
    mca.addDifference(
      'a',
      ClusterDifference.jsonPatch(web.service, [{ op: 'test', path: '/spec/ports/0/port', value: 8080 }]),
    );
    mca.addDifference(
      'a',
      ClusterDifference.jsonPatch(web.service, [{ op: 'add', path: '/spec/ports/5', value: {} }], {
        localizationName: 'idx',
      }),
    );
    const error = thrownBy(() => mca.renderCluster('a')) as ValidationError;
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(
        /'test' \/spec\/ports\/0\/port\): \/spec\/ports\/0\/port is 80, expected 8080\. On the hub this blocks a's whole deployment/,
      ),
      expect.stringMatching(
        /'add' \/spec\/ports\/5\): \/spec\/ports\/5: index 5 is out of bounds \(array length 1\)\. On the hub this blocks/,
      ),
    ]);
    expect(error?.issues[0].fix).toMatch(
      /an existing array index or '-' to append, a 'test' value the object has/,
    );
  });

  test('a difference aimed at an object that is not distributed is refused', () => {
    const { chart, mca } = setup();
    const stray = new ApiObject(new Chart(Testing.app(), 'other'), 'X', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'stray' },
    });
    expect(() => mca.addDifference('a', ClusterDifference.data(stray, { K: 'v' }))).toThrow(
      /ConfigMap stray .* is not one of the distributed objects/,
    );
    expect(chart).toBeDefined();
  });

  test('a difference for an unknown cluster, or a duplicate cluster, is refused with the fix', () => {
    const { web, mca } = setup([A]);
    expect(() => mca.addDifference('zz', ClusterDifference.replicas(web.deployment, 1))).toThrow(
      /cluster: is not a member cluster \(found "zz"\)\. Fix: add it with addCluster\(\) first/,
    );
    expect(() => mca.addCluster({ ...B, name: 'a' })).toThrow(
      /clusters\[1\]\.name: repeats the name of clusters\[0\]/,
    );
    expect(() => mca.addCluster({ ...B, clusterId: A.clusterId })).toThrow(
      /clusters\[1\]\.clusterId: repeats the clusterId of clusters\[0\]/,
    );
    expect(() => mca.addCluster({ ...B, name: 'Bad_Name' })).toThrow(/DNS-1123 label/);
    const two = setup([A, B]).mca;
    expect(() => two.addCluster({ ...C, hubNamespace: B.hubNamespace })).toThrow(
      /clusters\[2\]\.hubNamespace: repeats the hubNamespace of clusters\[1\]/,
    );
    expect(two.addCluster(C)).toBe(C); // no hub namespace: nothing to repeat
  });

  test('_addingDifferences: each target is read once for all the differences added, which are checked all the same', () => {
    const { web, mca } = setup();
    const toJson = jest.spyOn(web.deployment, 'toJson');
    mca._addingDifferences(() => {
      mca.addDifference('a', ClusterDifference.replicas(web.deployment, 2));
      mca.addDifference('b', ClusterDifference.replicas(web.deployment, 3));
      mca.addDifference('c', ClusterDifference.image(web.deployment, 'registry/web:2.0'));
      expect(() =>
        mca.addDifference('a', ClusterDifference.image(web.deployment, 'x', { container: 'nope' })),
      ).toThrow(/has no container 'nope'/);
    });
    expect(toJson).toHaveBeenCalledTimes(1);
    mca.addDifference('b', ClusterDifference.image(web.deployment, 'registry/web:3.0'));
    expect(toJson).toHaveBeenCalledTimes(2); // outside, the object is read as it is now
    toJson.mockRestore();
    const image = (cluster: string) =>
      (mca.renderCluster(cluster).find((m: any) => m.kind === 'Deployment') as any).spec;
    expect([image('a').replicas, image('b').replicas, image('c').template.spec.containers[0].image]).toEqual([
      2,
      3,
      'registry/web:2.0',
    ]);
    expect(image('b').template.spec.containers[0].image).toBe('registry/web:3.0');
  });

  test('_synthesizing: the validation cdk8s runs per chart renders each cluster once, and still refuses what is invalid', () => {
    const { chart, web, mca } = setup();
    mca.addDifference('a', ClusterDifference.replicas(web.deployment, 2));
    const render = jest.spyOn(renderModule, 'renderCluster');
    const base = jest.spyOn(renderModule, 'baseManifestsOf');
    const [checked, synthesized, again] = mca._synthesizing(() => [
      mca.check(),
      Testing.synth(chart),
      mca.check(),
    ]);
    expect(render).toHaveBeenCalledTimes(3); // a, b and c, once
    expect(base).toHaveBeenCalledTimes(1); // and no fingerprint of the app's objects after the first
    render.mockRestore();
    base.mockRestore();
    expect(again).toBe(checked);
    expect(ofKind(synthesized as any[], 'Localization')).toHaveLength(1);
    expect(
      (checked as ReadonlyMap<string, any[]>).get('a')?.find((o) => o.kind === 'Deployment').spec.replicas,
    ).toBe(2);
    // Outside the session a change is seen, and inside one an invalid object is refused all the same.
    mca.addDifference(
      'b',
      ClusterDifference.jsonPatch(web.deployment, [{ op: 'replace', path: '/spec/replicas', value: -5 }]),
    );
    expect(() => mca._synthesizing(() => Testing.synth(chart))).toThrow(
      /cluster "b", Deployment shop\/web, \/spec\/replicas/,
    );
    expect(() => mca._synthesizing(() => mca.check())).toThrow(ValidationError);
  });

  test('objects added to the app after the MultiClusterApp are distributed, and can differ per cluster', () => {
    const { chart, web, mca } = setup();
    const late = new ApiObject(web, 'Late', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'late', namespace: 'shop' },
      data: { K: 'base' },
    });
    mca.addDifference('b', ClusterDifference.data(late, { K: 'only-b' }));
    const subscription = Testing.synth(chart).find((o) => o.kind === 'Subscription');
    expect(subscription.spec.feeds).toContainEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'late',
      namespace: 'shop',
    });
    const lateIn = (cluster: string) =>
      (mca.renderCluster(cluster) as any[]).find((o) => o.metadata.name === 'late');
    expect([lateIn('a').data.K, lateIn('b').data.K]).toEqual(['base', 'only-b']);
  });

  test('a difference is built from its target as it is at synth time', () => {
    const { web, mca } = setup();
    const config = new ApiObject(web, 'Cfg', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'shop' },
      data: {},
    });
    mca.addDifference('b', ClusterDifference.data(config, { K: 'v' }));
    config.addJsonPatch(JsonPatch.add('/data/K', 'base'));
    // The key exists by synth time, so the override replaces it rather than adding it.
    const override = mca.localizations.find((l) => l.feed.key === 'v1/ConfigMap/shop/cfg')!.overrides[0];
    expect(override.patch).toEqual([{ op: 'replace', path: '/data/K', value: 'v' }]);
  });

  test('addDifference returns the holder it used: one Localization per object and name', () => {
    const { web, mca } = setup();
    const first = mca.addDifference('b', ClusterDifference.replicas(web.deployment, 2));
    const second = mca.addDifference('b', ClusterDifference.imageTag(web.deployment, '2.0'));
    expect(first).toBeInstanceOf(Localization);
    expect(second).toBe(first);
    expect(first.overrides.map((o) => o.name)).toEqual(['replicas-override', 'image-override']);
    const noNamespace = mca.addDifference('c', ClusterDifference.replicas(web.deployment, 2));
    expect(noNamespace).toBeInstanceOf(Globalization);
  });

  test('each cluster is rendered once per synth, whatever the number of cluster charts', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'hub');
    const web = new WebApp(chart, 'Web');
    const mca = new MultiClusterApp(chart, 'Dist', {
      app: web,
      subscriptionName: 'web',
      clusters: [A, B, C],
    });
    mca.addDifference('b', ClusterDifference.replicas(web.deployment, 2));
    for (const c of [A, B, C])
      new RenderedClusterChart(app, `cluster-${c.name}`, { source: mca, cluster: c.name });
    const spy = jest.spyOn(renderModule, 'renderCluster');
    app.synthYaml();
    expect(spy.mock.calls.map(([input]) => input.clusterName)).toEqual(['a', 'b', 'c']);
    spy.mockRestore();
  });

  test('the render kept between validations never goes stale: a change to the app shows in the next synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'hub');
    const web = new WebApp(chart, 'Web');
    const mca = new MultiClusterApp(chart, 'Dist', { app: web, subscriptionName: 'web', clusters: [A, B] });
    const clusterChart = new RenderedClusterChart(app, 'cluster-a', { source: mca, cluster: 'a' });
    const replicasIn = () =>
      (clusterChart.toJson() as any[]).find((o) => o.kind === 'Deployment').spec.replicas;
    app.synthYaml();
    web.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 5));
    // once in the app's template, once in cluster a's rendering: not the stale 1
    expect(app.synthYaml().match(/replicas: 5/g)).toHaveLength(2);
    expect(replicasIn()).toBe(5);
    mca.addDifference('a', ClusterDifference.replicas(web.deployment, 9));
    expect(replicasIn()).toBe(9);
  });

  test('an app with no clusters fails at synth', () => {
    const { chart } = setup([]);
    expect(() => Testing.synth(chart)).toThrow(/clusters: is empty: the app distributes to no cluster/);
  });
});
