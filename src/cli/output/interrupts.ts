import { UserError } from '../errors';

/** The signals that end a command line run from a terminal, a service manager or a CI runner's cancel. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Work stopped by a signal, once what it had begun is cleaned up. */
export class InterruptedError extends UserError {
  constructor(
    public readonly signal: NodeJS.Signals,
    message: string,
  ) {
    super(message, 'run it again');
    this.name = 'UserError';
  }
}

/**
 * Signals held off while a writer works, so that it cleans up before the process ends. Node runs a handler only
 * between synchronous stretches of work, so a signal is noted, and the work stops at its next `checkpoint()`;
 * what runs between two checkpoints (the switch to the new set) is never cut in half by a signal.
 */
export class Interrupts {
  private received: NodeJS.Signals | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.received ??= signal;
  };

  /** Starts holding signals off. */
  public install(): void {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** The first signal that came, if one did. */
  public get signal(): NodeJS.Signals | undefined {
    return this.received;
  }

  /**
   * Lets a signal that came during synchronous work be seen (Node runs its handler before the next turn).
   * @throws InterruptedError with `message` when one came
   */
  public async checkpoint(message: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.received)
      throw new InterruptedError(this.received, `interrupted by ${this.received}: ${message}`);
  }

  /**
   * Stops holding signals off. If one came, ends the process with it as it would have ended without the
   * handlers (the shell sees the signal, e.g. exit status 130 for SIGINT), after printing `note`; where something
   * else in the process handles that signal too (a test runner), returns, and the caller reports it.
   */
  public uninstall(note: (signal: NodeJS.Signals) => void): void {
    for (const signal of SIGNALS) process.removeListener(signal, this.onSignal);
    const signal = this.received;
    if (signal === undefined) return;
    note(signal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
}
