import { join } from 'path';
import {
  generatesNacosPassword,
  inClusterNacosHost,
  loadFleetFromStackFile,
  parseFleet,
  REGISTRY_DEFAULTS,
  registryIdentity,
  registryOf,
  resolveClusters,
  TSE_REGIONS,
  tseOffered,
} from '../../src/model';
import { activeActive, drFleetInput, site } from '../support/dr-fleets';
import { expectFleetIssue } from '../support/fleet-issues';
import { REPO_ROOT } from '../support/repo-root';

type Raw = ReturnType<typeof activeActive> & Record<string, any>;
const stack = (name: string) => loadFleetFromStackFile(join(REPO_ROOT, `Pulumi.${name}.yaml`));

/** Active-active in Beijing, Shanghai and Guangzhou, every site with the registry `nacos` and no fixed address. */
function activeActiveWith(nacos: Record<string, unknown> | undefined): Raw {
  const input: Raw = activeActive();
  input.cloud.regions.forEach((r: Record<string, unknown>) => {
    if (nacos) r.nacos = { ...nacos };
    else delete r.nacos;
  });
  input.clusters.forEach((c: any) => delete c.endpoints.nacos);
  return input;
}

describe('the registry of each site', () => {
  test('prod and dr: a managed TSE Nacos at every site, with the documented defaults', () => {
    for (const fleet of [stack('prod'), stack('dr')]) {
      const registries = fleet.clusters.map((c) => registryOf(fleet, c));
      expect(registries.map((r) => r.mode)).toEqual(['managed', 'managed', 'managed']);
      expect(registries[0]).toMatchObject({
        engineVersion: '2.0.3.4',
        productVersion: 'STANDARD',
        nodes: 3,
        spec: 'spec-1160a35a',
      });
    }
  });

  test('staging leaves it out: the default where TSE is offered is managed', () => {
    const staging = stack('staging');
    expect(registryOf(staging, staging.clusters[0])).toMatchObject({
      mode: 'managed',
      defaulted: true,
      field: 'fleet.cloud.regions[0].nacos',
    });
  });

  test('dev: a standalone Nacos in each cluster, whose endpoint is its Service', () => {
    const dev = stack('dev');
    expect(dev.clusters.map((c) => registryOf(dev, c))).toEqual([
      expect.objectContaining({ mode: 'in-cluster', replicas: 1, storageGb: 10, defaulted: false }),
      expect.objectContaining({ mode: 'in-cluster', replicas: 1, field: 'fleet.clusters[1].nacos' }),
    ]);
    expect(resolveClusters(dev).map((r) => r.endpoints.nacos)).toEqual([
      { host: 'nacos.qcbm.svc.cluster.local', port: 8848 },
      { host: 'nacos.qcbm.svc.cluster.local', port: 8848 },
    ]);
  });

  test('where TSE is not offered, a site defaults to an in-cluster Nacos cluster of three', () => {
    expect(tseOffered('eu-frankfurt')).toBe(false);
    const input = drFleetInput('active-active', [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('frankfurt-01', 'eu-frankfurt', 'eu-frankfurt-1', { area: 'overseas' }),
    ]) as Raw;
    input.cloud.regions.forEach((r: Record<string, unknown>) => delete r.nacos);
    input.clusters.forEach((c: any) => delete c.endpoints.nacos);
    const fleet = parseFleet(input);
    expect(fleet.clusters.map((c) => registryOf(fleet, c).mode)).toEqual(['managed', 'in-cluster']);
    expect(registryOf(fleet, fleet.clusters[1])).toMatchObject({ replicas: 3, storageGb: 10 });
  });

  test('a cluster this stack does not create uses its endpoints.nacos by default', () => {
    const wide = parseFleet({
      name: 'x',
      clusters: [
        {
          name: 'a',
          clusterId: '11111111-1111-4111-8111-111111111111',
          region: 'ap-beijing',
          area: 'north-china',
          gatewaySubnetId: 'subnet-aaaaaaaa',
          endpoints: {
            mysql: { host: '10.0.0.1' },
            redis: { host: '10.0.0.2' },
            nacos: { host: '10.0.0.3' },
            skywalking: { host: 'tsw.example.com' },
          },
        },
      ],
    });
    expect(registryOf(wide, wide.clusters[0])).toMatchObject({
      mode: 'external',
      defaulted: true,
      endpoint: { host: '10.0.0.3', port: 8848 },
    });
  });

  test('TSE regions are a documented list, and the defaults live in one place', () => {
    expect(TSE_REGIONS).toEqual(expect.arrayContaining(['ap-beijing', 'ap-shanghai', 'ap-guangzhou']));
    expect(TSE_REGIONS).not.toContain('eu-frankfurt');
    expect(REGISTRY_DEFAULTS.inCluster.image).toBe('nacos/nacos-server:v2.3.2');
  });
});

