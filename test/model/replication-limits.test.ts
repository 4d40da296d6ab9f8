import { parseFleet, redisMasterCluster } from '../../src/model';
import { activeActive, drFleetInput, site } from '../support/dr-fleets';
import { expectFleetIssue, fleetIssuesOf } from '../support/fleet-issues';

type Raw = ReturnType<typeof activeActive> & Record<string, any>;

/** Prod-like, with every region's Redis in one global replication group; Beijing moved to a zone that sells it. */
function globalRedis(): Raw {
  const input: Raw = activeActive();
  input.cloud.regions[0].zone = 'ap-beijing-7';
  input.data.redis = { globalReplication: { groupId: 'crs-rpl-orfiwmn5' } };
  return input;
}

describe('Redis global replication: the limits Tencent Cloud enforces, checked before anything is created', () => {
  test('a valid group: the master is in the primary MySQL region by default', () => {
    const fleet = parseFleet(globalRedis());
    expect(redisMasterCluster(fleet)?.name).toBe('beijing-01');
    const elsewhere = globalRedis();
    elsewhere.data.redis = {
      globalReplication: { groupId: 'crs-rpl-orfiwmn5', masterRegion: 'ap-shanghai' },
    };
    expect(redisMasterCluster(parseFleet(elsewhere))?.name).toBe('shanghai-01');
  });

  test('a zone where the feature is not sold', () => {
    const input = globalRedis();
    input.cloud.regions[0].zone = 'ap-beijing-6';
    expectFleetIssue(
      input,
      'fleet.cloud.regions[0].zone',
      /not a zone where Redis global replication is sold/,
    );
  });

  test('an engine the group does not take, too few replicas, and a spec unlike the master', () => {
    const input = globalRedis();
    input.cloud.regions[1].redis = { mode: 'managed', version: '6.2' };
    input.cloud.regions[0].redis = { mode: 'managed', replicas: 1 };
    input.cloud.regions[2].redis = { mode: 'managed', memSizeMb: 4096 };
    const paths = fleetIssuesOf(input).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'fleet.cloud.regions[1].redis.version',
        'fleet.cloud.regions[0].redis.replicas',
        'fleet.cloud.regions[2].redis.memSizeMb',
      ]),
    );
    expectFleetIssue(input, 'fleet.cloud.regions[1].redis.version', /takes Redis 4\.0 or 5\.0 only/);
    expectFleetIssue(input, 'fleet.cloud.regions[0].redis.replicas', /the master needs 2 replicas/);
    expectFleetIssue(input, 'fleet.cloud.regions[2].redis.memSizeMb', /share one spec/);
  });

  test('more than four members', () => {
    const input: Raw = drFleetInput('active-active', [
      site('beijing-01', 'ap-beijing', 'ap-beijing-7'),
      site('shanghai-01', 'ap-shanghai', 'ap-shanghai-5'),
      site('guangzhou-01', 'ap-guangzhou', 'ap-guangzhou-6'),
      site('chengdu-01', 'ap-chengdu', 'ap-chengdu-1'),
      site('nanjing-01', 'ap-nanjing', 'ap-nanjing-2'),
    ]);
    input.data.redis = { globalReplication: { groupId: 'crs-rpl-orfiwmn5' } };
    expectFleetIssue(
      input,
      'fleet.data.redis.globalReplication',
      /would join 5 Redis instances; .* at most 4/,
    );
  });

  test('a master whose Redis the stack does not create', () => {
    const input = globalRedis();
    input.cloud.regions[0].redis = { mode: 'external' };
    input.clusters[0].endpoints!.redis = { host: '10.100.16.9' };
    expectFleetIssue(
      input,
      'fleet.data.redis.globalReplication.masterRegion',
      /whose Redis this stack does not create/,
    );
  });
});

describe('MySQL disaster-recovery instances follow their primary', () => {
  test('another engine, or less disk than the primary', () => {
    const input: Raw = activeActive();
    input.cloud.regions[0].mysql = { mode: 'managed', engineVersion: '8.0', volumeSizeGb: 200 };
    input.cloud.regions[1].mysql = { mode: 'managed', engineVersion: '5.7', volumeSizeGb: 200 };
    input.cloud.regions[2].mysql = { mode: 'managed', engineVersion: '8.0', volumeSizeGb: 100 };
    expectFleetIssue(input, 'fleet.cloud.regions[1].mysql.engineVersion', /runs its engine/);
    expectFleetIssue(input, 'fleet.cloud.regions[2].mysql.volumeSizeGb', /smaller than the primary's 200 GB/);
  });
});
