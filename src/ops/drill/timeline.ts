import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { checkQueryAddresses, type DnsAddresses, type DnsServer, queryAddresses } from './dns-query';
import { checkProbeHttpOptions, probeHttp, type ProbeHttpOptions } from './http-probe';

/** `out`: a region was taken out, users must leave it; `back`: it was restored, its users must return. */
export type DrillDirection = 'out' | 'back';

/** The status IGTM reports for an address of a pool (`DescribeAddressPoolDetail`). */
export type MonitorStatus = 'OK' | 'DOWN' | 'WARN' | 'UNKNOWN' | 'UNMONITORED';

/** One DNS line as a user of it would resolve the published name. */
export interface ProbedLine {
  /** The line's key, e.g. `north-china`. */
  readonly line: string;
  /** The authoritative server to ask (by IP address). */
  readonly server: DnsServer;
  /**
   * A CIDR block of the line's users, sent as EDNS Client Subnet.
   * @default none: the server answers for the drill's own address
   */
  readonly clientSubnet?: string;
}

/** Properties for the HTTP probes of the addresses users are sent to. */
export interface HttpCheck {
  /**
   * The Host header (and SNI) the ingress expects, when the watched name is not it (e.g. the traffic manager's
   * access name, asked for at its own servers, while users type the published name).
   * @default the watched name
   */
  readonly hostHeader?: string;
  /** @default '/' */
  readonly path?: string;
  /** @default 80 for http, 443 for https */
  readonly port?: number;
  /** @default 'http' */
  readonly scheme?: 'http' | 'https';
}

/** Properties for `watchFailover`. */
export interface WatchFailoverOptions {
  readonly direction: DrillDirection;
  /** `Date.now()` at the moment the region was taken out (or restored): every time is relative to it. */
  readonly t0: number;
  /** The name users resolve: asked for on every line, and by default the Host header (and SNI) of the probes. */
  readonly name: string;
  /** One to `WATCH_LIMITS.lines.max` lines, with distinct names. */
  readonly lines: readonly ProbedLine[];
  /** The addresses the drilled region publishes (its ingress CLB addresses). */
  readonly outAddresses: readonly string[];
  /**
   * The address the restored region publishes, when it differs from before (direction `back` only).
   * @default any of `outAddresses`
   */
  readonly restoredAddress?: string;
  /**
   * Reads IGTM's status of the drilled region's address; when given, the event is its first read of `DOWN`
   * (direction `out`) or `OK` (direction `back`).
   * @default none: detection is not measured, and the DNS change counts from t0
   */
  readonly readMonitor?: () => Promise<string>;
  /** @default GET / over http on port 80 */
  readonly http?: HttpCheck;
  /**
   * Time between two probes of a line.
   * @default 1000
   */
  readonly intervalMs?: number;
  /**
   * Time between two monitor reads (a cloud API with rate limits).
   * @default intervalMs
   */
  readonly monitorIntervalMs?: number;
  /**
   * How long after t0 to keep watching for what has not been observed yet.
   * @default 600000 (10 minutes)
   */
  readonly durationMs?: number;
  /**
   * The longest a single DNS query, HTTP probe or monitor read may take (never past the end of the watch).
   * @default 2000
   */
  readonly probeTimeoutMs?: number;
  /** Stops the watch early; the timeline observed so far is returned. */
  readonly signal?: AbortSignal;
}

/** The bounds `watchFailover` accepts; anything outside them throws. */
export const WATCH_LIMITS = {
  intervalMs: { min: 50, max: 60_000 },
  /** At least one interval. */
  durationMs: { max: 3_600_000 },
  probeTimeoutMs: { min: 10, max: 60_000 },
  lines: { min: 1, max: 32 },
  /** How far in the future t0 may be (clock skew between the caller's steps). */
  t0FutureMs: 1000,
} as const;

const DEFAULTS = { intervalMs: 1000, durationMs: 600_000, probeTimeoutMs: 2000, path: '/' } as const;

interface EventBase {
  /** When the probe that observed it was sent, in ms after t0. */
  readonly atMs: number;
  /**
   * When the last probe that answered without it was sent: it happened in (lastNotSeenMs, atMs]. Undefined when
   * the first answer already showed it.
   */
  readonly lastNotSeenMs?: number;
}

/** IGTM's monitor first reads the expected status. */
export interface MonitorEvent extends EventBase {
  readonly kind: 'monitor';
  readonly status: string;
  /** The status read before. */
  readonly before?: string;
}

