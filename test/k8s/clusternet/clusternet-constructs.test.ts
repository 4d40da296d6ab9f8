import { ApiObject, type Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CLUSTER_ID_LABEL,
  CLUSTER_NAME_LABEL,
  ClusterSelector,
  Feed,
  Globalization,
  Localization,
  Override,
  OverridePolicy,
  OverrideType,
  SchedulingStrategy,
  Subscription,
} from '../../../src/k8s';

const GZ01_ID = 'ebfcf224-acc8-4992-8a37-61c371cb7c1f';
const GZ02_ID = '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42';

/** A chart with a few plain objects to use as feed targets. */
function setup() {
  const chart = Testing.chart();
  const namespace = new ApiObject(chart, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'qcbm' },
  });
  const config = new ApiObject(chart, 'Config', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'qcbm-env', namespace: 'qcbm' },
  });
  const deployment = new ApiObject(chart, 'Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'user-service', namespace: 'qcbm' },
  });
  return { chart, namespace, config, deployment };
}

/** The synthesized manifests of one kind. */
function ofKind(chart: Chart, kind: string): any[] {
  return Testing.synth(chart).filter((o) => o.kind === kind);
}

const replicas = (n: number) => Override.jsonPatch([{ op: 'replace', path: '/spec/replicas', value: n }]);

describe('Feed', () => {
  test('Feed.of() takes apiVersion, kind, name and namespace from the emitted object', () => {
    const { deployment } = setup();
    const feed = Feed.of(deployment);
    expect(feed.reference).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'user-service',
      namespace: 'qcbm',
    });
    expect(feed.key).toBe('apps/v1/Deployment/qcbm/user-service');
    expect(feed.displayName).toBe('Deployment qcbm/user-service');
    expect(feed.apiObject).toBe(deployment);
    expect(feed._toKube()).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'user-service',
      namespace: 'qcbm',
    });
  });

  test('a cluster-scoped Namespace has no namespace in its key or feed', () => {
    const { namespace } = setup();
    const feed = Feed.of(namespace);
    expect(feed.key).toBe('v1/Namespace/qcbm');
    expect(feed.displayName).toBe('Namespace qcbm');
    expect(Object.keys(feed._toKube()).sort()).toEqual(['apiVersion', 'kind', 'name']);
    expect(feed._toKube()).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'qcbm' });
  });

  test('Feed.fromReference() names an object that is not emitted here', () => {
    const feed = Feed.fromReference({
      apiVersion: 'v1',
      kind: 'Secret',
      name: 'qcbm-keys',
      namespace: 'qcbm',
    });
    expect({ key: feed.key, apiObject: feed.apiObject, kube: feed._toKube() }).toEqual({
      key: 'v1/Secret/qcbm/qcbm-keys',
      apiObject: undefined,
      kube: { apiVersion: 'v1', kind: 'Secret', name: 'qcbm-keys', namespace: 'qcbm' },
    });
    const clusterScoped = Feed.fromReference({ apiVersion: 'v1', kind: 'Namespace', name: 'qcbm' });
    expect(clusterScoped.key).toBe('v1/Namespace/qcbm');
  });

  test('a feed from a reference has the same key as the feed of the same emitted object', () => {
    const { config } = setup();
    const ref = Feed.fromReference({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'qcbm-env',
      namespace: 'qcbm',
    });
    expect(ref.key).toBe(Feed.of(config).key);
  });
});

