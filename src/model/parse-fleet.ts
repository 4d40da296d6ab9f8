import type { z } from 'zod';
import { checkCloud } from './cloud-semantics';
import { checkFleetReferences } from './fleet-semantics';
import { type Fleet, fleetSchema } from './fleet-schema';
import { formatPath } from './issue-path';
import { ValidationError, type ValidationIssue } from './validation-error';

/**
 * Validates a fleet description and fills in defaults.
 * @param raw the parsed YAML/JSON value
 * @param source names the input in the error, e.g. the file it came from
 * @throws ValidationError listing every problem, each with its path, the value and the fix
 */
export function parseFleet(raw: unknown, source = 'fleet description'): Fleet {
  const result = fleetSchema.safeParse(raw, { reportInput: true });
  const issues: ValidationIssue[] = result.success ? [] : result.error.issues.map((i) => toIssue(i));
  const seen = new Set(issues.map((i) => i.path));
  issues.push(...[...checkFleetReferences(raw), ...checkCloud(raw)].filter((i) => !seen.has(i.path)));
  if (issues.length > 0 || !result.success) throw new ValidationError(source, issues);
  return result.data;
}

type ZodIssue = z.core.$ZodIssue & { input?: unknown; params?: { fix?: string } };

function toIssue(issue: ZodIssue): ValidationIssue {
  const path = formatPath('fleet', issue.path);
  const withValue = (message: string, fix: string): ValidationIssue =>
    issue.input === undefined ? { path, message, fix } : { path, message, fix, value: issue.input };
  switch (issue.code) {
    case 'custom':
      return withValue(issue.message, issue.params?.fix ?? 'see the documentation of this field');
    case 'invalid_type':
      if (issue.input === undefined) {
        return { path, message: `is required (${article(issue.expected)})`, fix: 'add this field' };
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

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  return typeof x === 'object' ? 'a mapping' : `${typeof x} ${JSON.stringify(x)}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
