/** What scripts/bench.ts asks of scripts/bench/child.ts, and what it answers. */

/**
 * - `hub`: phase (1) only, for its peak RSS
 * - `synthesizeFleet`: the public in-memory API, i.e. (1)+(2) in one call, for the synth+render peak RSS
 * - `full`: (1), (2) and (3) timed separately in each iteration
 * - `app.synth`: cdk8s `App.synth()` of the whole environment, what `npm run synth` runs per fleet
 * - `cold`: `full` once, with no warm-up (the parent times the whole process)
 */
export type Mode = 'hub' | 'synthesizeFleet' | 'full' | 'app.synth' | 'cold';

export interface ChildRequest {
  readonly size: number;
  readonly mode: Mode;
  readonly iterations: number;
  /** Warm-up runs last at least this long (and at least one run, at most 20). */
  readonly warmupMs: number;
}

export interface ChildResult extends ChildRequest {
  readonly warmups: number;
  readonly gcBetweenIterations: boolean;
  /** Milliseconds per iteration, by phase. */
  readonly samples: Readonly<Record<string, number[]>>;
  /** RSS once modules are loaded and the fleet input is generated, before any measured work. */
  readonly baselineRssKb: number;
  readonly baselineMaxRssKb: number;
  /** getrusage maxRSS of the child at the end (KB): its peak over warm-up and iterations. */
  readonly maxRssKb: number;
}
