import { synthesizeFleet } from '../../../src/k8s';
import { inClusterNacosHost, parseFleet } from '../../../src/model';
import { wideFleetInput } from '../../fixtures/fleets';

/**
 * The wide fleet (three clusters this stack does not create), each with another registry: beijing-01 a Nacos
 * cluster of three, shanghai-01 its external Nacos, guangzhou-dr a standalone one.
 */
function mixedFleet() {
  const input = wideFleetInput() as any;
  const [beijing, , guangzhou] = input.clusters;
  beijing.nacos = { mode: 'in-cluster', replicas: 3 };
  delete beijing.endpoints.nacos;
  guangzhou.nacos = { mode: 'in-cluster', replicas: 1, storageGb: 20 };
  delete guangzhou.endpoints.nacos;
  return parseFleet(input);
}

const names = (objects: any[], kind: string) =>
  objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
const find = (objects: any[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const feedsOf = (subscription: any) => subscription.spec.feeds.map((f: any) => `${f.kind}/${f.name}`);
const subscribersOf = (subscription: any) =>
  subscription.spec.subscribers.map(
    (s: any) => s.clusterAffinity.matchLabels['clusters.clusternet.io/cluster-id'],
  );

describe('in-cluster registries across a fleet', () => {
  const fleet = mixedFleet();
  const synthesized = synthesizeFleet(fleet);
  const idOf = (name: string) => fleet.clusters.find((c) => c.name === name)!.clusterId;

  test('each cluster runs its own Nacos, or none where its Nacos is external', () => {
    expect(names(synthesized.clusters['beijing-01'], 'StatefulSet')).toEqual(['nacos']);
    expect(names(synthesized.clusters['guangzhou-dr'], 'StatefulSet')).toEqual(['nacos']);
    expect(names(synthesized.clusters['shanghai-01'], 'StatefulSet')).toEqual([]);
    expect(names(synthesized.clusters['shanghai-01'], 'Service')).not.toContain('nacos');
  });

  test("each cluster's NACOS_HOST is its own registry: the Service, or the external address", () => {
    const host = (cluster: string) =>
      find(synthesized.clusters[cluster], 'ConfigMap', 'qcbm-env').data.NACOS_HOST;
    expect([host('beijing-01'), host('shanghai-01'), host('guangzhou-dr')]).toEqual([
      inClusterNacosHost('qcbm'),
      '10.2.0.30',
      inClusterNacosHost('qcbm'),
    ]);
  });

  test('a cluster differs in its replicas and mode by its own override of the StatefulSet', () => {
    const set = (cluster: string) => find(synthesized.clusters[cluster], 'StatefulSet', 'nacos').spec;
    const mode = (cluster: string) =>
      set(cluster).template.spec.containers[0].env.find((e: any) => e.name === 'MODE').value;
    expect([set('beijing-01').replicas, mode('beijing-01')]).toEqual([3, 'cluster']);
    expect([set('guangzhou-dr').replicas, mode('guangzhou-dr')]).toEqual([1, 'standalone']);
    expect(set('guangzhou-dr').volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    // guangzhou-dr has no hub namespace: its override is a Globalization selecting it by id.
    const overrides = [...synthesized.hubDistribution].filter(
      (o: any) => o.spec?.feed?.kind === 'StatefulSet' && o.spec.feed.name === 'nacos',
    );
    expect(overrides.map((o: any) => [o.kind, o.metadata.name])).toEqual([
      ['Globalization', 'qcbm-nacos-override-guangzhou-dr'],
    ]);
  });

  test('the hub sends the Nacos objects only to the clusters that run one, and the budget only to the cluster of three', () => {
    const subscriptions = synthesized.hubDistribution.filter((o: any) => o.kind === 'Subscription');
    const main = subscriptions.find((s: any) => s.metadata.name === 'qcbm-subscription');
    expect(feedsOf(main).filter((f: string) => f.includes('nacos'))).toEqual([]);
    const narrow = (feed: string) => subscriptions.find((s: any) => feedsOf(s).includes(feed) && s !== main);
    for (const feed of ['StatefulSet/nacos', 'Service/nacos-headless', 'Service/nacos']) {
      expect(subscribersOf(narrow(feed))).toEqual([idOf('beijing-01'), idOf('guangzhou-dr')]);
    }
    expect(subscribersOf(narrow('PodDisruptionBudget/nacos'))).toEqual([idOf('beijing-01')]);
    expect(names(synthesized.clusters['guangzhou-dr'], 'PodDisruptionBudget')).not.toContain('nacos');
    expect(names(synthesized.clusters['beijing-01'], 'PodDisruptionBudget')).toContain('nacos');
  });

  test('without any in-cluster registry the app has no Nacos objects at all', () => {
    const plain = synthesizeFleet(parseFleet(wideFleetInput()));
    const everything = [...plain.hubApp, ...plain.hubDistribution, ...Object.values(plain.clusters).flat()];
    expect(everything.filter((o: any) => o.metadata?.name?.startsWith('nacos'))).toEqual([]);
  });
});
