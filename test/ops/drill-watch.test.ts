import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { phasesOf } from '../../src/ops/drill/drill-phases';
import type { DnsEvent, HttpEvent, MonitorEvent, Timeline } from '../../src/ops/drill/timeline';
import { watchFailover } from '../../src/ops/drill/watch-failover';
import type { WatchFailoverOptions } from '../../src/ops/drill/watch-options';
import { type FakeDnsServer, startFakeDnsServer } from '../support/fake-dns-server';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';

// The lost region publishes a documentation address that nothing may contact; the healthy one is this machine.
const LOST = '192.0.2.10';
const OTHER = '198.51.100.20';
const HEALTHY = '127.0.0.1';
const NAME = 'www.qcbm-gtm.com';
const NORTH = '203.0.113.0/24';
const EAST = '198.51.100.0/24';
const INTERVAL = 50;
/** Timers on a busy two-core machine fire late; every bound below allows this much on top of one interval. */
const SLACK = 120;

let dns: FakeDnsServer;
let guard: NetworkGuard;
let web: { port: number; hosts: string[]; status: number; close(): Promise<void> };
const timers: NodeJS.Timeout[] = [];

beforeEach(async () => {
  guard = guardNetwork();
  dns = await startFakeDnsServer();
  web = await startWeb();
});

afterEach(async () => {
  timers.splice(0).forEach(clearTimeout);
  await Promise.all([dns.close(), web.close()]);
  guard.restore();
  expect(guard.contacts.join('\n')).not.toContain(LOST);
  expect(guard.hosts().filter((h) => h !== HEALTHY)).toEqual([]);
});

