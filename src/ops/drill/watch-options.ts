import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DRILL_SETTINGS } from '../../model/drill-settings';
import { checkClientSubnet, checkQueryAddresses, type DnsServer } from './dns-query';
import { checkProbeHttpOptions, type ProbeHttpOptions } from './http-probe';
import { type DrillOption, DrillOptionError } from './option-error';
import type { DrillDirection } from './timeline';

// The options of a watch, checked and resolved once: `watchFailover` watches with what `settleWatchOptions` returns.

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
  /** One to `DRILL_SETTINGS.lines.max` lines, with distinct names. */
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
   * @default `DRILL_SETTINGS.intervalMs.default` (1000)
   */
  readonly intervalMs?: number;
  /**
   * Time between two monitor reads (a cloud API with rate limits).
   * @default intervalMs
   */
  readonly monitorIntervalMs?: number;
  /**
   * How long after t0 to keep watching for what has not been observed yet.
   * @default `DRILL_SETTINGS.durationMs.default` (600000: 10 minutes)
   */
  readonly durationMs?: number;
  /**
   * The longest a single DNS query, HTTP probe or monitor read may take (never past the end of the watch).
   * @default `DRILL_SETTINGS.probeTimeoutMs.default` (2000)
   */
  readonly probeTimeoutMs?: number;
  /** Stops the watch early; the timeline observed so far is returned. */
  readonly signal?: AbortSignal;
}

/**
 * Checks a watch's options as `watchFailover` would, without watching: a drill calls it before it takes a region
 * out, so bad settings never leave a region out for nothing.
 * @throws Error naming the option, the value and its bounds
 */
export function checkWatchOptions(options: Omit<WatchFailoverOptions, 't0'>): void {
  settleWatchOptions({ ...options, t0: Date.now() });
}

/** A watch's options, checked, with every default filled in. */
export interface WatchSettings {
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

/** The settings of a watch a drill knows before it takes a region out: what its dry run checks. */
export interface WatchSettingsInput extends Pick<
  WatchFailoverOptions,
  'name' | 'http' | 'intervalMs' | 'monitorIntervalMs' | 'durationMs' | 'probeTimeoutMs'
> {
  /** The lines; `server` where it is known already (a drill looks it up once it runs, unless given). */
  readonly lines: readonly (Omit<ProbedLine, 'server'> & { readonly server?: DnsServer })[];
}

/**
 * Checks a watch's settings against `DRILL_SETTINGS` (times, lines, their client subnets and server, the HTTP
 * probe) and fills in the defaults: the checks `settleWatchOptions` makes, without the ones that need the region
 * taken out (t0, the addresses). A drill's dry run makes them, so it refuses what `--execute` would.
 * @throws DrillOptionError naming the option, the value and its bounds
 */
export function checkWatchSettings(
  o: WatchSettingsInput,
): Pick<WatchSettings, 'intervalMs' | 'monitorIntervalMs' | 'durationMs' | 'probeTimeoutMs' | 'http'> {
  const intervalMs = bounded(
    'intervalMs',
    o.intervalMs ?? DRILL_SETTINGS.intervalMs.default,
    DRILL_SETTINGS.intervalMs,
  );
  const monitorIntervalMs = bounded(
    'monitorIntervalMs',
    o.monitorIntervalMs ?? intervalMs,
    DRILL_SETTINGS.intervalMs,
  );
  const durationMs = bounded('durationMs', o.durationMs ?? DRILL_SETTINGS.durationMs.default, {
    min: intervalMs,
    max: DRILL_SETTINGS.durationMs.max,
    note: 'at least one interval',
  });
  const probeTimeoutMs = bounded(
    'probeTimeoutMs',
    o.probeTimeoutMs ?? DRILL_SETTINGS.probeTimeoutMs.default,
    DRILL_SETTINGS.probeTimeoutMs,
  );
  const { min, max } = DRILL_SETTINGS.lines;
  if (o.lines.length < min || o.lines.length > max) {
    throw new DrillOptionError(
      `lines must hold ${min} to ${max} lines, not ${o.lines.length}`,
      'lines',
      o.lines.length,
      `must name ${min} to ${max} lines, not ${o.lines.length}`,
      `probe ${min} to ${max} lines`,
    );
  }
  const names = o.lines.map((l) => l.line);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw new DrillOptionError(
      `line "${twice}" is given twice`,
      'lines',
      twice,
      'is given twice',
      'give each line once',
    );
  }
  for (const l of o.lines) {
    if (l.line.trim() === '') {
      throw new DrillOptionError('every line needs a name', 'lines', l.line, 'needs a name', 'name the line');
    }
    try {
      if (l.server === undefined) {
        if (l.clientSubnet !== undefined) checkClientSubnet(l.clientSubnet);
      } else {
        checkQueryAddresses(o.name, l.server, { timeoutMs: probeTimeoutMs, clientSubnet: l.clientSubnet });
      }
    } catch (err) {
      if (err instanceof DrillOptionError) throw err.within(`line "${l.line}"`);
      throw new Error(`line "${l.line}": ${(err as Error).message}`);
    }
  }
  const scheme = o.http?.scheme ?? 'http';
  const http = {
    hostHeader: o.http?.hostHeader ?? o.name.replace(/\.$/, ''),
    path: o.http?.path ?? DRILL_SETTINGS.httpPath,
    port: o.http?.port ?? DRILL_SETTINGS.httpPort[scheme === 'https' ? 'https' : 'http'],
    scheme,
  };
  checkProbeHttpOptions({ ...http, timeoutMs: probeTimeoutMs });
  return { intervalMs, monitorIntervalMs, durationMs, probeTimeoutMs, http };
}

