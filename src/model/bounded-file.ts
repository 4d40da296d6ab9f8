import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'fs';

/** The largest stack file read (4 MiB): a fleet of thousands of clusters is a few hundred KiB. */
export const MAX_STACK_FILE_BYTES = 4 * 1024 * 1024;

/** `MAX_STACK_FILE_BYTES` as messages state it. */
export const MAX_STACK_FILE_SIZE = `${MAX_STACK_FILE_BYTES / (1024 * 1024)} MiB`;

/** Why a path cannot be read as a stack file: what is wrong, and what to do. */
export interface FileProblem {
  readonly message: string;
  readonly fix: string;
}

/** What to give instead, for every problem. */
const FIX = `give a stack file: a regular file (Pulumi.<stack>.yaml) of at most ${MAX_STACK_FILE_SIZE}`;

/**
 * A stack file's text, read with a bound: the file is opened without blocking (a FIFO without a writer opens at
 * once), checked to be a regular file of at most `MAX_STACK_FILE_BYTES`, and at most one byte more is read.
 * `/dev/zero`, a FIFO or a directory are refused before anything is read.
 */
export function readStackFileText(path: string): { text: string } | { problem: FileProblem } {
  const opened = openChecked(path);
  if ('problem' in opened) return opened;
  try {
    const buffer = Buffer.alloc(Math.min(opened.size, MAX_STACK_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(opened.fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        // The file grew after fstat: read on only while the bound allows.
        if (length > MAX_STACK_FILE_BYTES) return { problem: tooLarge() };
        break;
      }
    }
    return { text: buffer.toString('utf8', 0, length) };
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * Why `path` cannot be read as a stack file (not there, not a regular file, too large), or undefined when it can;
 * nothing is read. The command line calls it first, to name the flag that gave the path.
 */
export function stackFileProblem(path: string): FileProblem | undefined {
  const opened = openChecked(path);
  if ('problem' in opened) return opened.problem;
  closeSync(opened.fd);
  return undefined;
}

function openChecked(path: string): { fd: number; size: number } | { problem: FileProblem } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: cannotOpen(e as NodeJS.ErrnoException) };
  }
  const stats = fstatSync(fd);
  const kind = notRegular(stats);
  if (kind !== undefined || stats.size > MAX_STACK_FILE_BYTES) {
    closeSync(fd);
    return {
      problem:
        kind === undefined ? tooLarge(stats.size) : { message: `is ${kind}, not a regular file`, fix: FIX },
    };
  }
  return { fd, size: stats.size };
}

function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(size?: number): FileProblem {
  const found = size === undefined ? '' : ` (${size} bytes)`;
  return { message: `is larger than ${MAX_STACK_FILE_SIZE}${found}`, fix: FIX };
}

/** The fix of a failed open, by error code. */
const OPEN_FIXES: Record<string, string> = {
  ENOENT: 'check the path',
  ENOTDIR: 'check the path: a part of it is a file, not a folder',
  ELOOP: 'correct the symbolic links on the path: they form a loop',
  EACCES: 'give a file you may read, or change its mode',
  EPERM: 'give a file you may read, or change its mode',
};

function cannotOpen(e: NodeJS.ErrnoException): FileProblem {
  const fix = (e.code === undefined ? undefined : OPEN_FIXES[e.code]) ?? 'check the path';
  return { message: `cannot be read (${e.code ?? e.message})`, fix };
}