async function startWeb(): Promise<typeof web> {
  const hosts: string[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    res.writeHead(state.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, HEALTHY, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hosts,
    get status() {
      return state.status;
    },
    set status(s: number) {
      state.status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `fn` `ms` after t0, on the real clock. */
function cue(t0: number, ms: number, fn: () => void): void {
  timers.push(setTimeout(fn, t0 + ms - Date.now()));
}

/** A monitor that reads `before` until `ms` after t0, then `after`. */
function monitorSwitching(t0: number, ms: number, before: string, after: string): () => Promise<string> {
  return async () => (Date.now() - t0 >= ms ? after : before);
}

function line(name: string, clientSubnet: string, server = dns.server) {
  return { line: name, server, clientSubnet };
}

function eventOf<K extends 'monitor' | 'dns' | 'http'>(
  timeline: Timeline,
  kind: K,
  lineName?: string,
): Extract<MonitorEvent | DnsEvent | HttpEvent, { kind: K }> | undefined {
  return timeline.events.find(
    (e) => e.kind === kind && (lineName === undefined || ('line' in e && e.line === lineName)),
  ) as Extract<MonitorEvent | DnsEvent | HttpEvent, { kind: K }> | undefined;
}

/** The event happened at `cueMs`: observed by the first probe after it, and not by the one before. */
function expectObservedAt(event: { atMs: number; lastNotSeenMs?: number } | undefined, cueMs: number): void {
  expect(event).toBeDefined();
  expect(event!.atMs).toBeGreaterThanOrEqual(cueMs - 15);
  expect(event!.atMs).toBeLessThanOrEqual(cueMs + INTERVAL + SLACK);
  expect(event!.lastNotSeenMs).toBeDefined();
  expect(event!.lastNotSeenMs!).toBeLessThan(cueMs + 15);
}

function expectNear(measured: number | undefined, expected: number): void {
  expect(measured).toBeDefined();
  expect(measured!).toBeGreaterThanOrEqual(expected - INTERVAL - SLACK);
  expect(measured!).toBeLessThanOrEqual(expected + INTERVAL + SLACK);
}

function options(t0: number, rest: Partial<WatchFailoverOptions>): WatchFailoverOptions {
  return {
    direction: 'out',
    t0,
    name: NAME,
    lines: [line('north-china', NORTH)],
    outAddresses: [LOST],
    http: { port: web.port },
    intervalMs: INTERVAL,
    durationMs: 3000,
    ...rest,
  };
}

describe('watchFailover, taking a region out', () => {
  it("times the monitor, each line's DNS change and the first 200, as the servers did them", async () => {
    dns.answer(NAME, [LOST], { forSubnet: NORTH, ttl: 60 });
    dns.answer(NAME, [LOST], { forSubnet: EAST, ttl: 60 });
    const t0 = Date.now();
    cue(t0, 300, () => dns.answer(NAME, [HEALTHY], { forSubnet: NORTH, ttl: 60 }));
    cue(t0, 600, () => dns.answer(NAME, [HEALTHY], { forSubnet: EAST, ttl: 30 }));

    const timeline = await watchFailover(
      options(t0, {
        lines: [line('north-china', NORTH), line('east-china', EAST)],
        readMonitor: monitorSwitching(t0, 200, 'OK', 'DOWN'),
      }),
    );

    expect(timeline.complete).toBe(true);
    expect(timeline.endedMs).toBeLessThan(600 + INTERVAL + SLACK + 100); // stops once all is seen
    const monitor = eventOf(timeline, 'monitor');
    expectObservedAt(monitor, 200);
    expect(monitor).toMatchObject({ status: 'DOWN', before: 'OK' });
    const north = eventOf(timeline, 'dns', 'north-china');
    expectObservedAt(north, 300);
    expect(north).toMatchObject({ addresses: [HEALTHY], ttlSeconds: 60, before: [LOST] });
    const east = eventOf(timeline, 'dns', 'east-china');
    expectObservedAt(east, 600);
    expect(east).toMatchObject({ addresses: [HEALTHY], ttlSeconds: 30, before: [LOST] });
    expect(eventOf(timeline, 'http', 'north-china')).toMatchObject({ address: HEALTHY, status: 200 });
    expect(timeline.events.map((e) => e.atMs)).toEqual(
      [...timeline.events.map((e) => e.atMs)].sort((a, b) => a - b),
    );

    const phases = phasesOf(timeline);
    expect(phases.monitored).toBe(true);
    const [p1, p2] = phases.lines;
    expect(p1.line).toBe('north-china');
    expectNear(p1.detectionMs, 200);
    expect(p2.detectionMs).toBe(p1.detectionMs);
    expectNear(p1.publishAndTtlMs, 100);
    expectNear(p2.publishAndTtlMs, 400);
    expect(p1.clientMs).toBeGreaterThanOrEqual(0);
    expect(p1.clientMs).toBeLessThan(SLACK);
    expectNear(p2.totalMs, 600);
    expect(p2.totalMs).toBeCloseTo(p2.detectionMs! + p2.publishAndTtlMs! + p2.clientMs!, 0);

    // The probes asked each line's question and sent the published name to the healthy region only.
    expect(new Set(dns.queries.map((q) => q.subnet))).toEqual(new Set([NORTH, EAST]));
    expect(new Set(web.hosts)).toEqual(new Set([NAME]));
    expect(timeline.probes.every((p) => p.failures === 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(timeline))).toEqual(timeline);
  });

  it('reports a line that never changes as not observed, and stops at durationMs', async () => {
    dns.answer(NAME, [LOST], { forSubnet: NORTH });
    dns.answer(NAME, [LOST, OTHER], { forSubnet: EAST });
    const t0 = Date.now();
    cue(t0, 100, () => dns.answer(NAME, [HEALTHY], { forSubnet: NORTH }));
    cue(t0, 200, () => dns.answer(NAME, [OTHER, LOST], { forSubnet: EAST })); // still the lost region: no change
    cue(t0, 300, () => dns.answer(NAME, [], { forSubnet: EAST })); // sends users nowhere: no change either

    const timeline = await watchFailover(
      options(t0, { lines: [line('north-china', NORTH), line('east-china', EAST)], durationMs: 600 }),
    );

    expect(timeline.complete).toBe(false);
    expect(timeline.monitored).toBe(false);
    expect(timeline.endedMs).toBeGreaterThanOrEqual(600 - INTERVAL);
    expect(timeline.endedMs).toBeLessThanOrEqual(600 + SLACK);
    expect(eventOf(timeline, 'dns', 'east-china')).toBeUndefined();
    const east = timeline.probes.find((p) => p.probe === 'dns' && p.line === 'east-china');
    expect(east?.attempts).toBeGreaterThanOrEqual(5);
    expect(east?.attempts).toBeLessThanOrEqual(600 / INTERVAL + 1);

    const [north, eastPhases] = phasesOf(timeline).lines;
    expect(north.detectionMs).toBeUndefined(); // no monitor: publish + TTL counts from t0
    expectNear(north.publishAndTtlMs, 100);
    expect(north.clientMs).toBeDefined();
    expect(eastPhases).toEqual({ line: 'east-china' });
  });

  it('measures the client phase until the new region answers 200, through its 503s', async () => {
    dns.answer(NAME, [LOST], { forSubnet: NORTH });
    web.status = 503;
    const t0 = Date.now();
    cue(t0, 100, () => dns.answer(NAME, [HEALTHY], { forSubnet: NORTH }));
    cue(t0, 400, () => (web.status = 200));

    const timeline = await watchFailover(options(t0, {}));

    const answered = eventOf(timeline, 'http', 'north-china');
    expectObservedAt(answered, 400);
    expect(answered?.before).toBe(`${HEALTHY}: 503`);
    expectNear(phasesOf(timeline).lines[0].clientMs, 300);
    expect(web.hosts.length).toBeGreaterThanOrEqual(3);
  });

  it("follows the published name's CNAME to the traffic manager's name at the same server", async () => {
    dns.cname('www.qcbm.com', NAME); // the answer holds only the CNAME: the target is asked for
    dns.answer(NAME, [LOST], { forSubnet: NORTH });
    const t0 = Date.now() - 200; // the region went out before the watch started: times still count from t0
    cue(t0, 350, () => dns.answer(NAME, [HEALTHY], { forSubnet: NORTH }));

    const timeline = await watchFailover(options(t0, { name: 'www.qcbm.com' }));

    expect(timeline.startedMs).toBeGreaterThanOrEqual(200);
    expectObservedAt(eventOf(timeline, 'dns', 'north-china'), 350);
    expect(eventOf(timeline, 'dns', 'north-china')?.before).toEqual([LOST]);
    expect(dns.queries.some((q) => q.name === NAME && q.subnet === NORTH)).toBe(true);
    expect(new Set(web.hosts)).toEqual(new Set(['www.qcbm.com']));
  });

  it('counts failed probes and keeps watching', async () => {
    const flaky = await startFakeDnsServer();
    try {
      flaky.answer(NAME, [LOST]);
      flaky.misbehave(NAME, 'drop');
      const t0 = Date.now();
      cue(t0, 250, () => {
        flaky.misbehave(NAME, undefined);
        flaky.answer(NAME, [HEALTHY]);
      });
      let reads = 0;
      const readMonitor = (): Promise<string> => {
        reads++;
        if (reads === 1) return Promise.reject(new Error('RequestLimitExceeded'));
        if (reads === 2) return new Promise<string>(() => undefined); // hangs: cut by probeTimeoutMs
        return Promise.resolve('DOWN');
      };

      const timeline = await watchFailover(
        options(t0, {
          lines: [{ line: 'default', server: flaky.server }],
          readMonitor,
          probeTimeoutMs: 40,
        }),
      );

      expect(timeline.complete).toBe(true);
      const dnsTally = timeline.probes.find((p) => p.probe === 'dns');
      expect(dnsTally?.failures).toBeGreaterThanOrEqual(3);
      expect(dnsTally?.lastError).toMatch(
        /^no answer from 127\.0\.0\.1:\d+ for www\.qcbm-gtm\.com A+ within 40 ms/,
      );
      expect(dnsTally?.lastErrorAtMs).toBeLessThan(250 + 15);
      const monitorTally = timeline.probes.find((p) => p.probe === 'monitor');
      expect(monitorTally).toMatchObject({
        attempts: 3,
        failures: 2,
        lastError: 'the monitor read took more than 40 ms',
      });
      // The errors answered nothing: the change is bounded by answers only.
      expect(eventOf(timeline, 'dns')?.lastNotSeenMs).toBeUndefined();
      expect(eventOf(timeline, 'monitor')?.lastNotSeenMs).toBeUndefined();
    } finally {
      await flaky.close();
    }
  });

  it('counts an answer users would not get (REFUSED) as a failed probe, naming the CNAME target', async () => {
    dns.cname('www.qcbm.com', NAME);
    dns.answer(NAME, [HEALTHY]);
    dns.misbehave(NAME, 'REFUSED'); // a server that is not authoritative for the traffic manager's name
    const t0 = Date.now();
    cue(t0, 150, () => dns.misbehave(NAME, undefined));

    const timeline = await watchFailover(
      options(t0, { name: 'www.qcbm.com', lines: [{ line: 'default', server: dns.server }] }),
    );

    const tally = timeline.probes.find((p) => p.probe === 'dns');
    expect(tally?.failures).toBeGreaterThanOrEqual(2);
    expect(tally?.lastError).toBe(
      `127.0.0.1:${dns.server.port} answered REFUSED for ${NAME} (CNAME of www.qcbm.com): is it authoritative for that name?`,
    );
    const changed = eventOf(timeline, 'dns');
    expect(changed?.atMs).toBeGreaterThanOrEqual(150 - 15);
    expect(changed?.atMs).toBeLessThanOrEqual(150 + INTERVAL + SLACK);
    expect(changed?.lastNotSeenMs).toBeUndefined(); // a refusal is no answer
  });

  it('stops when the signal aborts, with what it saw', async () => {
    dns.answer(NAME, [LOST]);
    const controller = new AbortController();
    const t0 = Date.now();
    cue(t0, 150, () => controller.abort());
    const timeline = await watchFailover(
      options(t0, {
        lines: [{ line: 'default', server: dns.server }],
        signal: controller.signal,
        intervalMs: 1000, // the abort comes while it waits for the second probe
      }),
    );
    expect(timeline.aborted).toBe(true);
    expect(timeline.complete).toBe(false);
    expect(timeline.endedMs).toBeLessThan(150 + SLACK);
  });
});

describe('watchFailover, restoring a region', () => {
  it('times the monitor reading OK and each line sending users back, probing only the restored address', async () => {
    dns.answer(NAME, [OTHER], { forSubnet: NORTH });
    dns.answer(NAME, [OTHER], { forSubnet: EAST });
    const t0 = Date.now();
    cue(t0, 250, () => dns.answer(NAME, [HEALTHY, OTHER], { forSubnet: NORTH }));
    cue(t0, 450, () => dns.answer(NAME, [OTHER, HEALTHY], { forSubnet: EAST }));

    const timeline = await watchFailover(
      options(t0, {
        direction: 'back',
        restoredAddress: HEALTHY, // the restored region's CLB got a new address
        lines: [line('north-china', NORTH), line('east-china', EAST)],
        readMonitor: monitorSwitching(t0, 150, 'DOWN', 'OK'),
      }),
    );

    expect(timeline.complete).toBe(true);
    expect(eventOf(timeline, 'monitor')).toMatchObject({ status: 'OK', before: 'DOWN' });
    expectObservedAt(eventOf(timeline, 'dns', 'north-china'), 250);
    expectObservedAt(eventOf(timeline, 'dns', 'east-china'), 450);
    expect(eventOf(timeline, 'http', 'east-china')).toMatchObject({ address: HEALTHY, status: 200 });
    const [north, east] = phasesOf(timeline).lines;
    expectNear(north.detectionMs, 150);
    expectNear(north.publishAndTtlMs, 100);
    expectNear(east.publishAndTtlMs, 300);
    expect(guard.contacts.join('\n')).not.toContain(OTHER);
  });

  it('takes any of the addresses it had before as the restored one by default; sends the Host asked for', async () => {
    dns.answer(NAME, [OTHER]);
    const t0 = Date.now();
    cue(t0, 100, () => dns.answer(NAME, [OTHER, HEALTHY]));
    const timeline = await watchFailover(
      options(t0, {
        direction: 'back',
        outAddresses: [HEALTHY],
        lines: [{ line: 'default', server: dns.server }],
        http: { port: web.port, hostHeader: 'www.qcbm.com' }, // the traffic manager's name is watched
      }),
    );
    expectObservedAt(eventOf(timeline, 'dns'), 100);
    expect(eventOf(timeline, 'http')).toMatchObject({ address: HEALTHY });
    expect(new Set(web.hosts)).toEqual(new Set(['www.qcbm.com']));
  });
});

describe('watchFailover options', () => {
  // Every bound is tested in drill-watch-options.test.ts; here, that a refusal comes before any probe.
  it('throws on options outside the bounds, before probing anything', async () => {
    await expect(watchFailover(options(Date.now(), { intervalMs: 10 }))).rejects.toThrow(
      'intervalMs must be from 50 to 60000 ms, not 10',
    );
    await expect(watchFailover(options(Date.now(), { http: { path: 'health' } }))).rejects.toThrow(
      'path "health" must start with /',
    );
    expect(dns.queries).toEqual([]);
    expect(web.hosts).toEqual([]);
  });
});
