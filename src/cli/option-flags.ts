import { UserError } from '../model/user-error';
import { ValidationError } from '../model/validation-error';
import { DrillOptionError } from '../ops/drill/option-error';

/** The flag that gives an option of a library call, and how the option's value reads as the flag's. */
export interface OptionFlag {
  readonly flag: string;
  /** The flag's value as the user wrote it (of a repeated flag: the entry that gave the value). @default - the option's value, scaled */
  readonly given?: string | ((value: unknown) => string | undefined);
  /** Option units per flag unit: 1000 for a flag in seconds of an option in ms. @default 1 */
  readonly scale?: number;
  /** The flag's unit, after a range. @default none */
  readonly unit?: string;
}

/**
 * A check's error from `ops`, its option names (`durationMs`) turned into the flags that gave them
 * (`--duration 1: must be 5 to 3600 s`): the one place the command line renames them, so every check keeps one
 * home in `ops`. Other errors, and options without a flag, are returned as they are.
 * @param flags the flag of each option the command sets
 */
export function withFlagNames(
  error: unknown,
  flags: Readonly<Record<string, OptionFlag | undefined>>,
): unknown {
  if (error instanceof DrillOptionError) {
    const flag = flags[error.option];
    if (!flag) return error;
    const rule =
      typeof error.rule === 'string'
        ? error.rule
        : `must be ${inFlagUnits(error.rule.min, flag)} to ${inFlagUnits(error.rule.max, flag)}${flag.unit ? ` ${flag.unit}` : ''}${error.rule.note ? ` (${error.rule.note})` : ''}`;
    return new UserError(`${flag.flag} ${given(error.value, flag)}: ${rule}`, fixOf(error, flag));
  }
  if (ValidationError.isValidationError(error)) {
    const renamed = error.issues.map((issue) => {
      const flag = flags[issue.path];
      if (!flag) return issue;
      const { value, ...rest } = issue;
      return { ...rest, path: flag.flag, ...('value' in issue ? { value: given(value, flag) } : {}) };
    });
    if (renamed.every((issue, i) => issue === error.issues[i])) return error;
    return new ValidationError('the command line', renamed);
  }
  return error;
}

function inFlagUnits(n: number, flag: OptionFlag): string {
  return String(n / (flag.scale ?? 1));
}

function given(value: unknown, flag: OptionFlag): string {
  const text = typeof flag.given === 'function' ? flag.given(value) : flag.given;
  if (text !== undefined) return text;
  return typeof value === 'number' ? inFlagUnits(value, flag) : String(value);
}

/** The fix of a range in the flag's units; a fix in words as it is. */
function fixOf(error: DrillOptionError, flag: OptionFlag): string {
  if (typeof error.rule === 'string') return error.fix ?? '';
  const { min, max } = error.rule;
  return `give ${flag.flag} ${inFlagUnits(min, flag)} to ${inFlagUnits(max, flag)}${flag.unit ? ` ${flag.unit}` : ''}`;
}
