/** `npm run synth` and `npm run plan` measured as whole processes, output kept out of the work tree's dist/. */
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCommand } from './processes';
import { kbToMb, median } from './stats';

export interface ProcessFigures {
  readonly command: string;
  readonly available: boolean;
  /** Why it was not measured, where it was not. */
  readonly reason?: string;
  readonly runs: number;
  readonly exitCodes: (number | null)[];
  /** The first run (cold: nothing of ours loaded in that process before). */
  readonly firstWallMs?: number;
  readonly medianWallMs?: number;
  readonly peakRssMb?: number;
  readonly rssSource?: string;
  /** The end of stderr of a failed run. */
  readonly error?: string;
}

function measure(
  command: string,
  args: string[],
  runs: number,
  cwd: string,
  gnuTime: boolean,
): ProcessFigures {
  const results = Array.from({ length: runs }, () => runCommand('npm', args, { cwd, gnuTime }));
  const rss = results.map((r) => r.maxRssKb).filter((kb): kb is number => kb !== undefined);
  const failed = results.find((r) => r.status !== 0);
  return {
    command,
    available: true,
    runs,
    exitCodes: results.map((r) => r.status),
    firstWallMs: results[0].wallMs,
    medianWallMs: median(results.map((r) => r.wallMs)),
    peakRssMb: rss.length > 0 ? kbToMb(Math.max(...rss)) : undefined,
    rssSource: results[0].rssSource,
    error: failed ? failed.stderr.trim().split('\n').slice(-5).join('\n') : undefined,
  };
}

/**
 * `cdk8s synth` of the dev fleet. `cdk8s synth` deletes its output directory first, so it writes to a temp
 * directory (`--output`) rather than wiping dist/ (which holds other scripts' reports).
 */
export function measureSynth(cwd: string, runs: number, gnuTime: boolean): ProcessFigures {
  const out = mkdtempSync(join(tmpdir(), 'qcbm-bench-synth-'));
  try {
    return measure('npm run synth', ['run', 'synth', '--', '--output', out], runs, cwd, gnuTime);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The offline Pulumi plan of the prod stack, when scripts/plan.ts exists; its JSON goes to a temp file. */
export function measurePlan(cwd: string, runs: number, gnuTime: boolean): ProcessFigures {
  const command = 'npm run plan -- --stack prod';
  if (!existsSync(join(cwd, 'scripts', 'plan.ts'))) {
    return { command, available: false, reason: 'scripts/plan.ts missing', runs: 0, exitCodes: [] };
  }
  const out = mkdtempSync(join(tmpdir(), 'qcbm-bench-plan-'));
  try {
    const args = ['run', 'plan', '--', '--stack', 'prod', '--out', join(out, 'plan-prod.json')];
    return measure(command, args, runs, cwd, gnuTime);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
