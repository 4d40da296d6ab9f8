import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { writeBudget } from '../../src/model/topology/write-budget';
import { checkDrillConfirmation, isProductionStack } from '../../src/ops/drill/data/confirmation';
import {
  compareWithWriteBudget,
  type DataDrillReport,
  dataDrillFailed,
  formatDataDrillReport,
} from '../../src/ops/drill/data/data-drill-report';
import { thrownBy } from '../support/thrown';
import { repoPath } from '../support/repo-root';

const budget = writeBudget(loadFleetFromStackFile(repoPath('Pulumi.prod.yaml')))!;
const seconds = Object.fromEntries(budget.terms.map((t) => [t.name, t.seconds]));
const times = { fencedMs: 4_000, promotedMs: 64_000, retargetedMs: 65_000 };

describe('the data drill against the write budget', () => {
  test('each phase against its term; per site the first write (TTL), the restart (reconnection) and the total', () => {
    const rows = compareWithWriteBudget(
      budget,
      times,
      [
        { cluster: 'beijing-01', firstWriteMs: 12_000, restartedMs: 90_000, errors: [] },
        { cluster: 'shanghai-01', firstWriteMs: (seconds.TTL + 5) * 1000, errors: ['restart: timed out'] },
      ],
      true,
    );
    const view = rows.map((r) => [r.site, r.phase, r.measuredSeconds, r.budgetSeconds, r.verdict]);
    expect(view).toEqual([
      ['-', 'detection', undefined, seconds.detection, 'not measured'],
      ['-', 'fencing', 4, seconds.fencing, 'within'],
      ['-', 'promotion', 60, seconds.promotion, 'within'],
      ['beijing-01', 'first write', 12, seconds.TTL, 'within'],
      ['beijing-01', 'services restarted', 90 - 12, seconds.reconnection, 'within'],
      [
        'beijing-01',
        'total',
        65 + 90,
        seconds.fencing + seconds.promotion + seconds.TTL + seconds.reconnection,
        'within',
      ],
      ['shanghai-01', 'first write', seconds.TTL + 5, seconds.TTL, 'over'],
      ['shanghai-01', 'services restarted', undefined, seconds.reconnection, 'not observed'],
      ['shanghai-01', 'total', undefined, expect.any(Number), 'not observed'],
    ]);
  });

  test('without restarts (reconnect: pool-lifetime) the restart is not measured and the total ends with the write', () => {
    const rows = compareWithWriteBudget(
      budget,
      times,
      [{ cluster: 'a', firstWriteMs: 3_000, errors: [] }],
      false,
    );
    expect(rows.filter((r) => r.site === 'a').map((r) => [r.phase, r.measuredSeconds, r.verdict])).toEqual([
      ['first write', 3, 'within'],
      ['services restarted', undefined, 'not measured'],
      ['total', 68, 'within'],
    ]);
  });

  const report = (extra: Partial<DataDrillReport>): DataDrillReport => ({
    fleet: 'prod',
    stack: 'prod-rehearsal',
    primary: { cluster: 'beijing-01', region: 'ap-beijing', instanceId: 'cdb-old' },
    promoted: { cluster: 'shanghai-01', region: 'ap-shanghai', instanceId: 'cdb-new' },
    writerName: 'mysql.qcbm-prod.internal',
    t0: '2026-12-07T00:00:00.000Z',
    budget: budget.terms,
    comparison: compareWithWriteBudget(
      budget,
      times,
      [{ cluster: 'a', firstWriteMs: 3_000, errors: [] }],
      false,
    ),
    steps: {},
    sites: [{ cluster: 'a', firstWriteMs: 3_000, firstWrite: 'qcbm-drill-write: wrote from a', errors: [] }],
    preview: { command: 'pulumi preview', changeSummary: { import: 3, update: 7 }, problems: [] },
    calls: [],
    ...extra,
  });

  test('a drill within budget with a clean preview passes; a problem, an error or a failed preview fails it', () => {
    expect(dataDrillFailed(report({}))).toBe(false);
    expect(
      dataDrillFailed(
        report({ preview: { command: 'p', changeSummary: {}, problems: ['urn:...::mysql: replace'] } }),
      ),
    ).toBe(true);
    expect(dataDrillFailed(report({ previewError: 'pulumi exited 2' }))).toBe(true);
    expect(dataDrillFailed(report({ sites: [{ cluster: 'a', errors: ['write probe: failed'] }] }))).toBe(
      true,
    );
    const text = formatDataDrillReport(report({}));
    expect(text).toMatch(/cdb-new at shanghai-01 \(ap-shanghai\) promoted in place of cdb-old/);
    expect(text).toMatch(/a\s+first write\s+3\.00 s\s+30 s\s+TTL\s+within/);
    expect(text).toMatch(/Preview \(pulumi preview\): 3 import, 7 update/);
  });
});

describe('a typed confirmation on production stacks', () => {
  test.each([
    ['prod', 'prod', true],
    ['production', 'production', true],
    ['prod-eu', 'prod-eu', true],
    ['PROD', 'PROD', true],
    ['rehearsal', 'prod', true],
    ['dr', 'dr', false],
    ['producer', 'producer', false],
    ['staging', 'staging', false],
  ])('stack %s of fleet %s is production: %s', (stack, fleet, production) => {
    expect(isProductionStack(stack, fleet)).toBe(production);
  });

  test('only the stack name typed passes', () => {
    expect(thrownBy(() => checkDrillConfirmation('prod', undefined))).toMatchObject({
      message: expect.stringMatching(/stack prod fences its primary MySQL/),
      fix: expect.stringMatching(/--confirm prod/),
    });
    expect(thrownBy(() => checkDrillConfirmation('prod', 'yes'))).toMatchObject({
      message: expect.stringMatching(/typed: "yes"/),
    });
    expect(() => checkDrillConfirmation('prod', 'prod\n')).not.toThrow();
  });
});
