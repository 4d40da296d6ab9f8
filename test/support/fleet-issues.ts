import { parseFleet, type ValidationIssue } from '../../src/model';
import { asValidationError, outcomeOf, validationErrorOf } from './thrown';

/** What `parseFleet` makes of an input: the fleet it accepts, or every issue it reports. */
export type ParseFleetResult =
  | { readonly fleet: ReturnType<typeof parseFleet>; readonly issues: readonly [] }
  | { readonly fleet: undefined; readonly issues: readonly ValidationIssue[] };

/** Parses `input`: the fleet, or the issues where validation refuses it; any other error propagates. */
export function parseFleetResult(input: unknown): ParseFleetResult {
  const outcome = outcomeOf(() => parseFleet(input));
  if (!outcome.threw) return { fleet: outcome.value, issues: [] };
  return { fleet: undefined, issues: [...asValidationError(outcome.error).issues] };
}

/** Every issue `parseFleet` reports for `input`; fails the test when it accepts it. */
export function fleetIssuesOf(input: unknown): ValidationIssue[] {
  return [...validationErrorOf(() => parseFleet(input)).issues];
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
