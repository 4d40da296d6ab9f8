// What a watch of a failover saw: plain data, written by `watchFailover`, read by the report.

/** `out`: a region was taken out, users must leave it; `back`: it was restored, its users must return. */
export type DrillDirection = 'out' | 'back';

/** The status IGTM reports for an address of a pool (`DescribeAddressPoolDetail`). */
export type MonitorStatus = 'OK' | 'DOWN' | 'WARN' | 'UNKNOWN' | 'UNMONITORED';

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
