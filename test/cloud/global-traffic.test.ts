import { execFile } from 'child_process';
import type * as pulumi from '@pulumi/pulumi';
import { type Area, type FleetInput, parseFleet } from '../../src/model';
import { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { drFleetInput, site } from '../support/dr-fleets';
import { underMocks, valueOf } from './support/under-mocks';
import { REPO_ROOT } from '../support/repo-root';
import { outcomeOf } from '../support/thrown';
import { QCBM_TYPES, TENCENTCLOUD_INVOKES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

const T = {
  instance: TENCENTCLOUD_TYPES.igtmInstance,
  monitor: TENCENTCLOUD_TYPES.igtmMonitor,
  pool: TENCENTCLOUD_TYPES.igtmAddressPool,
  strategy: TENCENTCLOUD_TYPES.igtmStrategy,
  record: TENCENTCLOUD_TYPES.dnspodRecord,
  component: QCBM_TYPES.globalTraffic,
} as const;
/** A token of the provider's IGTM module (`<package>:Igtm/<name>:<Name>`), a resource's or a data source's. */
const isIgtm = (token: string) => token.split(':')[1]?.startsWith('Igtm/') === true;

// ---- fleets, written out: three sites each, every site created by the stack with a managed MySQL ----

interface SiteInput {
  readonly name: string;
  readonly region: string;
  readonly zone: string;
  readonly area: string;
  readonly role?: 'active' | 'standby' | 'dr';
  readonly weight?: number;
}

const BEIJING: SiteInput = {
  name: 'beijing-01',
  region: 'ap-beijing',
  zone: 'ap-beijing-6',
  area: 'north-china',
};
const SHANGHAI: SiteInput = {
  name: 'shanghai-01',
  region: 'ap-shanghai',
  zone: 'ap-shanghai-5',
  area: 'east-china',
};
const GUANGZHOU: SiteInput = {
  name: 'guangzhou-01',
  region: 'ap-guangzhou',
  zone: 'ap-guangzhou-6',
  area: 'south-china',
};

/** A valid fleet of these sites (see test/support/dr-fleets.ts) published as shop.qcbm.com with this traffic layer. */
function fleetInput(
  kind: 'active-active' | 'two-sites-three-centers' | 'active-standby',
  sites: readonly SiteInput[],
  traffic: Record<string, unknown>,
  primaryCluster?: string,
): FleetInput {
  return drFleetInput(
    kind,
    sites.map((s) => site(s.name, s.region, s.zone, { ...s, area: s.area as Area })),
    { name: 'drt', ingressHost: 'shop.qcbm.com', traffic, ...(primaryCluster ? { primaryCluster } : {}) },
  );
}

const igtm = (lines: Record<string, number>, extra: Record<string, unknown> = {}) => ({
  mode: 'igtm',
  zone: 'qcbm.com',
  package: { resourceId: 'gtm-pkg-std-0001' },
  access: { domain: 'qcbm-gtm.com', subDomain: 'shop' },
  monitor: { path: '/api/health', detectorGroupIds: [30, 31] },
  lines,
  ...extra,
});
const dnspod = (lines: Record<string, string>) => ({
  mode: 'dnspod',
  zone: 'qcbm.com',
  ttlSeconds: 300,
  lines,
});

const IGTM_LINES = { default: 1, 'north-china': 101, 'east-china': 102, 'south-china': 103 };
const DNSPOD_LINES = { default: '默认', 'north-china': '华北', 'east-china': '华东', 'south-china': '华南' };

const activeActive = (traffic: Record<string, unknown>) =>
  fleetInput('active-active', [BEIJING, SHANGHAI, GUANGZHOU], traffic);
const A: SiteInput = {
  name: 'guangzhou-a',
  region: 'ap-guangzhou',
  zone: 'ap-guangzhou-3',
  area: 'south-china',
};
const twoSitesThreeCentres = (traffic: Record<string, unknown>, b: Partial<SiteInput> = {}, a = A) =>
  fleetInput(
    'two-sites-three-centers',
    [
      a,
      { name: 'guangzhou-b', region: 'ap-guangzhou', zone: 'ap-guangzhou-6', area: 'south-china', ...b },
      { name: 'shanghai-c', region: 'ap-shanghai', zone: 'ap-shanghai-5', area: 'east-china' },
    ],
    traffic,
    'guangzhou-a',
  );
const activeStandby = (traffic: Record<string, unknown>) =>
  fleetInput('active-standby', [BEIJING, SHANGHAI, GUANGZHOU], traffic);

const PUBLIC: Record<string, string> = {
  'beijing-01': '198.51.100.11',
  'shanghai-01': '198.51.100.12',
  'guangzhou-01': '198.51.100.13',
  'guangzhou-a': '198.51.100.21',
  'guangzhou-b': '198.51.100.22',
  'shanghai-c': '198.51.100.23',
};
const addressesOf = (input: FleetInput, overrides: Record<string, string> = {}) =>
  Object.fromEntries(input.clusters.map((c) => [c.name, overrides[c.name] ?? PUBLIC[c.name]]));

// ---- building the component under the fake cloud ----

interface Captured {
  readonly type: string;
  readonly name: string;
  readonly opts: pulumi.CustomResourceOptions;
}

/** Builds the component under mocks, capturing every child's resource options and every invoke. */
async function build(input: FleetInput, addresses = addressesOf(input)) {
  const captured: Captured[] = [];
  const calls = jest.spyOn(FakeTencentCloud.prototype, 'call');
  try {
    const built = await underMocks(async () => {
      const pulumiSdk = await import('@pulumi/pulumi');
      const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
      const { QcbmGlobalTraffic } = await import('../../src/cloud/traffic/qcbm-global-traffic');
      const capture: pulumi.ResourceTransformation = (args) => {
        captured.push({ type: args.type, name: args.name, opts: args.opts });
        return undefined;
      };
      const provider = new TencentCloudProvider('tc-global', { region: 'ap-guangzhou' });
      const traffic = new QcbmGlobalTraffic(
        'qcbm',
        { fleet: parseFleet(input), addresses, provider },
        { transformations: [capture] },
      );
      const resolved = await valueOf(
        pulumiSdk.output({
          clusters: traffic.clusters,
          strategyIds: traffic.strategyIds,
          instanceId: traffic.instanceId,
          monitorId: traffic.monitorId,
          packageFloors: traffic.packageFloors,
        }),
      );
      return { traffic, resolved };
    });
    return { ...built, captured, calls: calls.mock.calls.map(([args]) => args) };
  } finally {
    calls.mockRestore();
  }
}

type Built = Awaited<ReturnType<typeof build>>;

/** Each line's main tiers as cluster names, read back from the strategies registered. */
function tiersByLine(built: Built): Record<string, string[][]> {
  const byPool = poolOwners(built);
  return Object.fromEntries(
    built.cloud
      .ofType(T.strategy)
      .map((s) => [
        s.name.replace('qcbm-strategy-', ''),
        (s.inputs.mainAddressPoolSets as { addressPools: { poolId: number }[] }[]).map((set) =>
          set.addressPools.map((p) => byPool.get(p.poolId)!),
        ),
      ]),
  );
}

function poolOwners(built: Built): Map<number, string> {
  return new Map(
    Object.entries(built.result.resolved.clusters).map(([cluster, c]) => [c.poolId as number, cluster]),
  );
}

function fallbackOf(built: Built, line: string): string[] {
  const sets = built.cloud.find(T.strategy, `qcbm-strategy-${line}`).inputs.fallbackAddressPoolSets as {
    addressPools: { poolId: number }[];
  }[];
  const byPool = poolOwners(built);
  return sets.flatMap((s) => s.addressPools.map((p) => byPool.get(p.poolId)!));
}

// ---- IGTM ----

describe('IGTM, active-active in Beijing, Shanghai and Guangzhou', () => {
  let built: Built;
  beforeAll(async () => {
    built = await build(activeActive(igtm(IGTM_LINES)));
  });

  test('one instance for the published name, bought with the configured package, kept on destroy', () => {
    const instances = built.cloud.ofType(T.instance);
    expect(instances).toHaveLength(1);
    expect(instances[0].inputs).toEqual({
      domain: 'shop.qcbm.com',
      accessType: 'CUSTOM',
      accessDomain: 'qcbm-gtm.com',
      accessSubDomain: 'shop',
      globalTtl: 60,
      packageType: 'STANDARD',
      resourceId: 'gtm-pkg-std-0001',
      instanceName: 'qcbm-drt',
    });
    const retained = built.captured.filter((c) => c.opts.retainOnDelete).map((c) => c.type);
    expect(retained).toEqual([T.instance]);
  });

  test('one HTTP monitor on the configured path, with the published name as Host', () => {
    const monitors = built.cloud.ofType(T.monitor);
    expect(monitors).toHaveLength(1);
    expect(monitors[0].inputs).toMatchObject({
      monitorName: 'qcbm-drt',
      checkProtocol: 'HTTP',
      path: '/api/health',
      host: 'shop.qcbm.com',
      checkInterval: 60,
      timeout: 2,
      failTimes: 0,
      failRate: 50,
      continuePeriod: 1,
      detectorGroupIds: [30, 31],
      detectorStyle: 'AUTO',
      returnCodeThreshold: 500,
    });
  });

  test("one pool per cluster with the cluster's address and share, probed by the monitor", () => {
    const monitorId = built.result.resolved.monitorId;
    expect(typeof monitorId).toBe('number');
    const pools = built.cloud.ofType(T.pool).map((p) => p.inputs);
    expect(pools).toEqual(
      [
        ['beijing-01', 34],
        ['shanghai-01', 33],
        ['guangzhou-01', 33],
      ].map(([cluster, weight]) => ({
        poolName: `qcbm-drt-${cluster}`,
        trafficStrategy: 'WEIGHT',
        addressSets: [{ addr: PUBLIC[cluster], isEnable: 'ENABLED', weight, location: cluster }],
        monitorId,
      })),
    );
  });

  test("each area's line starts with its own region, then the other regions; the default line has all three", () => {
    expect(tiersByLine(built)).toEqual({
      default: [['beijing-01', 'shanghai-01', 'guangzhou-01']],
      'north-china': [['beijing-01'], ['shanghai-01', 'guangzhou-01']],
      'east-china': [['shanghai-01'], ['beijing-01', 'guangzhou-01']],
      'south-china': [['guangzhou-01'], ['beijing-01', 'shanghai-01']],
    });
  });

  test("no non-primary region's line lists the other non-primary region ahead of its own (k8gb's three-cluster bug)", () => {
    const tiers = tiersByLine(built);
    const tierOf = (line: string, cluster: string) => tiers[line].findIndex((t) => t.includes(cluster));
    for (const [line, own, other] of [
      ['east-china', 'shanghai-01', 'guangzhou-01'],
      ['south-china', 'guangzhou-01', 'shanghai-01'],
    ]) {
      expect([line, tierOf(line, own)]).toEqual([line, 0]);
      expect(tierOf(line, own)).toBeLessThan(tierOf(line, other));
    }
  });

  test("every strategy: the line's IGTM id, weighted tiers that survive on one address, the primary's pool as fallback", () => {
    for (const [line, dnsLineId] of Object.entries(IGTM_LINES)) {
      const s = built.cloud.find(T.strategy, `qcbm-strategy-${line}`).inputs;
      expect(s).toMatchObject({
        instanceId: built.result.resolved.instanceId,
        strategyName: `qcbm-drt-${line}`,
        sources: [{ dnsLineId }],
        switchPoolType: 'AUTO',
      });
      for (const set of s.mainAddressPoolSets as Record<string, unknown>[]) {
        expect(set).toMatchObject({ trafficStrategy: 'WEIGHT', minSurviveNum: 1 });
      }
      // IGTM multiplies pool and address weights: the share sits on the address only.
      const poolWeights = (s.mainAddressPoolSets as { addressPools: { weight: number }[] }[]).flatMap((set) =>
        set.addressPools.map((p) => p.weight),
      );
      expect(new Set(poolWeights)).toEqual(new Set([1]));
      expect(fallbackOf(built, line)).toEqual(['beijing-01']);
    }
  });

  test('the published name is a CNAME to the access name on the default line, created after the strategies', async () => {
    const { IgtmStrategy } = await import('../../src/cloud/tencentcloud/igtm-strategy');
    const records = built.cloud.ofType(T.record);
    expect(records.map((r) => r.inputs)).toEqual([
      {
        domain: 'qcbm.com',
        subDomain: 'shop',
        recordType: 'CNAME',
        recordLine: '默认',
        value: 'shop.qcbm-gtm.com.',
        ttl: 600,
      },
    ]);
    const deps = built.captured.find((c) => c.type === T.record)!.opts.dependsOn as pulumi.Resource[];
    expect(deps).toHaveLength(4);
    expect(deps.every((d) => d instanceof IgtmStrategy)).toBe(true);
  });

  test("reads the package's floors through the provider, filtered by resource id and type", () => {
    const invokes = built.calls.filter((c) => isIgtm(c.token));
    expect(invokes).toHaveLength(1);
    expect(invokes[0]).toMatchObject({
      token: TENCENTCLOUD_INVOKES.igtmInstancePackageList,
      inputs: {
        filters: [
          { name: 'ResourceId', values: ['gtm-pkg-std-0001'] },
          { name: 'PackageType', values: ['STANDARD'] },
        ],
      },
    });
    expect(invokes[0].provider).toContain('tc-global');
    expect(built.result.resolved.packageFloors).toEqual({ minCheckInterval: 60, minGlobalTtl: 60 });
  });

  test('outputs: mode, names, instance and monitor, per cluster the pool and address, per line the strategy', () => {
    const { traffic, resolved } = built.result;
    expect([traffic.mode, traffic.publishedName, traffic.cnameTarget]).toEqual([
      'igtm',
      'shop.qcbm.com',
      'shop.qcbm-gtm.com.',
    ]);
    expect(resolved.instanceId).toMatch(/^gtm-[0-9a-f]{8}$/);
    expect(Object.keys(resolved.strategyIds).sort()).toEqual(Object.keys(IGTM_LINES).sort());
    for (const id of Object.values(resolved.strategyIds)) expect(Number.isInteger(id)).toBe(true);
    expect(resolved.clusters['shanghai-01']).toEqual({
      address: '198.51.100.12',
      role: 'active',
      poolId: expect.any(Number),
      poolName: 'qcbm-drt-shanghai-01',
    });
    expect(new Set(Object.values(resolved.clusters).map((c) => c.poolId)).size).toBe(3);
  });

  test('every child is a Tencent Cloud resource under the one provider, parented to the component', () => {
    const children = built.cloud.resources.filter((r) => r.type.startsWith('tencentcloud:'));
    expect(children).toHaveLength(1 + 1 + 3 + 4 + 1);
    for (const r of children) expect([r.name, r.provider]).toEqual([r.name, 'tc-global']);
    const captured = built.captured.filter((c) => c.type.startsWith('tencentcloud:'));
    expect(captured).toHaveLength(children.length);
    for (const c of captured) expect((c.opts.parent as { __name?: string })?.__name).toBe('qcbm');
    expect(built.cloud.find(T.component, 'qcbm').custom).toBe(false);
  });
});

describe('IGTM, two sites and three centres: A and B in Guangzhou, C in Shanghai', () => {
  test('every line: A, then the same-city standby B, then the remote DR centre C; A is the fallback', async () => {
    const built = await build(
      twoSitesThreeCentres(igtm({ default: 1, 'south-china': 103, 'east-china': 102 })),
    );
    const expected = [['guangzhou-a'], ['guangzhou-b'], ['shanghai-c']];
    expect(tiersByLine(built)).toEqual({
      default: expected,
      'south-china': expected,
      'east-china': expected,
    });
    for (const line of ['default', 'south-china', 'east-china'])
      expect(fallbackOf(built, line)).toEqual(['guangzhou-a']);
    // WEIGHT pools need a weight of 1 to 100: standby and DR sites, which take no share, get 1.
    const weights = built.cloud
      .ofType(T.pool)
      .map((p) => [p.name, (p.inputs.addressSets as { weight: number }[])[0].weight]);
    expect(weights).toEqual([
      ['qcbm-pool-guangzhou-a', 100],
      ['qcbm-pool-guangzhou-b', 1],
      ['qcbm-pool-shanghai-c', 1],
    ]);
    expect(built.result.resolved.clusters['guangzhou-b'].role).toBe('standby');
    expect(built.result.resolved.clusters['shanghai-c'].role).toBe('dr');
  });

  test('with B taking a share, A and B form the first tier, weighted 80/20', async () => {
    const built = await build(
      twoSitesThreeCentres(igtm({ default: 1 }), { role: 'active', weight: 20 }, { ...A, weight: 80 }),
    );
    expect(tiersByLine(built)).toEqual({ default: [['guangzhou-a', 'guangzhou-b'], ['shanghai-c']] });
    const weights = built.cloud
      .ofType(T.pool)
      .map((p) => (p.inputs.addressSets as { weight: number }[])[0].weight);
    expect(weights).toEqual([80, 20, 1]);
  });
});

describe('IGTM, active-standby: Beijing serves, Shanghai and Guangzhou wait', () => {
  test('every line: Beijing, then the standby regions; Beijing is the fallback', async () => {
    const built = await build(activeStandby(igtm({ default: 1, 'south-china': 103 })));
    const expected = [['beijing-01'], ['shanghai-01', 'guangzhou-01']];
    expect(tiersByLine(built)).toEqual({ default: expected, 'south-china': expected });
    expect(fallbackOf(built, 'south-china')).toEqual(['beijing-01']);
    expect(built.cloud.ofType(T.pool)).toHaveLength(3);
  });
});

// ---- DNSPod ----

interface RecordInputs {
  subDomain: string;
  recordType: string;
  recordLine: string;
  value: string;
  ttl: number;
  domain: string;
}

/** `<line name> <type> <value>` of every record, sorted. */
function recordsOf(built: Built): string[] {
  return built.cloud
    .ofType(T.record)
    .map((r) => r.inputs as unknown as RecordInputs)
    .map((r) => `${r.recordLine} ${r.recordType} ${r.value}`)
    .sort();
}

describe('DNSPod records (no IGTM)', () => {
  test('active-active: each area line gets its own region, the default line every region; nothing of IGTM', async () => {
    const built = await build(activeActive(dnspod(DNSPOD_LINES)));
    expect(recordsOf(built)).toEqual(
      [
        '华北 A 198.51.100.11',
        '华东 A 198.51.100.12',
        '华南 A 198.51.100.13',
        '默认 A 198.51.100.11',
        '默认 A 198.51.100.12',
        '默认 A 198.51.100.13',
      ].sort(),
    );
    for (const r of built.cloud.ofType(T.record)) {
      expect(r.inputs).toMatchObject({ domain: 'qcbm.com', subDomain: 'shop', ttl: 300 });
    }
    expect(built.cloud.resources.filter((r) => isIgtm(r.type))).toEqual([]);
    expect(built.calls.filter((c) => isIgtm(c.token))).toEqual([]);
    const { traffic, resolved } = built.result;
    expect([traffic.mode, traffic.cnameTarget, resolved.instanceId, resolved.monitorId]).toEqual([
      'dnspod',
      undefined,
      undefined,
      undefined,
    ]);
    expect(resolved.strategyIds).toEqual({});
    expect(resolved.clusters['beijing-01']).toEqual({
      address: '198.51.100.11',
      role: 'active',
      recordIds: { default: expect.stringMatching(/^qcbm\.com#\d+$/), 'north-china': expect.any(String) },
    });
  });

  test('two sites and three centres: only A is published; B and C have no records', async () => {
    const built = await build(twoSitesThreeCentres(dnspod({ default: '默认', 'south-china': '华南' })));
    expect(recordsOf(built)).toEqual(['华南 A 198.51.100.21', '默认 A 198.51.100.21']);
    expect(built.result.resolved.clusters['guangzhou-b'].recordIds).toEqual({});
  });

  test('active-standby with a domain address: a CNAME to the fully qualified name', async () => {
    const input = activeStandby(dnspod({ default: '默认' }));
    const built = await build(input, addressesOf(input, { 'beijing-01': 'lb-abc123.clb.bj.tencentclb.com' }));
    expect(recordsOf(built)).toEqual(['默认 CNAME lb-abc123.clb.bj.tencentclb.com.']);
  });
});

// ---- refusals ----

describe('refused before anything is registered', () => {
  test('a fleet without a traffic layer, or a cluster without an address', async () => {
    const { result } = await underMocks(async () => {
      const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
      const { QcbmGlobalTraffic } = await import('../../src/cloud/traffic/qcbm-global-traffic');
      const provider = new TencentCloudProvider('tc', { region: 'ap-guangzhou' });
      const input = activeActive(igtm(IGTM_LINES));
      const noTraffic = parseFleet({ ...input, traffic: undefined, topology: undefined });
      const attempt = (name: string, args: ConstructorParameters<typeof QcbmGlobalTraffic>[1]) => {
        const built = outcomeOf(() => new QcbmGlobalTraffic(name, args));
        return built.threw ? (built.error as Error).message : 'built';
      };
      const twoAddresses = Object.fromEntries(
        Object.entries(addressesOf(input)).filter(([cluster]) => cluster !== 'shanghai-01'),
      );
      return [
        attempt('none', { fleet: noTraffic, addresses: addressesOf(input), provider }),
        attempt('missing', { fleet: parseFleet(input), addresses: twoAddresses, provider }),
        attempt('unknown', {
          fleet: parseFleet(input),
          addresses: { ...addressesOf(input), nope: '1.2.3.4' },
          provider,
        }),
      ];
    });
    expect(result[0]).toMatch(/has no traffic layer: describe it in fleet\.traffic/);
    expect(result[1]).toMatch(
      /no address for shanghai-01: pass it in addresses, or set the cluster's ingressAddress/,
    );
    expect(result[2]).toMatch(/addresses names no cluster of the fleet: nope/);
  });
});

/**
 * Failures found once values are known make Pulumi fail the program through an unhandled rejection, which jest
 * would report as this file's own failure; so they run as a program of their own, as `pulumi up` would run them.
 */
function runFailing(
  scenarios: readonly {
    name: string;
    fleet: FleetInput;
    addresses: Record<string, string>;
    /** DNSPod zones the account does not hold. */
    absentZones?: readonly string[];
  }[],
): Promise<{ errors: string[]; registered: string[] }> {
  const program = `
    const pulumi = require('@pulumi/pulumi');
    const { FakeTencentCloud } = require('./src/testing/fake-tencent-cloud');
    const errors = [];
    process.on('unhandledRejection', (e) => errors.push(String((e && e.message) || e)));
    (async () => {
      const cloud = new FakeTencentCloud();
      const absent = new Set(JSON.parse(process.env.SCENARIOS).flatMap((s) => s.absentZones || []));
      const answer = cloud.call.bind(cloud);
      cloud.call = (args) =>
        args.token === '${TENCENTCLOUD_INVOKES.dnspodDomainList}' && absent.has(args.inputs.keyword)
          ? { ...args.inputs, id: 'none', domainLists: [] }
          : answer(args);
      await pulumi.runtime.setMocks(cloud, 'qcbm', 'failing', false);
      const { parseFleet } = require('./src/model');
      const { TencentCloudProvider } = require('./src/cloud/tencentcloud/provider');
      const { QcbmGlobalTraffic } = require('./src/cloud/traffic/qcbm-global-traffic');
      const provider = new TencentCloudProvider('tc', { region: 'ap-guangzhou' });
      for (const s of JSON.parse(process.env.SCENARIOS)) {
        new QcbmGlobalTraffic(s.name, { fleet: parseFleet(s.fleet), addresses: s.addresses, provider });
      }
      // Resources waiting on a failed one never settle (pulumi up exits on the first error), so rather than
      // disconnect, wait until registrations stop.
      let seen = -1;
      while (seen !== cloud.resources.length) {
        seen = cloud.resources.length;
        await new Promise((r) => setTimeout(r, 1000));
      }
      console.log(JSON.stringify({ errors: [...new Set(errors)], registered: cloud.resources.map((r) => r.name) }));
      process.exit(0);
    })();`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', program],
      { cwd: REPO_ROOT, env: { ...process.env, SCENARIOS: JSON.stringify(scenarios) } },
      (error, stdout, stderr) => {
        const report = stdout.split('\n').find((l) => l.startsWith('{"errors"'));
        if (report) resolve(JSON.parse(report));
        else reject(new Error(`the program did not finish: ${error?.message}\n${stderr}`));
      },
    ),
  );
}

/** The fleet publishing another name. */
const published = (ingressHost: string, input: FleetInput): FleetInput => ({
  ...input,
  app: { ...input.app, ingressHost },
});

describe('refused once the values are known (pulumi up)', () => {
  let run: Awaited<ReturnType<typeof runFailing>>;
  beforeAll(async () => {
    const fine = activeActive(igtm(IGTM_LINES));
    // The fleet states the floors of an ULTIMATE package; the account's package (the fake) reports 60 s / 60 s.
    const belowFloors = activeActive(
      igtm(IGTM_LINES, {
        package: {
          resourceId: 'gtm-pkg-ult-0001',
          type: 'ULTIMATE',
          minCheckIntervalSeconds: 15,
          minGlobalTtlSeconds: 10,
        },
        globalTtlSeconds: 10,
        monitor: { path: '/api/health', detectorGroupIds: [30], checkIntervalSeconds: 15 },
      }),
    );
    run = await runFailing([
      { name: 'private', fleet: fine, addresses: addressesOf(fine, { 'shanghai-01': '10.120.0.8' }) },
      { name: 'floors', fleet: belowFloors, addresses: addressesOf(belowFloors) },
      {
        name: 'cname',
        fleet: activeActive(dnspod({ default: '默认' })),
        addresses: addressesOf(fine, { 'beijing-01': 'lb-abc123.clb.bj.tencentclb.com' }),
      },
      {
        name: 'noaccess',
        fleet: activeActive(igtm(IGTM_LINES, { access: { domain: 'nowhere-gtm.com', subDomain: 'shop' } })),
        addresses: addressesOf(fine),
        absentZones: ['nowhere-gtm.com'],
      },
      {
        name: 'nozone',
        fleet: published(
          'shop.nowhere.com',
          activeActive({ ...dnspod({ default: '默认' }), zone: 'nowhere.com' }),
        ),
        addresses: addressesOf(fine),
        absentZones: ['nowhere.com'],
      },
    ]);
  }, 120000);

  test('a private address: its pool is not created, and the error says what to pass', () => {
    expect(run.errors).toContainEqual(
      expect.stringMatching(
        /the address of cluster "shanghai-01" is 10\.120\.0\.8, a private, loopback or reserved address: IGTM rejects it/,
      ),
    );
    expect(run.registered).toEqual(
      expect.arrayContaining(['private-pool-beijing-01', 'private-pool-guangzhou-01']),
    );
    expect(run.registered).not.toContain('private-pool-shanghai-01');
  });

  test("settings below the package's real floors: neither the monitor nor the instance is created; both settings named", () => {
    const floorErrors = run.errors.filter((e) => e.includes('gtm-pkg-ult-0001'));
    expect(floorErrors.length).toBeGreaterThan(0);
    for (const e of floorErrors) {
      expect(e).toMatch(
        /fleet\.traffic\.monitor\.checkIntervalSeconds is 15 s, below its minimum check interval of 60 s: set it to 60 or more/,
      );
      expect(e).toMatch(
        /fleet\.traffic\.globalTtlSeconds is 10 s, below its minimum TTL of 60 s: set it to 60 or more/,
      );
    }
    expect(run.registered).not.toContain('floors-monitor');
    expect(run.registered).not.toContain('floors-instance');
    expect(run.registered).toContain('private-monitor');
  });

  test('a zone declared existing that the account lacks: the error names it, and nothing is written into it', () => {
    expect(run.errors).toContainEqual(
      expect.stringContaining(
        'the DNSPod zone nowhere-gtm.com (the access zone of the traffic layer) is not in this account',
      ),
    );
    expect(run.errors).toContainEqual(expect.stringMatching(/set its zoneSource to "create" in the fleet/));
    // IGTM writes into the access zone: its instance is not created; the pools, which do not, are.
    expect(run.registered).not.toContain('noaccess-instance');
    expect(run.registered).toContain('noaccess-pool-beijing-01');
    expect(run.errors).toContainEqual(
      expect.stringContaining(
        'the DNSPod zone nowhere.com (the business zone of the traffic layer) is not in',
      ),
    );
    expect(run.registered.filter((n) => n.startsWith('nozone-'))).toEqual([]);
  });

  test('DNSPod: a domain address cannot share a line with other addresses', () => {
    expect(run.errors).toContainEqual(
      expect.stringMatching(/line default \(默认\) would publish .*a CNAME cannot share a name and line/),
    );
    expect(run.registered.filter((n) => n.startsWith('cname-default-'))).toEqual([]);
  });
});

describe('the DNSPod zones and the monitor of a published name with TLS', () => {
  const withTls = (input: FleetInput): FleetInput => ({
    ...input,
    app: { ...input.app, tls: { certificate: 'free' } },
  });

  test('zones declared existing are looked up through the provider, and nothing creates them', async () => {
    const built = await build(activeActive(igtm(IGTM_LINES)));
    const lookups = built.calls.filter((c) => c.token === TENCENTCLOUD_INVOKES.dnspodDomainList);
    expect(lookups.map((c) => c.inputs.keyword).sort()).toEqual(['qcbm-gtm.com', 'qcbm.com']);
    for (const c of lookups) expect(c.provider).toContain('tc-global');
    expect(built.cloud.ofType(TENCENTCLOUD_TYPES.dnspodDomainInstance)).toEqual([]);
    const zones = await valueOfAll(built.result.traffic.zones);
    expect(zones).toEqual({ 'qcbm.com': 'qcbm.com', 'qcbm-gtm.com': 'qcbm-gtm.com' });
  });

  test('a zone declared create is created (kept on destroy), not looked up, and IGTM writes into it', async () => {
    const built = await build(
      activeActive(
        igtm(IGTM_LINES, { access: { domain: 'qcbm-gtm.com', subDomain: 'shop', zoneSource: 'create' } }),
      ),
    );
    const zones = built.cloud.ofType(TENCENTCLOUD_TYPES.dnspodDomainInstance);
    expect(zones.map((z) => [z.name, z.inputs.domain, z.provider])).toEqual([
      ['qcbm-zone-qcbm-gtm.com', 'qcbm-gtm.com', 'tc-global'],
    ]);
    const zoneOpts = built.captured.find((c) => c.type === TENCENTCLOUD_TYPES.dnspodDomainInstance)!.opts;
    expect(zoneOpts.retainOnDelete).toBe(true);
    const lookups = built.calls.filter((c) => c.token === TENCENTCLOUD_INVOKES.dnspodDomainList);
    expect(lookups.map((c) => c.inputs.keyword)).toEqual(['qcbm.com']);
    expect(built.cloud.ofType(T.instance)[0].inputs.accessDomain).toBe('qcbm-gtm.com');
  });

  test('with app.tls the monitor checks HTTPS with SNI; without it, HTTP and no SNI', async () => {
    const tls = await build(withTls(activeActive(igtm(IGTM_LINES))));
    expect(tls.cloud.ofType(T.monitor)[0].inputs).toMatchObject({
      checkProtocol: 'HTTPS',
      enableSni: 'ENABLED',
      path: '/api/health',
      host: 'shop.qcbm.com',
    });
    expect(tls.result.traffic.monitorProtocol).toBe('HTTPS');
    const plain = await build(activeActive(igtm(IGTM_LINES)));
    expect(plain.cloud.ofType(T.monitor)[0].inputs.checkProtocol).toBe('HTTP');
    expect(plain.cloud.ofType(T.monitor)[0].inputs.enableSni).toBeUndefined();
  });

  test('a monitor path left out is the book list, which reaches the backend', async () => {
    const built = await build(activeActive(igtm(IGTM_LINES, { monitor: { detectorGroupIds: [30] } })));
    expect(built.cloud.ofType(T.monitor)[0].inputs.path).toBe('/api/book/all');
  });

  test("a domain-based CLB's domain is a pool address as it is", async () => {
    const input = activeActive(igtm(IGTM_LINES));
    const domain = 'lb-abc123-1234567890.clb.bj-tencentclb.com';
    const built = await build(input, addressesOf(input, { 'beijing-01': domain }));
    const pool = built.cloud.find(T.pool, 'qcbm-pool-beijing-01');
    expect((pool.inputs.addressSets as { addr: string }[])[0].addr).toBe(domain);
    expect(built.result.resolved.clusters['beijing-01'].address).toBe(domain);
  });
});

async function valueOfAll(outputs: Readonly<Record<string, pulumi.Output<string>>>) {
  return Object.fromEntries(
    await Promise.all(Object.entries(outputs).map(async ([k, v]) => [k, await valueOf(v)])),
  );
}