/**
 * Checks a watch's options against `DRILL_SETTINGS` and fills in the defaults.
 * @throws Error naming the option, the value and its bounds (DrillOptionError for a setting)
 */
export function settleWatchOptions(o: WatchFailoverOptions): WatchSettings {
  if (o.direction !== 'out' && o.direction !== 'back') {
    throw new Error(`direction must be "out" or "back", not "${String(o.direction)}"`);
  }
  const { intervalMs, monitorIntervalMs, durationMs, probeTimeoutMs, http } = checkWatchSettings(o);
  const now = Date.now();
  if (!Number.isFinite(o.t0)) throw new Error(`t0 must be a time in ms (Date.now()), not ${o.t0}`);
  if (o.t0 > now + DRILL_SETTINGS.t0FutureMs) {
    throw new Error(
      `t0 is ${o.t0 - now} ms in the future: pass Date.now() taken when the region was taken out`,
    );
  }
  if (o.t0 + durationMs <= now) {
    throw new Error(`durationMs (${durationMs} ms) has already passed since t0 (${now - o.t0} ms ago)`);
  }
  if (o.outAddresses.length === 0) throw new Error("outAddresses must name the drilled region's addresses");
  const outAddresses = new Set(o.outAddresses.map((a) => normalizeAddress(a, 'outAddresses')));
  const restoredAddresses =
    o.restoredAddress === undefined
      ? outAddresses
      : new Set([normalizeAddress(o.restoredAddress, 'restoredAddress')]);
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

/** The time between two probes or reads of a drill, within `DRILL_SETTINGS.intervalMs`. @throws DrillOptionError */
export function checkIntervalMs(value: number): number {
  return bounded('intervalMs', value, DRILL_SETTINGS.intervalMs);
}

function bounded(
  name: DrillOption,
  value: number,
  limits: { min: number; max: number; note?: string },
): number {
  if (!Number.isFinite(value) || value < limits.min || value > limits.max) {
    throw new DrillOptionError(
      `${name} must be from ${limits.min} to ${limits.max} ms, not ${value}`,
      name,
      value,
      limits,
      `use ${limits.min} to ${limits.max} ms${limits.note ? ` (${limits.note})` : ''}`,
    );
  }
  return value;
}

function normalizeAddress(address: string, option: string): string {
  if (isIP(address) === 0) throw new Error(`${option}: "${address}" is not an IP address`);
  return ipaddr.parse(address).toString();
}
