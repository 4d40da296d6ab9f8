import { lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { acquireOutputLock } from './output-lock';
import { outputLayout, temporaryNameOf } from './output-layout';

/** How long a single file's writer waits for a synth into the same folder to end (a synth takes seconds). */
const WAIT_FOR_SYNTH_MS = 10_000;

/**
 * Writes `text` to `file` whole: into a hidden file beside it, then renamed over it, so that a reader sees the old
 * file or the new one and an end half way leaves no half file. Where the folder is synth's output (`dist`, a link
 * to a generation), the write holds the folder's lock, waiting for a synth to end: a file written into the old set
 * while a synth carries that set's files over would go with it.
 */
export function writeOutputFile(file: string, text: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const lock = isSynthOutput(folder)
    ? acquireOutputLock(outputLayout(folder).lock, folder, { waitMs: WAIT_FOR_SYNTH_MS })
    : undefined;
  const temporary = temporaryNameOf(file);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
    lock?.release();
  }
}

function isSynthOutput(folder: string): boolean {
  if (!lstatSync(folder).isSymbolicLink()) return false;
  return outputLayout(folder).generationNumber(readlinkSync(folder)) !== undefined;
}