describe('ClusterSelector', () => {
  test('byId() selects by the Clusternet cluster-id label', () => {
    const s = ClusterSelector.byId(GZ02_ID);
    expect(s._toKube()).toEqual({ matchLabels: { 'clusters.clusternet.io/cluster-id': GZ02_ID } });
    expect(CLUSTER_ID_LABEL).toBe('clusters.clusternet.io/cluster-id');
    expect([s.matches({ [CLUSTER_ID_LABEL]: GZ02_ID }), s.matches({ [CLUSTER_ID_LABEL]: GZ01_ID })]).toEqual([
      true,
      false,
    ]);
  });

  test('byName() selects by the Clusternet cluster-name label', () => {
    const s = ClusterSelector.byName('guangzhou-02');
    expect(s._toKube()).toEqual({ matchLabels: { 'clusters.clusternet.io/cluster-name': 'guangzhou-02' } });
    expect(CLUSTER_NAME_LABEL).toBe('clusters.clusternet.io/cluster-name');
    expect([s.matches({ [CLUSTER_NAME_LABEL]: 'guangzhou-02' }), s.matches({})]).toEqual([true, false]);
  });

  test('byLabels() requires every label, and copies its input', () => {
    const labels: Record<string, string> = { region: 'ap-guangzhou', tier: 'prod' };
    const s = ClusterSelector.byLabels(labels);
    labels.region = 'changed';
    expect(s._toKube()).toEqual({ matchLabels: { region: 'ap-guangzhou', tier: 'prod' } });
    expect([
      s.matches({ region: 'ap-guangzhou', tier: 'prod', extra: 'x' }),
      s.matches({ region: 'ap-guangzhou' }),
    ]).toEqual([true, false]);
  });

  test('byLabels({}) throws and points to all()', () => {
    expect(() => ClusterSelector.byLabels({})).toThrow(/'labels' is empty.*use ClusterSelector\.all\(\)/);
  });

  test('byExpressions() emits matchExpressions, with values only where given', () => {
    const s = ClusterSelector.byExpressions(
      { key: 'region', operator: 'In', values: ['ap-guangzhou', 'ap-shanghai'] },
      { key: 'tier', operator: 'NotIn', values: ['dr'] },
      { key: 'gpu', operator: 'DoesNotExist' },
      { key: CLUSTER_ID_LABEL, operator: 'Exists' },
    );
    expect(s._toKube()).toEqual({
      matchExpressions: [
        { key: 'region', operator: 'In', values: ['ap-guangzhou', 'ap-shanghai'] },
        { key: 'tier', operator: 'NotIn', values: ['dr'] },
        { key: 'gpu', operator: 'DoesNotExist' },
        { key: CLUSTER_ID_LABEL, operator: 'Exists' },
      ],
    });
    expect(s._toKube().matchExpressions?.[2]).not.toHaveProperty('values');
    expect(s._toKube()).not.toHaveProperty('matchLabels');
    const id = { [CLUSTER_ID_LABEL]: GZ01_ID };
    expect([
      s.matches({ ...id, region: 'ap-shanghai', tier: 'prod' }),
      s.matches({ ...id, region: 'ap-shanghai' }),
      s.matches({ ...id, region: 'ap-shanghai', tier: 'dr' }),
      s.matches({ ...id, region: 'ap-beijing' }),
      s.matches({ ...id, region: 'ap-guangzhou', gpu: 'yes' }),
      s.matches({ region: 'ap-guangzhou' }),
    ]).toEqual([true, true, false, false, false, false]);
  });

  test.each([
    [{ key: 'region', operator: 'In' as const }, /operator 'In' on key 'region' needs at least one value/],
    [
      { key: 'region', operator: 'In' as const, values: [] },
      /operator 'In' on key 'region' needs at least one value/,
    ],
    [
      { key: 'tier', operator: 'NotIn' as const, values: [] },
      /operator 'NotIn' on key 'tier' needs at least one value/,
    ],
    [
      { key: 'gpu', operator: 'Exists' as const, values: ['x'] },
      /operator 'Exists' on key 'gpu' takes no values/,
    ],
    [
      { key: 'gpu', operator: 'DoesNotExist' as const, values: ['x'] },
      /operator 'DoesNotExist' on key 'gpu' takes no values/,
    ],
  ])('byExpressions(%j) throws', (requirement, message) => {
    expect(() => ClusterSelector.byExpressions(requirement)).toThrow(message);
  });

  test('a bad requirement among good ones still throws', () => {
    expect(() =>
      ClusterSelector.byExpressions(
        { key: 'a', operator: 'Exists' },
        { key: 'b', operator: 'In', values: [] },
      ),
    ).toThrow(/key 'b'/);
  });

  test('all() is the empty selector and matches every cluster', () => {
    const s = ClusterSelector.all();
    expect(s._toKube()).toEqual({});
    expect([s.matches({}), s.matches({ region: 'anything' })]).toEqual([true, true]);
  });
});

