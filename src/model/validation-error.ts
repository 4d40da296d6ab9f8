/** One problem with user input: where it is, what is wrong, the value found and what would be right. */
export interface ValidationIssue {
  /** Where the problem is, written as a path from the root of the input, e.g. `fleet.clusters[1].name`. */
  readonly path: string;
  /** What is wrong, as a sentence fragment: `must be a DNS-1123 label`. */
  readonly message: string;
  /** What to change so the input becomes valid. */
  readonly fix: string;
  /** The offending value, when there is one to show. */
  readonly value?: unknown;
}

const MAX_VALUE_CHARS = 80;

/** Renders a value for an error message: JSON, cut short, never a multi-line dump. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function formatIssue(issue: ValidationIssue): string {
  const found = 'value' in issue ? ` (found ${describeValue(issue.value)})` : '';
  return `${issue.path}: ${issue.message}${found}. Fix: ${issue.fix}`;
}

/**
 * The one error type for invalid input. It carries every problem found, not just the first, so a user
 * fixes a fleet description in one pass.
 */
export class ValidationError extends Error {
  public static isValidationError(x: unknown): x is ValidationError {
    return (
      x instanceof Error && (x as { [VALIDATION_ERROR_BRAND]?: boolean })[VALIDATION_ERROR_BRAND] === true
    );
  }

  public readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${subject} is invalid (${count}):\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.issues = issues;
    Object.defineProperty(this, VALIDATION_ERROR_BRAND, { value: true });
  }
}

// A symbol brand survives duplicate copies of this package in one node_modules tree, where instanceof does not.
const VALIDATION_ERROR_BRAND = Symbol.for('@qcbm/fleet.ValidationError');

/** Collects issues and throws them together. */
export class IssueCollector {
  private readonly found: ValidationIssue[] = [];

  public add(issue: ValidationIssue): void {
    this.found.push(issue);
  }

  public addAll(issues: readonly ValidationIssue[]): void {
    this.found.push(...issues);
  }

  public get issues(): readonly ValidationIssue[] {
    return this.found;
  }

  public throwIfAny(subject: string): void {
    if (this.found.length > 0) throw new ValidationError(subject, this.found);
  }
}
