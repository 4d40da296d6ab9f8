import { UserError } from '../../model/user-error';

/** The options of a drill whose checks say which one failed (`DrillOptionError.option`). */
export type DrillOption =
  | 'intervalMs'
  | 'monitorIntervalMs'
  | 'durationMs'
  | 'probeTimeoutMs'
  | 'lines'
  | 'clientSubnet'
  | 'server'
  | 'http.path'
  | 'http.port';

/** What an option must be: a range in the option's own unit (ms for times), or a rule in words. */
export type OptionRule = { readonly min: number; readonly max: number; readonly note?: string } | string;

/**
 * A drill's option that fails its check. The message names the option as the library takes it
 * (`durationMs must be from 5000 to 3600000 ms, not 1000`); `option`, `value` and `rule` let the command line
 * name its flag instead, in the flag's unit.
 */
export class DrillOptionError extends UserError {
  constructor(
    message: string,
    public readonly option: DrillOption,
    public readonly value: unknown,
    public readonly rule: OptionRule,
    fix: string,
  ) {
    super(message, fix);
  }

  /** The same error, its message placed in a context (`line "a": ...`). */
  public within(context: string): DrillOptionError {
    return new DrillOptionError(
      `${context}: ${this.message}`,
      this.option,
      this.value,
      this.rule,
      this.fix ?? '',
    );
  }
}
