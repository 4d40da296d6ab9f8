/** Where the command line reads and writes: the process's, or a test's. */
export interface CliIo {
  /** Writes to standard output (results). */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, warnings, errors). */
  readonly err: (text: string) => void;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams, directory and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}
