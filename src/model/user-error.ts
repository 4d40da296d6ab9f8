/**
 * A mistake of the user's that is not about the fleet description: a flag's value, a file, an account, a
 * resource that is not in the state it should be. Printed as its message and fix, without a trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    public readonly fix?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** True for a UserError, also one made by another copy of this library. */
  public static isUserError(e: unknown): e is UserError {
    return e instanceof UserError || (e instanceof Error && e.name === 'UserError' && 'fix' in e);
  }
}
