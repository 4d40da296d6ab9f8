import { join } from 'path';
import { loadFleetFromStackFile, parseFleet, sitesOf, trafficPlan } from '../../src/model';
import { REPO_ROOT } from '../support/repo-root';
import { activeActive, drFleetInput, site, twoSitesThreeCentres, without } from '../support/dr-fleets';
import { expectFleetIssue, fleetIssuesOf } from '../support/fleet-issues';

type Raw = ReturnType<typeof activeActive> & Record<string, any>;

describe('the shipped disaster-recovery environments', () => {
  test('prod is active-active in three regions, every cluster active with an even share', () => {
    const prod = loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.prod.yaml'));
    expect(sitesOf(prod).map((s) => [s.name, s.role, s.weight])).toEqual([
      ['beijing-01', 'active', 34],
      ['shanghai-01', 'active', 33],
      ['guangzhou-01', 'active', 33],
    ]);
  });

  test('dr is two sites, three centres: A and B in Guangzhou (B takes 20 %), C in Shanghai as DR', () => {
    const dr = loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.dr.yaml'));
    expect(sitesOf(dr).map((s) => [s.name, s.centre, s.role, s.weight])).toEqual([
      ['guangzhou-a', 'A', 'active', 80],
      ['guangzhou-b', 'B', 'active', 20],
      ['shanghai-c', 'C', 'dr', 0],
    ]);
  });
});

describe('roles and weights follow from the topology where they are not stated', () => {
  test('two-sites-three-centers: B is standby and C is DR by default', () => {
    expect(sitesOf(parseFleet(twoSitesThreeCentres())).map((s) => [s.centre, s.role, s.weight])).toEqual([
      ['A', 'active', 100],
      ['B', 'standby', 0],
      ['C', 'dr', 0],
    ]);
  });

  test('active-standby: the primary is active, the others standby', () => {
    const fleet = parseFleet(
      drFleetInput('active-standby', [
        site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
        site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5'),
      ]),
    );
    expect(sitesOf(fleet).map((s) => [s.name, s.role, s.weight])).toEqual([
      ['beijing-01', 'active', 100],
      ['shanghai-01', 'standby', 0],
    ]);
  });
});

