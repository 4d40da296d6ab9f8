import { parseFleet, sitePlans } from '../../src/model';
import { twoSitesThreeCentres } from '../support/dr-fleets';

describe('sitePlans: what the stack builds at each site', () => {
  const plans = sitePlans(parseFleet(twoSitesThreeCentres()));
  const byName = Object.fromEntries(plans.map((p) => [p.cluster.name, p]));

  test('two sites of one region are named after their clusters, a region of one site after the region', () => {
    expect(plans.map((p) => [p.componentName, p.siteName])).toEqual([
      ['guangzhou-a', 'guangzhou-a'],
      ['guangzhou-b', 'guangzhou-b'],
      ['ap-shanghai', undefined],
    ]);
  });

  test("only the primary creates a MySQL, its standby in B's zone; C gets a disaster-recovery copy", () => {
    expect(plans.map((p) => [p.createsMysql, p.mysqlPrimary, p.drCopy !== undefined])).toEqual([
      [true, true, false],
      [false, false, false],
      [false, false, true],
    ]);
    expect(byName['guangzhou-a'].standbyZone).toBe(byName['guangzhou-b'].layout.zone);
    expect(byName['guangzhou-a'].standbySync).toBeDefined();
  });

  test("the primary's data security group admits the other sites' nodes and pods on the MySQL port only", () => {
    expect(byName['guangzhou-a'].dataPeers.map((p) => [p.who, p.cidrBlock, p.ports])).toEqual([
      ['guangzhou-b nodes', byName['guangzhou-b'].layout.nodeSubnetCidr, [{ port: 3306, name: 'MySQL' }]],
      [
        'guangzhou-b pods',
        byName['guangzhou-b'].layout.kubernetes.clusterCidr,
        [{ port: 3306, name: 'MySQL' }],
      ],
      ['shanghai-c nodes', byName['shanghai-c'].layout.nodeSubnetCidr, [{ port: 3306, name: 'MySQL' }]],
      [
        'shanghai-c pods',
        byName['shanghai-c'].layout.kubernetes.clusterCidr,
        [{ port: 3306, name: 'MySQL' }],
      ],
    ]);
    expect(byName['shanghai-c'].dataPeers).toEqual([]);
  });
});
