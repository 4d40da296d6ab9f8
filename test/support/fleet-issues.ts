import { parseFleet, ValidationError, type ValidationIssue } from '../../src/model';

/** Every issue `parseFleet` reports for `input`; fails the test when it accepts it. */
export function fleetIssuesOf(input: unknown): ValidationIssue[] {
  try {
    parseFleet(input);
  } catch (e) {
    expect(ValidationError.isValidationError(e)).toBe(true);
    return [...(e as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

/** Expects an issue of `parseFleet(input)` at `path` whose message matches and which has a fix; returns it. */
export function expectFleetIssue(input: unknown, path: string, message: RegExp): ValidationIssue {
  const issues = fleetIssuesOf(input);
  expect(issues.map((i) => `${i.path}: ${i.message}`)).toContainEqual(
    expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: .*${message.source}`)),
  );
  const issue = issues.find((i) => i.path === path && message.test(i.message)) as ValidationIssue;
  expect(issue.fix.length).toBeGreaterThan(0);
  return issue;
}
