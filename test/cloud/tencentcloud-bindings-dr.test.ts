import type * as pulumi from '@pulumi/pulumi';
import { underMocks, valueOf } from './support/under-mocks';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

/** The disaster-recovery bindings (IGTM, CCN, Redis replication) and the IGTM package invoke, under the fake cloud. */
async function buildAll() {
  const captured: { name: string; opts: pulumi.CustomResourceOptions }[] = [];
  return underMocks(async () => {
    const pulumiSdk = await import('@pulumi/pulumi');
    const tc = await import('../../src/cloud/tencentcloud');
    const capture: pulumi.ResourceTransformation = (args) => {
      captured.push({ name: args.name, opts: args.opts });
      return undefined;
    };
    const provider = new tc.TencentCloudProvider('tc', { region: 'ap-guangzhou' });
    const o = { provider, transformations: [capture] };
    const instance = new tc.IgtmInstance(
      'gtm',
      {
        domain: 'shop.qcbm.com',
        accessType: 'CUSTOM',
        accessDomain: 'qcbm-gtm.com',
        accessSubDomain: 'shop',
        globalTtl: 60,
        packageType: 'STANDARD',
        instanceName: 'qcbm-prod',
        resourceId: 'gtm-pkg-1',
      },
      { ...o, retainOnDelete: true },
    );
    const monitor = new tc.IgtmMonitor(
      'monitor',
      {
        monitorName: 'qcbm-prod',
        checkProtocol: 'HTTP',
        checkInterval: 60,
        timeout: 2,
        failTimes: 0,
        failRate: 50,
        detectorStyle: 'AUTO',
        detectorGroupIds: [30],
        path: '/',
      },
      o,
    );
    const pool = new tc.IgtmAddressPool(
      'pool',
      {
        poolName: 'qcbm-prod-beijing-01',
        trafficStrategy: 'WEIGHT',
        addressSets: [{ addr: '198.51.100.1', isEnable: 'ENABLED', weight: 50 }],
        monitorId: monitor.monitorId,
      },
      o,
    );
    const strategy = new tc.IgtmStrategy(
      'strategy',
      {
        instanceId: instance.instanceId,
        strategyName: 'qcbm-prod-default',
        sources: [{ dnsLineId: 1 }],
        mainAddressPoolSets: [
          { addressPools: [{ poolId: pool.poolId, weight: 1 }], trafficStrategy: 'WEIGHT' },
        ],
        fallbackAddressPoolSets: [{ addressPools: [{ poolId: pool.poolId }] }],
      },
      o,
    );
    const vpc = new tc.Vpc('vpc', { cidrBlock: '10.110.0.0/16', name: 'v' }, o);
    const ccn = new tc.CcnInstance('ccn', { name: 'qcbm-prod', qos: 'AU' }, o);
    const attachment = new tc.CcnAttachmentV2(
      'attach',
      { ccnId: ccn.id, instanceId: vpc.id, instanceRegion: 'ap-beijing', instanceType: 'VPC' },
      o,
    );
    const replication = new tc.RedisReplicateAttachment(
      'replication',
      {
        groupId: 'crs-rpl-orfiwmn5',
        masterInstanceId: 'crs-aaaa1111',
        instanceIds: ['crs-aaaa1111', 'crs-bbbb2222'],
      },
      o,
    );
    const packages = tc.getIgtmInstancePackageList(
      {
        filters: [
          { name: 'ResourceId', values: ['gtm-pkg-1'] },
          { name: 'PackageType', values: ['ULTIMATE'] },
        ],
      },
      { provider },
    );
    const resolved = await valueOf(
      pulumiSdk.output({
        instanceId: instance.instanceId,
        gtmId: instance.id,
        monitorId: monitor.monitorId,
        poolId: pool.poolId,
        strategyId: strategy.strategyId,
        strategyResourceId: strategy.id,
        ccnId: ccn.id,
        ccnState: ccn.state,
        attachmentState: attachment.state,
        attachmentCidrs: attachment.cidrBlocks,
        replicationId: replication.id,
        packages,
      }),
    );
    return { captured, resolved };
  });
}

const TYPES: Record<string, string> = {
  gtm: TENCENTCLOUD_TYPES.igtmInstance,
  monitor: TENCENTCLOUD_TYPES.igtmMonitor,
  pool: TENCENTCLOUD_TYPES.igtmAddressPool,
  strategy: TENCENTCLOUD_TYPES.igtmStrategy,
  ccn: TENCENTCLOUD_TYPES.ccnInstance,
  attach: TENCENTCLOUD_TYPES.ccnAttachmentV2,
  replication: TENCENTCLOUD_TYPES.redisReplicateAttachment,
};

describe('disaster-recovery bindings', () => {
  let built: Awaited<ReturnType<typeof buildAll>>;
  beforeAll(async () => {
    built = await buildAll();
  });

  test("each registers the provider's token under the explicit provider, at the pinned plugin version", () => {
    for (const [name, type] of Object.entries(TYPES)) {
      expect([name, built.cloud.find(type, name).provider]).toEqual([name, 'tc']);
      const opts = built.result.captured.find((c) => c.name === name)!.opts;
      expect([name, opts.version, opts.pluginDownloadURL]).toEqual([
        name,
        '0.2.3',
        'github://api.github.com/tencentcloudstack',
      ]);
    }
    expect(built.result.captured.find((c) => c.name === 'gtm')!.opts.retainOnDelete).toBe(true);
  });

  test('IGTM ids come back as the provider gives them: a gtm- instance id, numeric monitor, pool and strategy ids', () => {
    const r = built.result.resolved;
    expect(r.instanceId).toMatch(/^gtm-[0-9a-f]{8}$/);
    expect(r.gtmId).toBe(r.instanceId);
    for (const n of [r.monitorId, r.poolId, r.strategyId]) expect(Number.isInteger(n)).toBe(true);
    expect(r.strategyResourceId).toBe(`${r.instanceId}#${r.strategyId}`);
    const strategy = built.cloud.find(TYPES.strategy, 'strategy').inputs;
    expect(strategy.mainAddressPoolSets).toEqual([
      { addressPools: [{ poolId: r.poolId, weight: 1 }], trafficStrategy: 'WEIGHT' },
    ]);
    expect(built.cloud.find(TYPES.pool, 'pool').inputs.monitorId).toBe(r.monitorId);
  });

  test("CCN and Redis replication: a ccn- id, the attached VPC's CIDR, the replication group as the attachment's id", () => {
    const r = built.result.resolved;
    expect(r.ccnId).toMatch(/^ccn-[0-9a-f]{8}$/);
    expect([r.ccnState, r.attachmentState]).toEqual(['AVAILABLE', 'ACTIVE']);
    expect(r.attachmentCidrs).toEqual(['10.110.0.0/16']);
    expect(r.replicationId).toBe('crs-rpl-orfiwmn5');
    expect(built.cloud.find(TYPES.replication, 'replication').inputs).toEqual({
      groupId: 'crs-rpl-orfiwmn5',
      masterInstanceId: 'crs-aaaa1111',
      instanceIds: ['crs-aaaa1111', 'crs-bbbb2222'],
    });
  });

  test("getIgtmInstancePackageList: one package with the sample STANDARD floors, echoing the filter's id and type", () => {
    const { instanceSets } = built.result.resolved.packages;
    expect(instanceSets).toHaveLength(1);
    expect(instanceSets[0]).toMatchObject({
      resourceId: 'gtm-pkg-1',
      packageType: 'ULTIMATE',
      minCheckInterval: 60,
      minGlobalTtl: 60,
    });
  });
});
