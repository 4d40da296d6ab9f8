import type { Fleet } from '../../src/model/fleet-schema';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import type { FakeTencentCloud, RegisteredResource } from '../../src/testing/fake-tencent-cloud';
import { underMocks, valueOf } from './support/under-mocks';
import { repoPath } from '../support/repo-root';
import {
  KUBERNETES_TYPES,
  QCBM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../../src/cloud/type-tokens';

const stackFile = (stack: string) => repoPath(`Pulumi.${stack}.yaml`);

const T = {
  mysql: TENCENTCLOUD_TYPES.mysqlInstance,
  dr: TENCENTCLOUD_TYPES.mysqlDrInstance,
  redis: TENCENTCLOUD_TYPES.redisInstance,
  ccn: TENCENTCLOUD_TYPES.ccnInstance,
  attachment: TENCENTCLOUD_TYPES.ccnAttachmentV2,
  group: TENCENTCLOUD_TYPES.redisReplicateAttachment,
  rules: TENCENTCLOUD_TYPES.securityGroupRuleSet,
  clb: TENCENTCLOUD_TYPES.clbInstance,
  replication: QCBM_TYPES.dataReplication,
  configGroup: KUBERNETES_TYPES.configGroup,
} as const;

/** Builds the whole environment of a fleet under mocks; returns each site's ids, as the components output them. */
async function environment(fleet: Fleet) {
  return underMocks(async () => {
    const { QcbmEnvironment } = await import('../../src/cloud/environment/qcbm-environment');
    // A stack of declared collectors builds the app's Secret with their token.
    const env = new QcbmEnvironment('qcbm', { fleet, skywalkingToken: '' });
    const ids: Record<string, Record<string, string | undefined>> = {};
    for (const [name, region] of Object.entries(env.regions)) {
      ids[name] = {
        vpc: await valueOf(region.vpcId),
        dataSubnet: await valueOf(region.dataSubnetId),
        dataSg: await valueOf(region.dataSecurityGroupId),
        mysql: region.mysqlInstanceId && (await valueOf(region.mysqlInstanceId)),
        redis: region.redisInstanceId && (await valueOf(region.redisInstanceId)),
      };
    }
    return { ids, ccnId: env.data?.ccnId && (await valueOf(env.data.ccnId)) };
  });
}

/** The ACCEPT rules of a data security group as `port from cidr`. */
function accepted(cloud: FakeTencentCloud, site: string): string[] {
  const rules = cloud.find(T.rules, `${site}-data-rules`).inputs.ingresses as {
    action: string;
    port: string;
    cidrBlock: string;
  }[];
  return rules.filter((r) => r.action === 'ACCEPT').map((r) => `${r.port} from ${r.cidrBlock}`);
}

function configMapOf(cloud: FakeTencentCloud, cluster: string): Record<string, string> {
  const objs = cloud.find(T.configGroup, `qcbm-${cluster}-app`).inputs.objs as any;
  return (objs.value ?? objs).find((o: any) => o.kind === 'ConfigMap').data;
}

describe('prod (active-active): one primary in Beijing, disaster-recovery copies in Shanghai and Guangzhou', () => {
  const fleet = loadFleetFromStackFile(stackFile('prod'));
  let cloud: FakeTencentCloud;
  let ids: Awaited<ReturnType<typeof environment>>['result']['ids'];
  let ccnId: string | undefined;
  beforeAll(async () => {
    ({
      cloud,
      result: { ids, ccnId },
    } = await environment(fleet));
  });

  test('only the primary region creates a MySQL; each other region gets a DR instance with its own provider', () => {
    expect(cloud.ofType(T.mysql).map((r) => r.provider)).toEqual(['tencentcloud-ap-beijing']);
    const copies = cloud.ofType(T.dr);
    expect(copies.map((r) => [r.name, r.provider])).toEqual([
      ['ap-shanghai-mysql-dr', 'tencentcloud-ap-shanghai'],
      ['ap-guangzhou-mysql-dr', 'tencentcloud-ap-guangzhou'],
    ]);
    for (const copy of copies) {
      const site = copy.name.replace('-mysql-dr', '');
      const layout = fleet.cloud.regions.find((r) => r.region === site)!;
      expect(copy.inputs).toMatchObject({
        instanceName: `qcbm-${site}-dr`,
        masterInstanceId: ids['ap-beijing'].mysql,
        masterRegion: 'ap-beijing',
        availabilityZone: layout.zone,
        vpcId: ids[site].vpc,
        subnetId: ids[site].dataSubnet,
        securityGroups: [ids[site].dataSg],
        memSize: layout.mysql.mode === 'managed' ? layout.mysql.memSizeMb : NaN,
        volumeSize: layout.mysql.mode === 'managed' ? layout.mysql.volumeSizeGb : NaN,
        // Stated, not left to the provider: cross-region replication is asynchronous.
        slaveSyncMode: 0,
      });
    }
  });

  test('the primary replicates to its standby as the fleet says (semi-sync)', () => {
    expect(cloud.find(T.mysql, 'ap-beijing-mysql').inputs.slaveSyncMode).toBe(1);
  });

  test("a Cloud Connect Network joins every region's VPC", () => {
    expect(cloud.ofType(T.ccn).map((r) => [r.name, r.inputs.name, r.provider])).toEqual([
      ['qcbm-ccn', 'qcbm-prod', 'tencentcloud-ap-beijing'],
    ]);
    expect(
      cloud
        .ofType(T.attachment)
        .map((r) => [r.inputs.instanceRegion, r.inputs.instanceType, r.inputs.instanceId, r.inputs.ccnId]),
    ).toEqual(
      ['ap-beijing', 'ap-shanghai', 'ap-guangzhou'].map((region) => [region, 'VPC', ids[region].vpc, ccnId]),
    );
  });

  test("the primary's data security group admits the other regions' nodes and pods on 3306 only", () => {
    const peers = accepted(cloud, 'ap-beijing').filter(
      (r) => !r.includes('10.110.') && !r.includes('172.16.'),
    );
    expect(peers).toEqual([
      '3306 from 10.120.0.0/20',
      '3306 from 172.17.0.0/16',
      '3306 from 10.130.0.0/20',
      '3306 from 172.18.0.0/16',
    ]);
    // The other regions hold nothing writable: only their own nodes and pods reach their data stores.
    expect(accepted(cloud, 'ap-shanghai').every((r) => r.includes('10.120.') || r.includes('172.17.'))).toBe(
      true,
    );
  });

  test("every cluster's MYSQL_HOST is the primary's one name; each keeps its own Redis", () => {
    const redisHosts = new Set<string>();
    for (const c of fleet.clusters) {
      const data = configMapOf(cloud, c.name);
      expect([c.name, data.MYSQL_HOST]).toEqual([c.name, 'mysql.qcbm-prod.internal']);
      redisHosts.add(data.REDIS_HOST);
    }
    expect(redisHosts.size).toBe(3);
    expect(cloud.ofType(T.group)).toEqual([]);
  });
});

describe('dr (two sites, three centres): A and B in two zones of Guangzhou, C in Shanghai', () => {
  const fleet = loadFleetFromStackFile(stackFile('dr'));
  let cloud: FakeTencentCloud;
  let ids: Awaited<ReturnType<typeof environment>>['result']['ids'];
  beforeAll(async () => {
    ({
      cloud,
      result: { ids },
    } = await environment(fleet));
  });

  test("the primary spans A's and B's zones with strong sync; B creates no MySQL; C holds the DR copy", () => {
    expect(cloud.ofType(T.mysql).map((r) => [r.name, r.inputs.availabilityZone])).toEqual([
      ['guangzhou-a-mysql', 'ap-guangzhou-3'],
    ]);
    expect(cloud.find(T.mysql, 'guangzhou-a-mysql').inputs).toMatchObject({
      firstSlaveZone: 'ap-guangzhou-6',
      slaveDeployMode: 1,
      slaveSyncMode: 2,
    });
    expect(
      cloud.ofType(T.dr).map((r) => [r.name, r.provider, r.inputs.masterRegion, r.inputs.masterInstanceId]),
    ).toEqual([
      ['ap-shanghai-mysql-dr', 'tencentcloud-ap-shanghai', 'ap-guangzhou', ids['guangzhou-a'].mysql],
    ]);
  });

  test('one provider for Guangzhou, two sites in it with their own names; the CCN joins all three VPCs', () => {
    expect(cloud.ofType(TENCENTCLOUD_PROVIDER_TYPE).map((p) => p.name)).toEqual([
      'tencentcloud-ap-guangzhou',
      'tencentcloud-ap-shanghai',
    ]);
    expect(cloud.ofType(QCBM_TYPES.region).map((r) => r.name)).toEqual([
      'guangzhou-a',
      'guangzhou-b',
      'ap-shanghai',
    ]);
    expect(
      cloud
        .ofType(T.clb)
        .map((r) => r.inputs.clbName)
        .sort(),
    ).toEqual([
      'qcbm-dr-gateway',
      'qcbm-dr-guangzhou-a-gateway',
      'qcbm-dr-guangzhou-a-ingress',
      'qcbm-dr-guangzhou-b-gateway',
      'qcbm-dr-guangzhou-b-ingress',
      'qcbm-dr-ingress',
    ]);
    expect(cloud.ofType(T.redis).map((r) => r.inputs.name)).toEqual([
      'qcbm-ap-guangzhou-guangzhou-a',
      'qcbm-ap-guangzhou-guangzhou-b',
      'qcbm-ap-shanghai',
    ]);
    expect(
      cloud.ofType(T.attachment).map((r) => [r.name, r.inputs.instanceRegion, r.inputs.instanceId]),
    ).toEqual([
      ['qcbm-ccn-guangzhou-a', 'ap-guangzhou', ids['guangzhou-a'].vpc],
      ['qcbm-ccn-guangzhou-b', 'ap-guangzhou', ids['guangzhou-b'].vpc],
      ['qcbm-ccn-ap-shanghai', 'ap-shanghai', ids['ap-shanghai'].vpc],
    ]);
  });

  test("A's data security group admits B's and C's nodes and pods on 3306", () => {
    expect(accepted(cloud, 'guangzhou-a')).toEqual(
      expect.arrayContaining([
        '3306 from 10.160.0.0/20',
        '3306 from 172.25.0.0/16',
        '3306 from 10.170.0.0/20',
        '3306 from 172.26.0.0/16',
      ]),
    );
  });
});

describe('Redis global replication', () => {
  function globalRedisFleet(): Fleet {
    const raw = JSON.parse(JSON.stringify(loadFleetFromStackFile(stackFile('prod'))));
    raw.cloud.regions[0].zone = 'ap-beijing-7';
    raw.data.redis = { globalReplication: { groupId: 'crs-rpl-orfiwmn5' } };
    return parseFleet(raw);
  }

  test('joins every managed Redis to the group, the master in the primary region; every cluster uses the master', async () => {
    const { cloud, result } = await environment(globalRedisFleet());
    const group = cloud.ofType(T.group);
    expect(group).toHaveLength(1);
    expect(group[0].provider).toBe('tencentcloud-ap-beijing');
    expect(group[0].inputs).toEqual({
      groupId: 'crs-rpl-orfiwmn5',
      masterInstanceId: result.ids['ap-beijing'].redis,
      instanceIds: ['ap-beijing', 'ap-shanghai', 'ap-guangzhou'].map((r) => result.ids[r].redis),
    });
    const hosts = new Set(
      ['beijing-01', 'shanghai-01', 'guangzhou-01'].map((c) => configMapOf(cloud, c).REDIS_HOST),
    );
    expect(hosts.size).toBe(1);
    expect([...hosts][0]).toMatch(/^10\.110\.16\./);
    expect(accepted(cloud, 'ap-beijing')).toEqual(
      expect.arrayContaining(['6379 from 10.120.0.0/20', '6379 from 172.18.0.0/16']),
    );
  });
});

describe('a fleet whose sites share nothing', () => {
  test('staging (one region, no primary named) has no replication, no CCN, no DR instance', async () => {
    const { cloud } = await environment(loadFleetFromStackFile(stackFile('staging')));
    const shared = (r: RegisteredResource) =>
      [T.replication, T.ccn, T.attachment, T.dr, T.group].includes(r.type as never);
    expect(cloud.resources.filter(shared)).toEqual([]);
    expect(cloud.ofType(T.mysql)).toHaveLength(1);
  });
});
