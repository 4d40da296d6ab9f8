import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { synthEnvironment } from '../../src/k8s/fleet/synth-environment';
import { wideFleetInput } from '../fixtures/fleets';
import { REPO_ROOT } from '../support/repo-root';

/** Every file of a directory, by name. */
/** The manifests in `dir` (not the record of them synth keeps beside them). */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.k8s.yaml'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

/** The same object with its keys in reverse order at every level (arrays keep their order). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('deterministic output', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'qcbm-determinism-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function stackFile(fleet: unknown): string {
    const file = join(tempDir(), 'Pulumi.determinism.yaml');
    writeFileSync(file, stringify({ config: { 'qcbm:fleet': fleet } }));
    return file;
  }

  function synthTo(file: string): Record<string, string> {
    const out = tempDir();
    synthEnvironment({ stackFile: file, outdir: out });
    return filesOf(out);
  }

  test('the same fleet synthesizes byte-identical files twice in one process', () => {
    const file = stackFile(wideFleetInput());
    const first = synthTo(file);
    const second = synthTo(file);
    expect(Object.keys(first).sort()).toEqual([
      'cluster-beijing-01.k8s.yaml',
      'cluster-guangzhou-dr.k8s.yaml',
      'cluster-shanghai-01.k8s.yaml',
      'hub-app.k8s.yaml',
      'hub-distribution.k8s.yaml',
    ]);
    expect(second).toEqual(first);
  });

  test('key order in the fleet file does not matter', () => {
    expect(synthTo(stackFile(reverseKeys(wideFleetInput())))).toEqual(synthTo(stackFile(wideFleetInput())));
  });

  test('another process, time zone, locale and working directory give the same bytes', () => {
    const file = stackFile(wideFleetInput());
    const here = synthTo(file);
    const there = tempDir();
    const run = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'src/cli/bin.ts'), 'synth'],
      {
        cwd: tmpdir(),
        env: {
          PATH: process.env.PATH,
          TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
          NODE_PATH: join(REPO_ROOT, 'node_modules'),
          QCBM_FLEET_FILE: file,
          CDK8S_OUTDIR: there,
          TZ: 'Pacific/Kiritimati',
          LANG: 'tr_TR.UTF-8',
          LC_ALL: 'tr_TR.UTF-8',
        },
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(filesOf(there)).toEqual(here);
  });
});
