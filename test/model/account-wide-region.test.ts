import { accountWideRegion, parseFleet } from '../../src/model';
import { devFleet } from '../fixtures/fleets';
import { activeActive, drFleetInput, site, without } from '../support/dr-fleets';

/** Prod-like without a topology, so the data may be laid out freely. */
function noTopology(): any {
  return without(activeActive(), 'topology');
}

/** `input` with beijing-01 (the first cluster) on a network and data services the stack does not create. */
function beijingExternal(input: any): any {
  input.cloud.regions.splice(0, 1);
  Object.assign(input.clusters[0], { gatewaySubnetId: 'subnet-bj000001', ingressAddress: '198.51.100.10' });
  input.clusters[0].endpoints.mysql = { host: '10.110.16.10', port: 3306 };
  input.clusters[0].endpoints.redis = { host: '10.110.16.20', port: 6379 };
  return input;
}

describe('accountWideRegion: whose provider creates the Cloud Connect Network, IGTM and DNSPod', () => {
  test("with a topology: the primary MySQL's region, wherever it is in the list", () => {
    const sites = [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5'),
    ];
    expect(accountWideRegion(parseFleet(drFleetInput('active-active', sites)))).toBe('ap-beijing');
    const shanghai = drFleetInput('active-active', sites, { primaryRegion: 'ap-shanghai' });
    expect(accountWideRegion(parseFleet(shanghai))).toBe('ap-shanghai');
  });

  test("without a primary the stack creates: the Redis master's region", () => {
    const input = noTopology();
    delete input.data.mysql;
    input.cloud.regions[0].zone = 'ap-beijing-7';
    input.data.redis = { globalReplication: { groupId: 'crs-rpl-orfiwmn5', masterRegion: 'ap-guangzhou' } };
    expect(accountWideRegion(parseFleet(input))).toBe('ap-guangzhou');
  });

  test('without either: the first site the stack creates, not a cluster it does not create', () => {
    const none = noTopology();
    delete none.data.mysql;
    expect(accountWideRegion(parseFleet(beijingExternal(none)))).toBe('ap-shanghai');
    // A primary named in a region whose site the stack does not create does not count either.
    const externalPrimary = beijingExternal(noTopology());
    const fleet = parseFleet(externalPrimary);
    expect(fleet.data.mysql?.primaryRegion).toBe('ap-beijing');
    expect(accountWideRegion(fleet)).toBe('ap-shanghai');
  });

  test("a stack that creates no site: the first cluster's region", () => {
    const dev = devFleet();
    expect(dev.cloud.regions).toEqual([]);
    expect(accountWideRegion(dev)).toBe(dev.clusters[0].region);
  });
});