/** A line's answer first leaves the drilled region (`out`) or first includes it again (`back`). */
export interface DnsEvent extends EventBase {
  readonly kind: 'dns';
  readonly line: string;
  readonly addresses: readonly string[];
  readonly ttlSeconds?: number;
  /** The addresses of the answer before. */
  readonly before?: readonly string[];
}

/** The first HTTP 200 from an address of a line's changed answer. */
export interface HttpEvent extends EventBase {
  readonly kind: 'http';
  readonly line: string;
  readonly address: string;
  readonly status: number;
  /** The probe's own time to the status line. */
  readonly ms: number;
  /** What the probe before saw: a status, or an error. */
  readonly before?: string;
}

export type TimelineEvent = MonitorEvent | DnsEvent | HttpEvent;

/** How often one kind of probe ran for one line (or for the monitor), and how often it failed. */
export interface ProbeTally {
  readonly probe: 'monitor' | 'dns' | 'http';
  readonly line?: string;
  readonly attempts: number;
  /** Probes with no answer (timeouts, malformed answers, refused connections…). */
  readonly failures: number;
  readonly lastError?: string;
  readonly lastErrorAtMs?: number;
}

/** What a watch saw, times in ms after t0; plain data (JSON-serializable). */
export interface Timeline {
  readonly direction: DrillDirection;
  readonly name: string;
  /** `Date.now()` at t0. */
  readonly t0: number;
  readonly intervalMs: number;
  readonly durationMs: number;
  readonly startedMs: number;
  readonly endedMs: number;
  readonly monitored: boolean;
  readonly lines: readonly string[];
  /** In the order they happened. */
  readonly events: readonly TimelineEvent[];
  readonly probes: readonly ProbeTally[];
  /** Every expected event was observed. */
  readonly complete: boolean;
  /** The signal stopped the watch. */
  readonly aborted: boolean;
}

/**
 * Watches what users would see after a region was taken out (or restored) at t0: IGTM's monitor, each line's
 * DNS answer, then HTTP from the addresses that answer sends users to. Polls every `intervalMs` (the monitor
 * every `monitorIntervalMs`) until everything is observed or `durationMs` after t0. A probe that fails is
 * counted in `probes`, never thrown; options outside `WATCH_LIMITS` throw.
 */
/**
 * Checks a watch's options as `watchFailover` would, without watching: a drill calls it before it takes a region
 * out, so bad settings never leave a region out for nothing.
 * @throws Error naming the option, the value and its bounds
 */
export function checkWatchOptions(options: Omit<WatchFailoverOptions, 't0'>): void {
  settle({ ...options, t0: Date.now() });
}

export async function watchFailover(options: WatchFailoverOptions): Promise<Timeline> {
  const s = settle(options);
  const watch = new Watch(s);
  await Promise.all([
    ...(s.readMonitor ? [watch.monitor(s.readMonitor)] : []),
    ...s.lines.map((line) => watch.line(line)),
  ]);
  return watch.timeline();
}

interface Settings {
  readonly direction: DrillDirection;
  readonly t0: number;
  readonly name: string;
  readonly lines: readonly ProbedLine[];
  /** Normalized addresses the DNS change is judged by. */
  readonly outAddresses: ReadonlySet<string>;
  readonly restoredAddresses: ReadonlySet<string>;
  readonly readMonitor?: () => Promise<string>;
  readonly http: Omit<ProbeHttpOptions, 'timeoutMs'>;
  readonly intervalMs: number;
  readonly monitorIntervalMs: number;
  readonly durationMs: number;
  readonly probeTimeoutMs: number;
  readonly signal?: AbortSignal;
}

