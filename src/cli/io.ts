import { createInterface } from 'readline';

/** Where the command line reads and writes: the process's, or a test's. */
export interface CliIo {
  /** Writes to standard output (results). */
  readonly out: (text: string) => void;
  /** Writes to standard error (progress, warnings, errors). */
  readonly err: (text: string) => void;
  /** The directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Asks a question on standard error and reads one line of standard input (a typed confirmation); undefined
   * where the input ends first. Given only where standard input is a terminal. @default - nothing can be asked
   */
  readonly readLine?: (prompt: string) => Promise<string | undefined>;
}

/** The process's own streams, directory and environment. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    // Only a terminal is asked: input from a pipe or a file is not someone typing.
    ...(process.stdin.isTTY
      ? { readLine: (prompt: string) => readLine(process.stdin, process.stderr, prompt) }
      : {}),
  };
}

/** One line of `input`, after writing `prompt` to `output`; undefined where the input ends before a line. */
function readLine(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const lines = createInterface({ input, output, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(undefined);
    });
    output.write(prompt);
  });
}
