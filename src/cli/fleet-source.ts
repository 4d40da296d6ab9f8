import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { basename, dirname, join } from 'path';
import { MAX_STACK_FILE_BYTES, MAX_STACK_FILE_SIZE, stackFileProblem } from '../model/bounded-file';
import type { Fleet } from '../model/fleet-schema';
import { loadFleetFromStackFile, parseFleetFromStackYaml } from '../model/load-fleet';
import { UsageError, UserError } from './errors';
import { pathOf, stackName } from './flag-values';
import type { CliIo } from './io';

/** How a command names its environment: a stack (`Pulumi.<stack>.yaml`) or a file. */
export interface FleetSourceOptions {
  /** The stack whose file to read. @default - `$QCBM_STACK`, else `dev` */
  readonly stack?: string;
  /** Another stack file; excludes `stack`. */
  readonly file?: string;
}

/** The stack a command names, checked, and where its name came from (for messages). */
export function stackOf(
  options: Pick<FleetSourceOptions, 'stack'>,
  io: CliIo,
): { name: string; flag: string } {
  if (options.stack !== undefined) return { name: stackName(options.stack, '--stack'), flag: '--stack' };
  const variable = io.env.QCBM_STACK;
  if (variable !== undefined) return { name: stackName(variable, '$QCBM_STACK'), flag: '$QCBM_STACK' };
  return { name: 'dev', flag: 'the default stack' };
}

/** The stack file a command reads, as an absolute path, and the flag (or variable) that named it. */
export function stackSourceOf(options: FleetSourceOptions, io: CliIo): { path: string; flag: string } {
  if (options.stack !== undefined && options.file !== undefined) {
    throw new UsageError('--stack and --file name the same thing', 'give one of them');
  }
  // An explicit flag wins over either variable.
  const given: { file: string; flag: string } | undefined =
    options.file !== undefined
      ? { file: options.file, flag: '--file' }
      : options.stack === undefined && io.env.QCBM_FLEET_FILE !== undefined
        ? { file: io.env.QCBM_FLEET_FILE, flag: '$QCBM_FLEET_FILE' }
        : undefined;
  if (given) return { path: pathOf(given.file, io), flag: given.flag };
  const stack = stackOf(options, io);
  return { path: join(io.cwd, `Pulumi.${stack.name}.yaml`), flag: `${stack.flag} ${stack.name}` };
}

/**
 * The stack file a command reads, checked before anything reads it: a regular file of at most
 * `MAX_STACK_FILE_BYTES` (never `/dev/zero`, a FIFO or a directory).
 * @throws UserError naming the flag, the path and the fix
 */
export function readableStackFileOf(options: FleetSourceOptions, io: CliIo): string {
  const { path, flag } = stackSourceOf(options, io);
  checkStackFile(path, flag);
  return path;
}

function checkStackFile(path: string, flag: string): void {
  const problem = stackFileProblem(path);
  if (problem) throw new UserError(`${flag}: ${path} ${problem.message}`, problem.fix);
}

/** The stack file and its validated fleet. @throws ValidationError */
export function loadFleetSource(options: FleetSourceOptions, io: CliIo): { stackFile: string; fleet: Fleet } {
  const stackFile = readableStackFileOf(options, io);
  return { stackFile, fleet: loadFleetFromStackFile(stackFile) };
}

/**
 * The fleet of another version of a stack file: a file path, or a git revision of the same file (`main`,
 * `HEAD~1`, a commit).
 */
export function loadBaseFleet(base: string, stackFile: string, io: CliIo): { source: string; fleet: Fleet } {
  const asFile = pathOf(base, io);
  if (existsSync(asFile)) {
    checkStackFile(asFile, '--base');
    return { source: asFile, fleet: loadFleetFromStackFile(asFile) };
  }
  if (base.startsWith('-')) {
    throw new UserError(
      `--base ${base}: a git revision cannot start with "-"`,
      'give a branch, tag or commit of this repository, or the path of a stack file (./-name for a file)',
    );
  }
  const spec = `${base}:./${basename(stackFile)}`;
  let text: string;
  try {
    // --end-of-options: whatever the revision holds, git reads it as a revision, never as an option.
    text = execFileSync('git', ['show', '--end-of-options', spec], {
      cwd: dirname(stackFile),
      encoding: 'utf8',
      maxBuffer: MAX_STACK_FILE_BYTES + 1,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOBUFS') {
      throw new UserError(
        `--base ${base}: ${basename(stackFile)} at that revision is larger than ${MAX_STACK_FILE_SIZE}`,
        `give a revision whose stack file is at most ${MAX_STACK_FILE_SIZE}`,
      );
    }
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message)
      .trim()
      .split('\n')[0];
    throw new UserError(
      `--base ${base} is neither a file nor a git revision that has ${basename(stackFile)} (git: ${stderr})`,
      'give a stack file, or a branch, tag or commit of this repository',
    );
  }
  const source = `${basename(stackFile)} at ${base}`;
  return { source, fleet: parseFleetFromStackYaml(text, source) };
}
