import { ValidationError } from '../../src/model';

/** What `fn` throws; fails the test when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** What `promise` rejects with (typed as the caller expects it); fails the test when it resolves. */
export async function rejectionOf<E = unknown>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (e) {
    return e as E;
  }
  throw new Error('expected the call to fail, but it resolved');
}

/** Expects `error` to be a ValidationError and returns it; the failure shows what was thrown instead, with its stack. */
export function asValidationError(error: unknown): ValidationError {
  const what = ValidationError.isValidationError(error)
    ? 'a ValidationError'
    : (error instanceof Error && error.stack) || String(error);
  expect(what).toBe('a ValidationError');
  return error as ValidationError;
}

/** The ValidationError `fn` throws; fails the test when it returns or throws anything else. */
export function validationErrorOf(fn: () => unknown): ValidationError {
  return asValidationError(thrownBy(fn));
}

/** The ValidationError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function validationRejectionOf(promise: Promise<unknown>): Promise<ValidationError> {
  return asValidationError(await rejectionOf(promise));
}

/** How a call ended: what it returned, or what it threw. */
export type Outcome<T> =
  { readonly threw: false; readonly value: T } | { readonly threw: true; readonly error: unknown };

/** Runs `fn` and says how it ended, for tests whose subject is whether a call is refused. */
export function outcomeOf<T>(fn: () => T): Outcome<T> {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}