function settle(o: WatchFailoverOptions): Settings {
  if (o.direction !== 'out' && o.direction !== 'back') {
    throw new Error(`direction must be "out" or "back", not "${String(o.direction)}"`);
  }
  const intervalMs = bounded('intervalMs', o.intervalMs ?? DEFAULTS.intervalMs, WATCH_LIMITS.intervalMs);
  const monitorIntervalMs = bounded(
    'monitorIntervalMs',
    o.monitorIntervalMs ?? intervalMs,
    WATCH_LIMITS.intervalMs,
  );
  const durationMs = bounded('durationMs', o.durationMs ?? DEFAULTS.durationMs, {
    min: intervalMs,
    max: WATCH_LIMITS.durationMs.max,
  });
  const probeTimeoutMs = bounded(
    'probeTimeoutMs',
    o.probeTimeoutMs ?? DEFAULTS.probeTimeoutMs,
    WATCH_LIMITS.probeTimeoutMs,
  );
  const now = Date.now();
  if (!Number.isFinite(o.t0)) throw new Error(`t0 must be a time in ms (Date.now()), not ${o.t0}`);
  if (o.t0 > now + WATCH_LIMITS.t0FutureMs) {
    throw new Error(
      `t0 is ${o.t0 - now} ms in the future: pass Date.now() taken when the region was taken out`,
    );
  }
  if (o.t0 + durationMs <= now) {
    throw new Error(`durationMs (${durationMs} ms) has already passed since t0 (${now - o.t0} ms ago)`);
  }
  const { min, max } = WATCH_LIMITS.lines;
  if (o.lines.length < min || o.lines.length > max) {
    throw new Error(`lines must hold ${min} to ${max} lines, not ${o.lines.length}`);
  }
  const names = o.lines.map((l) => l.line);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Error(`line "${twice}" is given twice`);
  for (const l of o.lines) {
    if (l.line.trim() === '') throw new Error('every line needs a name');
    try {
      checkQueryAddresses(o.name, l.server, { timeoutMs: probeTimeoutMs, clientSubnet: l.clientSubnet });
    } catch (err) {
      throw new Error(`line "${l.line}": ${(err as Error).message}`);
    }
  }
  if (o.outAddresses.length === 0) throw new Error("outAddresses must name the drilled region's addresses");
  const outAddresses = new Set(o.outAddresses.map((a) => normalizeAddress(a, 'outAddresses')));
  const restoredAddresses =
    o.restoredAddress === undefined
      ? outAddresses
      : new Set([normalizeAddress(o.restoredAddress, 'restoredAddress')]);
  const scheme = o.http?.scheme ?? 'http';
  const http = {
    hostHeader: o.http?.hostHeader ?? o.name.replace(/\.$/, ''),
    path: o.http?.path ?? DEFAULTS.path,
    port: o.http?.port ?? (scheme === 'https' ? 443 : 80),
    scheme,
  };
  checkProbeHttpOptions({ ...http, timeoutMs: probeTimeoutMs });
  if (o.readMonitor !== undefined && typeof o.readMonitor !== 'function') {
    throw new Error('readMonitor must be a function returning the status');
  }
  return {
    direction: o.direction,
    t0: o.t0,
    name: o.name,
    lines: o.lines,
    outAddresses,
    restoredAddresses,
    ...(o.readMonitor ? { readMonitor: o.readMonitor } : {}),
    http,
    intervalMs,
    monitorIntervalMs,
    durationMs,
    probeTimeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
  };
}

function bounded(name: string, value: number, limits: { min: number; max: number }): number {
  if (!Number.isFinite(value) || value < limits.min || value > limits.max) {
    throw new Error(`${name} must be from ${limits.min} to ${limits.max} ms, not ${value}`);
  }
  return value;
}

function normalizeAddress(address: string, option: string): string {
  if (isIP(address) === 0) throw new Error(`${option}: "${address}" is not an IP address`);
  return ipaddr.parse(address).toString();
}

/** Counts one kind of probe. */
class Tally {
  attempts = 0;
  failures = 0;
  lastError?: string;
  lastErrorAtMs?: number;

  constructor(
    readonly probe: ProbeTally['probe'],
    readonly line?: string,
  ) {}

  fail(atMs: number, message: string): void {
    this.failures++;
    this.lastError = message;
    this.lastErrorAtMs = atMs;
  }

  toJSON(): ProbeTally {
    return {
      probe: this.probe,
      ...(this.line === undefined ? {} : { line: this.line }),
      attempts: this.attempts,
      failures: this.failures,
      ...(this.lastError === undefined
        ? {}
        : { lastError: this.lastError, lastErrorAtMs: this.lastErrorAtMs }),
    };
  }
}

/** One watch: its clock, its schedule, what it has seen. */
class Watch {
  private readonly events: TimelineEvent[] = [];
  private readonly tallies: Tally[] = [];
  private readonly wallAtStart = Date.now();
  private readonly perfAtStart = performance.now();
  private readonly startedMs: number;

  constructor(private readonly s: Settings) {
    this.startedMs = this.now();
  }

