/** Our pipeline at one fleet size: one child process per mode, summarized to medians and peak RSS. */
import { forkChild } from './processes';
import type { ChildResult, Mode } from './protocol';
import { kbToMb, median } from './stats';

export interface OursFigures {
  readonly clusters: number;
  /** Medians in ms: hub (1), render (2), synthRender (1)+(2) per iteration, write (3), total, the JSON floor, and the APIs. */
  readonly ms: {
    readonly hub: number;
    readonly render: number;
    readonly synthRender: number;
    readonly write: number;
    readonly total: number;
    /** The same files written as JSON (`JSON.stringify`): the floor of (3). */
    readonly jsonFloor: number;
    readonly synthesizeFleet: number;
    readonly appSynth: number;
    /** The validation inside (1)+(2) (every cluster's effective objects and the hub's), timed on its own. */
    readonly validation: number;
  };
  /** Peak RSS (MB) of the process that ran only that work, warm-up and iterations included. */
  readonly peakRssMb: {
    readonly hub: number;
    readonly synthesizeFleet: number;
    readonly full: number;
    readonly appSynth: number;
    readonly cold: number;
  };
  /** RSS (MB) with the modules loaded and the fleet input generated, before any measured work. */
  readonly baselineRssMb: number;
  /** A fresh process that loads everything and runs (1)+(2)+(3) once: wall time of the whole process. */
  readonly coldProcessMs: number;
  readonly iterations: Readonly<Record<string, number>>;
  readonly warmups: Readonly<Record<string, number>>;
  readonly samplesMs: Readonly<Record<string, Readonly<Record<string, number[]>>>>;
}

export interface OursSettings {
  readonly iterations: number;
  readonly appSynthIterations: number;
  readonly warmupMs: number;
}

export async function measureOurs(size: number, settings: OursSettings, cwd: string): Promise<OursFigures> {
  const results = new Map<Mode, ChildResult>();
  let coldProcessMs = Number.NaN;
  for (const mode of ['hub', 'synthesizeFleet', 'full', 'app.synth', 'cold'] as const) {
    const iterations = mode === 'app.synth' ? settings.appSynthIterations : settings.iterations;
    const { result, wallMs } = await forkChild({ size, mode, iterations, warmupMs: settings.warmupMs }, cwd);
    results.set(mode, result);
    if (mode === 'cold') coldProcessMs = wallMs;
  }
  const get = (mode: Mode) => results.get(mode) as ChildResult;
  const med = (mode: Mode, phase: string) => median(get(mode).samples[phase] ?? []);
  const peak = (mode: Mode) => kbToMb(get(mode).maxRssKb);
  const modes = [...results.keys()];
  return {
    clusters: size,
    ms: {
      hub: med('full', 'hub'),
      render: med('full', 'render'),
      synthRender: med('full', 'synthRender'),
      write: med('full', 'write'),
      total: med('full', 'total'),
      jsonFloor: med('full', 'jsonFloor'),
      synthesizeFleet: med('synthesizeFleet', 'synthesizeFleet'),
      appSynth: med('app.synth', 'appSynth'),
      validation: med('full', 'validation'),
    },
    peakRssMb: {
      hub: peak('hub'),
      synthesizeFleet: peak('synthesizeFleet'),
      full: peak('full'),
      appSynth: peak('app.synth'),
      cold: peak('cold'),
    },
    baselineRssMb: kbToMb(median(modes.map((m) => get(m).baselineRssKb))),
    coldProcessMs,
    iterations: Object.fromEntries(modes.map((m) => [m, get(m).iterations])),
    warmups: Object.fromEntries(modes.map((m) => [m, get(m).warmups])),
    samplesMs: Object.fromEntries(modes.map((m) => [m, get(m).samples])),
  };
}
