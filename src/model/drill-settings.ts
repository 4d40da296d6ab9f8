/**
 * The bounds and defaults of a drill's watch, in one place: `watchFailover` checks its options against them,
 * `qcbm-fleet drill` checks its flags against them and prints them in its help. Times in ms.
 */
export const DRILL_SETTINGS = {
  /** Time between two probes of a line (and, unless told otherwise, between two monitor reads). */
  intervalMs: { min: 50, max: 60_000, default: 1000 },
  /** How long after t0 to watch; at least one interval. */
  durationMs: { max: 3_600_000, default: 600_000 },
  /** The longest a single DNS query, HTTP probe or monitor read may take. */
  probeTimeoutMs: { min: 10, max: 60_000, default: 2000 },
  /** How many lines one watch probes. */
  lines: { min: 1, max: 32 },
  /** How far in the future t0 may be (clock skew between the caller's steps). */
  t0FutureMs: 1000,
  /** The path the HTTP probes ask for. */
  httpPath: '/',
  /** The port the HTTP probes connect to, by scheme. */
  httpPort: { http: 80, https: 443 },
} as const;
