import type * as pulumi from '@pulumi/pulumi';
import { isEnvelope, underMocks } from './support/under-mocks';
import { TENCENTCLOUD_PROVIDER_TYPE, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

type Captured = { type: string; name: string; opts: pulumi.ResourceOptions };

/** Builds one resource of every binding under mocks, capturing the options each hands to the engine. */
async function buildAll() {
  const captured: Captured[] = [];
  return underMocks(async () => {
    const tc = await import('../../src/cloud/tencentcloud');
    const capture: pulumi.ResourceTransformation = (args) => {
      captured.push({ type: args.type, name: args.name, opts: args.opts });
      return undefined;
    };
    const provider = new tc.TencentCloudProvider('tc', {
      region: 'ap-guangzhou',
      secretKey: 'Provider-Key-1',
    });
    const o = { provider, transformations: [capture] };
    const tags = { app: 'qcbm' };
    const vpc = new tc.Vpc('vpc', { cidrBlock: '10.0.0.0/16', name: 'v', tags }, o);
    const subnet = new tc.Subnet(
      'subnet',
      { vpcId: vpc.id, cidrBlock: '10.0.0.0/24', availabilityZone: 'ap-guangzhou-3', name: 's' },
      o,
    );
    const sg = new tc.SecurityGroup('sg', { name: 'g', description: 'd' }, o);
    new tc.SecurityGroupRuleSet(
      'rules',
      {
        securityGroupId: sg.id,
        ingresses: [{ action: 'ACCEPT', protocol: 'TCP', port: '3306', cidrBlock: '10.0.0.0/24' }],
      },
      o,
    );
    const cluster = new tc.TkeCluster(
      'tke',
      { vpcId: vpc.id, clusterCidr: '172.16.0.0/16', serviceCidr: '192.168.0.0/20', clusterName: 'c' },
      o,
    );
    new tc.TkeNodePool(
      'pool',
      {
        clusterId: cluster.id,
        vpcId: vpc.id,
        name: 'p',
        subnetIds: [subnet.id],
        minSize: 1,
        maxSize: 2,
        autoScalingConfig: { instanceType: 'SA5.LARGE8' },
      },
      o,
    );
    new tc.TkeClusterEndpoint(
      'endpoint',
      { clusterId: cluster.id, clusterInternet: true, clusterInternetSecurityGroup: sg.id },
      o,
    );
    const clb = new tc.ClbInstance('clb', { clbName: 'lb', networkType: 'OPEN', vpcId: vpc.id }, o);
    new tc.ClbListener('listener', { clbId: clb.id, listenerName: 'http', port: 80, protocol: 'TCP' }, o);
    const mysql = new tc.MysqlInstance(
      'mysql',
      {
        vpcId: vpc.id,
        subnetId: subnet.id,
        instanceName: 'db',
        memSize: 4000,
        volumeSize: 100,
        availabilityZone: 'ap-guangzhou-3',
        internetService: 0,
        rootPassword: 'Binding-Root-Pass-1',
      },
      o,
    );
    new tc.MysqlReadonlyInstance(
      'mysql-ro',
      { masterInstanceId: mysql.id, instanceName: 'ro', memSize: 4000, volumeSize: 100 },
      o,
    );
    new tc.MysqlDrInstance(
      'mysql-dr',
      {
        masterInstanceId: mysql.id,
        masterRegion: 'ap-guangzhou',
        instanceName: 'dr',
        memSize: 4000,
        volumeSize: 100,
      },
      o,
    );
    new tc.MysqlDatabase('db', { instanceId: mysql.id, dbName: 'qcbm', characterSetName: 'utf8' }, o);
    new tc.MysqlAccount(
      'account',
      { mysqlId: mysql.id, name: 'qcbm', password: 'Binding-Account-Pass-1' },
      o,
    );
    new tc.MysqlPrivilege(
      'privilege',
      {
        mysqlId: mysql.id,
        accountName: 'qcbm',
        globals: [],
        databases: [{ databaseName: 'qcbm', privileges: ['SELECT'] }],
      },
      o,
    );
    new tc.RedisInstance(
      'redis',
      {
        availabilityZone: 'ap-guangzhou-3',
        memSize: 1024,
        typeId: 8,
        vpcId: vpc.id,
        subnetId: subnet.id,
        password: 'Binding-Redis-1',
      },
      o,
    );
    new tc.DnspodRecord(
      'record',
      { domain: 'qcbm.com', subDomain: 'www', recordType: 'A', recordLine: '默认', value: '1.2.3.4' },
      o,
    );
    return captured;
  });
}

const EXPECTED_TYPES: Record<string, string> = {
  vpc: TENCENTCLOUD_TYPES.vpc,
  subnet: TENCENTCLOUD_TYPES.subnet,
  sg: TENCENTCLOUD_TYPES.securityGroup,
  rules: TENCENTCLOUD_TYPES.securityGroupRuleSet,
  tke: TENCENTCLOUD_TYPES.tkeCluster,
  pool: TENCENTCLOUD_TYPES.tkeNodePool,
  endpoint: TENCENTCLOUD_TYPES.tkeClusterEndpoint,
  clb: TENCENTCLOUD_TYPES.clbInstance,
  listener: TENCENTCLOUD_TYPES.clbListener,
  mysql: TENCENTCLOUD_TYPES.mysqlInstance,
  'mysql-ro': TENCENTCLOUD_TYPES.mysqlReadonlyInstance,
  'mysql-dr': TENCENTCLOUD_TYPES.mysqlDrInstance,
  db: TENCENTCLOUD_TYPES.mysqlDatabase,
  account: TENCENTCLOUD_TYPES.mysqlAccount,
  privilege: TENCENTCLOUD_TYPES.mysqlPrivilege,
  redis: TENCENTCLOUD_TYPES.redisInstance,
  record: TENCENTCLOUD_TYPES.dnspodRecord,
};

describe('Tencent Cloud bindings', () => {
  let built: Awaited<ReturnType<typeof buildAll>>;
  beforeAll(async () => {
    built = await buildAll();
  });

  test("each binding registers the provider's type token with its inputs, under the explicit provider", () => {
    const { cloud } = built;
    for (const [name, type] of Object.entries(EXPECTED_TYPES)) {
      const r = cloud.find(type, name);
      expect([name, r.provider]).toEqual([name, 'tc']);
    }
    expect(cloud.find(EXPECTED_TYPES.vpc, 'vpc').inputs).toMatchObject({
      cidrBlock: '10.0.0.0/16',
      tags: { app: 'qcbm' },
    });
    expect(cloud.find(EXPECTED_TYPES.subnet, 'subnet').inputs.vpcId).toMatch(/^vpc-/);
    expect(cloud.find(EXPECTED_TYPES['mysql-dr'], 'mysql-dr').inputs).toMatchObject({
      masterRegion: 'ap-guangzhou',
    });
  });

  test('each binding asks for the tencentcloud plugin at the pinned version from its download server', async () => {
    const { TENCENTCLOUD_PLUGIN_SERVER, TENCENTCLOUD_PLUGIN_VERSION } =
      await import('../../src/cloud/tencentcloud');
    expect(built.result.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED_TYPES).sort());
    for (const c of built.result) {
      expect([c.name, c.opts.version, c.opts.pluginDownloadURL]).toEqual([
        c.name,
        TENCENTCLOUD_PLUGIN_VERSION,
        TENCENTCLOUD_PLUGIN_SERVER,
      ]);
    }
    expect(built.cloud.find(TENCENTCLOUD_PROVIDER_TYPE, 'tc').inputs.region).toBe('ap-guangzhou');
  });

  test('credentials are secret inputs, and secret outputs are declared for the engine', () => {
    const { cloud, result } = built;
    expect(isEnvelope(cloud.find(EXPECTED_TYPES.mysql, 'mysql').inputs.rootPassword)).toBe(true);
    expect(isEnvelope(cloud.find(EXPECTED_TYPES.account, 'account').inputs.password)).toBe(true);
    expect(isEnvelope(cloud.find(EXPECTED_TYPES.redis, 'redis').inputs.password)).toBe(true);
    expect(isEnvelope(cloud.find(TENCENTCLOUD_PROVIDER_TYPE, 'tc').inputs.secretKey)).toBe(true);
    const secretOutputs = (name: string) =>
      (result.find((c) => c.name === name)!.opts as pulumi.CustomResourceOptions).additionalSecretOutputs;
    expect(secretOutputs('endpoint')).toEqual(expect.arrayContaining(['kubeConfig', 'kubeConfigIntranet']));
    expect(secretOutputs('tke')).toEqual(expect.arrayContaining(['kubeConfig']));
    expect(secretOutputs('mysql')).toEqual(['rootPassword']);
    expect(secretOutputs('account')).toEqual(['password']);
    expect(secretOutputs('redis')).toEqual(['password']);
  });
});

describe('bindingOptions', () => {
  test("keeps the caller's options and appends secret outputs", async () => {
    const { bindingOptions } = await import('../../src/cloud/tencentcloud/binding');
    const merged = bindingOptions({ protect: true, additionalSecretOutputs: ['a'] }, ['b']);
    expect(merged).toMatchObject({ protect: true, version: '0.2.3', additionalSecretOutputs: ['a', 'b'] });
    expect(bindingOptions(undefined).additionalSecretOutputs).toBeUndefined();
  });
});
