import { clustersNeedingKubeconfigs, createsSite, type FleetInput, parseFleet } from '../../src/model';
import { activeActive, externalClusterInput, twoSitesThreeCentres, without } from '../support/dr-fleets';

/** Prod-like without a topology, plus beijing-02: a cluster of Beijing that no site creates. */
function withExternalBeijingCluster(): FleetInput {
  const input: any = without(activeActive(), 'topology');
  input.cloud.regions[0].cluster = 'beijing-01';
  input.data.mysql.primaryCluster = 'beijing-01';
  input.clusters.push(
    externalClusterInput({
      name: 'beijing-02',
      region: 'ap-beijing',
      area: 'north-china',
      octet: 150,
      clusterId: '44444444-4444-4444-8444-444444444444',
      gatewaySubnetId: 'subnet-bj000002',
      ingressAddress: '198.51.100.40',
    }),
  );
  return input;
}

describe('createsSite: does this stack create the cluster', () => {
  test('the only cluster of a site that names none, and each cluster a site names', () => {
    const prod = parseFleet(activeActive());
    expect(prod.clusters.map((c) => createsSite(prod, c))).toEqual([true, true, true]);
    const dr = parseFleet(twoSitesThreeCentres());
    expect(dr.clusters.map((c) => [c.name, createsSite(dr, c)])).toEqual([
      ['guangzhou-a', true],
      ['guangzhou-b', true],
      ['shanghai-c', true],
    ]);
  });

  test('not a second cluster in a region the stack builds, whose site names another', () => {
    const fleet = parseFleet(withExternalBeijingCluster());
    expect(fleet.clusters.map((c) => [c.name, createsSite(fleet, c)])).toEqual([
      ['beijing-01', true],
      ['shanghai-01', true],
      ['guangzhou-01', true],
      ['beijing-02', false],
    ]);
  });

  test('not a cluster of a region the stack does not build', () => {
    const input: any = withExternalBeijingCluster();
    input.clusters.pop();
    input.cloud.regions.splice(2, 1);
    input.clusters[2].gatewaySubnetId = 'subnet-gz000001';
    input.clusters[2].ingressAddress = '198.51.100.30';
    input.clusters[2].endpoints.mysql = { host: '10.160.16.10', port: 3306 };
    input.clusters[2].endpoints.redis = { host: '10.160.16.20', port: 6379 };
    const fleet = parseFleet(input);
    expect(fleet.clusters.map((c) => createsSite(fleet, c))).toEqual([true, true, false]);
  });
});

describe('clustersNeedingKubeconfigs: whose kubeconfig someone must give', () => {
  test('with direct delivery, the clusters whose site the stack does not create', () => {
    const input: any = withExternalBeijingCluster();
    input.cloud.delivery = 'direct';
    const fleet = parseFleet(input);
    expect(clustersNeedingKubeconfigs(fleet).map((c) => c.name)).toEqual(['beijing-02']);
  });

  test('none with hub delivery: the hub delivers to every cluster', () => {
    const input: any = withExternalBeijingCluster();
    input.cloud.delivery = 'hub';
    const fleet = parseFleet(input);
    expect(fleet.clusters.some((c) => !createsSite(fleet, c))).toBe(true);
    expect(clustersNeedingKubeconfigs(fleet)).toEqual([]);
  });
});
