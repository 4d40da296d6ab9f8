import { randomBytes } from 'crypto';
import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { parse } from 'yaml';
import { readStackFileText } from '../../model/bounded-file';
import { FLEET_CONFIG_KEY } from '../../model/load-fleet';
import { FailoverError } from './failover-error';
import { formatChangedLines } from './line-diff';
import { applyStackFilePromotion, type StackFilePromotion } from './stack-file-promotion';

/** The stack file a failover changed, or would change. */
export interface StackFileEdit {
  /** The file as given. */
  readonly path: string;
  /** The changed lines (`formatChangedLines`): what a reviewer reads. */
  readonly changedLines: readonly string[];
  /** The new text is in the file (false: a dry run). */
  readonly written: boolean;
}

/**
 * Writes a failover's change into the stack file (`applyStackFilePromotion`) unless `write` is false, and says
 * which lines it changes. The file is replaced whole: the new text goes to a file beside it (a link is followed
 * to its target), with the same mode, then is renamed over it, so no reader ever sees half a file.
 * @param fromRegion the primary's region the fleet was read with: a file naming another one changed since, and
 * is not overwritten
 * @throws FailoverError where the file cannot be read, changed since, or cannot be written
 */
export function editStackFile(
  path: string,
  change: StackFilePromotion,
  fromRegion: string,
  write: boolean,
): StackFileEdit {
  const read = readStackFileText(path);
  if ('problem' in read) {
    throw new FailoverError(`The stack file ${path} ${read.problem.message}`, read.problem.fix);
  }
  const named = primaryRegionIn(read.text);
  if (named !== fromRegion && named !== change.primaryRegion) {
    throw new FailoverError(
      `The stack file ${path} names data.mysql.primaryRegion ${String(named)}, not ${fromRegion}: it changed since the failover read it, and is left as it is`,
      'put the failover’s change in by hand, reviewing what else changed in the file',
    );
  }
  const after = applyStackFilePromotion(read.text, change);
  const changedLines = formatChangedLines(read.text, after);
  if (write && after !== read.text) replaceFile(path, after);
  return { path, changedLines, written: write };
}

function primaryRegionIn(text: string): unknown {
  const doc = parse(text) as { config?: Record<string, { data?: { mysql?: { primaryRegion?: unknown } } }> };
  return doc?.config?.[FLEET_CONFIG_KEY]?.data?.mysql?.primaryRegion;
}

function replaceFile(path: string, text: string): void {
  let target: string;
  let mode: number;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch (e) {
    throw new FailoverError(
      `The stack file ${path} cannot be read again to be written: ${(e as Error).message}`,
      'put the failover’s change in by hand',
    );
  }
  const temporary = join(dirname(target), `.${basename(target)}.failover-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(temporary, text, { mode, flag: 'wx' });
    chmodSync(temporary, mode); // writeFileSync's mode passes through the umask
    renameSync(temporary, target);
  } catch (e) {
    throw new FailoverError(
      `The stack file ${path} could not be written: ${(e as Error).message}`,
      `let this user write to ${dirname(target)}, or put the failover’s change in by hand`,
    );
  } finally {
    rmSync(temporary, { force: true });
  }
}