  /** Ms after t0: t0 is a wall-clock time, the rest is measured on the monotonic clock. */
  private now(): number {
    const ms = this.wallAtStart - this.s.t0 + (performance.now() - this.perfAtStart);
    return Math.round(ms * 10) / 10;
  }

  async monitor(read: () => Promise<string>): Promise<void> {
    const expected: MonitorStatus = this.s.direction === 'out' ? 'DOWN' : 'OK';
    const tally = this.tally('monitor');
    let before: string | undefined;
    let lastNotSeenMs: number | undefined;
    do {
      const at = this.now();
      tally.attempts++;
      try {
        const status = await withTimeout(
          Promise.resolve().then(read),
          this.timeoutAt(at),
          'the monitor read',
        );
        if (typeof status !== 'string')
          throw new Error(`the monitor read returned ${String(status)}, not a status`);
        if (status === expected) {
          this.events.push({ kind: 'monitor', atMs: at, ...seen(lastNotSeenMs), status, ...was(before) });
          return;
        }
        before = status;
        lastNotSeenMs = at;
      } catch (err) {
        tally.fail(at, messageOf(err));
      }
    } while (await this.nextSlot(this.s.monitorIntervalMs));
  }

  async line(line: ProbedLine): Promise<void> {
    const changed = await this.watchAnswer(line);
    if (changed) await this.watchHttp(line.line, changed);
  }

  private async watchAnswer(line: ProbedLine): Promise<DnsEvent | undefined> {
    const tally = this.tally('dns', line.line);
    let before: readonly string[] | undefined;
    let lastNotSeenMs: number | undefined;
    do {
      const at = this.now();
      tally.attempts++;
      try {
        const answer = await queryAddresses(this.s.name, line.server, {
          timeoutMs: this.timeoutAt(at),
          ...(line.clientSubnet === undefined ? {} : { clientSubnet: line.clientSubnet }),
        });
        if (answer.rcode !== 'NOERROR' && answer.rcode !== 'NXDOMAIN') throw refusal(line.server, answer);
        if (this.hasChanged(answer.addresses)) {
          const event: DnsEvent = {
            kind: 'dns',
            line: line.line,
            atMs: at,
            ...seen(lastNotSeenMs),
            addresses: answer.addresses,
            ...(answer.ttlSeconds === undefined ? {} : { ttlSeconds: answer.ttlSeconds }),
            ...was(before),
          };
          this.events.push(event);
          return event;
        }
        before = answer.addresses;
        lastNotSeenMs = at;
      } catch (err) {
        tally.fail(at, messageOf(err));
      }
    } while (await this.nextSlot(this.s.intervalMs));
    return undefined;
  }

  /** Probes at once, then every interval: the addresses the changed answer sends users to. */
  private async watchHttp(line: string, changed: DnsEvent): Promise<void> {
    const tally = this.tally('http', line);
    const targets = changed.addresses.filter(
      (a) => this.s.direction === 'out' || this.s.restoredAddresses.has(normalize(a)),
    );
    let before: string | undefined;
    let lastNotSeenMs: number | undefined;
    if (this.now() >= this.s.durationMs || this.s.signal?.aborted) return;
    do {
      const at = this.now();
      const timeoutMs = this.timeoutAt(at);
      const results = await Promise.all(targets.map((a) => probeHttp(a, { ...this.s.http, timeoutMs })));
      tally.attempts += results.length;
      results.forEach((r, i) => {
        if (r.error !== undefined) tally.fail(at, `${targets[i]}: ${r.error}`);
      });
      const ok = results.findIndex((r) => r.status === 200);
      if (ok >= 0) {
        this.events.push({
          kind: 'http',
          line,
          atMs: at,
          ...seen(lastNotSeenMs),
          address: targets[ok],
          status: 200,
          ms: results[ok].ms,
          ...was(before),
        });
        return;
      }
      before = results.map((r, i) => `${targets[i]}: ${r.status ?? r.error}`).join('; ');
      lastNotSeenMs = at;
    } while (await this.nextSlot(this.s.intervalMs));
  }

  private hasChanged(addresses: readonly string[]): boolean {
    const normalized = addresses.map(normalize);
    return this.s.direction === 'out'
      ? normalized.length > 0 && normalized.every((a) => !this.s.outAddresses.has(a))
      : normalized.some((a) => this.s.restoredAddresses.has(a));
  }

