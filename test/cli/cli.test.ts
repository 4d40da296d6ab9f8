import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { describeFailure } from '../../src/cli/errors';
import { generateFleet } from '../../scripts/generate-fleet';
import { REPO_ROOT } from '../support/repo-root';
import { runCli } from './support';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const devDoc = () => parse(readFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), 'utf8'));

/** A stack file in the test's directory, from the dev fleet changed by `change`. */
function devWith(name: string, change: (fleet: any) => void): string {
  const doc = devDoc();
  change(doc.config['qcbm:fleet']);
  const file = join(dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** An output directory holding a file of its own and a manifest from an earlier synth, and its bytes. */
function previousOutput(): { out: string; snapshot: () => Record<string, string> } {
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  writeFileSync(join(out, 'cluster-old.k8s.yaml'), 'kind: Old\n');
  const snapshot = () =>
    Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { out, snapshot };
}

const BAD_INPUTS: [string, () => string][] = [
  [
    'a YAML syntax error',
    () => {
      const file = join(dir, 'Pulumi.broken.yaml');
      writeFileSync(file, 'config:\n  qcbm:fleet: {name: dev\n');
      return file;
    },
  ],
  [
    'an invalid fleet',
    () => devWith('Pulumi.invalid.yaml', (f) => (f.clusters[1].endpoints.mysql.port = 70000)),
  ],
  [
    'a patch that cannot apply',
    () =>
      devWith('Pulumi.badpatch.yaml', (f) => {
        f.differences = {
          'guangzhou-02': {
            patches: [
              {
                type: 'JSONPatch',
                target: { kind: 'Deployment', name: 'user-service' },
                operations: [{ op: 'replace', path: '/spec/nothing/here', value: 1 }],
              },
            ],
          },
        };
      }),
  ],
];

describe('synth and plan fail on bad input with one readable block, exit 1, and leave the output as it was', () => {
  test.each(BAD_INPUTS)('%s', async (_label, make) => {
    const file = make();
    const { out, snapshot } = previousOutput();
    const before = snapshot();
    const synth = await runCli(['synth', '--file', file, '--out', out], dir);
    const plan = await runCli(
      ['plan', '--stack', 'bad', '--file', file, '--out', join(out, 'plan.json')],
      REPO_ROOT,
    );
    for (const run of [synth, plan]) {
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/ is invalid \(\d+ problems?\):\n {2}- /);
      expect(run.err).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(plan.err).toBe(synth.err);
    expect(snapshot()).toEqual(before);
  });
});

describe('synth', () => {
  test('writes what cdk8s synth writes and its record, keeps files it did not write', async () => {
    const { out } = previousOutput();
    const run = await runCli(['synth', '--stack', 'dev', '--out', out], REPO_ROOT);
    expect([run.code, run.err]).toEqual([0, '']);
    expect(readdirSync(out).sort()).toEqual([
      '.qcbm-fleet-files',
      'cluster-guangzhou-01.k8s.yaml',
      'cluster-guangzhou-02.k8s.yaml',
      'cluster-old.k8s.yaml', // no record lists it: not synth's to remove
      'hub-app.k8s.yaml',
      'hub-distribution.k8s.yaml',
      'notes.txt',
    ]);
    expect(run.out).toContain('Synthesized Pulumi.dev.yaml to ');
    // Only the link and the set it links to are left: no staging folder, no lock.
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith('.'))
        .sort(),
    ).toEqual(['.out.qcbm-gen-2']);
  });

  test('honours $QCBM_STACK and $CDK8S_OUTDIR, as the cdk8s app it also is', async () => {
    copyFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), join(dir, 'Pulumi.mine.yaml'));
    const run = await runCli(['synth'], dir, { QCBM_STACK: 'mine', CDK8S_OUTDIR: join(dir, 'cdk8s-out') });
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'cdk8s-out'))).toContain('hub-app.k8s.yaml');
  });
});

describe('usage', () => {
  test.each([
    [['nonsense']],
    [['synth', '--nope']],
    [['render']],
    [['diff']],
    [['synth', '--stack', 'dev', '--file', 'x.yaml']],
  ])('%j exits 2 and says what is wrong', async (argv) => {
    const run = await runCli(argv, dir);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/error: |cannot be used with/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  test('--help on the program and on every verb exits 0 and documents the exit codes', async () => {
    for (const argv of [
      ['--help'],
      ['synth', '--help'],
      ['plan', '--help'],
      ['render', '--help'],
      ['diff', '--help'],
    ]) {
      const run = await runCli(argv, dir);
      expect([argv, run.code]).toEqual([argv, 0]);
      expect(run.out).toContain('2  usage');
    }
  });

  test('a bug is one line and a hint; --verbose shows its trace', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeFailure(bug, false)).toBe(
      "Unexpected error: Cannot read properties of undefined (reading 'x')\nThis is a bug in qcbm-fleet: run again with --verbose for the stack trace, and report it.",
    );
    expect(describeFailure(bug, true)).toContain('    at ');
  });
});

