// Runs the Pulumi CLI's `pulumi preview` of a stack, as the one `pulumi up` after a failover would run (no
// refresh), and reads the JSON document it prints. Options per https://www.pulumi.com/docs/iac/cli/commands/pulumi_preview/
// (Pulumi CLI 3.x): `--stack`, `--non-interactive`, `-j, --json`, `--refresh`.
import { spawn } from 'child_process';
import { accessSync, constants, statSync } from 'fs';
import { delimiter, join } from 'path';
import { MAX_INPUT_FILE_BYTES } from '../../model/bounded-file';
import { UserError } from '../../model/user-error';
import { parsePulumiPreview, type PulumiPreview } from './preview-json';

/** Properties for `runPulumiPreview`. */
export interface PulumiPreviewOptions {
  /** The Pulumi project's directory (where `Pulumi.yaml` is): the command runs there. */
  readonly cwd: string;
  /** The stack to preview, e.g. `prod` or `org/qcbm/prod`. */
  readonly stack: string;
  /**
   * The command's environment; `pulumi` is looked up on its `PATH`.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Stops the preview (the command is ended) and rejects. @default - none */
  readonly signal?: AbortSignal;
  /** How long the preview may take before it is ended. @default PULUMI_PREVIEW_TIMEOUT_MS (30 min) */
  readonly timeoutMs?: number;
  /** The most stdout read before the preview is ended. @default MAX_INPUT_FILE_BYTES (64 MiB) */
  readonly maxStdoutBytes?: number;
}

/** How long a preview may take by default: a fleet of many regions plans for minutes, not half an hour. */
export const PULUMI_PREVIEW_TIMEOUT_MS = 30 * 60 * 1000;

/** How much of stderr is kept, from its end: what the error messages quote. */
const STDERR_TAIL_BYTES = 64 * 1024;
/** How many of stderr's last lines a failure quotes. */
const QUOTED_LINES = 5;
/** How long an ended command has between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5000;
/** What a stack name may hold: letters, digits, `-`, `_`, `.`, and `/` between organization, project and stack. */
const STACK_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.\-/]*$/;

/** The arguments of the preview: no shell ever sees them. */
export function pulumiPreviewArgs(stack: string): string[] {
  return ['preview', '--stack', stack, '--non-interactive', '--json', '--refresh=false'];
}

/**
 * Runs `pulumi preview --stack <stack> --non-interactive --json --refresh=false` in `cwd` with the `pulumi` found
 * on the environment's PATH (no shell), and returns the preview it printed. Stdout is read up to a bound and never
 * quoted (it holds the stack's configuration); a failure quotes the last lines of stderr. The CLI is asked for
 * its one JSON document, not streamed events (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=false`).
 * @throws UserError where `pulumi` is not on the PATH, the preview fails, is stopped or takes too long, or what
 * it printed is not a preview's JSON
 */
export async function runPulumiPreview(options: PulumiPreviewOptions): Promise<PulumiPreview> {
  const { stack, cwd } = options;
  if (!STACK_NAME.test(stack)) {
    throw new UserError(
      `--stack ${JSON.stringify(stack)} is not a Pulumi stack name`,
      'give the stack as `pulumi stack ls` lists it: letters, digits, "-", "_", "." (and "/" in org/project/stack), not starting with "-"',
    );
  }
  const env = options.env ?? process.env;
  const executable = findOnPath('pulumi', env);
  const args = pulumiPreviewArgs(stack);
  const command = `pulumi ${args.join(' ')}`;
  const output = await runCommand(executable, args, {
    cwd,
    env: { ...env, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: 'false' },
    command,
    signal: options.signal,
    timeoutMs: options.timeoutMs ?? PULUMI_PREVIEW_TIMEOUT_MS,
    maxStdoutBytes: options.maxStdoutBytes ?? MAX_INPUT_FILE_BYTES,
  });
  if (output.code !== 0) throw failed(command, output, { stack, cwd });
  return parsePulumiPreview(output.stdout, command);
}