describe('Override', () => {
  test('jsonPatch(): type JSONPatch, default name, value is the operations as 4-space indented JSON text', () => {
    const o = Override.jsonPatch([{ op: 'replace', path: '/data/MYSQL_HOST', value: '10.24.4.15' }]);
    expect({ name: o.name, type: o.type }).toEqual({ name: 'json-patch', type: OverrideType.JSON_PATCH });
    expect(o._toKube()).toEqual({
      name: 'json-patch',
      type: 'JSONPatch',
      value: [
        '[',
        '    {',
        '        "op": "replace",',
        '        "path": "/data/MYSQL_HOST",',
        '        "value": "10.24.4.15"',
        '    }',
        ']',
      ].join('\n'),
    });
    expect(JSON.parse(o._toKube().value)).toEqual(o.patch);
  });

  test('mergePatch(): type MergePatch, the given name, value is indented JSON text', () => {
    const o = Override.mergePatch({ metadata: { annotations: { a: 'b' } } }, { name: 'annotate' });
    expect(o._toKube()).toEqual({
      name: 'annotate',
      type: 'MergePatch',
      value: '{\n    "metadata": {\n        "annotations": {\n            "a": "b"\n        }\n    }\n}',
    });
  });

  test('the patch is copied: later changes to the input or to .patch do not leak in', () => {
    const ops = [{ op: 'replace' as const, path: '/spec/replicas', value: 2 }];
    const o = Override.jsonPatch(ops);
    (ops[0] as { value: number }).value = 9;
    (o.patch as { value: number }[])[0].value = 7;
    expect(o.patch).toEqual([{ op: 'replace', path: '/spec/replicas', value: 2 }]);
  });

  test('jsonPatch([]) throws', () => {
    expect(() => Override.jsonPatch([])).toThrow(/'operations' is empty/);
  });

  test('mergePatch() of something that is not an object throws', () => {
    expect(() => Override.mergePatch([] as unknown as Record<string, unknown>)).toThrow(/must be an object/);
    expect(() => Override.mergePatch(null as unknown as Record<string, unknown>)).toThrow(
      /must be an object/,
    );
  });

  test('applyTo() applies to a copy, and patch failures throw', () => {
    const doc = { spec: { replicas: 1 } };
    expect(replicas(3).applyTo(doc)).toEqual({ doc: { spec: { replicas: 3 } }, leniencies: [] });
    expect(Override.mergePatch({ spec: { paused: true } }).applyTo(doc).doc).toEqual({
      spec: { replicas: 1, paused: true },
    });
    expect(doc).toEqual({ spec: { replicas: 1 } });
    expect(() => Override.jsonPatch([{ op: 'remove', path: '/spec/paused' }]).applyTo(doc)).toThrow(
      /operation 0 \('remove' \/spec\/paused\): \/spec\/paused does not exist/,
    );
  });
});

