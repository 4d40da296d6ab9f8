import type { z } from 'zod';
import { formatPath } from './issue-path';
import { ValidationError, type ValidationIssue } from './validation-error';

/**
 * Checks a value with a schema and returns the parsed output, or throws one ValidationError listing every
 * problem. The fleet file and the props of every construct go through here, so their errors read alike.
 * @param subject names the input in the error, e.g. `QcbmApp 'Qcbm'`
 * @param root the first segment of each issue's path, e.g. `fleet` or `props`
 * @param extraChecks cross-field checks the schema cannot express; they read the raw input, so they run even
 * where its shape is wrong
 * @param parsedChecks checks of the whole parsed value, run once the schema and the raw checks pass
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string,
  root: string,
  extraChecks: (raw: unknown) => ValidationIssue[] = () => [],
  parsedChecks: (parsed: z.output<S>) => ValidationIssue[] = () => [],
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  const issues = result.success ? [] : result.error.issues.map((i) => zodIssue(i, root));
  const seen = new Set(issues.map((i) => i.path));
  issues.push(...extraChecks(value).filter((i) => !seen.has(i.path)));
  if (issues.length === 0 && result.success) issues.push(...parsedChecks(result.data));
  if (issues.length > 0 || !result.success) throw new ValidationError(subject, issues);
  return result.data;
}

type ZodIssue = z.core.$ZodIssue & { input?: unknown; params?: { fix?: string } };

/** One zod issue as users read it: the path from `root`, what is wrong, the value found and the fix. */
export function zodIssue(issue: ZodIssue, root: string): ValidationIssue {
  const path = formatPath(root, issue.path);
  // JSON has no infinity or NaN: the message says what was found instead of showing it as null.
  const shown = issue.input !== undefined && !isNonFiniteNumber(issue.input);
  const withValue = (message: string, fix: string): ValidationIssue =>
    shown ? { path, message, fix, value: issue.input } : { path, message, fix };
  switch (issue.code) {
    case 'custom':
      return withValue(issue.message, issue.params?.fix ?? 'see the documentation of this field');
    case 'invalid_type':
      if (issue.input === undefined) {
        return { path, message: `is required (${article(issue.expected)})`, fix: 'add this field' };
      }
      if (isNonFiniteNumber(issue.input)) {
        return withValue(`must be a finite number, not ${typeName(issue.input)}`, 'write a number here');
      }
      return withValue(
        `must be ${article(issue.expected)}, not ${typeName(issue.input)}`,
        `write ${article(issue.expected)} here`,
      );
    case 'unrecognized_keys':
      return {
        path,
        message: `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        fix: 'remove it or correct its spelling',
      };
    case 'invalid_value':
      if (issue.input === undefined) {
        return {
          path,
          message: `is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
          fix: 'add this field',
        };
      }
      return withValue(
        `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        'pick one of the allowed values',
      );
    case 'invalid_union':
      return withValue(
        'does not match any allowed form',
        'check the "type" field and the fields that go with it',
      );
    case 'too_small':
      return withValue(
        issue.origin === 'array'
          ? `must have at least ${issue.minimum} item(s)`
          : `must be at least ${issue.minimum}`,
        issue.origin === 'array' ? 'add the missing entries' : `use ${issue.minimum} or more`,
      );
    case 'too_big':
      return withValue(`must be at most ${issue.maximum}`, `use ${issue.maximum} or less`);
    case 'invalid_format':
      return withValue(issue.message, 'correct the format');
    default:
      return withValue(issue.message, 'correct this value');
  }
}

function isNonFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && !Number.isFinite(x);
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (isNonFiniteNumber(x)) {
    if (Number.isNaN(x)) return '.nan (not a number)';
    return x > 0 ? '.inf (infinity)' : '-.inf (minus infinity)';
  }
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'a mapping' : `${typeof x} ${JSON.stringify(x)}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
