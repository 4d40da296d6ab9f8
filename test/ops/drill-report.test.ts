import { budgetTerms, parseFleet } from '../../src/model';
import {
  compareWithBudget,
  drillReport,
  formatDrillReport,
  type ComparisonRow,
} from '../../src/ops/drill/drill-report';
import type { FailoverPhases } from '../../src/ops/drill/drill-phases';
import type { Timeline } from '../../src/ops/drill/timeline';
import { activeActive, twoSitesThreeCentres } from '../support/dr-fleets';

/** The prod-like budget: detection 62 s, publish 30 s, TTL 60 s, client cache 30 s (182 s). */
const igtm = budgetTerms(parseFleet(activeActive()).traffic!);

function dnspodTerms() {
  const input = twoSitesThreeCentres() as any;
  delete input.topology.rtoSeconds;
  input.traffic = { mode: 'dnspod', zone: 'example.com', ttlSeconds: 600 };
  return budgetTerms(parseFleet(input).traffic!);
}

function verdicts(rows: ComparisonRow[]): string[] {
  return rows.map(
    (r) => `${r.line} ${r.phase}: ${r.measuredSeconds ?? '-'} / ${r.budgetSeconds ?? '-'} ${r.verdict}`,
  );
}

describe('compareWithBudget', () => {
  it('sets each phase against its terms: within, over, not observed', () => {
    expect(igtm.map((t) => [t.name, t.seconds])).toEqual([
      ['detection', 62],
      ['publish', 30],
      ['TTL', 60],
      ['client cache', 30],
    ]);
    const phases: FailoverPhases = {
      direction: 'out',
      monitored: true,
      lines: [
        {
          line: 'north-china',
          detectionMs: 61_400,
          publishAndTtlMs: 95_250,
          clientMs: 1_200,
          totalMs: 157_850,
        },
        { line: 'east-china', detectionMs: 61_400, publishAndTtlMs: 90_000 },
        { line: 'south-china', detectionMs: 61_400 },
      ],
    };
    expect(verdicts(compareWithBudget(phases, igtm))).toEqual([
      'north-china detection: 61.4 / 62 within',
      'north-china publish + TTL: 95.25 / 90 over',
      'north-china client: 1.2 / 30 within',
      'north-china total: 157.85 / 182 within',
      'east-china detection: 61.4 / 62 within',
      'east-china publish + TTL: 90 / 90 within',
      'east-china client: - / 30 not observed',
      'east-china total: - / 182 not observed',
      'south-china detection: 61.4 / 62 within',
      'south-china publish + TTL: - / 90 not observed',
      'south-china client: - / 30 not observed',
      'south-china total: - / 182 not observed',
    ]);
    expect(compareWithBudget(phases, igtm)[1].budgetTerms).toEqual(['publish', 'TTL']);
  });

  it('without a monitor, compares the DNS change from t0 with detection, publish and TTL together', () => {
    const rows = compareWithBudget(
      {
        direction: 'out',
        monitored: false,
        lines: [{ line: 'default', publishAndTtlMs: 160_000, clientMs: 500, totalMs: 160_500 }],
      },
      igtm,
    );
    expect(verdicts(rows)).toEqual([
      'default detection: - / 62 not measured',
      'default detection + publish + TTL: 160 / 152 over',
      'default client: 0.5 / 30 within',
      'default total: 160.5 / 182 within',
    ]);
    expect(rows[1].budgetTerms).toEqual(['detection', 'publish', 'TTL']);
  });

  it('has no budget where plain DNS records leave detection unbounded, and no publish term', () => {
    const rows = compareWithBudget(
      {
        direction: 'out',
        monitored: true,
        lines: [{ line: 'default', detectionMs: 300_000, publishAndTtlMs: 20_000 }],
      },
      dnspodTerms(),
    );
    expect(verdicts(rows)).toEqual([
      'default detection: 300 / - no budget',
      'default publish + TTL: 20 / 600 within',
      'default client: - / 30 not observed',
      'default total: - / - not observed',
    ]);
    expect(rows[1].budgetTerms).toEqual(['TTL']);
  });
});

