import { execFileSync } from 'child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { describeFailure, fileSystemUserError } from '../../src/cli/errors';
import { stackName } from '../../src/cli/flag-values';
import { MAX_STACK_FILE_BYTES } from '../../src/model/bounded-file';
import { REPO_ROOT } from '../support/repo-root';
import { type CliRun, runCli } from './support';

// Hostile or odd input on the command line: refused at once, exit 1, one block naming the flag, the path and the
// fix, never "This is a bug", nothing written.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-limits-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const devFile = () => {
  const file = join(dir, 'Pulumi.dev.yaml');
  copyFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), file);
  return file;
};

/** A refusal as a user error: exit 1, the lines expected, no trace, no "bug". */
function expectRefused(run: CliRun, ...expected: (string | RegExp)[]): void {
  expect(run.code).toBe(1);
  for (const e of expected) expect(run.err).toMatch(e);
  expect(run.err).toMatch(/\nFix: .+\n$/);
  expect(run.err).not.toMatch(/This is a bug|\n\s+at /);
  expect(run.out).toBe('');
}

/** Runs the command line and the time it took, in ms. */
async function timed(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const start = performance.now();
  const run = await runCli(argv, cwd, env);
  return { run, ms: performance.now() - start };
}

const NOT_A_STACK_FILE: [string, () => string, RegExp][] = [
  ['/dev/zero (a character device)', () => '/dev/zero', /is a character device, not a regular file/],
  [
    'a FIFO without a writer',
    () => {
      const fifo = join(dir, 'Pulumi.fifo.yaml');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    },
    /is a FIFO \(named pipe\), not a regular file/,
  ],
  ['a directory', () => dir, /is a directory, not a regular file/],
  [
    'a file one byte over the limit',
    () => {
      const big = join(dir, 'Pulumi.big.yaml');
      writeFileSync(big, '');
      truncateSync(big, MAX_STACK_FILE_BYTES + 1);
      return big;
    },
    /is larger than 4 MiB \(4194305 bytes\)/,
  ],
];

