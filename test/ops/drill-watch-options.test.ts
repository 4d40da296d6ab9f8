import { DRILL_SETTINGS } from '../../src/model';
import { thrownBy } from '../support/thrown';
import { DrillOptionError } from '../../src/ops/drill/option-error';
import {
  checkWatchOptions,
  checkWatchSettings,
  settleWatchOptions,
  type WatchFailoverOptions,
} from '../../src/ops/drill/watch-options';

// Checking only: nothing here is contacted (the server is a documentation address).
const SERVER = { host: '192.0.2.53', port: 53 };
const NORTH = '203.0.113.0/24';
const EAST = '198.51.100.0/24';

function line(name: string, clientSubnet?: string) {
  return { line: name, server: SERVER, ...(clientSubnet ? { clientSubnet } : {}) };
}

function options(t0: number, rest: Partial<WatchFailoverOptions> = {}): WatchFailoverOptions {
  return {
    direction: 'out',
    t0,
    name: 'www.qcbm-gtm.com.',
    lines: [line('north-china', NORTH)],
    outAddresses: ['192.0.2.10'],
    ...rest,
  };
}

describe('settleWatchOptions', () => {
  it('fills in the defaults of DRILL_SETTINGS', () => {
    const t0 = Date.now();
    const s = settleWatchOptions(options(t0, { outAddresses: ['2001:db8:0::1'] }));
    expect(s).toMatchObject({
      intervalMs: DRILL_SETTINGS.intervalMs.default,
      monitorIntervalMs: DRILL_SETTINGS.intervalMs.default,
      durationMs: DRILL_SETTINGS.durationMs.default,
      probeTimeoutMs: DRILL_SETTINGS.probeTimeoutMs.default,
      http: { hostHeader: 'www.qcbm-gtm.com', path: '/', port: 80, scheme: 'http' },
    });
    expect([...s.outAddresses]).toEqual(['2001:db8::1']);
    expect(s.restoredAddresses).toBe(s.outAddresses);
    expect(settleWatchOptions(options(t0, { http: { scheme: 'https' } })).http.port).toBe(443);
    expect(settleWatchOptions(options(t0, { intervalMs: 200 })).monitorIntervalMs).toBe(200);
  });

  it('throws on options outside the bounds, naming the option, the bounds and the value', () => {
    const t0 = Date.now();
    const cases: [Partial<WatchFailoverOptions>, string | RegExp][] = [
      [{ intervalMs: 10 }, 'intervalMs must be from 50 to 60000 ms, not 10'],
      [{ monitorIntervalMs: 120_000 }, 'monitorIntervalMs must be from 50 to 60000 ms'],
      [{ durationMs: 2 * 3_600_000 }, 'durationMs must be from 1000 to 3600000 ms'],
      [{ intervalMs: 1000, durationMs: 500 }, 'durationMs must be from 1000 to 3600000 ms, not 500'],
      [{ probeTimeoutMs: 5 }, 'probeTimeoutMs must be from 10 to 60000 ms'],
      [{ t0: t0 + 60_000 }, /t0 is \d+ ms in the future/],
      [{ t0: t0 - 10_000, durationMs: 5000 }, 'durationMs (5000 ms) has already passed since t0'],
      [{ lines: [] }, 'lines must hold 1 to 32 lines, not 0'],
      [{ lines: [line('a', NORTH), line('a', EAST)] }, 'line "a" is given twice'],
      [{ lines: [line(' ')] }, 'every line needs a name'],
      [
        { lines: [{ line: 'a', server: { host: 'ns1.dnspod.net', port: 53 } }] },
        'line "a": DNS server "ns1.dnspod.net" must be an IP address',
      ],
      [
        { lines: [line('a', '203.0.113.0/33')] },
        'line "a": client subnet "203.0.113.0/33" is not a CIDR block',
      ],
      [{ outAddresses: [] }, "outAddresses must name the drilled region's addresses"],
      [{ outAddresses: ['clb.example.com'] }, 'outAddresses: "clb.example.com" is not an IP address'],
      [{ restoredAddress: 'clb.example.com' }, 'restoredAddress: "clb.example.com" is not an IP address'],
      [{ direction: 'sideways' as 'out' }, 'direction must be "out" or "back"'],
      [{ http: { path: 'health' } }, 'path "health" must start with /'],
      [{ name: 'www..qcbm.com' }, 'not a DNS name'],
      [{ readMonitor: 'DOWN' as unknown as () => Promise<string> }, 'readMonitor must be a function'],
    ];
    expect.assertions(cases.length);
    for (const [bad, message] of cases) {
      expect(() => settleWatchOptions(options(t0, bad))).toThrow(message);
    }
  });

  it('accepts the bounds themselves', () => {
    const { intervalMs, durationMs, probeTimeoutMs, lines } = DRILL_SETTINGS;
    const t0 = Date.now();
    const many = Array.from({ length: lines.max }, (_, i) => line(`line-${i}`));
    expect(
      settleWatchOptions(
        options(t0, {
          intervalMs: intervalMs.min,
          monitorIntervalMs: intervalMs.max,
          durationMs: durationMs.max,
          probeTimeoutMs: probeTimeoutMs.max,
          lines: many,
        }),
      ).lines,
    ).toHaveLength(lines.max);
  });
});