describe('Subscription', () => {
  test('synthesizes an apps.clusternet.io/v1alpha1 Subscription with subscribers and feeds in order', () => {
    const { chart, namespace, config, deployment } = setup();
    const sub = new Subscription(chart, 'Sub', {
      name: 'qcbm-subscription',
      subscribers: [{ clusters: ClusterSelector.byId(GZ01_ID) }],
      feeds: [Feed.of(namespace), Feed.of(deployment)],
    });
    sub.addSubscriber({ clusters: ClusterSelector.byLabels({ region: 'ap-guangzhou' }), weight: 2 });
    sub.addFeed(Feed.of(config));
    const [out] = ofKind(chart, 'Subscription');
    expect(out).toEqual({
      apiVersion: 'apps.clusternet.io/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'qcbm-subscription', namespace: 'default' },
      spec: {
        schedulingStrategy: 'Replication',
        subscribers: [
          { clusterAffinity: { matchLabels: { 'clusters.clusternet.io/cluster-id': GZ01_ID } } },
          { clusterAffinity: { matchLabels: { region: 'ap-guangzhou' } }, weight: 2 },
        ],
        feeds: [
          { apiVersion: 'v1', kind: 'Namespace', name: 'qcbm' },
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'user-service', namespace: 'qcbm' },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'qcbm-env', namespace: 'qcbm' },
        ],
      },
    });
    expect(sub.feeds.map((f) => f.key)).toEqual([
      'v1/Namespace/qcbm',
      'apps/v1/Deployment/qcbm/user-service',
      'v1/ConfigMap/qcbm/qcbm-env',
    ]);
    expect((sub.node.defaultChild as ApiObject).kind).toBe('Subscription');
  });

  test('namespace and scheduling strategy can be set', () => {
    const { chart, config } = setup();
    new Subscription(chart, 'Sub', {
      name: 'app-demo',
      namespace: 'apps',
      schedulingStrategy: SchedulingStrategy.DIVIDING,
      subscribers: [{ clusters: ClusterSelector.all() }],
      feeds: [Feed.of(config)],
    });
    const [out] = ofKind(chart, 'Subscription');
    expect([out.metadata, out.spec.schedulingStrategy, out.spec.subscribers]).toEqual([
      { name: 'app-demo', namespace: 'apps' },
      'Dividing',
      [{ clusterAffinity: {} }],
    ]);
  });

  test('a duplicate feed throws, whether from the props or addFeed()', () => {
    const { chart, config } = setup();
    const sub = new Subscription(chart, 'Sub', { name: 'sub', feeds: [Feed.of(config)] });
    expect(sub.hasFeed(Feed.of(config))).toBe(true);
    const sameObject = Feed.fromReference({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'qcbm-env',
      namespace: 'qcbm',
    });
    expect(() => sub.addFeed(sameObject)).toThrow(
      /Subscription 'sub' is invalid[^]*feeds: ConfigMap qcbm\/qcbm-env \(v1\/ConfigMap\/qcbm\/qcbm-env\) is already a feed/,
    );
    expect(
      () => new Subscription(chart, 'Sub2', { name: 'sub2', feeds: [Feed.of(config), Feed.of(config)] }),
    ).toThrow(/is already a feed/);
  });

  test('addFeedsFrom distributes what a scope holds at synth time, in dependency order, Clusternet kinds aside', () => {
    const { chart, config } = setup();
    const app = new Construct(chart, 'App');
    const sub = new Subscription(chart, 'Sub', {
      name: 'sub',
      subscribers: [{ clusters: ClusterSelector.all() }],
    });
    sub.addFeedsFrom(app);
    sub.addFeed(Feed.of(config));
    new ApiObject(app, 'Svc', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'qcbm' },
    });
    new ApiObject(app, 'Ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'qcbm' } });
    const [synthesized] = ofKind(chart, 'Subscription');
    expect(synthesized.spec.feeds.map((f: any) => `${f.kind}/${f.name}`)).toEqual([
      'Namespace/qcbm',
      'ConfigMap/qcbm-env',
      'Service/web',
    ]);
  });

  test('an object distributed twice, once through a source, fails at synth', () => {
    const { chart } = setup();
    const app = new Construct(chart, 'App');
    const svc = new ApiObject(app, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } });
    const sub = new Subscription(chart, 'Sub', {
      name: 'sub',
      subscribers: [{ clusters: ClusterSelector.all() }],
    });
    sub.addFeedsFrom(app);
    sub.addFeed(Feed.of(svc));
    expect(() => Testing.synth(chart)).toThrow(/Service web \(v1\/Service\/web\) is already a feed/);
  });

  test('a Subscription with no feeds fails at synth', () => {
    const { chart } = setup();
    new Subscription(chart, 'Sub', { name: 'sub', subscribers: [{ clusters: ClusterSelector.all() }] });
    expect(() => Testing.synth(chart)).toThrow(/has no feeds/);
  });

  test('a Subscription with no subscribers fails at synth', () => {
    const { chart, config } = setup();
    new Subscription(chart, 'Sub', { name: 'sub', feeds: [Feed.of(config)] });
    expect(() => Testing.synth(chart)).toThrow(/has no subscribers/);
  });

  test('subscribers and feeds added after construction satisfy the synth check', () => {
    const { chart, config } = setup();
    const sub = new Subscription(chart, 'Sub', { name: 'sub' });
    sub.addSubscriber({ clusters: ClusterSelector.byId(GZ02_ID) });
    sub.addFeed(Feed.of(config));
    expect(ofKind(chart, 'Subscription')).toHaveLength(1);
  });

  test('a bad name, namespace or weight throws', () => {
    const { chart } = setup();
    expect(() => new Subscription(chart, 'A', { name: 'Bad_Name' })).toThrow(
      /props\.name: must be a DNS-1123 subdomain.*\(found "Bad_Name"\)/,
    );
    expect(() => new Subscription(chart, 'B', { name: 'ok', namespace: 'my.ns' })).toThrow(
      /props\.namespace: must be a DNS-1123 label.*\(found "my.ns"\)/,
    );
    const sub = new Subscription(chart, 'C', { name: 'ok' });
    expect(() => sub.addSubscriber({ clusters: ClusterSelector.all(), weight: -1 })).toThrow(
      /subscriber\.weight: must be a whole number of 0 or more \(found -1\)/,
    );
    expect(() => sub.addSubscriber({ clusters: ClusterSelector.all(), weight: 1.5 })).toThrow(
      /subscriber\.weight: .*\(found 1.5\)/,
    );
  });
});

