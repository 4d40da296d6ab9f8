import { spawnSync } from 'child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { hostname, tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { writeOutputFile } from '../../src/cli/output/write-output-file';
import { REPO_ROOT } from '../support/repo-root';
import { type CliRun, runCli } from './support';

// The output folder in one process: what synth keeps, removes and refuses, its record, its lock, and what an
// earlier run left. The same through signals and concurrent processes: output-processes.test.ts.

let dir: string;
let out: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-outdir-'));
  out = join(dir, 'out');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The dev stack file with its fleet changed by `change`, in the test's folder. */
function devWith(name: string, change: (fleet: any) => void = () => {}): string {
  const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), 'utf8'));
  change(doc.config['qcbm:fleet']);
  const file = join(dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** Every file under `folder` (links followed), by path, with its text; folders as `<path>/`. */
function filesOf(folder: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (lstatSync(path).isDirectory()) {
      files[`${prefix}${name}/`] = '';
      Object.assign(files, filesOf(path, `${prefix}${name}/`));
    } else {
      files[`${prefix}${name}`] = readFileSync(path, 'utf8');
    }
  }
  return files;
}

/** The test folder's entries beside `out`: the link and its generation only, once a run ended. */
const besideOut = () => readdirSync(dir).filter((f) => f.startsWith('.out.'));

const synth = (file: string, env: Record<string, string> = {}) =>
  runCli(['synth', '--file', file, '--out', out], dir, env);

function expectUserError(run: CliRun, message: string | RegExp): void {
  expect(run.code).toBe(1);
  expect(run.err).toMatch(message);
  expect(run.err).toMatch(/\nFix: .+\n$/);
  expect(run.err).not.toMatch(/This is a bug|\n\s+at /);
}

describe('the first run into a folder that holds files', () => {
  test('makes it a link to a generation, keeps every file and folder it did not write, records what it wrote', async () => {
    mkdirSync(join(out, 'reports'), { recursive: true });
    writeFileSync(join(out, 'other-team.k8s.yaml'), 'kind: Theirs\n');
    writeFileSync(join(out, 'reports', 'r.txt'), 'report');
    writeFileSync(join(out, 'hub-app.k8s.yaml'), 'kind: Stale\n'); // an older synth's, with no record: replaced
    const run = await synth(devWith('Pulumi.dev.yaml'));
    expect([run.code, run.err]).toEqual([0, '']);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toBe('.out.qcbm-gen-2');
    expect(besideOut()).toEqual(['.out.qcbm-gen-2']);
    const files = filesOf(out);
    expect(files['other-team.k8s.yaml']).toBe('kind: Theirs\n');
    expect(files['reports/r.txt']).toBe('report');
    expect(files['hub-app.k8s.yaml']).toMatch(/^apiVersion: v1\nkind: Namespace\n/);
    expect(JSON.parse(files['.qcbm-fleet-files']).files).toEqual([
      'cluster-guangzhou-01.k8s.yaml',
      'cluster-guangzhou-02.k8s.yaml',
      'hub-app.k8s.yaml',
      'hub-distribution.k8s.yaml',
    ]);
  });
});

