import { randomBytes } from 'crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'fs';
import { basename, join, relative } from 'path';
import { UserError } from '../errors';
import type { CliIo } from '../io';
import { carryEntries } from './carry-files';
import { readFileRecord, writeFileRecord } from './file-record';
import {
  commitGeneration,
  followForeignLinks,
  type OutputState,
  outputState,
  removeLeftovers,
  removeOtherGenerations,
  restoreLink,
} from './generation-folder';
import { Interrupts } from './interrupts';
import { type HeldLock, acquireOutputLock } from './output-lock';
import { isTemporaryName, outputLayout, RECORD_FILE } from './output-layout';

/** What a writer put into the staging folder. */
export interface WrittenSet<T> {
  /** What the writer returns besides its files. */
  readonly value: T;
  /** The names of the files it wrote (entries of the staging folder). */
  readonly files: readonly string[];
}

/** The output folder once replaced. */
export interface ReplacedOutputFolder<T> extends WrittenSet<T> {
  /** The generation folder `out` now links to. */
  readonly folder: string;
  /** Entries of the old set that synth did not write (another tool's, another team's): carried into the new set. */
  readonly kept: readonly string[];
  /** Files the old set's record lists that this run did not write: not in the new set. */
  readonly removed: readonly string[];
}

/**
 * Replaces the set of files in the output folder `out` with what `write` puts into a staging folder, so that a
 * reader of `out` sees the whole old set or the whole new set, never a mix, whatever ends the process, and files
 * others put there stay.
 *
 * Why a link to generation folders: `rename` replaces one file or one link in a single step, but not a folder
 * that holds files, so replacing the files one by one shows a mix for as long as it takes (and leaves one for
 * good when the process ends half way). Here `out` is a symbolic link to a complete set, `.<out>.qcbm-gen-<n>/`
 * beside it, and the one step that changes what readers see is the `rename` of a new link over it (see
 * `commitGeneration`). A journal of file renames that the next run completes or undoes was the other choice; it
 * leaves a mix in view until a next run comes, which a link never does. The price: `out` is a link, and a reader
 * that wants one set across several reads resolves it once (`cd dist`, `realpath dist`).
 *
 * In order, with the folder's lock held (a second writer stops with the first one's pid):
 * 1. what earlier runs left (staging, new links) is removed; a gone link is restored to the newest generation
 * 2. `write` fills a staging folder beside `out` (the same file system, so the staging folder becomes the next
 *    generation by `rename`, not a copy); nothing a reader sees has changed
 * 3. the record of what synth wrote (`.qcbm-fleet-files`) is added, and every entry of the old set that the old
 *    record does not list (another's file) is carried over as a hard link; a folder where a file is to be written
 *    fails here, before anything changed
 * 4. the switch; then the old generations are removed
 *
 * SIGINT, SIGTERM and SIGHUP are held off until the next checkpoint between these steps, where the staging
 * folder and the lock are removed and the process ends with the signal; a crash or SIGKILL leaves at worst a
 * staging folder and a stale lock, which the next run removes and takes over (step 1).
 * @throws UserError for a folder named like a file to write, a live lock, a file-system error (undone first)
 */