  /** Waits for the next slot of the schedule (a multiple of the interval after the start); false when the watch is over. */
  private async nextSlot(intervalMs: number): Promise<boolean> {
    const now = this.now();
    const slot = this.startedMs + (Math.floor((now - this.startedMs) / intervalMs) + 1) * intervalMs;
    if (slot >= this.s.durationMs || this.s.signal?.aborted) return false;
    await sleep(slot - now, this.s.signal);
    return !this.s.signal?.aborted;
  }

  private timeoutAt(atMs: number): number {
    return Math.max(1, Math.min(this.s.probeTimeoutMs, Math.floor(this.s.durationMs - atMs)));
  }

  private tally(probe: ProbeTally['probe'], line?: string): Tally {
    const tally = new Tally(probe, line);
    this.tallies.push(tally);
    return tally;
  }

  timeline(): Timeline {
    const events = [...this.events].sort((a, b) => a.atMs - b.atMs);
    const expected = (this.s.readMonitor ? 1 : 0) + this.s.lines.length * 2;
    return {
      direction: this.s.direction,
      name: this.s.name,
      t0: this.s.t0,
      intervalMs: this.s.intervalMs,
      durationMs: this.s.durationMs,
      startedMs: this.startedMs,
      endedMs: this.now(),
      monitored: this.s.readMonitor !== undefined,
      lines: this.s.lines.map((l) => l.line),
      events,
      probes: this.tallies.map((t) => t.toJSON()),
      complete: events.length === expected,
      aborted: this.s.signal?.aborted ?? false,
    };
  }
}

/**
 * An answer users would not get: the server is failing, or is not authoritative for the name (a DNSPod server
 * asked for the traffic manager's name the published name is a CNAME of).
 */
function refusal(server: DnsServer, answer: DnsAddresses): Error {
  const target = answer.cnames[answer.cnames.length - 1];
  return new Error(
    `${server.host}:${server.port} answered ${answer.rcode} for ` +
      (target === undefined
        ? answer.name
        : `${target} (CNAME of ${answer.name}): is it authoritative for that name?`),
  );
}

function seen(lastNotSeenMs: number | undefined): { lastNotSeenMs?: number } {
  return lastNotSeenMs === undefined ? {} : { lastNotSeenMs };
}

function was<T>(before: T | undefined): { before?: T } {
  return before === undefined ? {} : { before };
}

function normalize(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.parse(address).toString() : address;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The phases of one line, in ms; each undefined when what it ends with (or starts from) was not observed. */
export interface LinePhases {
  readonly line: string;
  /** Monitor event − t0 (the same on every line); undefined without a monitor. */
  readonly detectionMs?: number;
  /** DNS change − monitor event; DNS change − t0 without a monitor (detection included then). */
  readonly publishAndTtlMs?: number;
  /** First 200 − DNS change: until the addresses users are now sent to serve. */
  readonly clientMs?: number;
  /** First 200 − t0. */
  readonly totalMs?: number;
}

/** The phases of a timeline, line by line. */
export interface FailoverPhases {
  readonly direction: DrillDirection;
  /** False: detection was not measured, and `publishAndTtlMs` counts from t0. */
  readonly monitored: boolean;
  readonly lines: readonly LinePhases[];
}

/**
 * Splits a timeline into the budget's phases. Each is measured to within the probe interval (the event happened
 * between `lastNotSeenMs` and `atMs`); a negative publish + TTL means the DNS answer changed before the monitor
 * read showed it.
 */
export function phasesOf(timeline: Timeline): FailoverPhases {
  const monitor = timeline.events.find((e): e is MonitorEvent => e.kind === 'monitor');
  return {
    direction: timeline.direction,
    monitored: timeline.monitored,
    lines: timeline.lines.map((line): LinePhases => {
      const dns = timeline.events.find((e): e is DnsEvent => e.kind === 'dns' && e.line === line);
      const http = timeline.events.find((e): e is HttpEvent => e.kind === 'http' && e.line === line);
      const from = timeline.monitored ? monitor?.atMs : 0;
      return {
        line,
        ...(monitor ? { detectionMs: monitor.atMs } : {}),
        ...(dns && from !== undefined ? { publishAndTtlMs: round(dns.atMs - from) } : {}),
        ...(dns && http ? { clientMs: round(http.atMs - dns.atMs) } : {}),
        ...(http ? { totalMs: http.atMs } : {}),
      };
    }),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