describe('a later run', () => {
  test("removes only what the record lists and it no longer writes; another team's file stays", async () => {
    expect((await synth(devWith('Pulumi.dev.yaml'))).code).toBe(0);
    writeFileSync(join(out, 'other-team.k8s.yaml'), 'kind: Theirs\n');
    const smaller = devWith('Pulumi.one.yaml', (f) => {
      f.clusters = f.clusters.slice(0, 1);
    });
    const run = await synth(smaller);
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).toContain('Removed a file an earlier synth wrote there: cluster-guangzhou-02.k8s.yaml\n');
    expect(Object.keys(filesOf(out))).toEqual([
      '.qcbm-fleet-files',
      'cluster-guangzhou-01.k8s.yaml',
      'hub-app.k8s.yaml',
      'hub-distribution.k8s.yaml',
      'other-team.k8s.yaml',
    ]);
    expect(readlinkSync(out)).toBe('.out.qcbm-gen-2');
    expect(besideOut()).toEqual(['.out.qcbm-gen-2']);
  });

  test('with an unreadable record removes nothing it does not write, and says so', async () => {
    expect((await synth(devWith('Pulumi.dev.yaml'))).code).toBe(0);
    writeFileSync(join(out, '.qcbm-fleet-files'), '{ not json');
    const run = await synth(devWith('Pulumi.one.yaml', (f) => (f.clusters = f.clusters.slice(0, 1))));
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^Warning: .*\.qcbm-fleet-files cannot be read \(it is not JSON\): this run removes no file/,
    );
    expect(readdirSync(out)).toContain('cluster-guangzhou-02.k8s.yaml');
  });

  test('a file plan writes into the output stays through the next synth, written whole', async () => {
    const file = devWith('Pulumi.dev.yaml');
    expect((await synth(file)).code).toBe(0);
    writeOutputFile(join(out, 'plan-dev.json'), '{}\n');
    writeFileSync(join(out, '.plan-dev.json.qcbm-tmp-999999'), 'half'); // what a writer that died left
    expect((await synth(file)).code).toBe(0);
    expect(readFileSync(join(out, 'plan-dev.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(out).filter((f) => f.includes('qcbm-tmp'))).toEqual([]);
    expect(besideOut()).toEqual(['.out.qcbm-gen-2']); // the folder's lock was released
  });
});

describe('refused before anything changes', () => {
  test.each([
    ['a real folder', false],
    ['a link to a generation', true],
  ])('a folder named like a file synth writes, in %s', async (_label, linked) => {
    const file = devWith('Pulumi.dev.yaml');
    if (linked) expect((await synth(file)).code).toBe(0);
    rmSync(join(out, 'cluster-guangzhou-02.k8s.yaml'), { force: true });
    mkdirSync(join(out, 'cluster-guangzhou-02.k8s.yaml', 'inside'), { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const before = { files: filesOf(out), beside: besideOut() };
    const run = await synth(file);
    expectUserError(
      run,
      `${out}/cluster-guangzhou-02.k8s.yaml is a folder, where synth writes the file cluster-guangzhou-02.k8s.yaml; nothing was changed\n`,
    );
    expect({ files: filesOf(out), beside: besideOut() }).toEqual(before);
  });

  test('a lock of a live process: stops with its pid, and leaves the lock to it', async () => {
    const file = devWith('Pulumi.dev.yaml');
    expect((await synth(file)).code).toBe(0);
    const lock = join(dir, '.out.qcbm-lock');
    const holder = `${JSON.stringify({ pid: process.ppid, host: hostname(), since: 'then' })}\n`;
    writeFileSync(lock, holder);
    const before = filesOf(out);
    const run = await synth(devWith('Pulumi.one.yaml', (f) => (f.clusters = f.clusters.slice(0, 1))));
    expectUserError(
      run,
      `${out} is being written by another qcbm-fleet (pid ${process.ppid}, since then); its lock is ${lock}\n`,
    );
    expect(filesOf(out)).toEqual(before);
    expect(readFileSync(lock, 'utf8')).toBe(holder);
  });

  test('a lock whose process is gone is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, '.out.qcbm-lock'), JSON.stringify({ pid: gone, host: hostname() }));
    const run = await synth(devWith('Pulumi.dev.yaml'));
    expect([run.code, run.err]).toEqual([0, '']);
    expect(besideOut()).toEqual(['.out.qcbm-gen-1']);
  });
});

describe('what an ended run left', () => {
  test('a staging folder, a new link, a dead lock taker are removed; a generation without its link is linked again', async () => {
    const file = devWith('Pulumi.dev.yaml');
    expect((await synth(file)).code).toBe(0);
    const set = filesOf(out);
    rmSync(out); // as cdk8s-cli removes its output folder, or an end between moving a folder aside and linking
    mkdirSync(join(dir, '.out.qcbm-stage-123-abc'));
    writeFileSync(join(dir, '.out.qcbm-stage-123-abc', 'cluster-x.k8s.yaml'), 'half');
    symlinkSync('.out.qcbm-stage-123-abc', join(dir, '.out.qcbm-link-123'));
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, `.out.qcbm-lock-${gone}`), 'a lock being taken when its process ended');
    writeFileSync(join(dir, `.out.qcbm-lock-${process.ppid}`), 'a lock being taken by a live process');
    // A failing run restores the link, and changes nothing else.
    const failing = await synth(
      devWith('Pulumi.bad.yaml', (f) => (f.clusters[1].endpoints.mysql.port = 70000)),
    );
    expect(failing.code).toBe(1);
    expect(failing.err).toMatch(
      /^Note: out was gone; it links to \.out\.qcbm-gen-1 again, the last set written there\n/,
    );
    expect(filesOf(out)).toEqual(set);
    expect(besideOut()).toEqual(['.out.qcbm-gen-1', `.out.qcbm-lock-${process.ppid}`]);
  });
});

describe('a failed rename leaves the old set', () => {
  test.each([
    ['generation', 'a real folder'],
    ['aside', 'a real folder'],
    ['switch', 'a real folder'],
    ['generation', 'a link'],
    ['switch', 'a link'],
  ])('at %s, replacing %s', async (step, kind) => {
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'cluster-old.k8s.yaml'), 'kind: Old\n');
    if (kind === 'a link') {
      const one = devWith('Pulumi.one.yaml', (f) => (f.clusters = f.clusters.slice(0, 1)));
      expect((await synth(one)).code).toBe(0);
    }
    const state = () => ({ files: filesOf(out), beside: besideOut(), link: lstatSync(out).isSymbolicLink() });
    const before = state();
    expect(before.link).toBe(kind === 'a link');
    const run = await synth(devWith('Pulumi.dev.yaml'), { QCBM_FLEET_TEST_FAULT: step });
    expectUserError(run, /^cannot move a file to .* \(EIO\)\n/);
    expect(state()).toEqual(before);
    expect(existsSync(join(dir, '.out.qcbm-lock'))).toBe(false);
  });
});