export async function replaceOutputFolder<T>(
  requested: string,
  io: CliIo,
  write: (staging: string) => WrittenSet<T>,
): Promise<ReplacedOutputFolder<T>> {
  const out = followForeignLinks(
    requested,
    (path, target) => outputLayout(path).generationNumber(target) !== undefined,
  );
  const layout = outputLayout(out);
  const shown = relative(io.cwd, requested) || '.';
  mkdirSync(layout.parent, { recursive: true });
  const interrupts = new Interrupts();
  interrupts.install();
  let lock: HeldLock | undefined;
  let staging: string | undefined;
  let switched = false;
  const cleanUp = () => {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
    staging = undefined;
    lock?.release();
  };
  // A process.exit() elsewhere (a closed stdout) runs no finally block, but its 'exit' listeners.
  process.on('exit', cleanUp);
  try {
    lock = acquireOutputLock(layout.lock, out);
    removeLeftovers(layout);
    let before = outputState(layout);
    if (before.kind === 'none') {
      const restored = restoreLink(layout, io.env);
      if (restored !== undefined) {
        io.err(
          `Note: ${shown} was gone; it links to ${basename(restored)} again, the last set written there\n`,
        );
        before = outputState(layout);
      }
    }
    staging = makeStagingFolder(layout.stagePrefix, before);
    const written = write(staging);
    await interrupts.checkpoint(`${shown} is as it was`);
    const { keep, removed } = sortOldSet(out, before, written.files, io);
    writeFileRecord(staging, written.files);
    const skipped = before.kind === 'none' ? [] : carryEntries(before.folder, staging, keep);
    for (const path of skipped)
      io.err(`Warning: ${path} is not a file, folder or link: not kept in ${shown}\n`);
    await interrupts.checkpoint(`${shown} is as it was`);
    if (!lock.stillHeld()) {
      throw new UserError(
        `the lock ${layout.lock} was removed or taken over while this synth wrote ${shown}; ${shown} is as it was`,
        'run one synth at a time into a folder, and leave the lock to the process that holds it',
      );
    }
    const folder = commitGeneration(layout, before, staging, io.env);
    staging = undefined;
    switched = true;
    try {
      removeOtherGenerations(layout, folder);
    } catch (error) {
      // The new set is in place: an old one left behind is the next run's to remove.
      io.err(
        `Warning: an old set beside ${shown} could not be removed (${String(error)}); the next run removes it\n`,
      );
    }
    return { ...written, folder, kept: keep, removed };
  } finally {
    cleanUp();
    process.removeListener('exit', cleanUp);
    interrupts.uninstall((signal) =>
      io.err(
        `qcbm-fleet: interrupted by ${signal}: ${shown} ${switched ? 'holds the new set' : 'is as it was'}\n`,
      ),
    );
  }
}

/**
 * The old set's entries that go into the new set (not synth's: no record lists them) and the files synth wrote
 * before and does not write now. The first run, with no record, removes nothing but what it writes anew.
 * @throws UserError for an entry that is a folder where synth writes a file, naming it
 */
function sortOldSet(
  out: string,
  before: OutputState,
  files: readonly string[],
  io: CliIo,
): { keep: string[]; removed: string[] } {
  if (before.kind === 'none') return { keep: [], removed: [] };
  const record = readFileRecord(before.folder);
  if (record.kind === 'unreadable') {
    io.err(
      `Warning: ${join(before.folder, RECORD_FILE)} cannot be read (${record.why}): this run removes no file it does not write\n`,
    );
  }
  const listed = record.kind === 'listed' ? record.files : new Set<string>();
  const written = new Set([...files, RECORD_FILE]);
  const keep: string[] = [];
  const removed: string[] = [];
  for (const name of readdirSync(before.folder)) {
    if (written.has(name)) {
      if (lstatSync(join(before.folder, name)).isDirectory()) {
        const path = join(out, name);
        throw new UserError(
          `${path} is a folder, where synth writes the file ${name}; nothing was changed`,
          `move or rename the folder ${path}, then run synth again`,
        );
      }
    } else if (listed.has(name)) {
      removed.push(name);
    } else if (!isTemporaryName(name)) {
      keep.push(name);
    }
  }
  return { keep, removed };
}

/**
 * A new staging folder: made as `mkdir` makes a folder (not `mkdtemp`'s owner-only mode, since it becomes the
 * folder everyone reads), with the old set's mode where there is one.
 */
function makeStagingFolder(prefix: string, before: OutputState): string {
  const staging = `${prefix}${process.pid}-${randomBytes(6).toString('hex')}`;
  mkdirSync(staging);
  if (before.kind !== 'none') chmodSync(staging, statSync(before.folder).mode & 0o7777);
  return staging;
}