describe('checkWatchOptions', () => {
  it('checks as the watch would, taking t0 as now', () => {
    const rest: Omit<WatchFailoverOptions, 't0'> = {
      direction: 'out',
      name: 'www.qcbm-gtm.com',
      lines: [line('default')],
      outAddresses: ['192.0.2.10'],
    };
    expect(() => checkWatchOptions(rest)).not.toThrow();
    expect(() => checkWatchOptions({ ...rest, intervalMs: 5000, durationMs: 1000 })).toThrow(
      'durationMs must be from 5000 to 3600000 ms, not 1000',
    );
  });
});

describe('checkWatchSettings: what a dry run checks, before the server and the addresses are known', () => {
  const name = 'www.qcbm-gtm.com';

  it('fills in the defaults without a server', () => {
    expect(checkWatchSettings({ name, lines: [{ line: 'east-china', clientSubnet: EAST }] })).toEqual({
      intervalMs: DRILL_SETTINGS.intervalMs.default,
      monitorIntervalMs: DRILL_SETTINGS.intervalMs.default,
      durationMs: DRILL_SETTINGS.durationMs.default,
      probeTimeoutMs: DRILL_SETTINGS.probeTimeoutMs.default,
      http: { hostHeader: name, path: '/', port: 80, scheme: 'http' },
    });
  });

  it.each([
    [{ lines: [{ line: 'east-china', clientSubnet: '10.0.0.0/33' }] }, 'clientSubnet', '10.0.0.0/33'],
    [{ lines: [{ line: 'a', server: { host: '127.0.0.1', port: 99999 } }] }, 'server', 99999],
    [{ http: { port: 70000 } }, 'http.port', 70000],
    [{ http: { path: 'x' } }, 'http.path', 'x'],
    [{ intervalMs: 5000, durationMs: 1000 }, 'durationMs', 1000],
  ])('%j fails with the option, the value and the rule', (bad, option, value) => {
    const error = thrownBy(() => checkWatchSettings({ name, lines: [{ line: 'a' }], ...bad }));
    expect(error).toBeInstanceOf(DrillOptionError);
    expect(error).toMatchObject({ option, value });
  });

  it('a range carries its bounds in ms, for the command line to show in its own unit', () => {
    const error = thrownBy(() =>
      checkWatchSettings({ name, lines: [{ line: 'a' }], durationMs: 1000, intervalMs: 5000 }),
    );
    expect(error).toMatchObject({
      rule: { min: 5000, max: DRILL_SETTINGS.durationMs.max, note: 'at least one interval' },
      message: 'durationMs must be from 5000 to 3600000 ms, not 1000',
    });
  });
});