describe('Localization', () => {
  test('synthesizes in the hub namespace with priority, ApplyNow, the feed and the overrides', () => {
    const { chart, config } = setup();
    const loc = new Localization(chart, 'Loc', {
      name: 'qcbm-config-override',
      hubNamespace: 'clusternet-bbg66',
      feed: Feed.of(config),
      priority: 300,
      overrides: [Override.jsonPatch([{ op: 'replace', path: '/data/MYSQL_HOST', value: '10.24.4.15' }])],
    });
    const [out] = ofKind(chart, 'Localization');
    expect(out).toEqual({
      apiVersion: 'apps.clusternet.io/v1alpha1',
      kind: 'Localization',
      metadata: { name: 'qcbm-config-override', namespace: 'clusternet-bbg66' },
      spec: {
        priority: 300,
        overridePolicy: 'ApplyNow',
        feed: { apiVersion: 'v1', kind: 'ConfigMap', name: 'qcbm-env', namespace: 'qcbm' },
        overrides: [
          {
            name: 'json-patch',
            type: 'JSONPatch',
            value: JSON.stringify(
              [{ op: 'replace', path: '/data/MYSQL_HOST', value: '10.24.4.15' }],
              null,
              4,
            ),
          },
        ],
      },
    });
    expect({ name: loc.name, hubNamespace: loc.hubNamespace, priority: loc.priority }).toEqual({
      name: 'qcbm-config-override',
      hubNamespace: 'clusternet-bbg66',
      priority: 300,
    });
  });

  test('priority defaults to 500; overridePolicy can be ApplyLater; addOverride() appends', () => {
    const { chart, deployment } = setup();
    const loc = new Localization(chart, 'Loc', {
      name: 'replicas',
      hubNamespace: 'clusternet-5l82l',
      feed: Feed.of(deployment),
      overridePolicy: OverridePolicy.APPLY_LATER,
      overrides: [replicas(2)],
    });
    loc.addOverride(Override.mergePatch({ spec: { paused: true } }, { name: 'pause' }));
    const [out] = ofKind(chart, 'Localization');
    expect([
      out.spec.priority,
      out.spec.overridePolicy,
      out.spec.overrides.map((o: any) => [o.name, o.type]),
    ]).toEqual([
      500,
      'ApplyLater',
      [
        ['json-patch', 'JSONPatch'],
        ['pause', 'MergePatch'],
      ],
    ]);
  });

  test.each([0, 1001, -1, 1.5])('priority %p throws, saying why', (priority) => {
    const { chart, config } = setup();
    expect(
      () =>
        new Localization(chart, 'Loc', {
          name: 'x',
          hubNamespace: 'clusternet-bbg66',
          feed: Feed.of(config),
          priority,
          overrides: [replicas(1)],
        }),
    ).toThrow(
      `props.priority: must be an integer from 1 to 1000 (found ${priority}). Fix: use 1 to 999: 0 is lost on the hub (it becomes 500) and 1000 belongs to Dividing scheduling`,
    );
  });

  test('priority 1 and 1000 are accepted', () => {
    const { chart, config } = setup();
    const at = (priority: number, id: string) =>
      new Localization(chart, id, {
        name: id.toLowerCase(),
        hubNamespace: 'clusternet-bbg66',
        feed: Feed.of(config),
        priority,
        overrides: [replicas(1)],
      }).priority;
    expect([at(1, 'Low'), at(1000, 'High')]).toEqual([1, 1000]);
  });

  test.each(['Clusternet_BBG66', '', 'clusternet.bbg66'])('hubNamespace %p throws', (hubNamespace) => {
    const { chart, config } = setup();
    expect(
      () =>
        new Localization(chart, 'Loc', {
          name: 'x',
          hubNamespace,
          feed: Feed.of(config),
          overrides: [replicas(1)],
        }),
    ).toThrow(
      /props\.hubNamespace: must be the cluster's dedicated namespace on the hub, a DNS-1123 label such as clusternet-bbg66/,
    );
  });

  test('a bad name throws', () => {
    const { chart, config } = setup();
    expect(
      () =>
        new Localization(chart, 'Loc', {
          name: 'Bad Name',
          hubNamespace: 'clusternet-bbg66',
          feed: Feed.of(config),
        }),
    ).toThrow(/props\.name: must be a DNS-1123 subdomain.*\(found "Bad Name"\)/);
  });

  test('a Localization without overrides fails at synth', () => {
    const { chart, config } = setup();
    new Localization(chart, 'Loc', {
      name: 'empty',
      hubNamespace: 'clusternet-bbg66',
      feed: Feed.of(config),
    });
    expect(() => Testing.synth(chart)).toThrow(/has no overrides/);
  });

  test('applyTo() applies the overrides in order (later wins) to a copy', () => {
    const { chart, deployment } = setup();
    const loc = new Localization(chart, 'Loc', {
      name: 'replicas',
      hubNamespace: 'clusternet-bbg66',
      feed: Feed.of(deployment),
      overrides: [replicas(2), Override.mergePatch({ spec: { replicas: 4, paused: true } })],
    });
    loc.addOverride(replicas(6));
    const manifest = { kind: 'Deployment', spec: { replicas: 1 } };
    expect(loc.applyTo(manifest)).toEqual({ kind: 'Deployment', spec: { replicas: 6, paused: true } });
    expect(manifest).toEqual({ kind: 'Deployment', spec: { replicas: 1 } });
    expect(loc.overrides.map((o) => o.type)).toEqual(['JSONPatch', 'MergePatch', 'JSONPatch']);
  });

  test('applyTo() order matters: a later override sees what an earlier one did', () => {
    const { chart, config } = setup();
    const loc = new Localization(chart, 'Loc', {
      name: 'cfg',
      hubNamespace: 'clusternet-bbg66',
      feed: Feed.of(config),
      overrides: [
        Override.jsonPatch([{ op: 'add', path: '/data/NEW', value: 'a' }]),
        Override.jsonPatch([
          { op: 'test', path: '/data/NEW', value: 'a' },
          { op: 'replace', path: '/data/NEW', value: 'b' },
        ]),
      ],
    });
    expect(loc.applyTo({ data: {} })).toEqual({ data: { NEW: 'b' } });
  });
});