describe('--file, $QCBM_FLEET_FILE and a --base file: a regular file of at most 4 MiB, refused within a second', () => {
  const FIX = /\nFix: give a stack file: a regular file \(Pulumi\.<stack>\.yaml\) of at most 4 MiB\n$/;

  test.each(NOT_A_STACK_FILE)('%s', async (_label, make, why) => {
    const path = make();
    const runs = [
      await timed(['synth', '--file', path, '--out', join(dir, 'out')], dir),
      await timed(['render', '--file', path, '--cluster', 'guangzhou-01'], dir),
      await timed(['plan', '--file', path, '--out', join(dir, 'plan.json')], REPO_ROOT),
      await timed(['drill', '--file', path, '--region', 'ap-guangzhou'], dir),
      await timed(['failover', '--file', path, '--to', 'x'], dir),
      await timed(['diff', '--file', path, '--base', devFile()], dir),
    ];
    for (const { run, ms } of runs) {
      expectRefused(run, new RegExp(`^--file: ${path} `), why, FIX);
      expect(ms).toBeLessThan(1000);
    }
    const variable = await timed(['render', '--cluster', 'guangzhou-01'], dir, { QCBM_FLEET_FILE: path });
    expectRefused(variable.run, new RegExp(`^\\$QCBM_FLEET_FILE: ${path} `), why, FIX);
    const base = await timed(['diff', '--file', devFile(), '--base', path], dir);
    expectRefused(base.run, new RegExp(`^--base: ${path} `), why, FIX);
    for (const { ms } of [variable, base]) expect(ms).toBeLessThan(1000);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('a stack file that is not there names the flag and the path', async () => {
    const missing = join(dir, 'Pulumi.nowhere.yaml');
    const run = await runCli(['synth', '--file', missing, '--out', join(dir, 'out')], dir);
    expect(run.err).toBe(`--file: ${missing} cannot be read (ENOENT)\nFix: check the path\n`);
    const stack = await runCli(['synth', '--stack', 'nowhere', '--out', join(dir, 'out')], dir);
    expect(stack.err).toBe(`--stack nowhere: ${missing} cannot be read (ENOENT)\nFix: check the path\n`);
  });
});

test('--outputs, --kubeconfig and --hub-kubeconfig are read with a bound too', async () => {
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const drill = (...flags: string[]) =>
    timed(['drill', '--stack', 'prod', '--region', 'ap-beijing', ...flags], REPO_ROOT);
  const runs = [
    [await drill('--outputs', '/dev/zero'), '--outputs /dev/zero is a character device, not a regular file'],
    [
      await drill('--kubeconfig', `beijing-01=${fifo}`),
      `--kubeconfig beijing-01: ${fifo} is a FIFO (named pipe)`,
    ],
    [await drill('--hub-kubeconfig', dir), `--hub-kubeconfig: ${dir} is a directory, not a regular file`],
  ] as const;
  for (const [{ run, ms }, message] of runs) {
    expectRefused(run, message, /\nFix: give a regular file of at most 64 MiB\n$/);
    expect(ms).toBeLessThan(1000);
  }
});

describe('--stack and $QCBM_STACK: a stack name, never a path', () => {
  test.each(['../../../x', 'a/b', '..', 'x\\y', ''])('%j is refused by every command', async (name) => {
    const quoted = JSON.stringify(name).replace(/[\\.[\]]/g, (c) => `\\${c}`);
    for (const argv of [
      ['synth', '--stack', name, '--out', join(dir, 'out')],
      ['plan', '--stack', name, '--out', join(dir, 'plan.json')],
      ['render', '--stack', name, '--cluster', 'guangzhou-01'],
      ['diff', '--stack', name, '--base', 'HEAD'],
      ['drill', '--stack', name, '--region', 'ap-guangzhou'],
      ['failover', '--stack', name, '--to', 'x'],
    ]) {
      const run = await runCli(argv, dir);
      expectRefused(run, new RegExp(`^--stack ${quoted} is not a stack name`));
    }
    const variable = await runCli(['render', '--cluster', 'guangzhou-01'], dir, { QCBM_STACK: name });
    expectRefused(variable, new RegExp(`^\\$QCBM_STACK ${quoted} is not a stack name`));
    expect(readdirSync(dir)).toEqual([]);
  });

  test("Pulumi's names pass: letters, digits, -, _ and .", () => {
    expect(stackName('prod.eu_1-a', '--stack')).toBe('prod.eu_1-a');
  });
});

describe('--out (synth, plan): never the source tree, /, the repository root, or a path of the other kind', () => {
  test.each([
    ['src', /is in the repository's src\/ \(src\)/],
    ['src/k8s', /is in the repository's src\/ \(src\/k8s\)/],
    ['test/out', /is in the repository's test\/ \(test\/out\)/],
    ['.git/dist', /is in the repository's \.git\/ \(\.git\/dist\)/],
    ['.', /is the root of the repository/],
    ['/', /is the root of the file system/],
  ])('synth --out %s', async (out, why) => {
    const run = await runCli(['synth', '--stack', 'dev', '--out', out], REPO_ROOT);
    expectRefused(run, /^--out \S+ /, why, /\nFix: give a folder of its own, e.g. dist\n$/);
  });

  test('a link into src/ is src/; a directory without .git is its own root', async () => {
    const link = join(dir, 'link');
    symlinkSync(join(REPO_ROOT, 'src'), link);
    const run = await runCli(['synth', '--stack', 'dev', '--out', link], REPO_ROOT);
    expectRefused(run, /is in the repository's src\//);
    mkdirSync(join(dir, 'src'));
    devFile();
    expectRefused(await runCli(['synth', '--out', 'src'], dir), /is in the repository's src\//);
    expectRefused(await runCli(['synth', '--out', '.'], dir), /is the root of the repository/);
  });

  test('synth --out a file, plan --out a folder or into src/', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'mine');
    const synth = await runCli(['synth', '--stack', 'dev', '--out', file], REPO_ROOT);
    expectRefused(synth, `--out ${file} is a file, not a folder\nFix: give a folder, or move notes.txt away`);
    const plan = await runCli(['plan', '--stack', 'dev', '--out', dir], REPO_ROOT);
    expectRefused(
      plan,
      `--out ${dir} is a folder, not a file\nFix: give a file's path, e.g. ${dir}/plan.json`,
    );
    const source = await runCli(['plan', '--stack', 'dev', '--out', 'src/plan.json'], REPO_ROOT);
    expectRefused(source, /is in the repository's src\/ \(src\/plan\.json\)/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(existsSync(join(REPO_ROOT, 'src', 'plan.json'))).toBe(false);
  });
});

describe('--base: a revision that starts with "-" never reaches git as an option', () => {
  test('diff --base=--output=FILE is refused and writes nothing', async () => {
    devFile();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const written = join(dir, 'written');
    const run = await runCli(['diff', '--stack', 'dev', `--base=--output=${written}`], dir);
    expectRefused(run, `--base --output=${written}: a git revision cannot start with "-"`);
    expect(existsSync(written)).toBe(false);
  });

  test("a revision's stack file is read with the same bound as a file", async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    git('init', '-q');
    writeFileSync(join(dir, 'Pulumi.dev.yaml'), `# ${'x'.repeat(MAX_STACK_FILE_BYTES)}\n`);
    git('add', 'Pulumi.dev.yaml');
    git('commit', '-q', '-m', 'big');
    devFile();
    const run = await runCli(['diff', '--stack', 'dev', '--base', 'HEAD'], dir);
    expectRefused(run, '--base HEAD: Pulumi.dev.yaml at that revision is larger than 4 MiB');
  });
});

describe('file-system errors on a path are user errors naming the path and the fix', () => {
  test('ENOTDIR: --out below a file', async () => {
    writeFileSync(join(dir, 'file'), '');
    const out = join(dir, 'file', 'out');
    const run = await runCli(['synth', '--stack', 'dev', '--out', out], REPO_ROOT);
    expectRefused(run, `cannot read ${out}: a part of the path is a file, not a folder (ENOTDIR)`);
  });

  test('ELOOP: --out a symbolic link to itself', async () => {
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    const run = await runCli(['synth', '--stack', 'dev', '--out', loop], REPO_ROOT);
    expectRefused(run, `cannot read ${loop}: its symbolic links form a loop (ELOOP)`);
  });

  test('EISDIR: a folder where synth writes a manifest', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'hub-app.k8s.yaml'), { recursive: true });
    const run = await runCli(['synth', '--stack', 'dev', '--out', out], REPO_ROOT);
    expectRefused(
      run,
      `${out}/hub-app.k8s.yaml is a folder, where synth writes the file hub-app.k8s.yaml; nothing was changed\nFix: move or rename the folder ${out}/hub-app.k8s.yaml, then run synth again`,
    );
  });

  test('every code of an ErrnoException with a path; other errors are left to the bug report', () => {
    const errno = (code: string, syscall: string) =>
      Object.assign(new Error(`${code}: x, ${syscall} '/p'`), { code, syscall, path: '/p' });
    expect(describeFailure(errno('EACCES', 'open'), false)).toBe(
      'cannot open /p: permission denied (EACCES)\nFix: give a path you may use, or change its permissions',
    );
    expect(describeFailure(errno('EROFS', 'mkdir'), false)).toBe(
      'cannot create the folder /p: the file system is read-only (EROFS)\nFix: give a path on a writable file system',
    );
    expect(fileSystemUserError(errno('EWHATEVER', 'open'))?.message).toBe(
      "cannot open /p: EWHATEVER: x, open '/p' (EWHATEVER)",
    );
    expect(fileSystemUserError(Object.assign(new Error('no path'), { code: 'EPIPE' }))).toBeUndefined();
  });
});

describe('fleet input the parser and the renderer meet', () => {
  /** A copy of the dev stack file with its fleet changed. */
  function devWith(change: (fleet: any) => void): string {
    const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), 'utf8'));
    change(doc.config['qcbm:fleet']);
    const file = join(dir, 'Pulumi.dev.yaml');
    writeFileSync(file, stringify(doc));
    return file;
  }

  test('a patch of 20,001 operations: split it', async () => {
    const operations = Array.from({ length: 20_001 }, (_, i) => ({
      op: 'add',
      path: `/metadata/labels/l${i}`,
      value: 'x',
    }));
    const file = devWith((f) => {
      f.differences = {
        'guangzhou-02': {
          patches: [{ type: 'JSONPatch', target: { kind: 'Deployment', name: 'user-service' }, operations }],
        },
      };
    });
    const run = await runCli(['render', '--file', file, '--cluster', 'guangzhou-02'], dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /the hub allows at most 10000 operations in one patch, this one has 20001\. .* Fix: split the operations into patches of at most 10000 each, or use a MergePatch/,
    );
  });

  test('a merge patch 5,000 levels deep: the nesting limit, not a stack overflow', async () => {
    let deep = 'x';
    for (let i = 0; i < 5000; i++) deep = `{a: ${deep}}`;
    const file = devWith((f) => {
      f.differences = {
        'guangzhou-02': {
          patches: [
            { type: 'MergePatch', target: { kind: 'Deployment', name: 'user-service' }, patch: 'DEEP' },
          ],
        },
      };
    });
    writeFileSync(file, readFileSync(file, 'utf8').replace('DEEP', deep));
    const run = await runCli(['render', '--file', file, '--cluster', 'guangzhou-02'], dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `${file} is invalid (1 problem):\n  - file: nests mappings and lists more than 200 levels deep. Fix: nest at most 200 levels deep (a Kubernetes object needs about 20)\n`,
    );
  });
});