describe('render', () => {
  test("prints one cluster's effective manifests: what synth writes for it", async () => {
    const run = await runCli(['render', '--stack', 'dev', '--cluster', 'guangzhou-02'], REPO_ROOT);
    expect([run.code, run.err]).toEqual([0, '']);
    const synth = await runCli(['synth', '--stack', 'dev', '--out', join(dir, 'out')], REPO_ROOT);
    expect(synth.code).toBe(0);
    expect(run.out).toBe(readFileSync(join(dir, 'out', 'cluster-guangzhou-02.k8s.yaml'), 'utf8'));
  });

  test("renders and checks that cluster only: another cluster's patch that cannot apply is synth's to refuse", async () => {
    const file = BAD_INPUTS.find(([label]) => label === 'a patch that cannot apply')![1]();
    const broken = await runCli(['render', '--file', file, '--cluster', 'guangzhou-02'], dir);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/cluster "guangzhou-02", .*cannot apply to Deployment qcbm\/user-service/);
    const other = await runCli(['render', '--file', file, '--cluster', 'guangzhou-01'], dir);
    expect([other.code, other.err]).toEqual([0, '']);
    const fine = await runCli(['render', '--stack', 'dev', '--cluster', 'guangzhou-01'], REPO_ROOT);
    expect(other.out).toBe(fine.out);
  });

  test('a cluster the fleet does not have is refused with the names to use', async () => {
    const run = await runCli(['render', '--stack', 'dev', '--cluster', 'guangzhou-09'], REPO_ROOT);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      '--cluster guangzhou-09 is not a cluster of fleet "dev"\nFix: use one of guangzhou-01, guangzhou-02\n',
    );
  });

  test('values pulumi up creates are placeholders, and it says so', async () => {
    const run = await runCli(['render', '--stack', 'prod', '--cluster', 'shanghai-01'], REPO_ROOT);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^Note: shanghai-01: values created by pulumi up .* are shown as placeholders/);
    // Every cluster writes to the primary (Beijing) through its one private name, known before it exists.
    expect(run.out).toContain('MYSQL_HOST: mysql.qcbm-prod.internal');
  });
});

