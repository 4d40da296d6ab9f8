import * as pulumi from '@pulumi/pulumi';
import type { Fleet } from '../../src/model/fleet-schema';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { sitePlans } from '../../src/model/topology/site-plan';
import { writerName, WRITER_NAME_TTL_SECONDS } from '../../src/model/writer-name';
import type { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { KUBERNETES_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';
import { repoPath } from '../support/repo-root';
import { underMocks, valueOf } from './support/under-mocks';

const T = {
  zone: TENCENTCLOUD_TYPES.privateDnsZone,
  attachment: TENCENTCLOUD_TYPES.privateDnsZoneVpcAttachment,
  record: TENCENTCLOUD_TYPES.privateDnsRecord,
  mysql: TENCENTCLOUD_TYPES.mysqlInstance,
  dr: TENCENTCLOUD_TYPES.mysqlDrInstance,
  database: TENCENTCLOUD_TYPES.mysqlDatabase,
  account: TENCENTCLOUD_TYPES.mysqlAccount,
  privilege: TENCENTCLOUD_TYPES.mysqlPrivilege,
  redis: TENCENTCLOUD_TYPES.redisInstance,
  configGroup: KUBERNETES_TYPES.configGroup,
} as const;

const stackFile = (stack: string) => repoPath(`Pulumi.${stack}.yaml`);

/**
 * Builds a fleet's environment under mocks, under a parent whose transformation records each resource's options
 * (the mocks do not see them; children inherit the parent's transformations).
 */
async function environment(fleet: Fleet) {
  const options = new Map<string, pulumi.ResourceOptions>();
  const built = await underMocks(async () => {
    const { QcbmEnvironment } = await import('../../src/cloud/environment/qcbm-environment');
    const root = new pulumi.ComponentResource(
      'test:index:Root',
      'root',
      {},
      {
        transformations: [
          (a) => {
            options.set(`${a.type}::${a.name}`, a.opts);
            return undefined;
          },
        ],
      },
    );
    const env = new QcbmEnvironment('qcbm', { fleet, skywalkingToken: '' }, { parent: root });
    const vpcs: Record<string, string> = {};
    const mysqlHosts: Record<string, string> = {};
    for (const [name, region] of Object.entries(env.regions)) {
      vpcs[name] = await valueOf(region.vpcId);
      if (region.mysqlEndpoint) mysqlHosts[name] = (await valueOf(region.mysqlEndpoint)).host;
    }
    return { vpcs, mysqlHosts };
  });
  return { ...built, options };
}

function configMapOf(cloud: FakeTencentCloud, cluster: string): Record<string, string> {
  const objs = cloud.find(T.configGroup, `qcbm-${cluster}-app`).inputs.objs as any;
  return (objs.value ?? objs).find((o: any) => o.kind === 'ConfigMap').data;
}

describe.each([
  ['prod', 'ap-beijing', ['ap-beijing', 'ap-shanghai', 'ap-guangzhou']],
  ['dr', 'guangzhou-a', ['guangzhou-a', 'guangzhou-b', 'ap-shanghai']],
])('%s: one private name for the writable MySQL', (stack, primarySite, sites) => {
  const fleet = loadFleetFromStackFile(stackFile(stack));
  let cloud: FakeTencentCloud;
  let vpcs: Record<string, string>;
  let mysqlHosts: Record<string, string>;
  let options: Map<string, pulumi.ResourceOptions>;
  beforeAll(async () => {
    ({
      cloud,
      result: { vpcs, mysqlHosts },
      options,
    } = await environment(fleet));
  });

  test('one zone, qcbm-<fleet>.internal', () => {
    expect(cloud.ofType(T.zone).map((z) => z.inputs.domain)).toEqual([`qcbm-${fleet.name}.internal`]);
  });

  test("every site's VPC is joined to the zone, in its region", () => {
    const zoneId = expect.stringMatching(/^zone-/);
    const regionOf = new Map(sitePlans(fleet).map((p) => [p.componentName, p.layout.region]));
    expect(cloud.ofType(T.attachment).map((a) => [a.name, a.inputs.zoneId, a.inputs.vpcSet])).toEqual(
      sites.map((s) => [`qcbm-writer-zone-${s}`, zoneId, { region: regionOf.get(s), uniqVpcId: vpcs[s] }]),
    );
  });

  test("one A record, at the primary's address, with an explicit TTL", () => {
    const records = cloud.ofType(T.record);
    expect(records).toHaveLength(1);
    expect(Object.keys(mysqlHosts)).toEqual([primarySite]);
    expect(records[0].inputs).toEqual({
      zoneId: cloud.ofType(T.attachment)[0].inputs.zoneId,
      subDomain: 'mysql',
      recordType: 'A',
      recordValue: mysqlHosts[primarySite],
      ttl: WRITER_NAME_TTL_SECONDS,
    });
  });

  test("every cluster's MYSQL_HOST is the name", () => {
    const hosts = fleet.clusters.map((c) => [c.name, configMapOf(cloud, c.name).MYSQL_HOST]);
    expect(hosts).toEqual(fleet.clusters.map((c) => [c.name, `mysql.qcbm-${fleet.name}.internal`]));
  });

  test('the primary, its DR instances, the database, account and privileges are retained on delete', () => {
    const data = cloud.resources.filter((r) =>
      [T.mysql, T.dr, T.database, T.account, T.privilege].includes(r.type as never),
    );
    expect(data.length).toBeGreaterThanOrEqual(5);
    expect(data.map((r) => [r.name, options.get(`${r.type}::${r.name}`)?.retainOnDelete])).toEqual(
      data.map((r) => [r.name, true]),
    );
    // What can be recreated is not retained.
    const redis = cloud.ofType(T.redis)[0];
    expect(options.get(`${redis.type}::${redis.name}`)?.retainOnDelete).toBeUndefined();
  });
});

describe('where the stack does not create the primary', () => {
  test('staging (no primary named) has no private name', async () => {
    const staging = loadFleetFromStackFile(stackFile('staging'));
    expect(writerName(staging)).toBeUndefined();
    const { cloud } = await environment(staging);
    expect([T.zone, T.attachment, T.record].flatMap((t) => cloud.ofType(t))).toEqual([]);
  });
});
