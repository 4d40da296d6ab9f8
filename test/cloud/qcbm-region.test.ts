import type { RegionConfig } from '../../src/model/cloud-schema';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { checkCloudResource } from '../../src/policy/cloud-rules';
import type { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { isEnvelope, underMocks, valueOf } from './support/under-mocks';
import { standaloneSite } from './support/standalone-site';
import { repoPath } from '../support/repo-root';
import { QCBM_TYPES, RANDOM_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

const prod = loadFleetFromStackFile(repoPath('Pulumi.prod.yaml'));
const beijing = prod.cloud.regions.find((r) => r.region === 'ap-beijing')!;

async function buildRegion(region: RegionConfig) {
  return underMocks(async () => {
    const pulumi = await import('@pulumi/pulumi');
    const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
    const { QcbmRegion } = await import('../../src/cloud/region/qcbm-region');
    const { regionArgsFromFleet } = await import('../../src/cloud/environment/region-args');
    const provider = new TencentCloudProvider(`tencentcloud-${region.region}`, { region: region.region });
    const component = new QcbmRegion(
      region.region,
      regionArgsFromFleet(standaloneSite(prod, region), {
        provider,
        mysqlAccount: 'qcbm',
        mysqlPassword: pulumi.secret('Region-Test-Mysql-1!'),
        redisPassword: pulumi.secret('Region-Test-Redis-1!'),
      }),
    );
    return {
      component,
      runtime: await valueOf(component.runtime),
      kubeconfigSecret: await pulumi.isSecret(component.kubeconfig),
      mysql: component.mysqlEndpoint && (await valueOf(component.mysqlEndpoint)),
      redis: component.redisEndpoint && (await valueOf(component.redisEndpoint)),
      nacos: component.nacosEndpoint && (await valueOf(component.nacosEndpoint)),
      gatewayVip: await valueOf(component.gatewayVip),
    };
  });
}

describe('QcbmRegion with managed data stores', () => {
  let cloud: FakeTencentCloud;
  let result: Awaited<ReturnType<typeof buildRegion>>['result'];
  beforeAll(async () => {
    ({ cloud, result } = await buildRegion(beijing));
  });

  test('registers exactly the resources of one region', () => {
    const count = (type: string) => cloud.ofType(type).length;
    expect({
      vpc: count(TENCENTCLOUD_TYPES.vpc),
      subnet: count(TENCENTCLOUD_TYPES.subnet),
      sg: count(TENCENTCLOUD_TYPES.securityGroup),
      rules: count(TENCENTCLOUD_TYPES.securityGroupRuleSet),
      tke: count(TENCENTCLOUD_TYPES.tkeCluster),
      pool: count(TENCENTCLOUD_TYPES.tkeNodePool),
      endpoint: count(TENCENTCLOUD_TYPES.tkeClusterEndpoint),
      clb: count(TENCENTCLOUD_TYPES.clbInstance),
      mysql: count(TENCENTCLOUD_TYPES.mysqlInstance),
      mysqlDb: count(TENCENTCLOUD_TYPES.mysqlDatabase),
      mysqlAccount: count(TENCENTCLOUD_TYPES.mysqlAccount),
      mysqlPrivilege: count(TENCENTCLOUD_TYPES.mysqlPrivilege),
      redis: count(TENCENTCLOUD_TYPES.redisInstance),
      tse: count(TENCENTCLOUD_TYPES.tseInstance),
      password: count(RANDOM_TYPES.password),
    }).toEqual({
      vpc: 1,
      subnet: 2,
      sg: 2,
      rules: 2,
      tke: 1,
      pool: 1,
      endpoint: 1,
      clb: 2,
      mysql: 1,
      mysqlDb: 1,
      mysqlAccount: 1,
      mysqlPrivilege: 1,
      redis: 1,
      tse: 1,
      password: 1,
    });
  });

  test('every Tencent Cloud resource uses the region provider; every child is parented to the component', () => {
    const children = cloud.resources.filter((r) => r.type.startsWith('tencentcloud:'));
    expect(children.length).toBeGreaterThan(10);
    for (const r of children) expect([r.name, r.provider]).toEqual([r.name, 'tencentcloud-ap-beijing']);
    const region = cloud.find(QCBM_TYPES.region, 'ap-beijing');
    expect(region.custom).toBe(false);
    for (const r of [...children, ...cloud.ofType(RANDOM_TYPES.password)])
      expect(r.name.startsWith('ap-beijing-')).toBe(true);
  });

  test('the network follows the fleet layout', () => {
    expect(cloud.find(TENCENTCLOUD_TYPES.vpc, 'ap-beijing-vpc').inputs).toMatchObject({
      cidrBlock: '10.110.0.0/16',
    });
    expect(cloud.find(TENCENTCLOUD_TYPES.subnet, 'ap-beijing-nodes').inputs).toMatchObject({
      cidrBlock: '10.110.0.0/20',
      availabilityZone: 'ap-beijing-6',
      vpcId: expect.stringMatching(/^vpc-/),
    });
    expect(cloud.find(TENCENTCLOUD_TYPES.subnet, 'ap-beijing-data').inputs).toMatchObject({
      cidrBlock: '10.110.16.0/24',
    });
    expect(cloud.find(TENCENTCLOUD_TYPES.tkeCluster, 'ap-beijing-tke').inputs).toMatchObject({
      clusterCidr: '172.16.0.0/16',
      serviceCidr: '192.168.0.0/20',
      clusterVersion: '1.30.0',
      clusterDeployType: 'MANAGED_CLUSTER',
    });
    expect(cloud.find(TENCENTCLOUD_TYPES.tkeNodePool, 'ap-beijing-pool').inputs).toMatchObject({
      minSize: 3,
      maxSize: 9,
      desiredCapacity: 3,
      autoScalingConfig: expect.objectContaining({ instanceType: 'SA5.LARGE8', publicIpAssigned: false }),
    });
  });

  test('one public CLB for the Ingress and one internal CLB in the node subnet for api-gateway', () => {
    const ingress = cloud.find(TENCENTCLOUD_TYPES.clbInstance, 'ap-beijing-ingress-clb').inputs;
    const gateway = cloud.find(TENCENTCLOUD_TYPES.clbInstance, 'ap-beijing-gateway-clb').inputs;
    expect(ingress).toMatchObject({ networkType: 'OPEN' });
    expect(ingress.subnetId).toBeUndefined();
    expect(gateway).toMatchObject({ networkType: 'INTERNAL', subnetId: result.runtime.gatewaySubnetId });
    expect(result.gatewayVip.startsWith('10.110.')).toBe(true);
  });

  test('data stores have no public access and live in the data subnet behind the data security group', () => {
    const mysql = cloud.find(TENCENTCLOUD_TYPES.mysqlInstance, 'ap-beijing-mysql').inputs;
    expect(mysql.internetService).toBe(0);
    const dataSubnet = result.runtime.endpoints?.mysql?.host;
    expect(dataSubnet?.startsWith('10.110.16.')).toBe(true);
    const redis = cloud.find(TENCENTCLOUD_TYPES.redisInstance, 'ap-beijing-redis').inputs;
    expect(redis.securityGroups).toEqual(mysql.securityGroups);
    expect(
      cloud.resources.flatMap((r) => checkCloudResource({ type: r.type, name: r.name, props: r.inputs })),
    ).toEqual([]);
  });

  test("MySQL 8.0 gets mysql_native_password as its default authentication plugin (the services' Connector/J 5.1)", () => {
    const mysql = cloud.find(TENCENTCLOUD_TYPES.mysqlInstance, 'ap-beijing-mysql').inputs;
    expect(mysql.engineVersion).toBe('8.0');
    expect(mysql.parameters).toEqual({ default_authentication_plugin: 'mysql_native_password' });
  });

  test("the data security group opens only 3306, 6379 and Nacos's 8848 and 9848, only from nodes and pods", () => {
    const data = cloud.find(TENCENTCLOUD_TYPES.securityGroupRuleSet, 'ap-beijing-data-rules').inputs
      .ingresses as any[];
    const accepted = data.filter((r) => r.action === 'ACCEPT');
    expect(new Set(accepted.map((r) => r.port))).toEqual(new Set(['3306', '6379', '8848', '9848']));
    expect(new Set(accepted.map((r) => r.cidrBlock))).toEqual(new Set(['10.110.0.0/20', '172.16.0.0/16']));
    expect(accepted.some((r) => r.cidrBlock === '0.0.0.0/0')).toBe(false);
    expect(data[data.length - 1]).toMatchObject({ action: 'DROP', cidrBlock: '0.0.0.0/0' });
    const nodes = cloud.find(TENCENTCLOUD_TYPES.securityGroupRuleSet, 'ap-beijing-nodes-rules').inputs
      .ingresses as any[];
    expect(nodes.filter((r) => r.action === 'ACCEPT' && r.cidrBlock === '0.0.0.0/0')).toEqual([]);
  });

  test('passwords reach the engine as secrets; the kubeconfig output is secret', () => {
    expect(
      isEnvelope(cloud.find(TENCENTCLOUD_TYPES.mysqlInstance, 'ap-beijing-mysql').inputs.rootPassword),
    ).toBe(true);
    expect(
      isEnvelope(cloud.find(TENCENTCLOUD_TYPES.mysqlAccount, 'ap-beijing-mysql-account').inputs.password),
    ).toBe(true);
    expect(isEnvelope(cloud.find(TENCENTCLOUD_TYPES.redisInstance, 'ap-beijing-redis').inputs.password)).toBe(
      true,
    );
    expect(result.kubeconfigSecret).toBe(true);
  });

  test('runtime values carry the endpoints, the node subnet and the CLB ids the app needs', () => {
    expect(result.runtime).toEqual({
      endpoints: { mysql: result.mysql, redis: result.redis, nacos: result.nacos },
      gatewaySubnetId: expect.stringMatching(/^subnet-/),
      loadBalancers: {
        ingressClbId: expect.stringMatching(/^lb-/),
        gatewayClbId: expect.stringMatching(/^lb-/),
      },
    });
    expect(result.mysql).toEqual({ host: expect.stringMatching(/^10\.110\.16\./), port: 3306 });
    expect(result.redis).toEqual({ host: expect.stringMatching(/^10\.110\.16\./), port: 6379 });
  });
});

describe('QcbmRegion with MySQL 5.7', () => {
  test('sets no instance parameter: 5.7 authenticates with mysql_native_password already', async () => {
    const { cloud } = await buildRegion({
      ...beijing,
      mysql: { ...beijing.mysql, engineVersion: '5.7' },
    } as RegionConfig);
    const mysql = cloud.find(TENCENTCLOUD_TYPES.mysqlInstance, 'ap-beijing-mysql').inputs;
    expect(mysql.engineVersion).toBe('5.7');
    expect(mysql.parameters).toBeUndefined();
  });
});

describe('QcbmRegion with a managed Nacos (TSE)', () => {
  let cloud: FakeTencentCloud;
  let result: Awaited<ReturnType<typeof buildRegion>>['result'];
  beforeAll(async () => {
    ({ cloud, result } = await buildRegion(beijing));
  });

  test('one TSE Nacos in the VPC and the data subnet, postpaid, without internet access', () => {
    const [tse] = cloud.ofType(TENCENTCLOUD_TYPES.tseInstance);
    const vpc = cloud.find(TENCENTCLOUD_TYPES.vpc, 'ap-beijing-vpc');
    expect(tse.name).toBe('ap-beijing-nacos');
    expect(tse.provider).toBe('tencentcloud-ap-beijing');
    expect(tse.inputs).toEqual({
      engineType: 'nacos',
      engineVersion: '2.0.3.4',
      engineProductVersion: 'STANDARD',
      engineRegion: 'ap-beijing',
      engineName: 'qcbm-ap-beijing',
      tradeType: 0,
      engineResourceSpec: 'spec-1160a35a',
      engineNodeNum: 3,
      vpcId: expect.stringMatching(/^vpc-/),
      subnetId: cloud.find(TENCENTCLOUD_TYPES.redisInstance, 'ap-beijing-redis').inputs.subnetId,
      enableClientInternetAccess: false,
      tags: { app: 'qcbm', region: 'ap-beijing' },
    });
    expect(vpc.inputs.cidrBlock).toBe('10.110.0.0/16');
  });

  test("its address is looked up for its instance, VPC and subnet, and becomes the cluster's Nacos endpoint", () => {
    const lookups = cloud.calls.filter(
      (c) => c.token === 'tencentcloud:Tse/getAccessAddress:getAccessAddress',
    );
    const tse = cloud.ofType(TENCENTCLOUD_TYPES.tseInstance)[0].inputs;
    expect(lookups).toHaveLength(1);
    expect(lookups[0].inputs).toEqual({
      instanceId: expect.stringMatching(/^ins-/),
      vpcId: tse.vpcId,
      subnetId: tse.subnetId,
      engineRegion: 'ap-beijing',
    });
    expect(result.nacos).toEqual({ host: expect.stringMatching(/^10\.110\.16\./), port: 8848 });
    expect(result.runtime.endpoints?.nacos).toEqual(result.nacos);
  });

  test('an in-cluster or external registry creates no TSE instance and looks nothing up', async () => {
    for (const nacos of [{ mode: 'in-cluster', replicas: 3, storageGb: 10 }, { mode: 'external' }] as const) {
      const { cloud: other, result: built } = await buildRegion({ ...beijing, nacos });
      expect(other.ofType(TENCENTCLOUD_TYPES.tseInstance)).toEqual([]);
      expect(other.calls.filter((c) => c.token.startsWith('tencentcloud:Tse/'))).toEqual([]);
      expect(built.runtime.endpoints?.nacos).toBeUndefined();
    }
  });

  test('TSE with no usable intranet address fails with a ResourceError naming the instance', async () => {
    const pulumiModule = await import('@pulumi/pulumi');
    const { tseNacosEndpoint } = await import('../../src/cloud/region/registry');
    for (const intranetAddress of [null, '', 'not an address', ' ; ']) {
      const failure = (() => {
        try {
          tseNacosEndpoint({ intranetAddress }, 'ins-1a2b3c4d', 'ap-beijing');
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      expect(pulumiModule.ResourceError.isInstance(failure)).toBe(true);
      expect(failure?.message).toMatch(
        /^TSE Nacos ins-1a2b3c4d in ap-beijing gave no usable intranet address/,
      );
    }
    expect(tseNacosEndpoint({ intranetAddress: '10.110.16.9' }, 'ins-1', 'ap-beijing')).toEqual({
      host: '10.110.16.9',
      port: 8848,
    });
  });
});

describe('QcbmRegion with external data stores', () => {
  test('creates no database and leaves the endpoints to the fleet file', async () => {
    const external: RegionConfig = {
      ...beijing,
      mysql: { mode: 'external' },
      redis: { mode: 'external' },
      nacos: { mode: 'external' },
    };
    const { cloud, result } = await buildRegion(external);
    expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlInstance)).toEqual([]);
    expect(cloud.ofType(TENCENTCLOUD_TYPES.redisInstance)).toEqual([]);
    expect(cloud.ofType(TENCENTCLOUD_TYPES.tseInstance)).toEqual([]);
    expect(cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    expect(result.runtime.endpoints).toEqual({});
    expect(cloud.ofType(TENCENTCLOUD_TYPES.tkeCluster)).toHaveLength(1);
  });
});

describe('QcbmRegion as a component', () => {
  test('registers every public output, and hands its cluster one ClusterRuntime', async () => {
    const registered: Record<string, unknown>[] = [];
    const { result } = await underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const spy = jest
        .spyOn(pulumi.ComponentResource.prototype as any, 'registerOutputs')
        .mockImplementation(function (this: unknown, outputs: unknown) {
          registered.push(outputs as Record<string, unknown>);
        });
      const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
      const { QcbmRegion } = await import('../../src/cloud/region/qcbm-region');
      const { regionArgsFromFleet } = await import('../../src/cloud/environment/region-args');
      const provider = new TencentCloudProvider('tc', { region: beijing.region });
      const region = new QcbmRegion(
        beijing.region,
        regionArgsFromFleet(standaloneSite(prod, beijing), {
          provider,
          mysqlAccount: 'qcbm',
          mysqlPassword: pulumi.secret('Region-Test-Mysql-1!'),
          redisPassword: pulumi.secret('Region-Test-Redis-1!'),
        }),
      );
      spy.mockRestore();
      const publicOutputs = Object.entries(region)
        .filter(([k, v]) => k !== 'urn' && pulumi.Output.isInstance(v))
        .map(([k]) => k);
      return { publicOutputs, runtime: await valueOf(region.runtime) };
    });
    expect(registered).toHaveLength(1);
    // Outputs of what this region does not create (here: the public API's security group) are registered undefined.
    const defined = Object.keys(registered[0]).filter((k) => registered[0][k] !== undefined);
    expect(defined.sort()).toEqual([...result.publicOutputs].sort());
    expect(Object.keys(registered[0])).toContain('apiSecurityGroupId');
    expect(result.publicOutputs.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(result.runtime).sort()).toEqual(['endpoints', 'gatewaySubnetId', 'loadBalancers']);
  });

  test('what a user would want to set is an argument: database, account host, privileges, Redis port', async () => {
    const { cloud } = await underMocks(async () => {
      const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
      const { QcbmRegion } = await import('../../src/cloud/region/qcbm-region');
      const provider = new TencentCloudProvider('tc', { region: 'ap-beijing' });
      new QcbmRegion('ap-beijing', {
        region: 'ap-beijing',
        zone: 'ap-beijing-6',
        clusterName: 'beijing-01',
        provider,
        network: { vpcCidr: '10.1.0.0/16', nodeSubnetCidr: '10.1.0.0/20', dataSubnetCidr: '10.1.16.0/24' },
        kubernetes: { clusterCidr: '172.16.0.0/16', serviceCidr: '192.168.0.0/20' },
        mysql: {
          account: 'shop',
          password: 'Mysql-Pass-123',
          databaseName: 'bookshop',
          accountHost: '10.%',
          privileges: ['SELECT', 'INSERT'],
        },
        redis: { password: 'Redis-Pass-1', port: 6380 },
      });
    });
    expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlDatabase)[0].inputs).toMatchObject({ dbName: 'bookshop' });
    expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlAccount)[0].inputs).toMatchObject({
      name: 'shop',
      host: '10.%',
    });
    expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlPrivilege)[0].inputs).toMatchObject({
      accountHost: '10.%',
      databases: [{ databaseName: 'bookshop', privileges: ['SELECT', 'INSERT'] }],
    });
    expect(cloud.ofType(TENCENTCLOUD_TYPES.redisInstance)[0].inputs).toMatchObject({
      port: 6380,
      memSize: 1024,
    });
    const dataRules = cloud.find(TENCENTCLOUD_TYPES.securityGroupRuleSet, 'ap-beijing-data-rules').inputs
      .ingresses as any[];
    expect(dataRules.filter((r) => r.description?.startsWith('Redis')).map((r) => r.port)).toEqual([
      '6380',
      '6380',
    ]);
    expect(cloud.ofType(TENCENTCLOUD_TYPES.tkeNodePool)[0].inputs).toMatchObject({
      minSize: 2,
      maxSize: 6,
      desiredCapacity: 3,
    });
  });
});

