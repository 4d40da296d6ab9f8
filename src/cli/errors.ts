import { UserError } from '../model/user-error';
import { ValidationError } from '../model/validation-error';

export { UserError };

/** The exit codes of `qcbm-fleet`. */
export const EXIT = {
  /** Done, and every check passed. */
  ok: 0,
  /** Invalid input (the fleet, a flag's value, a file) or a failed check (a policy violation, a drill over budget). */
  failed: 1,
  /** The command line itself is wrong: an unknown verb or flag, a missing argument. */
  usage: 2,
} as const;

/** A command line that cannot be run as written: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string, fix?: string) {
    super(message, fix);
    this.name = 'UsageError';
  }
}

/**
 * One readable block for a failure: the ValidationError's own listing (path, value, fix), a user error's message
 * and fix, or, for a bug, its message and how to get the trace (`--verbose` prints it).
 */
export function describeFailure(error: unknown, verbose: boolean): string {
  if (ValidationError.isValidationError(error)) return error.message;
  const user = UserError.isUserError(error) ? error : fileSystemUserError(error);
  if (user) return user.fix ? `${user.message}\nFix: ${user.fix}` : user.message;
  const err = error instanceof Error ? error : new Error(String(error));
  if (verbose && err.stack) return err.stack;
  return `Unexpected error: ${err.message}\nThis is a bug in qcbm-fleet: run again with --verbose for the stack trace, and report it.`;
}

/** What a failed file-system call does, in words, by Node's `syscall`. */
const SYSCALLS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  mkdtemp: 'create a temporary folder',
  rename: 'move a file to',
  unlink: 'remove',
  rm: 'remove',
  rmdir: 'remove',
  scandir: 'list the folder',
  stat: 'read',
  lstat: 'read',
  realpath: 'follow',
  copyfile: 'copy',
};

/** What an error code means, and what to do, for the codes a user's path meets. */
const CODES: Record<string, { meaning: string; fix: string }> = {
  ENOENT: { meaning: 'it does not exist', fix: 'check the path' },
  EACCES: { meaning: 'permission denied', fix: 'give a path you may use, or change its permissions' },
  EPERM: { meaning: 'operation not permitted', fix: 'give a path you may use, or change its permissions' },
  EROFS: { meaning: 'the file system is read-only', fix: 'give a path on a writable file system' },
  ENOTDIR: {
    meaning: 'a part of the path is a file, not a folder',
    fix: 'give a path whose folders are folders, or move that file away',
  },
  EISDIR: {
    meaning: 'it is a folder where a file is wanted',
    fix: "give a file's path, or move the folder away",
  },
  ELOOP: { meaning: 'its symbolic links form a loop', fix: 'correct the symbolic links on the path' },
  EEXIST: { meaning: 'it exists already', fix: 'give another path, or move it away' },
  ENOTEMPTY: { meaning: 'the folder is not empty', fix: 'give another path, or empty the folder' },
  ENOSPC: {
    meaning: 'no space is left on the device',
    fix: 'free some space, or give a path on another device',
  },
  ENAMETOOLONG: { meaning: 'the name is too long', fix: 'give a shorter path' },
  EXDEV: { meaning: 'it is on another file system', fix: 'give a path on the same file system' },
};

/**
 * A failed file-system call on a path (Node's `ErrnoException` with `path`) as the user error it is: the path,
 * what was done, what went wrong and the fix. The one place the command line maps them; undefined for any other
 * error.
 */
export function fileSystemUserError(error: unknown): UserError | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: unknown };
  // Duck-typed: errors of Node's own modules are not `instanceof Error` in another realm (a vm, jest).
  if (typeof error !== 'object' || error === null) return undefined;
  if (typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  const known = CODES[e.code];
  const action = (e.syscall && SYSCALLS[e.syscall]) ?? e.syscall ?? 'use';
  const target = typeof e.dest === 'string' ? `${e.dest} (from ${e.path})` : e.path;
  const meaning = known?.meaning ?? e.message;
  return new UserError(`cannot ${action} ${target}: ${meaning} (${e.code})`, known?.fix ?? 'check the path');
}