describe('what the fleet may not ask of a registry', () => {
  test('managed in a region where TSE is not offered is refused, saying so', () => {
    const input = drFleetInput('active-active', [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('frankfurt-01', 'eu-frankfurt', 'eu-frankfurt-1', { area: 'overseas' }),
    ]) as Raw;
    input.cloud.regions[1].nacos = { mode: 'managed' };
    delete input.clusters[1].endpoints!.nacos;
    const issue = expectFleetIssue(
      input,
      'fleet.cloud.regions[1].nacos.mode',
      /TSE \(Tencent Cloud's managed Nacos\) is not offered in eu-frankfurt/,
    );
    expect(issue.value).toBe('managed');
    expect(issue.fix).toMatch(/in-cluster/);
  });

  test('TSE node counts follow the edition', () => {
    const input = activeActiveWith(undefined);
    input.cloud.regions[0].nacos = { mode: 'managed', productVersion: 'TRIAL', nodes: 3 };
    input.cloud.regions[1].nacos = { mode: 'managed', nodes: 4 };
    expectFleetIssue(input, 'fleet.cloud.regions[0].nacos.nodes', /productVersion "TRIAL" \(1\)/);
    expectFleetIssue(input, 'fleet.cloud.regions[1].nacos.nodes', /productVersion "STANDARD" \(3, 5, 7\)/);
    input.cloud.regions[0].nacos = { mode: 'managed', productVersion: 'TRIAL' };
    input.cloud.regions[1].nacos = { mode: 'managed', nodes: 5 };
    const fleet = parseFleet(input);
    expect(fleet.clusters.map((c) => registryOf(fleet, c))).toEqual([
      expect.objectContaining({ productVersion: 'TRIAL', nodes: 1 }),
      expect.objectContaining({ productVersion: 'STANDARD', nodes: 5 }),
      expect.objectContaining({ mode: 'managed', defaulted: true, nodes: 3 }),
    ]);
  });

  test('an in-cluster Nacos runs one replica or three', () => {
    const input = activeActiveWith({ mode: 'in-cluster', replicas: 2 });
    expectFleetIssue(input, 'fleet.cloud.regions[0].nacos.replicas', /must be 1 \(standalone\) or 3/);
  });

  test('endpoints.nacos only where it is read, and required there', () => {
    const given = activeActive() as Raw;
    given.cloud.regions[0].nacos = { mode: 'managed' };
    const ignored = expectFleetIssue(
      given,
      'fleet.clusters[0].endpoints.nacos',
      /is not read: beijing-01's Nacos is a TSE Nacos this stack creates \(fleet\.cloud\.regions\[0\]\.nacos\)/,
    );
    expect(ignored.value).toEqual({ host: '10.100.8.30', port: 8848 });
    expect(ignored.fix).toMatch(/mode: external/);

    const missing = activeActive() as Raw;
    delete missing.clusters[1].endpoints!.nacos;
    const required = expectFleetIssue(
      missing,
      'fleet.clusters[1].endpoints.nacos',
      /is required: shanghai-01's Nacos is external \(fleet\.cloud\.regions\[1\]\.nacos\)/,
    );
    expect(required.fix).toMatch(/in-cluster.*managed/);
  });

  test("the registry is chosen in one place: a created site's at its site, managed only where a site is created", () => {
    const onCluster = activeActiveWith(undefined);
    onCluster.clusters[0].nacos = { mode: 'in-cluster' };
    expectFleetIssue(
      onCluster,
      'fleet.clusters[0].nacos',
      /is for clusters this stack does not create.*chosen at fleet\.cloud\.regions\[0\]\.nacos/,
    );

    const external: Raw = activeActiveWith(undefined);
    external.cloud.regions.pop();
    external.clusters[2].gatewaySubnetId = 'subnet-gz000001';
    external.clusters[2].ingressAddress = '198.51.100.7';
    external.clusters[2].endpoints!.redis = { host: '10.102.16.20' };
    external.clusters[2].nacos = { mode: 'managed' };
    expectFleetIssue(
      external,
      'fleet.clusters[2].nacos.mode',
      /a TSE Nacos goes into a VPC this stack creates, and no site in fleet\.cloud\.regions creates guangzhou-01/,
    );
  });
});

describe('no two active-active regions share a Nacos', () => {
  test('in-cluster registries answer on the same DNS name in every cluster, yet each is its own', () => {
    const fleet = parseFleet(activeActiveWith({ mode: 'in-cluster' }));
    const created = (n: number) => ({
      gatewaySubnetId: `subnet-aaaaaaa${n}`,
      endpoints: {
        mysql: { host: `10.10${n}.16.5`, port: 3306 },
        redis: { host: `10.10${n}.16.6`, port: 6379 },
      },
    });
    const hosts = resolveClusters(fleet, {
      'beijing-01': created(0),
      'shanghai-01': created(1),
      'guangzhou-01': created(2),
    }).map((r) => r.endpoints.nacos.host);
    expect(new Set(hosts)).toEqual(new Set([inClusterNacosHost('qcbm')]));
    const identities = fleet.clusters.map((c) => registryIdentity(fleet, c));
    expect(new Set(identities).size).toBe(3);
    expect(identities[0]).toBe('service:beijing-01/qcbm/nacos');
  });

  test('two external registries on one address are refused, at the endpoint', () => {
    const input: Raw = activeActive();
    input.clusters[1].endpoints!.nacos = { ...input.clusters[0].endpoints!.nacos! };
    expectFleetIssue(input, 'fleet.clusters[1].endpoints.nacos', /is the Nacos of beijing-01 in ap-beijing/);
  });

  test('an external address that happens to be the name of an in-cluster Service is another Nacos', () => {
    const input: Raw = activeActiveWith(undefined);
    input.cloud.regions[0].nacos = { mode: 'in-cluster' };
    input.cloud.regions[1].nacos = { mode: 'external' };
    input.clusters[1].endpoints!.nacos = { host: inClusterNacosHost('qcbm') };
    expect(() => parseFleet(input)).not.toThrow();
  });
});

describe('the address of a TSE Nacos comes from its region', () => {
  test('it is not known before `pulumi up`, and the error names the field', () => {
    const prod = stack('prod');
    expect(() => resolveClusters(prod)).toThrow(
      /fleet\.cloud\.regions\[0\]\.nacos: gives beijing-01 a managed Nacos whose address is not known yet/,
    );
  });
});

describe('the password the services log in with', () => {
  test('generated only where the stack sets it on every registry that reads it', () => {
    expect(generatesNacosPassword(parseFleet(activeActiveWith({ mode: 'in-cluster' })))).toBe(true);
    expect(generatesNacosPassword(stack('prod'))).toBe(false);
    const mixed = activeActiveWith({ mode: 'in-cluster' });
    mixed.cloud.regions[2].nacos = { mode: 'external' };
    mixed.clusters[2].endpoints!.nacos = { host: '10.102.8.30' };
    expect(generatesNacosPassword(parseFleet(mixed))).toBe(false);
  });
});
