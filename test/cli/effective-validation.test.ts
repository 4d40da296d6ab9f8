import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../support/repo-root';
import { runCli } from './support';

// What each cluster receives is checked in synth, plan and render: a raw patch can no longer make a cluster run
// (or its API server refuse) what the fleet's own fields would have refused.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-effective-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stack file in the test's directory: `stack`'s fleet with `patch` as the one difference of `cluster`. */
function withPatch(stack: string, cluster: string, patch: object, policy?: object): string {
  const doc = parse(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), 'utf8'));
  const fleet = doc.config['qcbm:fleet'];
  fleet.differences = { ...fleet.differences, [cluster]: { patches: [patch] } };
  if (policy) fleet.policy = policy;
  const file = join(dir, `Pulumi.${stack}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

const userService = { kind: 'Deployment', name: 'user-service' };
const PRIVILEGED = {
  type: 'JSONPatch',
  target: userService,
  operations: [
    { op: 'add', path: '/spec/template/spec/containers/0/securityContext/privileged', value: true },
  ],
};

/** An output folder with a file of its own and an earlier manifest, and a snapshot of its bytes. */
function previousOutput(): { out: string; snapshot: () => Record<string, string> } {
  const out = join(dir, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  writeFileSync(join(out, 'cluster-old.k8s.yaml'), 'kind: Old\n');
  return {
    out,
    snapshot: () => Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])),
  };
}

const CASES: [string, object, RegExp][] = [
  [
    'replicas -5 (a merge patch)',
    { type: 'MergePatch', target: userService, patch: { spec: { replicas: -5 } } },
    /cluster "guangzhou-02", Deployment qcbm\/user-service, \/spec\/replicas: must be 0 or more \(found -5\)\. Fix: /,
  ],
  [
    'replicas "three" (a JSON patch)',
    {
      type: 'JSONPatch',
      target: userService,
      operations: [{ op: 'replace', path: '/spec/replicas', value: 'three' }],
    },
    /cluster "guangzhou-02", Deployment qcbm\/user-service, \/spec\/replicas: must be a whole number \(32-bit\) \(found "three"\)\. Fix: /,
  ],
  [
    'the name ../../x',
    {
      type: 'JSONPatch',
      target: { kind: 'ConfigMap', name: 'qcbm-env' },
      operations: [{ op: 'replace', path: '/metadata/name', value: '../../x' }],
    },
    /cluster "guangzhou-02", ConfigMap qcbm\/\.\.\/\.\.\/x, \/metadata\/name: must be a DNS-1123 subdomain.* \(found "\.\.\/\.\.\/x"\)\. Fix: /,
  ],
  [
    'the label key a~2b',
    { type: 'MergePatch', target: userService, patch: { metadata: { labels: { 'a~2b': 'x' } } } },
    /cluster "guangzhou-02", Deployment qcbm\/user-service, \/metadata\/labels\/a~02b: key must be a Kubernetes label or annotation key.* \(found "a~2b"\)\. Fix: /,
  ],
  [
    'privileged: true',
    PRIVILEGED,
    /cluster "guangzhou-02", Deployment qcbm\/user-service, \/spec\/template\/spec\/containers\/0\/securityContext\/privileged: breaks the hardening rule no-privileged: .*runs privileged\. Fix: .*fleet\.policy\.exemptions/,
  ],
];

describe('synth refuses a patch whose effective object is invalid, and writes nothing', () => {
  test.each(CASES)('%s', async (_label, patch, expected) => {
    const file = withPatch('dev', 'guangzhou-02', patch);
    const { out, snapshot } = previousOutput();
    const before = snapshot();
    const run = await runCli(['synth', '--file', file, '--out', out], dir);
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err).toMatch(/ is invalid \(1 problem\):\n {2}- /);
    expect(run.err).toMatch(expected);
    expect(run.err).not.toMatch(/\n\s+at |This is a bug/);
    expect(snapshot()).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['Pulumi.dev.yaml', 'out']); // no staging folder left
  });

  test('render --cluster refuses it for that cluster and renders the others', async () => {
    const file = withPatch('dev', 'guangzhou-02', CASES[0][1]);
    const bad = await runCli(['render', '--file', file, '--cluster', 'guangzhou-02'], dir);
    expect([bad.code, bad.out]).toEqual([1, '']);
    expect(bad.err).toMatch(CASES[0][2]);
    const good = await runCli(['render', '--file', file, '--cluster', 'guangzhou-01'], dir);
    expect(good.code).toBe(0);
    expect(good.out).toContain('kind: Deployment');
  });
});

describe('a privileged patch fails plan, in hub and in direct delivery, unless the fleet exempts it', () => {
  const plan = (stack: string, file: string) =>
    runCli(['plan', '--stack', stack, '--file', file, '--out', join(dir, `plan-${stack}.json`)], REPO_ROOT);

  test('hub delivery (dev): the hub would send it to guangzhou-02', async () => {
    const run = await plan('dev', withPatch('dev', 'guangzhou-02', PRIVILEGED));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(CASES[4][2]);
    expect(run.err).not.toMatch(/\n\s+at |This is a bug/);
  });

  test('direct delivery (staging): the cluster itself would run it', async () => {
    const run = await plan('staging', withPatch('staging', 'shanghai-staging', PRIVILEGED));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /cluster "shanghai-staging", Deployment qcbm\/user-service, \/spec\/template\/spec\/containers\/0\/securityContext\/privileged: breaks the hardening rule no-privileged/,
    );
  });

  test('an exemption with a reason lets it through synth; one for another cluster does not', async () => {
    const exemption = {
      rule: 'no-privileged',
      target: userService,
      reason: 'the profiler attaches to the JVM',
    };
    const elsewhere = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [{ ...exemption, cluster: 'guangzhou-01' }],
    });
    const refused = await runCli(['synth', '--file', elsewhere, '--out', join(dir, 'out')], dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(CASES[4][2]);

    const exempted = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [{ ...exemption, cluster: 'guangzhou-02' }],
    });
    const synth = await runCli(['synth', '--file', exempted, '--out', join(dir, 'out')], dir);
    expect([synth.code, synth.err]).toEqual([0, '']);
    const cluster = readFileSync(join(dir, 'out', 'cluster-guangzhou-02.k8s.yaml'), 'utf8');
    expect(cluster).toContain('privileged: true');
  });

  test("the README's exemption is a valid one that does what it says", async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n(policy:\n[^]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const { policy } = parse(block as string);
    const run = await runCli(
      ['synth', '--file', withPatch('dev', 'guangzhou-02', PRIVILEGED, policy), '--out', join(dir, 'out')],
      dir,
    );
    expect([run.code, run.err]).toEqual([0, '']);
  });

  test('the plan applies the exemption too (direct delivery checks each cluster again)', async () => {
    const exempted = withPatch('staging', 'shanghai-staging', PRIVILEGED, {
      exemptions: [
        { rule: 'no-privileged', target: userService, reason: 'the profiler attaches to the JVM' },
      ],
    });
    const planned = await plan('staging', exempted);
    expect([planned.code, planned.err]).toEqual([0, '']);
    expect(planned.out).toContain('Kubernetes hardening: no violations (cluster shanghai-staging)');
    expect(planned.out).toContain(
      'Hardening exemptions (fleet.policy.exemptions):\n  [no-privileged] Deployment user-service in every cluster: the profiler attaches to the JVM',
    );
    const written = JSON.parse(readFileSync(join(dir, 'plan-staging.json'), 'utf8'));
    const objs = written.groups.flatMap((g: any) => g.resources).flatMap((r: any) => r.inputs.objs ?? []);
    const user = objs.find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'user-service');
    expect(user.spec.template.spec.containers[0].securityContext.privileged).toBe(true);
  });

  test('an exemption that matches no violation is refused by synth with its path, the rule, the object and the fix', async () => {
    const file = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [
        { rule: 'no-privileged', target: userService, cluster: 'guangzhou-02', reason: 'the profiler' },
        { rule: 'no-privileged', target: { kind: 'Deployment', name: 'user-servce' }, reason: 'a typo' },
      ],
    });
    const run = await runCli(['synth', '--file', file, '--out', join(dir, 'out')], dir);
    expect([run.code, run.out]).toEqual([1, '']);
    expect(run.err).toMatch(/ is invalid \(1 problem\):\n {2}- fleet\.policy\.exemptions\[1\]: /);
    expect(run.err).toContain(
      'fleet.policy.exemptions[1]: matches no violation (no-privileged by Deployment user-servce in any cluster). Fix: remove it, or correct its rule, its target (kind, name, namespace, apiVersion) or its cluster',
    );
    expect(run.err).not.toMatch(/\n\s+at |This is a bug/);
  });

  test('render --cluster judges only the exemptions it can: those of the clusters it renders', async () => {
    const forOther = { rule: 'no-host-path', cluster: 'guangzhou-02', reason: 'left after the fix' };
    const forEvery = { rule: 'no-host-path', reason: 'left after the fix' };
    const file = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [
        { rule: 'no-privileged', target: userService, cluster: 'guangzhou-02', reason: 'the profiler' },
        forOther,
        forEvery,
      ],
    });
    // guangzhou-01 is rendered alone: an exemption of guangzhou-02, used or not, and one of every cluster may be
    // used where it was not rendered.
    const one = await runCli(['render', '--file', file, '--cluster', 'guangzhou-01'], dir);
    expect([one.code, one.err]).toEqual([0, '']);
    expect(one.out).toContain('kind: Deployment');
    const other = await runCli(['render', '--file', file, '--cluster', 'guangzhou-02'], dir);
    expect(other.code).toBe(1);
    expect(other.err).toContain(
      'fleet.policy.exemptions[1]: matches no violation (no-host-path by any object in cluster "guangzhou-02")',
    );
    expect(other.err).not.toContain('fleet.policy.exemptions[0]');
    expect(other.err).not.toContain('fleet.policy.exemptions[2]');
    // Every cluster at once: the exemption of every cluster is judged too.
    const all = await runCli(['synth', '--file', file, '--out', join(dir, 'out')], dir);
    expect(all.code).toBe(1);
    expect(all.err).toMatch(/ is invalid \(2 problems\):/);
    expect(all.err).toContain(
      'fleet.policy.exemptions[2]: matches no violation (no-host-path by any object in any cluster)',
    );
  });

  test('an exemption for a cluster the fleet does not have is refused', async () => {
    const file = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [{ rule: 'no-privileged', cluster: 'nowhere', reason: 'x' }],
    });
    const run = await runCli(['synth', '--file', file, '--out', join(dir, 'out')], dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /fleet\.policy\.exemptions\[0\]\.cluster: names a cluster that is not in fleet\.clusters/,
    );
  });

  test('an exemption without a reason is refused with its path', async () => {
    const file = withPatch('dev', 'guangzhou-02', PRIVILEGED, {
      exemptions: [
        { rule: 'no-privileged', reason: '  ' },
        { rule: 'no-such-rule', reason: 'x' },
      ],
    });
    const run = await runCli(['synth', '--file', file, '--out', join(dir, 'out')], dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /fleet\.policy\.exemptions\[0\]\.reason: must say why the rule does not apply here/,
    );
    expect(run.err).toMatch(/fleet\.policy\.exemptions\[1\]\.rule: must be one of "no-privileged", /);
  });
});
