import { synthesizeFleet, type SynthesizedFleet } from '../../../src/k8s';
import { applyJsonPatch } from '../../../src/k8s/patch/json-patch';
import { applyMergePatch } from '../../../src/k8s/patch/merge-patch';
import { CONFIG_CHECKSUM_ANNOTATION } from '../../../src/k8s/qcbm/pod-checksums';
import { zoneAntiAffinity } from '../../../src/k8s/qcbm/qcbm-workloads';
import { type Fleet, parseFleet, QCBM_COMPONENT_NAMES } from '../../../src/model';
import { devFleet, loweredReplicasFleet, raisedReplicasFleet, wideFleet } from '../../fixtures/fleets';

const GZ01 = 'ebfcf224-acc8-4992-8a37-61c371cb7c1f';
const GZ02 = '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42';
const CLUSTER_ID = 'clusters.clusternet.io/cluster-id';
const PDB_SUBSCRIPTION = 'user-service-poddisruptionbudget-subscription';
const CHECKSUM = { [CONFIG_CHECKSUM_ANNOTATION]: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) };

/** The dev fleet (the TDCC guide's two clusters) with one change. */
function devWith(change: (input: any) => void): Fleet {
  const input = structuredClone(devFleet()) as any;
  change(input);
  return parseFleet(input, 'test fleet');
}

const raised = raisedReplicasFleet;
const lowered = loweredReplicasFleet;

const key = (o: any) =>
  [o.apiVersion, o.kind, o.metadata?.namespace ?? o.namespace, o.metadata?.name ?? o.name]
    .filter(Boolean)
    .join('/');
