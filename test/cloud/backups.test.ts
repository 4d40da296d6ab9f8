import type { Fleet } from '../../src/model/fleet-schema';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import type { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';
import { activeActive } from '../support/dr-fleets';
import { repoPath } from '../support/repo-root';
import { underMocks, valueOf } from './support/under-mocks';

const T = {
  policy: TENCENTCLOUD_TYPES.mysqlBackupPolicy,
  remote: TENCENTCLOUD_TYPES.mysqlRemoteBackupConfig,
  redisBackup: TENCENTCLOUD_TYPES.redisBackupConfig,
} as const;

/** The environment of a fleet under mocks, with the primary MySQL's and each region's Redis id. */
async function environment(fleet: Fleet) {
  return underMocks(async () => {
    const { QcbmEnvironment } = await import('../../src/cloud/environment/qcbm-environment');
    const env = new QcbmEnvironment('qcbm', { fleet, skywalkingToken: '' });
    const ids: Record<string, { mysql?: string; redis?: string }> = {};
    for (const [name, region] of Object.entries(env.regions)) {
      ids[name] = {
        ...(region.mysqlInstanceId ? { mysql: await valueOf(region.mysqlInstanceId) } : {}),
        ...(region.redisInstanceId ? { redis: await valueOf(region.redisInstanceId) } : {}),
      };
    }
    return ids;
  });
}

describe.each([
  // prod: active-active, primary in Beijing; Shanghai is the nearest other site.
  ['prod', 'ap-beijing', 'ap-shanghai'],
  // dr: two-sites-three-centers, A and B in Guangzhou; C in Shanghai.
  ['dr', 'ap-guangzhou', 'ap-shanghai'],
])('%s: the primary is backed up and its backups copied to another site', (stack, primaryRegion, remote) => {
  let cloud: FakeTencentCloud;
  let primaryId: string | undefined;
  beforeAll(async () => {
    const fleet = loadFleetFromStackFile(repoPath(`Pulumi.${stack}.yaml`));
    const run = await environment(fleet);
    cloud = run.cloud;
    primaryId = Object.values(run.result).find((r) => r.mysql)?.mysql;
  });

  test("a backup policy on the primary, in the primary's region, with the default retention", () => {
    const policies = cloud.ofType(T.policy);
    expect(policies.map((p) => [p.provider, p.inputs.mysqlId])).toEqual([
      [`tencentcloud-${primaryRegion}`, primaryId],
    ]);
    expect(primaryId).toMatch(/^cdb-/);
    expect(policies[0].inputs).toMatchObject({
      retentionPeriod: 7,
      binlogPeriod: 7,
      backupModel: 'physical',
    });
  });

  test(`backups and binlogs copied to ${remote}, kept as long as the backups`, () => {
    const copies = cloud.ofType(T.remote);
    expect(copies.map((c) => c.inputs)).toEqual([
      {
        instanceId: primaryId,
        remoteBackupSave: 'on',
        remoteBinlogSave: 'on',
        remoteRegions: [remote],
        expireDays: 7,
      },
    ]);
    expect(copies[0].inputs.remoteRegions).not.toContain(primaryRegion);
  });

  test('no Redis backup: every Redis is a cache by default', () => {
    expect(cloud.ofType(T.redisBackup)).toEqual([]);
  });
});

describe('Redis that holds data', () => {
  test("is backed up daily with its region's provider; caches are not", async () => {
    const input = activeActive() as any;
    input.cloud.regions[1].redis = { mode: 'managed', holds: 'data' };
    input.cloud.regions[2].redis = { mode: 'managed', holds: 'cache' };
    const { cloud, result: ids } = await environment(parseFleet(input));
    const backups = cloud.ofType(T.redisBackup);
    expect(backups.map((b) => [b.provider, b.inputs.redisId])).toEqual([
      ['tencentcloud-ap-shanghai', ids['ap-shanghai'].redis],
    ]);
    expect(ids['ap-shanghai'].redis).toBeDefined();
    expect(backups[0].inputs.backupTime).toMatch(/^\d\d:00-\d\d:00$/);
  });
});
