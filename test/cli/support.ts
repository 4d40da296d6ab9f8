import { main } from '../../src/cli/main';

/** What one run of the command line printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `qcbm-fleet` in this process with captured output. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    cwd,
    env,
  });
  return { code, out, err };
}
