import { type ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import {
  copyFileSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { generateFleet } from '../../scripts/generate-fleet';
import { REPO_ROOT } from '../support/repo-root';

// The output folder against whole processes (the compiled command line, lib/: `npm run build` first): a signal or
// a SIGKILL at any moment of a large synth leaves the old set or the new one, never a mix, and no staging; two
// synths into one folder do not mix; `npx cdk8s synth` of an invalid fleet keeps dist/.

jest.setTimeout(30_000);

const BIN = join(REPO_ROOT, 'lib', 'cli', 'bin.js');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-outproc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly err: string;
  readonly pid: number;
  readonly ms: number;
}

/** Starts `qcbm-fleet synth --file file --out out`; `ended` settles when it exits. */
function startSynth(file: string, out: string, cwd = dir): { child: ChildProcess; ended: Promise<Ended> } {
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, 'synth', '--file', file, '--out', out], {
    cwd,
    env: { ...process.env, QCBM_FLEET_TEST_FAULT: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ended = new Promise<Ended>((done) =>
    child.on('close', (code, signal) =>
      done({ code, signal, err, pid: child.pid!, ms: performance.now() - start }),
    ),
  );
  return { child, ended };
}

/** A stack file of a generated fleet of `count` clusters with the Ingress host `host` (in every cluster's file). */
function fleetFile(name: string, count: number, host: string): string {
  const file = join(dir, `Pulumi.${name}.yaml`);
  const fleet = { ...generateFleet(count), app: { ingressHost: host } };
  writeFileSync(file, stringify({ config: { 'qcbm:fleet': fleet } }));
  return file;
}

/** Every file of the set `out` shows, by name, as a hash of its bytes. */
function setOf(out: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(out)
      .sort()
      .map((f) => [
        f,
        createHash('sha1')
          .update(readFileSync(join(out, f)))
          .digest('hex'),
      ]),
  );
}

/** The entries beside `out` that synth keeps: after a run ends, its generation only. */
const besideOf = (out: string) => {
  const base = out.split('/').pop()!;
  return readdirSync(join(out, '..')).filter((f) => f.startsWith(`.${base}.qcbm-`));
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('a large synth (300 clusters) replacing a set of 280', () => {
  const FOREIGN = 'other-team.k8s.yaml';
  let files: { a: string; b: string };
  let sets: { a: Record<string, string>; b: Record<string, string> };
  let fullRunMs: number;
  let out: string;

  beforeAll(async () => {
    files = { a: fleetFile('a', 280, 'a.example.com'), b: fleetFile('b', 300, 'b.example.com') };
    out = join(dir, 'out');
    const refB = join(dir, 'ref-b');
    const a = await startSynth(files.a, out).ended;
    const b = await startSynth(files.b, refB).ended;
    expect([a.code, b.code, a.err, b.err]).toEqual([0, 0, '', '']);
    fullRunMs = (a.ms + b.ms) / 2;
    for (const folder of [out, refB]) writeFileSync(join(folder, FOREIGN), 'kind: Theirs\n');
    sets = { a: setOf(out), b: setOf(refB) };
    // Every file differs between the two sets (so any mix shows), but the other team's.
    const same = Object.keys(sets.a).filter((f) => sets.a[f] === sets.b[f]);
    expect(same).toEqual([FOREIGN]);
  });

  /** Which whole set `out` shows, or the names that make it a mix. */
  function whichSet(): 'a' | 'b' | string[] {
    const now = setOf(out);
    if (JSON.stringify(now) === JSON.stringify(sets.a)) return 'a';
    if (JSON.stringify(now) === JSON.stringify(sets.b)) return 'b';
    return Object.keys({ ...now, ...sets.a }).filter((f) => now[f] !== sets.a[f]);
  }

  /** The files in the run's staging folder, or -1 while there is none. */
  function stagedFiles(): number {
    const staging = readdirSync(dir).find((f) => f.startsWith('.out.qcbm-stage-'));
    if (staging === undefined) return -1;
    try {
      return readdirSync(join(dir, staging)).length;
    } catch {
      return -1; // renamed into a generation meanwhile
    }
  }

  /** Runs a synth replacing what `out` shows and sends `signal` at `moment`; what it ended with. */
  async function replaceAndSignal(signal: NodeJS.Signals, moment: Moment) {
    const before = whichSet();
    const next: 'a' | 'b' = before === 'a' ? 'b' : 'a';
    const run = startSynth(files[next], out);
    let exited = false;
    void run.ended.then(() => (exited = true));
    if (moment.staged !== undefined) {
      while (!exited && stagedFiles() < moment.staged) await sleep(2);
    } else {
      await sleep(fullRunMs * moment.ofRun!);
    }
    run.child.kill(signal);
    const ended = await run.ended;
    return {
      before,
      next,
      ended,
      shown: whichSet(),
      outcome: `${signal} ${JSON.stringify(moment)}: ended by ${ended.signal ?? `exit ${ended.code}`}`,
    };
  }

  type Moment = { staged?: number; ofRun?: number };

  test('a signal while the new set is written leaves the old set, and nothing beside it', async () => {
    expect(whichSet()).toBe('a');
    for (const [signal, staged] of [
      ['SIGINT', 0],
      ['SIGTERM', 200],
    ] as const) {
      const { before, ended, shown, outcome } = await replaceAndSignal(signal, { staged });
      expect({ outcome, shown }).toEqual({ outcome, shown: before });
      expect({ outcome, err: ended.err }).toEqual({
        outcome,
        err: `qcbm-fleet: interrupted by ${signal}: out is as it was\n`,
      });
      expect(ended.signal).toBe(signal); // the shell sees the signal, once the staging folder is removed
      expect(besideOf(out)).toEqual([readlinkSync(out)]);
    }
  });

  test('a signal at any other moment leaves the old set or the new one, never a mix', async () => {
    for (const [signal, ofRun] of [
      ['SIGINT', 0.9],
      ['SIGTERM', 1.1],
    ] as const) {
      const { before, next, ended, shown, outcome } = await replaceAndSignal(signal, { ofRun });
      // A mix shows as the list of files that differ from the old set.
      expect({ outcome, shown }).toEqual({ outcome, shown: expect.stringMatching(/^[ab]$/) });
      expect(besideOf(out)).toEqual([readlinkSync(out)]);
      // Ended by the signal, or done before it came.
      expect({ outcome, ok: ended.signal === signal || ended.code === 0 }).toEqual({ outcome, ok: true });
      if (ended.err !== '') {
        const kept = /as it was/.test(ended.err);
        expect(ended.err).toMatch(
          new RegExp(`^qcbm-fleet: interrupted by ${signal}: out (is as it was|holds the new set)\\n$`),
        );
        expect(shown).toBe(kept ? before : next);
      }
    }
  });

  test('SIGKILL at any moment leaves a whole set; the next run cleans up and takes the stale lock over', async () => {
    for (const moment of [{ ofRun: 0.9 }, { staged: 150 }]) {
      const { shown, outcome } = await replaceAndSignal('SIGKILL', moment);
      expect({ outcome, shown }).toEqual({ outcome, shown: expect.stringMatching(/^[ab]$/) });
    }
    // What the run killed while it wrote left: its lock and staging folder.
    expect(besideOf(out)).toEqual(
      expect.arrayContaining(['.out.qcbm-lock', expect.stringMatching(/^\.out\.qcbm-stage-/)]),
    );
    const last = whichSet();
    const next = await startSynth(files[last === 'a' ? 'b' : 'a'], out).ended;
    expect([next.code, next.err]).toEqual([0, '']);
    expect(whichSet()).toBe(last === 'a' ? 'b' : 'a');
    expect(besideOf(out)).toEqual([readlinkSync(out)]);
  });

  test('two synths into one folder: one stops with the pid of the other, and the folder holds one whole set', async () => {
    const first = startSynth(files.a, out);
    const second = startSynth(files.b, out);
    const ended = await Promise.all([first.ended, second.ended]);
    const [x, y] = ended;
    for (const [run, other] of [
      [x, y],
      [y, x],
    ]) {
      if (run.code !== 0) {
        expect(run.code).toBe(1);
        expect(run.err).toMatch(
          new RegExp(`is being written by another qcbm-fleet \\(pid ${other.pid}, since .*\\); its lock is `),
        );
      }
    }
    expect(ended.filter((e) => e.code === 0).length).toBeGreaterThan(0);
    expect(['a', 'b']).toContainEqual(whichSet());
    expect(besideOf(out)).toEqual([readlinkSync(out)]);
  });
});

describe('npx cdk8s synth --no-check-upgrade (cdk8s.yaml of this project)', () => {
  test('an invalid fleet leaves dist/ as it was; a valid one replaces it through the same writer', async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    copyFileSync(join(REPO_ROOT, 'cdk8s.yaml'), join(project, 'cdk8s.yaml'));
    symlinkSync(join(REPO_ROOT, 'lib'), join(project, 'lib'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(project, 'node_modules'));
    const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), 'utf8'));
    const stack = (port: number) => {
      doc.config['qcbm:fleet'].clusters[1].endpoints.mysql.port = port;
      writeFileSync(join(project, 'Pulumi.dev.yaml'), stringify(doc));
    };
    const cdk8s = () =>
      new Promise<{ code: number | null; all: string }>((done) => {
        const child = spawn(
          process.execPath,
          [join(REPO_ROOT, 'node_modules/cdk8s-cli/bin/cdk8s'), 'synth', '--no-check-upgrade'],
          { cwd: project, env: { ...process.env, QCBM_STACK: 'dev' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let all = '';
        child.stdout.on('data', (c: Buffer) => (all += c.toString()));
        child.stderr.on('data', (c: Buffer) => (all += c.toString()));
        child.on('close', (code) => done({ code, all }));
      });
    const dist = join(project, 'dist');

    stack(3307);
    const good = await cdk8s();
    expect([good.code, good.all]).toEqual([0, expect.stringContaining('.dist.qcbm-cdk8s/hub-app.k8s.yaml')]);
    expect(lstatSync(dist).isSymbolicLink()).toBe(true);
    writeFileSync(join(dist, 'plan-dev.json'), '{}\n');
    const before = { link: readlinkSync(dist), set: setOf(dist) };
    expect(Object.keys(before.set)).toContain('cluster-guangzhou-02.k8s.yaml');
    // cdk8s-cli's own output folder, emptied and listed by it, holds the same files as dist/.
    expect(setOf(join(project, '.dist.qcbm-cdk8s'))['hub-app.k8s.yaml']).toBe(before.set['hub-app.k8s.yaml']);

    stack(70000);
    const bad = await cdk8s();
    expect(bad.code).not.toBe(0);
    expect(bad.all).toMatch(/port.*70000|70000.*port/i);
    expect({ link: readlinkSync(dist), set: setOf(dist) }).toEqual(before);
  });
});
