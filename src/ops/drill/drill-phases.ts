import type { DnsEvent, DrillDirection, HttpEvent, MonitorEvent, Timeline } from './timeline';

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
