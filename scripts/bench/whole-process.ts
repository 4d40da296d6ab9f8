/**
 * Whole processes, as a user starts them: the compiled command line's `synth` of dev, `npx cdk8s synth` of dev
 * (cdk8s.yaml runs the same command line), the compiled offline plan of prod, and `npm run synth` for reference.
 * Output goes to a fresh directory under dist/.bench/, never to dist/ itself.
 */
import { rmSync } from 'fs';
import { join } from 'path';
import { runCommand } from './processes';
import { kbToMb, median } from './stats';
import { benchWorkDir } from './work-dir';

/** The commands measured, as the report names them. */
export const PROCESS = {
  synth: 'node lib/cli/bin.js synth --stack dev',
  cdk8s: 'npx cdk8s synth --no-check-upgrade',
  plan: 'node lib/cli/bin.js plan --stack prod',
  npmSynth: 'npm run synth',
} as const;

export interface ProcessFigures {
  readonly command: string;
  readonly available: boolean;
  /** Why it was not measured, where it was not. */
  readonly reason?: string;
  readonly runs: number;
  readonly exitCodes: (number | null)[];
  /** The first run (cold: nothing of ours loaded in that process before). */
  readonly firstWallMs?: number;
  readonly minWallMs?: number;
  readonly medianWallMs?: number;
  readonly peakRssMb?: number;
  readonly rssSource?: string;
  /** The end of stderr of a failed run. */
  readonly error?: string;
}

/** One command `runs` times, as the report prints it. */
export function measure(
  command: string,
  file: string,
  args: string[],
  runs: number,
  cwd: string,
  gnuTime: boolean,
): ProcessFigures {
  const results = Array.from({ length: runs }, () => runCommand(file, args, { cwd, gnuTime }));
  const rss = results.map((r) => r.maxRssKb).filter((kb): kb is number => kb !== undefined);
  const failed = results.find((r) => r.status !== 0);
  const walls = results.map((r) => r.wallMs);
  return {
    command,
    available: true,
    runs,
    exitCodes: results.map((r) => r.status),
    firstWallMs: walls[0],
    minWallMs: Math.min(...walls),
    medianWallMs: median(walls),
    peakRssMb: rss.length > 0 ? kbToMb(Math.max(...rss)) : undefined,
    rssSource: results[0].rssSource,
    error: failed ? failed.stderr.trim().split('\n').slice(-5).join('\n') : undefined,
  };
}

/** Each process `runs` times, into temporary directories. Needs lib/ built (the bench builds it first). */
export function measureProcesses(cwd: string, runs: number, gnuTime: boolean): ProcessFigures[] {
  const out = benchWorkDir('process-');
  try {
    const node = process.execPath;
    return [
      measure(
        PROCESS.synth,
        node,
        ['lib/cli/bin.js', 'synth', '--stack', 'dev', '--out', join(out, 'synth')],
        runs,
        cwd,
        gnuTime,
      ),
      // cdk8s.yaml's app, writing to a directory of the bench's instead of dist/ (cdk8s-cli's own output
      // directory is its scratch folder, which it empties first).
      measure(
        PROCESS.cdk8s,
        'npx',
        [
          'cdk8s',
          'synth',
          '--no-check-upgrade',
          '--app',
          `node lib/cli/bin.js synth --out '${join(out, 'cdk8s-dist')}'`,
          '--output',
          join(out, 'cdk8s'),
        ],
        runs,
        cwd,
        gnuTime,
      ),
      measure(
        PROCESS.plan,
        node,
        ['lib/cli/bin.js', 'plan', '--stack', 'prod', '--out', join(out, 'plan-prod.json')],
        runs,
        cwd,
        gnuTime,
      ),
      measure(PROCESS.npmSynth, 'npm', ['run', 'synth', '--', '--out', join(out, 'npm')], runs, cwd, gnuTime),
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
