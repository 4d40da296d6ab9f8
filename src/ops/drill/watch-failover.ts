import ipaddr from 'ipaddr.js';
import { sleep } from '../failover/poll';
import { type DnsAddresses, type DnsServer, queryAddresses } from './dns-query';
import { probeHttp } from './http-probe';
import type { DnsEvent, MonitorStatus, ProbeTally, Timeline, TimelineEvent } from './timeline';
import {
  type ProbedLine,
  settleWatchOptions,
  type WatchFailoverOptions,
  type WatchSettings,
} from './watch-options';

/**
 * Watches what users would see after a region was taken out (or restored) at t0: IGTM's monitor, each line's
 * DNS answer, then HTTP from the addresses that answer sends users to. Polls every `intervalMs` (the monitor
 * every `monitorIntervalMs`) until everything is observed or `durationMs` after t0. A probe that fails is
 * counted in `probes`, never thrown; options outside `DRILL_SETTINGS` throw.
 */
export async function watchFailover(options: WatchFailoverOptions): Promise<Timeline> {
  const s = settleWatchOptions(options);
  const watch = new Watch(s);
  await Promise.all([
    ...(s.readMonitor ? [watch.monitor(s.readMonitor)] : []),
    ...s.lines.map((line) => watch.line(line)),
  ]);
  return watch.timeline();
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

  constructor(private readonly s: WatchSettings) {
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
