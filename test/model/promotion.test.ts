import { dataPlan, parseFleet, sitePlans } from '../../src/model';
import { activeActive, type DrFleetInput } from '../support/dr-fleets';
import { expectFleetIssue } from '../support/fleet-issues';

/** Prod-like active-active after a failover from Beijing to Shanghai, as `failover --execute` records it. */
function promoted(mysql: Record<string, unknown> = {}): DrFleetInput {
  const input = activeActive();
  return {
    ...input,
    data: {
      ...input.data,
      mysql: {
        ...input.data.mysql,
        primaryRegion: 'ap-shanghai',
        promotion: {
          instanceId: 'cdb-drsh0001',
          fromInstanceId: 'cdb-prim0001',
          fromRegion: 'ap-beijing',
          at: '2026-12-04T03:12:45Z',
        },
        ...mysql,
      },
    },
  } as DrFleetInput;
}

describe('data.mysql.promotion and lostRegions: the record of a failover', () => {
  test('the primary site adopts the promoted instance under the name it had as a disaster-recovery copy', () => {
    const plans = sitePlans(parseFleet(promoted()));
    const shanghai = plans.find((p) => p.cluster.name === 'shanghai-01');
    expect(shanghai?.adoptsMysql).toEqual({
      instanceId: 'cdb-drsh0001',
      instanceName: 'qcbm-ap-shanghai-dr',
      standbySync: 'async',
    });
    expect(plans.filter((p) => p.adoptsMysql).map((p) => p.cluster.name)).toEqual(['shanghai-01']);
    expect(plans.map((p) => [p.cluster.name, p.createsMysql, p.drCopy !== undefined])).toEqual([
      ['beijing-01', false, true],
      ['shanghai-01', true, false],
      ['guangzhou-01', false, true],
    ]);
  });

  test('a lost region gets no disaster-recovery instance until it is removed from lostRegions', () => {
    const fleet = parseFleet(promoted({ lostRegions: ['ap-beijing'] }));
    expect(dataPlan(fleet)?.drCopies.map((c) => c.name)).toEqual(['guangzhou-01']);
    expect(dataPlan(fleet)?.lostRegions).toEqual(['ap-beijing']);
    expect(sitePlans(fleet).map((p) => [p.cluster.name, p.drCopy !== undefined])).toEqual([
      ['beijing-01', false],
      ['shanghai-01', false],
      ['guangzhou-01', true],
    ]);
  });

  test('without a promotion the primary creates its instance', () => {
    const input = activeActive();
    expect(sitePlans(parseFleet(input)).some((p) => p.adoptsMysql !== undefined)).toBe(false);
  });

  test.each([
    [
      {
        promotion: {
          instanceId: 'cdb-1',
          fromInstanceId: 'cdb-prim0001',
          fromRegion: 'ap-beijing',
          at: '2026-12-04T03:12:45Z',
        },
      },
      'fleet.data.mysql.promotion.instanceId',
      /TencentDB for MySQL instance id/,
    ],
    [
      {
        promotion: {
          instanceId: 'cdb-drsh0001',
          fromInstanceId: 'cdb-prim0001',
          fromRegion: 'ap-beijing',
          at: '4 Dec 2026',
        },
      },
      'fleet.data.mysql.promotion.at',
      /UTC time in ISO 8601/,
    ],
    [
      {
        promotion: {
          instanceId: 'cdb-drsh0001',
          fromInstanceId: 'cdb-prim0001',
          fromRegion: 'ap-shanghai',
          at: '2026-12-04T03:12:45Z',
        },
      },
      'fleet.data.mysql.promotion.fromRegion',
      /is the primary's region/,
    ],
    [
      {
        promotion: {
          instanceId: 'cdb-prim0001',
          fromInstanceId: 'cdb-prim0001',
          fromRegion: 'ap-beijing',
          at: '2026-12-04T03:12:45Z',
        },
      },
      'fleet.data.mysql.promotion.instanceId',
      /is the old primary/,
    ],
    [
      { lostRegions: ['ap-shanghai'] },
      'fleet.data.mysql.lostRegions[0]',
      /the writable MySQL cannot be in a lost region/,
    ],
    [{ lostRegions: ['ap-chengdu'] }, 'fleet.data.mysql.lostRegions[0]', /no region of the fleet/],
    [{ lostRegions: ['ap-beijing', 'ap-beijing'] }, 'fleet.data.mysql.lostRegions[1]', /listed twice/],
  ])('refuses %j at %s', (mysql, path, message) => {
    expectFleetIssue(promoted(mysql), path, message);
  });
});
