/** Running measured work in other processes: our forked children, and whole commands under GNU time. */
import { fork, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ChildRequest, ChildResult } from './protocol';
import { since } from './stats';

const CHILD = join(__dirname, 'child.ts');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

/** Runs one child and resolves with its answer and the whole process's wall time. */
export function forkChild(
  request: ChildRequest,
  cwd: string,
): Promise<{ result: ChildResult; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = fork(CHILD, [JSON.stringify(request)], {
      cwd,
      execArgv: ['--expose-gc', ...TS_NODE],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    child.on('message', (m) => (result = m as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve({ result, wallMs: since(start) });
      else reject(new Error(`bench child ${request.mode} ${request.size} exited with ${code}`));
    });
  });
}

export interface CommandMeasure {
  readonly command: string;
  readonly status: number | null;
  readonly wallMs: number;
  /** Largest single process of the tree (getrusage semantics), in KB; undefined without GNU time. */
  readonly maxRssKb?: number;
  readonly rssSource: string;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Whether `/usr/bin/time -v` is GNU time (it reports "Maximum resident set size"). */
export function hasGnuTime(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr);
}

/** Runs a command to completion, timing it and, where GNU time exists, reading its peak RSS. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; gnuTime: boolean; stdoutFd?: number },
): CommandMeasure {
  const scratch = options.gnuTime ? mkdtempSync(join(tmpdir(), 'qcbm-bench-time-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time.txt') : undefined;
  const [file, argv] = timeFile ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  const start = performance.now();
  const run = spawnSync(file, argv, {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'],
  });
  const wallMs = since(start);
  let maxRssKb: number | undefined;
  if (timeFile && existsSync(timeFile)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
    maxRssKb = m ? Number(m[1]) : undefined;
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  if (run.error) throw run.error;
  return {
    command: [command, ...args].join(' '),
    status: run.status,
    wallMs,
    maxRssKb,
    rssSource: timeFile ? '/usr/bin/time -v' : 'unavailable (no GNU time)',
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
  };
}
