import fc from 'fast-check';
import { parseFleet } from '../../src/model';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import {
  backupPlan,
  corruptionRecovery,
  MYSQL_BACKUP_DEFAULTS,
  regionDistanceKm,
} from '../../src/model/topology/backup-plan';
import { activeActive, drFleetInput, site } from '../support/dr-fleets';
import { expectFleetIssue, parseFleetResult } from '../support/fleet-issues';
import { repoPath } from '../support/repo-root';

type Input = ReturnType<typeof activeActive> & Record<string, any>;

/** A copy of `input` with `data.mysql.backup` set. */
function withBackup(input: Input, backup: Record<string, unknown>): Input {
  const copy = structuredClone(input);
  copy.data.mysql.backup = backup;
  return copy;
}

describe('backupPlan', () => {
  test('prod (active-active, primary in Beijing): copies go to the nearest other site, Shanghai', () => {
    const plan = backupPlan(loadFleetFromStackFile(repoPath('Pulumi.prod.yaml')));
    expect(plan.mysql).toEqual({
      primaryRegion: 'ap-beijing',
      ...MYSQL_BACKUP_DEFAULTS,
      remoteRegion: 'ap-shanghai',
    });
    expect(regionDistanceKm('ap-beijing', 'ap-shanghai')).toBeLessThan(
      regionDistanceKm('ap-beijing', 'ap-guangzhou'),
    );
  });

  test("dr (two-sites-three-centers): copies go to centre C's region, not the same-city centre B's", () => {
    const plan = backupPlan(loadFleetFromStackFile(repoPath('Pulumi.dr.yaml')));
    expect(plan.mysql?.primaryRegion).toBe('ap-guangzhou');
    expect(plan.mysql?.remoteRegion).toBe('ap-shanghai');
  });

  test("two-sites-three-centers with A and B in Shanghai: centre C's region, Beijing", () => {
    const fleet = parseFleet(
      drFleetInput(
        'two-sites-three-centers',
        [
          site('a', 'ap-shanghai', 'ap-shanghai-5'),
          site('b', 'ap-shanghai', 'ap-shanghai-4'),
          site('c', 'ap-beijing', 'ap-beijing-6'),
        ],
        { primaryCluster: 'a', lines: { default: 1 } },
      ),
    );
    expect(backupPlan(fleet).mysql?.remoteRegion).toBe('ap-beijing');
  });

  test('retention and binlog retention come from data.mysql.backup', () => {
    const fleet = parseFleet(
      withBackup(activeActive() as Input, { retentionDays: 30, binlogRetentionDays: 14 }),
    );
    expect(backupPlan(fleet).mysql).toMatchObject({ retentionDays: 30, binlogRetentionDays: 14 });
    expect(corruptionRecovery(backupPlan(fleet)).join('\n')).toMatch(/within the last 14 days/);
  });

  test('binlogs kept longer than backups are refused, naming the field, the value and the fix', () => {
    const issue = expectFleetIssue(
      withBackup(activeActive() as Input, { retentionDays: 7, binlogRetentionDays: 10 }),
      'fleet.data.mysql.backup.binlogRetentionDays',
      /must not exceed retentionDays \(7\)/,
    );
    expect(issue.fix).toMatch(/lower it to 7/);
  });

  test.each([[6], [1831], [7.5]])('retention %p days is outside TencentDB range and refused', (days) => {
    expectFleetIssue(
      withBackup(activeActive() as Input, { retentionDays: days }),
      'fleet.data.mysql.backup.retentionDays',
      /from 7 to 1830/,
    );
  });

  test("Redis is backed up only where the site's description says it holds data", () => {
    const input = activeActive() as Input;
    expect(backupPlan(parseFleet(input)).redisRegions).toEqual([]);
    input.cloud.regions[1].redis = { mode: 'managed', holds: 'data' };
    expect(backupPlan(parseFleet(input)).redisRegions).toEqual(['ap-shanghai']);
  });

  test('without another site to copy to, the plan says the backups are in one region only', () => {
    const lines = corruptionRecovery({
      mysql: { primaryRegion: 'ap-beijing', retentionDays: 7, binlogRetentionDays: 7 },
      redisRegions: [],
    });
    expect(lines.join('\n')).toMatch(/only in ap-beijing/);
  });
});

const REGIONS: Readonly<Record<string, readonly string[]>> = {
  'ap-beijing': ['ap-beijing-6', 'ap-beijing-7'],
  'ap-shanghai': ['ap-shanghai-5', 'ap-shanghai-4'],
  'ap-guangzhou': ['ap-guangzhou-3', 'ap-guangzhou-6'],
  'ap-chengdu': ['ap-chengdu-1', 'ap-chengdu-2'],
  'ap-nanjing': ['ap-nanjing-1', 'ap-nanjing-2'],
};
const REGION_IDS = Object.keys(REGIONS);
const KINDS = ['active-active', 'two-sites-three-centers', 'active-standby'] as const;

/** Fleets of 2 to 5 regions, any topology, the primary in any of them; some with centres A and B sharing one. */
const fleets = fc
  .tuple(
    fc.constantFrom(...KINDS),
    fc.shuffledSubarray(REGION_IDS, { minLength: 2, maxLength: 5 }),
    fc.nat(4),
    fc.boolean(),
  )
  .map(([kind, regions, p, twoInPrimary]) => {
    const primaryRegion = regions[p % regions.length];
    const sites = regions.map((r, i) => site(`site-${i}`, r, REGIONS[r][0]));
    if (twoInPrimary) sites.push(site('site-b', primaryRegion, REGIONS[primaryRegion][1]));
    const primaryCluster = sites.find((s) => s.region === primaryRegion)!.name;
    return drFleetInput(kind, sites, { primaryRegion, primaryCluster, lines: { default: 1 } });
  });

describe('property: for every single region lost, a full backup and the binlogs exist outside it', () => {
  test('over generated fleets', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fleets, (input) => {
        const fleet = parseFleetResult(input).fleet;
        if (!fleet) return;
        accepted++;
        const mysql = backupPlan(fleet).mysql;
        expect(mysql).toBeDefined();
        // The primary's own backups and binlogs, and the remote copy of both.
        const copies = [mysql!.primaryRegion, ...(mysql!.remoteRegion ? [mysql!.remoteRegion] : [])];
        for (const lost of new Set(fleet.clusters.map((c) => c.region))) {
          const outside = copies.filter((r) => r !== lost);
          expect({ lost, outside: outside.length > 0 }).toEqual({ lost, outside: true });
        }
      }),
      { numRuns: 100, seed: 20261204 },
    );
    expect(accepted).toBeGreaterThan(30);
  });
});
