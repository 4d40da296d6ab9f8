import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { basename, dirname, isAbsolute, join } from 'path';
import type { Fleet } from '../model/fleet-schema';
import { loadFleetFromStackFile, parseFleetFromStackYaml } from '../model/load-fleet';
import { UsageError, UserError } from './errors';
import type { CliIo } from './io';

/** How a command names its environment: a stack (`Pulumi.<stack>.yaml`) or a file. */
export interface FleetSourceOptions {
  /** The stack whose file to read. @default - `$QCBM_STACK`, else `dev` */
  readonly stack?: string;
  /** Another stack file; excludes `stack`. */
  readonly file?: string;
}

/** The stack file a command reads, as an absolute path. */
export function stackFileOf(options: FleetSourceOptions, io: CliIo): string {
  if (options.stack !== undefined && options.file !== undefined) {
    throw new UsageError('--stack and --file name the same thing', 'give one of them');
  }
  // An explicit flag wins over either variable.
  const file =
    options.file ??
    (options.stack === undefined ? io.env.QCBM_FLEET_FILE : undefined) ??
    `Pulumi.${options.stack ?? io.env.QCBM_STACK ?? 'dev'}.yaml`;
  return isAbsolute(file) ? file : join(io.cwd, file);
}

/** The stack file and its validated fleet. @throws ValidationError */
export function loadFleetSource(options: FleetSourceOptions, io: CliIo): { stackFile: string; fleet: Fleet } {
  const stackFile = stackFileOf(options, io);
  return { stackFile, fleet: loadFleetFromStackFile(stackFile) };
}

/**
 * The fleet of another version of a stack file: a file path, or a git revision of the same file (`main`,
 * `HEAD~1`, a commit).
 */
export function loadBaseFleet(base: string, stackFile: string, io: CliIo): { source: string; fleet: Fleet } {
  const asFile = isAbsolute(base) ? base : join(io.cwd, base);
  if (existsSync(asFile)) return { source: asFile, fleet: loadFleetFromStackFile(asFile) };
  const spec = `${base}:./${basename(stackFile)}`;
  let text: string;
  try {
    text = execFileSync('git', ['show', spec], {
      cwd: dirname(stackFile),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
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