function timeline(direction: 'out' | 'back', t0: number, complete: boolean): Timeline {
  return {
    direction,
    name: 'www.qcbm.com',
    t0,
    intervalMs: 1000,
    durationMs: 600_000,
    startedMs: 12.5,
    endedMs: complete ? 96_000 : 600_000,
    monitored: true,
    lines: ['north-china', 'east-china'],
    events: [
      {
        kind: 'monitor',
        atMs: 61_000,
        lastNotSeenMs: 60_000,
        status: direction === 'out' ? 'DOWN' : 'OK',
        before: direction === 'out' ? 'OK' : 'DOWN',
      },
      {
        kind: 'dns',
        line: 'north-china',
        atMs: 95_000,
        lastNotSeenMs: 94_000,
        addresses: ['198.51.100.7'],
        ttlSeconds: 60,
        before: ['192.0.2.10'],
      },
      { kind: 'http', line: 'north-china', atMs: 95_020, address: '198.51.100.7', status: 200, ms: 18.5 },
      ...(complete
        ? [
            { kind: 'dns' as const, line: 'east-china', atMs: 95_500, addresses: ['198.51.100.7'] },
            {
              kind: 'http' as const,
              line: 'east-china',
              atMs: 96_000,
              lastNotSeenMs: 95_500,
              address: '198.51.100.7',
              status: 200,
              ms: 20,
              before: '198.51.100.7: 503',
            },
          ]
        : []),
    ],
    probes: [
      { probe: 'monitor', attempts: 62, failures: 0 },
      {
        probe: 'dns',
        line: 'north-china',
        attempts: 96,
        failures: 2,
        lastError: 'no answer from 119.29.29.29:53 for www.qcbm.com A within 2000 ms',
        lastErrorAtMs: 40_000,
      },
    ],
    complete,
    aborted: false,
  };
}

describe('the drill report', () => {
  const t0 = Date.parse('2025-03-01T02:00:00.000Z');
  const report = drillReport({
    fleet: 'prod',
    region: 'ap-shanghai',
    method: 'localization',
    budget: igtm,
    out: timeline('out', t0, true),
    back: timeline('back', t0 + 3_600_000, false),
  });

  it('holds both directions as plain data', () => {
    expect(report.out.t0).toBe('2025-03-01T02:00:00.000Z');
    expect(report.back?.t0).toBe('2025-03-01T03:00:00.000Z');
    expect(report.name).toBe('www.qcbm.com');
    expect(report.out.phases.lines[0]).toEqual({
      line: 'north-china',
      detectionMs: 61_000,
      publishAndTtlMs: 34_000,
      clientMs: 20,
      totalMs: 95_020,
    });
    expect(report.out.comparison.map((r) => r.verdict)).toEqual([
      'within',
      'within',
      'within',
      'within',
      'within',
      'within',
      'within',
      'within',
    ]);
    expect(report.back?.comparison.filter((r) => r.line === 'east-china').map((r) => r.verdict)).toEqual([
      'within',
      'not observed',
      'not observed',
      'not observed',
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('prints aligned tables, the events and the failed probes', () => {
    const text = formatDrillReport(report);
    expect(text).toContain(
      'Drill of fleet prod: ap-shanghai taken out by localization, watching www.qcbm.com',
    );
    expect(text).toContain('Budget: detection 62 s + publish 30 s + TTL 60 s + client cache 30 s');
    expect(text).toContain(
      'Taking ap-shanghai out, t0 2025-03-01T02:00:00.000Z (probed every 1 s, for up to 600 s): every phase observed',
    );
    expect(text).toContain(
      'Restoring ap-shanghai, t0 2025-03-01T03:00:00.000Z (probed every 1 s, for up to 600 s): not everything observed within 600 s',
    );
    expect(text).toContain(
      '+95.000  north-china: DNS answers 198.51.100.7 (TTL 60 s), was 192.0.2.10; not yet at +94.000',
    );
    expect(text).toContain('+95.500  east-china: DNS answers 198.51.100.7; already so at the first probe');
    expect(text).toContain(
      '+96.000  east-china: HTTP 200 from 198.51.100.7 in 20 ms, was 198.51.100.7: 503; not yet at +95.500',
    );
    expect(text).toContain('dns north-china: 2 of 96, last at +40.000: no answer from 119.29.29.29:53');

    const tables = text.split('\n').filter((l) => /^ {2}(line|north-china|east-china) /.test(l));
    expect(tables).toHaveLength(2 * (1 + 8));
    const header = tables[0];
    expect(header).toMatch(/^ {2}line +phase +measured +budget +budget terms +verdict$/);
    // Every column starts (text) or ends (figures) where its header does.
    const verdictAt = header.indexOf('verdict');
    const measuredEnd = header.indexOf('measured') + 'measured'.length;
    for (const row of tables.slice(1, 9)) {
      expect(row.slice(verdictAt)).toMatch(/^(within|over|not observed)$/);
      expect(row.slice(0, measuredEnd)).toMatch(/(\d+\.\d\d s|-)$/);
    }
    expect(tables[1]).toMatch(/^ {2}north-china +detection +61\.00 s +62 s +detection +within$/);
    expect(
      tables.some((l) =>
        /east-china +total +- +182 s +detection \+ publish \+ TTL \+ client cache +not observed/.test(l),
      ),
    ).toBe(true);
  });
});