describe('Globalization', () => {
  test('is cluster-scoped (no metadata.namespace) and carries clusterAffinity', () => {
    const { chart, deployment } = setup();
    new Globalization(chart, 'Glob', {
      name: 'qcbm-user-service-gz',
      feed: Feed.of(deployment),
      priority: 400,
      clusterSelector: ClusterSelector.byLabels({ region: 'ap-guangzhou' }),
      overrides: [replicas(3)],
    });
    const [out] = ofKind(chart, 'Globalization');
    expect(out).toEqual({
      apiVersion: 'apps.clusternet.io/v1alpha1',
      kind: 'Globalization',
      metadata: { name: 'qcbm-user-service-gz' },
      spec: {
        clusterAffinity: { matchLabels: { region: 'ap-guangzhou' } },
        feed: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'user-service', namespace: 'qcbm' },
        overridePolicy: 'ApplyNow',
        priority: 400,
        overrides: [
          {
            name: 'json-patch',
            type: 'JSONPatch',
            value: JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: 3 }], null, 4),
          },
        ],
      },
    });
    expect(out.metadata).not.toHaveProperty('namespace');
  });

  test('defaults to every cluster: clusterAffinity {}', () => {
    const { chart, config } = setup();
    const glob = new Globalization(chart, 'Glob', {
      name: 'all',
      feed: Feed.of(config),
      overrides: [replicas(1)],
    });
    const [out] = ofKind(chart, 'Globalization');
    expect([out.spec.clusterAffinity, out.spec.priority]).toEqual([{}, 500]);
    expect([glob.appliesTo({}), glob.appliesTo({ region: 'ap-beijing' })]).toEqual([true, true]);
  });

  test('appliesTo() follows the selector', () => {
    const { chart, config } = setup();
    const glob = new Globalization(chart, 'Glob', {
      name: 'gz02',
      feed: Feed.of(config),
      clusterSelector: ClusterSelector.byId(GZ02_ID),
      overrides: [replicas(1)],
    });
    expect([
      glob.appliesTo({ [CLUSTER_ID_LABEL]: GZ02_ID }),
      glob.appliesTo({ [CLUSTER_ID_LABEL]: GZ01_ID }),
    ]).toEqual([true, false]);
  });

  test('applyTo() applies the overrides in order (later wins)', () => {
    const { chart, deployment } = setup();
    const glob = new Globalization(chart, 'Glob', {
      name: 'g',
      feed: Feed.of(deployment),
      overrides: [replicas(2), replicas(5)],
    });
    expect(glob.applyTo({ spec: { replicas: 1 } })).toEqual({ spec: { replicas: 5 } });
  });

  test('a Globalization without overrides fails at synth', () => {
    const { chart, config } = setup();
    new Globalization(chart, 'Glob', { name: 'empty', feed: Feed.of(config) });
    expect(() => Testing.synth(chart)).toThrow(/has no overrides/);
  });

  test('bad priority or name throws', () => {
    const { chart, config } = setup();
    expect(
      () =>
        new Globalization(chart, 'A', {
          name: 'g',
          feed: Feed.of(config),
          priority: 1001,
          overrides: [replicas(1)],
        }),
    ).toThrow(
      /Globalization 'A' is invalid[^]*props\.priority: must be an integer from 1 to 1000 \(found 1001\)/,
    );
    expect(() => new Globalization(chart, 'B', { name: 'G', feed: Feed.of(config) })).toThrow(
      /props\.name: must be a DNS-1123 subdomain.*\(found "G"\)/,
    );
  });
});
