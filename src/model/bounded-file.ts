import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'fs';

const MIB = 1024 * 1024;

/** The largest stack file read (4 MiB): a fleet of thousands of clusters is a few hundred KiB. */
export const MAX_STACK_FILE_BYTES = 4 * MIB;

/** `MAX_STACK_FILE_BYTES` as messages state it. */
export const MAX_STACK_FILE_SIZE = sizeText(MAX_STACK_FILE_BYTES);

/**
 * The largest other input file read (64 MiB): the stack outputs (`--outputs`, with every cluster's kubeconfig),
 * a kubeconfig.
 */
export const MAX_INPUT_FILE_BYTES = 64 * MIB;

/** Why a path cannot be read: what is wrong, and what to do. */
export interface FileProblem {
  readonly message: string;
  readonly fix: string;
  /** The error code where the file could not be opened (`ENOENT`, ...). */
  readonly code?: string;
}

/** A file to read: its bound, and what to give instead of a file that is not one or is larger. */
export interface FileBound {
  readonly maxBytes: number;
  /** @default 'give a regular file of at most <maxBytes>' */
  readonly fix?: string;
}

const STACK_FILE: FileBound = {
  maxBytes: MAX_STACK_FILE_BYTES,
  fix: `give a stack file: a regular file (Pulumi.<stack>.yaml) of at most ${MAX_STACK_FILE_SIZE}`,
};

/**
 * A file's text, read with a bound: the file is opened without blocking (a FIFO without a writer opens at once),
 * checked to be a regular file of at most `bound.maxBytes`, and at most one byte more is read. `/dev/zero`, a
 * FIFO or a directory are refused before anything is read.
 */
export function readBoundedText(path: string, bound: FileBound): { text: string } | { problem: FileProblem } {
  const opened = openChecked(path, bound);
  if ('problem' in opened) return opened;
  try {
    const buffer = Buffer.alloc(Math.min(opened.size, bound.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(opened.fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        // More than fstat said: the file grew while it was read. Never hand back a part of it.
        if (length > bound.maxBytes) return { problem: tooLarge(bound) };
        return {
          problem: { message: 'changed while it was read', fix: 'read it again once nothing writes to it' },
        };
      }
    }
    return { text: buffer.toString('utf8', 0, length) };
  } finally {
    closeSync(opened.fd);
  }
}

/** A stack file's text, read with its bound (`MAX_STACK_FILE_BYTES`). */
export function readStackFileText(path: string): { text: string } | { problem: FileProblem } {
  return readBoundedText(path, STACK_FILE);
}

/**
 * Why `path` cannot be read as a stack file (not there, not a regular file, too large), or undefined when it can;
 * nothing is read. The command line calls it first, to name the flag that gave the path.
 */
export function stackFileProblem(path: string): FileProblem | undefined {
  const opened = openChecked(path, STACK_FILE);
  if ('problem' in opened) return opened.problem;
  closeSync(opened.fd);
  return undefined;
}

function openChecked(
  path: string,
  bound: FileBound,
): { fd: number; size: number } | { problem: FileProblem } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: cannotOpen(e as NodeJS.ErrnoException) };
  }
  const stats = fstatSync(fd);
  const kind = notRegular(stats);
  if (kind !== undefined || stats.size > bound.maxBytes) {
    closeSync(fd);
    return {
      problem:
        kind === undefined
          ? tooLarge(bound, stats.size)
          : { message: `is ${kind}, not a regular file`, fix: fixOf(bound) },
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

function tooLarge(bound: FileBound, size?: number): FileProblem {
  const found = size === undefined ? '' : ` (${size} bytes)`;
  return { message: `is larger than ${sizeText(bound.maxBytes)}${found}`, fix: fixOf(bound) };
}

function fixOf(bound: FileBound): string {
  return bound.fix ?? `give a regular file of at most ${sizeText(bound.maxBytes)}`;
}

function sizeText(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
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
  return { message: `cannot be read (${e.code ?? e.message})`, fix, ...(e.code ? { code: e.code } : {}) };
}
