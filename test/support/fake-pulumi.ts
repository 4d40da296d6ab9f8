import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';

/** What the fake `pulumi` does when it runs: what it prints and how it exits. */
export interface FakePulumiBehaviour {
  /** A file whose content it prints on stdout. @default - `stdout`, or nothing */
  readonly stdoutFile?: string;
  /** Text it prints on stdout where no `stdoutFile` is given. @default '' */
  readonly stdout?: string;
  /** @default '' */
  readonly stderr?: string;
  /** @default 0 */
  readonly exitCode?: number;
  /** How long it waits before it prints and exits (to be stopped meanwhile). @default 0 */
  readonly sleepMs?: number;
}

/** One run of the fake, as it recorded it. */
export interface FakePulumiCall {
  /** Its arguments, without the program. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The environment variables it was given, of those the tests look at. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `Pulumi.<stack>.yaml` in its cwd as it ran (the stack of `--stack`); null where there is none. */
  readonly stackFile: string | null;
}

/** A fake Pulumi CLI: an executable `pulumi` in a folder of its own, to put on the PATH. */
export interface FakePulumi {
  /** The folder holding `pulumi`. */
  readonly dir: string;
  /** A PATH with the fake first and the folder of this node (its `#!/usr/bin/env node` needs one). */
  readonly path: string;
  /** Sets what the next runs do (a JSON file next to the executable). */
  behave(behaviour: FakePulumiBehaviour): void;
  /** Every run so far, in order. */
  calls(): FakePulumiCall[];
  /** Removes its folder. */
  remove(): void;
}

/** The environment variables each call records. */
const RECORDED_ENV = ['PULUMI_ENABLE_STREAMING_JSON_PREVIEW', 'PULUMI_CONFIG_PASSPHRASE'];

const SCRIPT = `#!/usr/bin/env node
// A fake Pulumi CLI for tests: records its run and prints what behaviour.json says.
const fs = require('fs');
const path = require('path');
const here = __dirname;
const argv = process.argv.slice(2);
const stack = argv[argv.indexOf('--stack') + 1];
const stackFile = argv.includes('--stack') ? path.join(process.cwd(), 'Pulumi.' + stack + '.yaml') : undefined;
fs.appendFileSync(
  path.join(here, 'calls.jsonl'),
  JSON.stringify({
    argv,
    cwd: process.cwd(),
    stackFile: stackFile && fs.existsSync(stackFile) ? fs.readFileSync(stackFile, 'utf8') : null,
    env: Object.fromEntries(${JSON.stringify(RECORDED_ENV)}.map((k) => [k, process.env[k]])),
  }) + '\\n',
);
const file = path.join(here, 'behaviour.json');
const b = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
setTimeout(() => {
  const out = b.stdoutFile ? fs.readFileSync(b.stdoutFile) : Buffer.from(b.stdout || '');
  process.stderr.write(b.stderr || '');
  process.stdout.write(out, () => process.exit(b.exitCode || 0));
}, b.sleepMs || 0);
`;

/** Writes a fake `pulumi` into a new temporary folder; it prints nothing and exits 0 until told otherwise. */
export function installFakePulumi(): FakePulumi {
  const dir = mkdtempSync(join(tmpdir(), 'qcbm-fake-pulumi-'));
  const executable = join(dir, 'pulumi');
  writeFileSync(executable, SCRIPT);
  chmodSync(executable, 0o755);
  const callsFile = join(dir, 'calls.jsonl');
  return {
    dir,
    path: [dir, dirname(process.execPath)].join(delimiter),
    behave: (behaviour) => writeFileSync(join(dir, 'behaviour.json'), JSON.stringify(behaviour)),
    calls: () =>
      existsSync(callsFile)
        ? readFileSync(callsFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as FakePulumiCall)
        : [],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