describe('inconsistent topologies: each problem named, all in one error', () => {
  test('weights that do not add up to 100', () => {
    const input: Raw = activeActive();
    input.clusters[0].weight = 50;
    input.clusters[1].weight = 30;
    input.clusters[2].weight = 30;
    expectFleetIssue(input, 'fleet.clusters', /active weights that add up to 110, not 100/);
  });

  test('a same-city B taking more than A', () => {
    expectFleetIssue(
      twoSitesThreeCentres({ role: 'active', weight: 60 }),
      'fleet.clusters[1].weight',
      /B takes a share/,
    );
  });

  test('a standby or DR centre with traffic', () => {
    const standby = twoSitesThreeCentres({ weight: 20 });
    expectFleetIssue(standby, 'fleet.clusters[1].weight', /gives a standby cluster traffic/);
    const dr: Raw = twoSitesThreeCentres();
    dr.clusters[2].weight = 10;
    expectFleetIssue(dr, 'fleet.clusters[2].weight', /gives a dr cluster traffic/);
  });

  test('active-active with one region', () => {
    const input = drFleetInput(
      'active-active',
      [
        site('guangzhou-a', 'ap-guangzhou', 'ap-guangzhou-3'),
        site('guangzhou-b', 'ap-guangzhou', 'ap-guangzhou-6'),
      ],
      { primaryCluster: 'guangzhou-a' },
    );
    expectFleetIssue(input, 'fleet.topology.kind', /every active cluster is in ap-guangzhou/);
  });

  test('two primaries for one database', () => {
    const input: Raw = twoSitesThreeCentres();
    delete input.data.mysql.primaryCluster;
    expectFleetIssue(input, 'fleet.data.mysql.primaryCluster', /would make two primaries for one database/);
  });

  test("a same-city B in another city, and a remote C in A's city", () => {
    const input: Raw = twoSitesThreeCentres({ role: 'dr' });
    input.clusters[2].role = 'standby';
    const issues = fleetIssuesOf(input);
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^fleet\.clusters\[1\]\.role: makes guangzhou-b the remote centre C, but it is in A's city Guangzhou/,
        ),
        expect.stringMatching(
          /^fleet\.clusters\[2\]\.role: makes shanghai-c the same-city centre B, but it is in Shanghai, not in A's city Guangzhou/,
        ),
      ]),
    );
  });

  test('overlapping VPC CIDRs between regions that CCN joins', () => {
    const input: Raw = activeActive();
    input.cloud.regions[1].vpcCidr = '10.100.0.0/16';
    input.cloud.regions[1].nodeSubnetCidr = '10.100.32.0/20';
    input.cloud.regions[1].dataSubnetCidr = '10.100.48.0/24';
    expectFleetIssue(input, 'fleet.cloud.regions[1].vpcCidr', /overlaps fleet\.cloud\.regions\[0\]\.vpcCidr/);
  });

  test('active-active regions sharing one Nacos', () => {
    const input: Raw = activeActive();
    input.clusters[2].endpoints!.nacos = { ...input.clusters[0].endpoints!.nacos! };
    expectFleetIssue(
      input,
      'fleet.clusters[2].endpoints.nacos',
      /is the Nacos of beijing-01 in ap-beijing: .*Dubbo calls cross/,
    );
  });

  test('no copy of the data outside the primary region', () => {
    const input = drFleetInput('active-active', [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5', { managedMysql: false }),
    ]);
    (input as Raw).clusters[1].endpoints!.mysql = { host: '10.1.1.1' };
    expectFleetIssue(input, 'fleet.data.mysql', /keeps every copy of the data in ap-beijing/);
  });

  test('synchronous writes across regions: the product cannot, and the message says what would', () => {
    const input: Raw = activeActive();
    input.data.mysql.crossRegionSync = 'strong';
    const issue = expectFleetIssue(input, 'fleet.data.mysql.crossRegionSync', /does not offer/);
    expect(issue.fix).toMatch(/standbySync "strong"/);
  });

  test('a monitor that would not see the app fail', () => {
    const input: Raw = activeActive();
    input.traffic.monitor.protocol = 'TCP';
    expectFleetIssue(
      input,
      'fleet.traffic.monitor.protocol',
      /sees the CLB answer while the app behind it is down/,
    );
  });

  test('a published name the traffic layer cannot take', () => {
    const apex: Raw = activeActive();
    apex.app.ingressHost = 'example.com';
    expectFleetIssue(apex, 'fleet.traffic.zone', /below the zone apex/);
    const outside: Raw = activeActive();
    outside.app.ingressHost = 'www.other.com';
    expectFleetIssue(outside, 'fleet.traffic.zone', /does not contain the published name/);
  });

  test('IGTM answering on the published name, and two lines on one IGTM line id', () => {
    const input: Raw = activeActive();
    input.traffic.access = { domain: 'example.com', subDomain: 'www' };
    input.traffic.lines = { default: 1, 'north-china': 101, 'east-china': 101 };
    expectFleetIssue(input, 'fleet.traffic.access', /names the published name www\.example\.com itself/);
    expectFleetIssue(
      input,
      'fleet.traffic.lines["east-china"]',
      /uses IGTM line 101, as line north-china does/,
    );
  });

  test('what the DNS products refuse is refused without a topology too', () => {
    const outside: Raw = without(activeActive(), 'topology') as Raw;
    outside.app.ingressHost = 'www.other.com';
    expectFleetIssue(outside, 'fleet.traffic.zone', /does not contain the published name/);
    const access: Raw = without(activeActive(), 'topology') as Raw;
    access.traffic.access = { domain: 'example.com', subDomain: 'www' };
    expectFleetIssue(access, 'fleet.traffic.access', /names the published name www\.example\.com itself/);
    expect(() => parseFleet(without(activeActive(), 'topology'))).not.toThrow();
  });

  test('plain DNS records: a name cannot share a line with other sites (a CNAME stands alone)', () => {
    const input: Raw = activeActive();
    input.traffic = { mode: 'dnspod', zone: 'example.com', ttlSeconds: 60 };
    input.cloud.regions.pop();
    input.clusters[2].ingressAddress = 'lb-1.clb.example.net';
    input.clusters[2].gatewaySubnetId = 'subnet-gz000001';
    input.clusters[2].endpoints!.redis = { host: '10.130.16.9' };
    expectFleetIssue(input, 'fleet.clusters[2].ingressAddress', /published as a CNAME on line default/);
    input.clusters[2].ingressAddress = '198.51.100.20';
    expect(() => parseFleet(input)).not.toThrow();
  });

  test('a private address for a cluster the stack does not create', () => {
    const input: Raw = activeActive();
    input.cloud.regions.pop();
    input.clusters[2].ingressAddress = '10.8.0.5';
    input.clusters[2].gatewaySubnetId = 'subnet-gz000001';
    input.clusters[2].endpoints!.redis = { host: '10.130.16.9' };
    expectFleetIssue(input, 'fleet.clusters[2].ingressAddress', /private, loopback or reserved/);
  });

  test('a recovery target without a traffic layer, and a topology without a primary', () => {
    const noTraffic = without(activeActive(), 'traffic');
    noTraffic.topology.rtoSeconds = 300;
    expectFleetIssue(noTraffic, 'fleet.topology.rtoSeconds', /nothing sends users to another region/);
    const noPrimary = without(activeActive(), 'data');
    expectFleetIssue(noPrimary, 'fleet.data.mysql', /is required with topology "active-active"/);
  });

  test('every problem is listed at once', () => {
    const input: Raw = twoSitesThreeCentres({ weight: 20 });
    input.clusters[2].weight = 10;
    input.traffic.monitor.protocol = 'PING';
    const paths = fleetIssuesOf(input).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['fleet.traffic.monitor.protocol']));
    // Topology checks run once the shape is right: fix the protocol and both weights are reported together.
    input.traffic.monitor.protocol = 'HTTP';
    expect(fleetIssuesOf(input).map((i) => i.path)).toEqual([
      'fleet.clusters[1].weight',
      'fleet.clusters[2].weight',
    ]);
  });
});

describe('traffic tiers', () => {
  test('three active regions: each line starts at its own region, never at another non-primary region', () => {
    const plan = trafficPlan(parseFleet(activeActive()));
    const tiers = (line: string) =>
      plan
        .find((p) => p.line === line)!
        .tiers.map((t) =>
          t
            .map((s) => s.name)
            .sort()
            .join('+'),
        );
    expect(tiers('east-china')).toEqual(['shanghai-01', 'beijing-01+guangzhou-01']);
    expect(tiers('south-china')).toEqual(['guangzhou-01', 'beijing-01+shanghai-01']);
    expect(tiers('default')).toEqual(['beijing-01+guangzhou-01+shanghai-01']);
    expect(plan.every((p) => p.fallback.name === 'beijing-01')).toBe(true);
  });

  test('standby and DR centres only in later tiers', () => {
    const plan = trafficPlan(parseFleet(twoSitesThreeCentres()));
    expect(plan.length).toBeGreaterThan(0);
    for (const p of plan) {
      expect(p.tiers.map((t) => t.map((s) => s.name))).toEqual([
        ['guangzhou-a'],
        ['guangzhou-b'],
        ['shanghai-c'],
      ]);
    }
  });
});