describe('diff', () => {
  const changeGuangzhou02 = (f: any) => {
    f.clusters[1].endpoints.mysql.host = '10.24.4.99';
    f.clusters.push({
      ...f.clusters[1],
      name: 'guangzhou-03',
      clusterId: '5d3e7f10-1111-4222-8333-944455556666',
      hubNamespace: 'clusternet-zzz01',
    });
  };

  test('per cluster: the fields that change, the clusters that join', async () => {
    const base = join(dir, 'Pulumi.base.yaml');
    copyFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), base);
    const head = devWith('Pulumi.dev.yaml', changeGuangzhou02);
    const run = await runCli(['diff', '--file', head, '--base', base], dir);
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).not.toContain('guangzhou-01');
    expect(run.out).toContain('\n1 cluster unchanged (--all lists them)\n');
    expect(run.out).toContain(
      'cluster guangzhou-02:\n  ~ ConfigMap qcbm/qcbm-env\n      ~ data.MYSQL_HOST: "hk-cdb-a2b1ptyb.sql.tencentcdb.com" → "10.24.4.99"',
    );
    expect(run.out).toMatch(
      /cluster guangzhou-03 \(added: joins or leaves the fleet\):\n {2}\+ Namespace qcbm/,
    );
    // The four services read MYSQL_HOST: their pods carry a new checksum and restart; the gateway reads no MySQL.
    // A new endpoint also makes a new schema Job (its pod template cannot change); guangzhou-03 shares that database.
    expect(run.out).toMatch(/\n {2}\+ Job qcbm\/qcbm-schema-\w+\n {2}- Job qcbm\/qcbm-schema-\w+\n/);
    expect(run.out).toMatch(/2 of 3 clusters change: \d+ objects added, 1 removed, 5 changed\.\n$/);
    expect(run.out).not.toContain('~ Deployment qcbm/qcbm-gateway');
    const json = await runCli(['diff', '--file', head, '--base', base, '--json'], dir);
    expect(JSON.parse(json.out)[1]).toMatchObject({ cluster: 'guangzhou-02', kind: 'changed' });
  });

  test('prints only the cluster that changes and counts the others; --all prints every cluster', async () => {
    const input = generateFleet(12);
    const stackFile = (name: string) => {
      const file = join(dir, name);
      writeFileSync(file, stringify({ config: { 'qcbm:fleet': input } }));
      return file;
    };
    const base = stackFile('Pulumi.base.yaml');
    input.clusters[4].endpoints!.redis = { host: '10.0.5.99', port: 6379 };
    const head = stackFile('Pulumi.head.yaml');

    const run = await runCli(['diff', '--file', head, '--base', base], dir);
    expect([run.code, run.err]).toEqual([0, '']);
    const checksum = (d: string) => [
      `  ~ Deployment qcbm/${d}`,
      '      ~ spec.template.metadata.annotations.checksum/config: "sha256:(hex)" → "sha256:(hex)"',
    ];
    expect(run.out.replace(/sha256:[0-9a-f]{64}/g, 'sha256:(hex)')).toBe(
      [
        'cluster cluster-0004:',
        '  ~ ConfigMap qcbm/qcbm-env',
        '      ~ data.REDIS_HOST: "10.0.5.20" → "10.0.5.99"',
        ...['user-service', 'store-service', 'order-service', 'favorites-service'].flatMap(checksum),
        '11 clusters unchanged (--all lists them)',
        '1 of 12 clusters change: 0 objects added, 0 removed, 5 changed.',
        '',
      ].join('\n'),
    );

    const all = await runCli(['diff', '--file', head, '--base', base, '--all'], dir);
    expect(all.code).toBe(0);
    const names = input.clusters.map((c) => c.name);
    expect(all.out.split('\n').filter((l) => l.startsWith('cluster '))).toEqual(
      names.map((n) => (n === 'cluster-0004' ? 'cluster cluster-0004:' : `cluster ${n}: no change`)),
    );
    expect(all.out).toContain(run.out.split('\n').slice(0, 11).join('\n'));
    expect(all.out).not.toContain('unchanged (--all');
    expect(all.out).toMatch(/\n1 of 12 clusters change: .*\n$/);

    // JSON: every cluster, each with its kind, with or without --all.
    const json = await runCli(['diff', '--file', head, '--base', base, '--json'], dir);
    const kinds = (JSON.parse(json.out) as { cluster: string; kind: string }[]).map((c) => [
      c.cluster,
      c.kind,
    ]);
    expect(kinds).toEqual(names.map((n) => [n, n === 'cluster-0004' ? 'changed' : 'unchanged']));
    const jsonAll = await runCli(['diff', '--file', head, '--base', base, '--json', '--all'], dir);
    expect(jsonAll.out).toBe(json.out);
  });

  test('a changed endpoint in one cluster shows a changed checksum on exactly the Deployments reading it, there', async () => {
    const input = generateFleet(6);
    const stackFile = (name: string) => {
      const file = join(dir, name);
      writeFileSync(file, stringify({ config: { 'qcbm:fleet': input } }));
      return file;
    };
    const base = stackFile('Pulumi.base.yaml');
    input.clusters[3].endpoints!.nacos = { host: '10.0.4.99', port: 8848 };
    const head = stackFile('Pulumi.head.yaml');
    const run = await runCli(['diff', '--file', head, '--base', base, '--json'], dir);
    expect([run.code, run.err]).toEqual([0, '']);
    const diffs = JSON.parse(run.out) as {
      cluster: string;
      objects: { object: string; fields: { path: string; before?: string; after?: string }[] }[];
    }[];
    const restarted = diffs.flatMap((c) =>
      c.objects
        .filter((o) => o.fields.some((f) => f.path === 'spec.template.metadata.annotations.checksum/config'))
        .map((o) => `${c.cluster} ${o.object}`),
    );
    // Every component but the front reads NACOS_HOST.
    expect(restarted).toEqual(
      ['user-service', 'store-service', 'qcbm-gateway', 'order-service', 'favorites-service'].map(
        (d) => `cluster-0003 Deployment qcbm/${d}`,
      ),
    );
    const fields = diffs[3].objects.flatMap((o) => o.fields);
    expect(fields.filter((f) => f.path.includes('checksum')).every((f) => f.before !== f.after)).toBe(true);
    expect(fields.map((f) => f.path)).not.toContain('spec.template.metadata.annotations.checksum/secret');
  });

  test('against a git revision of the same stack file', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    git('init', '-q');
    copyFileSync(join(REPO_ROOT, 'Pulumi.dev.yaml'), join(dir, 'Pulumi.dev.yaml'));
    git('add', 'Pulumi.dev.yaml');
    git('commit', '-q', '-m', 'base');
    devWith('Pulumi.dev.yaml', changeGuangzhou02);
    const run = await runCli(['diff', '--stack', 'dev', '--base', 'HEAD'], dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('~ data.MYSQL_HOST');
    const unknown = await runCli(['diff', '--stack', 'dev', '--base', 'no-such-branch'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /^--base no-such-branch is neither a file nor a git revision that has Pulumi\.dev\.yaml/,
    );
  });
});
