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
  if (UserError.isUserError(error)) return error.fix ? `${error.message}\nFix: ${error.fix}` : error.message;
  const err = error instanceof Error ? error : new Error(String(error));
  if (verbose && err.stack) return err.stack;
  return `Unexpected error: ${err.message}\nThis is a bug in qcbm-fleet: run again with --verbose for the stack trace, and report it.`;
}