const find = (objects: readonly any[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const budgets = (objects: readonly any[]) =>
  objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name);
const podSpec = (objects: readonly any[], name: string) =>
  find(objects, 'Deployment', name).spec.template.spec;
const selects = (selector: any, clusterId: string) => selector?.matchLabels?.[CLUSTER_ID] === clusterId;
/** The Subscriptions, except those of the schema Jobs (one per database, test/k8s/fleet/schema-init.test.ts). */
const subscriptionsOf = (s: SynthesizedFleet) =>
  s.hubDistribution.filter(
    (o: any) => o.kind === 'Subscription' && !o.metadata.name.startsWith('qcbm-schema-'),
  ) as any[];

/**
 * What the hub deploys to one cluster, read from the synthesized hub objects alone, as Clusternet does: every
 * hub-app object a Subscription that selects the cluster feeds, with the matching Globalizations and then the
 * cluster's Localizations applied by ascending priority.
 */
function hubDeploys(s: SynthesizedFleet, clusterId: string, hubNamespace: string | undefined): any[] {
  const ofKind = (kind: string) => s.hubDistribution.filter((o: any) => o.kind === kind) as any[];
  const fed = new Set(
    ofKind('Subscription')
      .filter((sub) => sub.spec.subscribers.some((x: any) => selects(x.clusterAffinity, clusterId)))
      .flatMap((sub) => sub.spec.feeds.map(key)),
  );
  const byPriority = (a: any, b: any) => a.spec.priority - b.spec.priority;
  const holders = [
    ...ofKind('Globalization')
      .filter((g) => selects(g.spec.clusterAffinity, clusterId))
      .sort(byPriority),
    ...ofKind('Localization')
      .filter((l) => l.metadata.namespace === hubNamespace)
      .sort(byPriority),
  ];
  return s.hubApp
    .filter((o) => fed.has(key(o)))
    .map((o) =>
      holders
        .filter((h) => key(h.spec.feed) === key(o))
        .flatMap((h) => h.spec.overrides)
        .reduce((doc: any, override: any) => {
          const value = JSON.parse(override.value);
          return (override.type === 'JSONPatch' ? applyJsonPatch(doc, value) : applyMergePatch(doc, value))
            .doc;
        }, o),
    );
}

describe('per-cluster replicas decide the PodDisruptionBudget and zone anti-affinity per cluster', () => {
  test('one cluster alone raises user-service to 2: only its manifests have the budget and the anti-affinity', () => {
    const s = synthesizeFleet(raised());
    const [gz01, gz02] = [s.clusters['guangzhou-01'], s.clusters['guangzhou-02']];
    expect(find(gz02, 'Deployment', 'user-service').spec.replicas).toBe(2);
    expect(budgets(gz02)).toEqual(['user-service']);
    expect(podSpec(gz02, 'user-service').affinity).toEqual(zoneAntiAffinity('user-service'));
    expect(find(gz01, 'Deployment', 'user-service').spec.replicas).toBe(1);
    expect(budgets(gz01)).toEqual([]);
    expect(podSpec(gz01, 'user-service').affinity).toBeUndefined();
  });

  test('in hub mode the budget is a template on the hub, sent by a Subscription of guangzhou-02 alone', () => {
    const s = synthesizeFleet(raised());
    expect(budgets(s.hubApp)).toEqual(['user-service']);
    const subscriptions = subscriptionsOf(s);
    expect(subscriptions.map((o) => o.metadata)).toEqual([
      { name: 'qcbm-subscription', namespace: 'default' },
      { name: PDB_SUBSCRIPTION, namespace: 'default' },
    ]);
    const [main, budget] = subscriptions;
    expect(main.spec.feeds.map(key)).not.toContain('policy/v1/PodDisruptionBudget/qcbm/user-service');
    expect(budget.spec).toEqual({
      schedulingStrategy: 'Replication',
      subscribers: [{ clusterAffinity: { matchLabels: { [CLUSTER_ID]: GZ02 } } }],
      feeds: [
        { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', name: 'user-service', namespace: 'qcbm' },
      ],
    });
    const localization = find(s.hubDistribution, 'Localization', 'qcbm-user-service-override');
    expect(localization.metadata.namespace).toBe('clusternet-bbg66');
    expect(localization.spec.overrides.map((o: any) => [o.name, JSON.parse(o.value)])).toEqual([
      ['replicas-override', [{ op: 'replace', path: '/spec/replicas', value: 2 }]],
      [
        'affinity-override',
        [{ op: 'add', path: '/spec/template/spec/affinity', value: zoneAntiAffinity('user-service') }],
      ],
      // guangzhou-02's endpoints differ from guangzhou-01's: its pods carry its own checksum, last.
      ['checksum-override', { spec: { template: { metadata: { annotations: CHECKSUM } } } }],
    ]);
  });

  test('app-level 2 with guangzhou-02 lowered to 1: guangzhou-02 gets neither, guangzhou-01 keeps both', () => {
    const s = synthesizeFleet(lowered());
    const [gz01, gz02] = [s.clusters['guangzhou-01'], s.clusters['guangzhou-02']];
    const all = QCBM_COMPONENT_NAMES;
    expect(budgets(gz01)).toEqual(all);
    expect(podSpec(gz01, 'user-service').affinity).toEqual(zoneAntiAffinity('user-service'));
    expect(find(gz02, 'Deployment', 'user-service').spec.replicas).toBe(1);
    expect(budgets(gz02)).toEqual(all.filter((c) => c !== 'user-service'));
    expect(podSpec(gz02, 'user-service').affinity).toBeUndefined();
    expect(podSpec(gz02, 'store-service').affinity).toEqual(zoneAntiAffinity('store-service'));
    const budget = find(s.hubDistribution, 'Subscription', PDB_SUBSCRIPTION);
    expect(budget.spec.subscribers).toEqual([{ clusterAffinity: { matchLabels: { [CLUSTER_ID]: GZ01 } } }]);
    const localization = find(s.hubDistribution, 'Localization', 'qcbm-user-service-override');
    expect(localization.spec.overrides.map((o: any) => JSON.parse(o.value))).toEqual([
      [{ op: 'replace', path: '/spec/replicas', value: 1 }],
      [{ op: 'remove', path: '/spec/template/spec/affinity' }],
      { spec: { template: { metadata: { annotations: CHECKSUM } } } },
    ]);
  });

  test('the same replicas everywhere keep one Subscription: the budget is an ordinary feed', () => {
    const s = synthesizeFleet(devWith((f) => (f.app.replicas = 2)));
    const subscriptions = subscriptionsOf(s);
    expect(subscriptions.map((o) => o.metadata.name)).toEqual(['qcbm-subscription']);
    expect(subscriptions[0].spec.feeds.map(key)).toContain('policy/v1/PodDisruptionBudget/qcbm/user-service');
  });

  test('a cluster without a hub namespace gets its affinity change in its Globalization', () => {
    const s = synthesizeFleet(wideFleet());
    const dr = s.clusters['guangzhou-dr'];
    expect(find(dr, 'Deployment', 'order-service').spec.replicas).toBe(0);
    expect(podSpec(dr, 'order-service').affinity).toBeUndefined();
    expect(budgets(dr)).not.toContain('order-service');
    expect(budgets(s.clusters['beijing-01'])).toContain('order-service');
  });

  test.each([
    ['raised in one cluster', raised],
    ['lowered in one cluster', lowered],
    ['the wide fleet', wideFleet],
    ['the dev fleet', devFleet],
  ])('%s: what the hub deploys to each cluster is its rendered file', (_name, fleet) => {
    const f = fleet();
    const s = synthesizeFleet(f);
    expect(f.clusters.length).toBeGreaterThan(1);
    const sorted = (objects: readonly any[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));
    for (const c of f.clusters) {
      const deployed = sorted(hubDeploys(s, c.clusterId, c.hubNamespace));
      expect([c.name, deployed]).toEqual([c.name, sorted(s.clusters[c.name])]);
    }
  });
});