describe("the region's public address: the Ingress CLB's VIP, else its domain", () => {
  /** Builds Beijing with the public CLB answering these outputs (the internal one keeps the fake's). */
  async function ingressAddressWith(outputs: { clbVips: string[]; domain: string }) {
    const { FakeTencentCloud } = await import('../../src/testing/fake-tencent-cloud');
    const answer = FakeTencentCloud.prototype.newResource;
    const spy = jest.spyOn(FakeTencentCloud.prototype, 'newResource').mockImplementation(function (
      this: FakeTencentCloud,
      args,
    ) {
      const result = answer.call(this, args);
      const open = args.type === TENCENTCLOUD_TYPES.clbInstance && args.inputs.networkType === 'OPEN';
      return open ? { ...result, state: { ...result.state, ...outputs } } : result;
    });
    try {
      const { result } = await underMocks(async () => {
        const pulumi = await import('@pulumi/pulumi');
        const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
        const { QcbmRegion } = await import('../../src/cloud/region/qcbm-region');
        const { regionArgsFromFleet } = await import('../../src/cloud/environment/region-args');
        const provider = new TencentCloudProvider('tc', { region: beijing.region });
        const region = new QcbmRegion(
          beijing.region,
          regionArgsFromFleet(standaloneSite(prod, beijing), {
            provider,
            mysqlAccount: 'qcbm',
            mysqlPassword: pulumi.secret('Region-Test-Mysql-1!'),
            redisPassword: pulumi.secret('Region-Test-Redis-1!'),
          }),
        );
        return {
          address: await valueOf(region.ingressAddress),
          vip: await valueOf(region.ingressVip),
          gatewayVip: await valueOf(region.gatewayVip),
        };
      });
      return result;
    } finally {
      spy.mockRestore();
    }
  }
  const DOMAIN = 'lb-0a1b2c3d-4e5f6g7h8i9j0k1l.clb.bj-tencentclb.com';

  test('a domain-based CLB (no VIP): the domain, which the traffic layer publishes', async () => {
    const built = await ingressAddressWith({ clbVips: [], domain: DOMAIN });
    expect(built).toEqual({ address: DOMAIN, vip: '', gatewayVip: expect.stringMatching(/^10\.110\./) });
  });

  test('a VIP wins over the domain; with neither the address is empty (and the traffic layer refuses it)', async () => {
    expect((await ingressAddressWith({ clbVips: ['203.0.113.9'], domain: DOMAIN })).address).toBe(
      '203.0.113.9',
    );
    expect((await ingressAddressWith({ clbVips: [], domain: '' })).address).toBe('');
  });
});