/** The path of `name` on the environment's PATH, as a shell would find it. @throws UserError where it is not there */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string {
  const path = env.PATH ?? env.Path ?? '';
  const extensions =
    process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new UserError(
    `the Pulumi CLI (pulumi) is not on the PATH${path === '' ? ' (PATH is empty)' : ''}`,
    'install the Pulumi CLI 3.x (https://www.pulumi.com/docs/iac/download-install/) and put the folder that holds `pulumi` on the PATH',
  );
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How a command ended. */
interface CommandOutput {
  /** The exit code; null where a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** Its last `STDERR_TAIL_BYTES`. */
  readonly stderr: string;
}

interface RunSettings {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The command as messages name it. */
  readonly command: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
  readonly maxStdoutBytes: number;
}

/** Runs a command to its end, its stdout bounded and its stderr's tail kept; ends it when stopped or late. */
function runCommand(executable: string, args: string[], s: RunSettings): Promise<CommandOutput> {
  if (s.signal?.aborted) return Promise.reject(stopped(s.command));
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, {
      cwd: s.cwd,
      env: s.env,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let ending: UserError | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const end = (why: UserError) => {
      if (ending) return;
      ending = why;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(
      () =>
        end(
          new UserError(
            `${s.command} did not finish within ${durationText(s.timeoutMs)} and was ended`,
            `run it by hand in ${s.cwd} to see where it waits (a prompt, another update holding the stack, a provider that does not answer)`,
          ),
        ),
      s.timeoutMs,
    );
    const onAbort = () => end(stopped(s.command));
    s.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanUp = () => {
      clearTimeout(timer);
      s.signal?.removeEventListener('abort', onAbort);
    };

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > s.maxStdoutBytes) {
        end(
          new UserError(
            `${s.command} printed more than ${s.maxStdoutBytes} bytes on stdout and was ended`,
            'preview a smaller part of the stack by hand (pulumi preview --target), or raise the bound',
          ),
        );
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });
    let started = false;
    child.on('spawn', () => (started = true));
    child.on('error', (e: NodeJS.ErrnoException) => {
      // Once started, an error (a failed kill) is followed by 'close', which tells how it ended.
      if (started) return;
      cleanUp();
      if (killTimer) clearTimeout(killTimer);
      reject(
        new UserError(
          `${s.command} could not be started (${e.code ?? e.message}): ${executable}`,
          'install the Pulumi CLI 3.x (https://www.pulumi.com/docs/iac/download-install/) and check that `pulumi version` runs',
        ),
      );
    });
    child.on('close', (code, signal) => {
      cleanUp();
      if (killTimer) clearTimeout(killTimer);
      if (ending) {
        reject(ending);
        return;
      }
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: stderr.toString('utf8'),
      });
    });
  });
}

function durationText(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function stopped(command: string): UserError {
  return new UserError(`${command} was stopped before it finished`, 'run the command again');
}

/** What a preview that exited with an error says, with the fix its words point to. */
function failed(command: string, output: CommandOutput, where: { stack: string; cwd: string }): UserError {
  const how =
    output.code === null ? `was ended by ${output.signal ?? 'a signal'}` : `exited with code ${output.code}`;
  const quoted = lastLines(output.stderr, QUOTED_LINES);
  const said = quoted.length > 0 ? quoted : errorDiagnostics(output.stdout);
  return new UserError(
    `${command} ${how}${said.length > 0 ? `:\n${said.map((l) => `  ${l}`).join('\n')}` : ' and wrote nothing on stderr'}`,
    fixFor(said.join('\n'), where),
  );
}

/** The fixes of the failures Pulumi names in its own words. */
const FAILURE_FIXES: readonly {
  readonly says: RegExp;
  readonly fix: (w: { stack: string; cwd: string }) => string;
}[] = [
  {
    says: /no stack named/i,
    fix: (w) =>
      `select or create the stack in ${w.cwd}: \`pulumi stack select ${w.stack}\` (or \`pulumi stack init ${w.stack}\`), or give the stack's name with --stack`,
  },
  {
    says: /Pulumi\.yaml|no Pulumi project/i,
    fix: (w) => `run it in the Pulumi project's directory (the one holding Pulumi.yaml), not ${w.cwd}`,
  },
  {
    says: /passphrase/i,
    fix: () =>
      "set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) for the stack's secrets, as for `pulumi up`",
  },
  {
    says: /PULUMI_ACCESS_TOKEN|pulumi login|not logged in/i,
    fix: () => "log in to the stack's backend: `pulumi login` (or set PULUMI_ACCESS_TOKEN)",
  },
];

function fixFor(said: string, where: { stack: string; cwd: string }): string {
  const known = FAILURE_FIXES.find((f) => f.says.test(said));
  return known
    ? known.fix(where)
    : `run \`pulumi preview --stack ${where.stack} --refresh=false\` in ${where.cwd} and fix what it reports`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const LONGEST_QUOTED_LINE = 400;

function lastLines(text: string, count: number): string[] {
  return text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-count)
    .map((l) => (l.length > LONGEST_QUOTED_LINE ? `${l.slice(0, LONGEST_QUOTED_LINE)}…` : l));
}

/** The errors a failed preview reported in its JSON (where it printed one): Pulumi's own messages only. */
function errorDiagnostics(stdout: string): string[] {
  try {
    const preview = parsePulumiPreview(stdout, 'pulumi preview');
    return preview.diagnostics
      .filter((d) => d.severity === 'error')
      .flatMap((d) => lastLines(d.message, QUOTED_LINES))
      .slice(-QUOTED_LINES);
  } catch {
    return [];
  }
}
