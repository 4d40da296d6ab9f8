import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { REPO_ROOT } from '../support/repo-root';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

/**
 * staging with the guide's hostPath log volumes, which the hardening rules forbid by default, exempted by the fleet
 * with a reason: synthesis and the plan let them through.
 */
function hostPathStackFile(dir: string): string {
  const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.staging.yaml'), 'utf8'));
  const fleet = doc.config['qcbm:fleet'];
  fleet.app.hostPathVolumes = true;
  fleet.policy = { exemptions: [{ rule: 'no-host-path', reason: "the guide's log and dump directories" }] };
  const file = join(dir, 'Pulumi.staging.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

function checkPlan(file: string) {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'scripts/check-plan.ts'), file],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
}

// One plan per file: the Pulumi runtime is global.
describe('the offline plan runs the Kubernetes hardening rules per cluster', () => {
  let plan: OfflinePlan;
  let text: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-'));
    const { planStack } = await import('../../src/testing/offline-plan');
    const { formatPlan } = await import('../../src/plan/plan-report');
    // Stricter than synthesis for the report: qcbm-front is not allowed root here.
    plan = await planStack({
      stack: 'staging',
      stackFile: hostPathStackFile(dir),
      projectDir: REPO_ROOT,
      hardening: {},
    });
    text = formatPlan(plan);
  });

  test('reports each violation with the cluster, the ConfigGroup, the object and where; the exempted rule is not one', () => {
    expect(plan.kubernetesTargets).toEqual(['cluster shanghai-staging']);
    expect(plan.kubernetesViolations).toEqual([
      {
        rule: 'run-as-non-root',
        target: 'cluster shanghai-staging',
        configGroup: 'qcbm-shanghai-staging-app',
        object: 'Deployment qcbm/qcbm-front',
        where: 'containers[0] (qcbm-front)',
        path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot',
        message: expect.stringContaining('may run as root'),
      },
    ]);
    const objs = plan.groups.flatMap((g) => g.resources).flatMap((r) => (r.inputs.objs as any[]) ?? []);
    expect(objs.some((o) => o.spec?.template?.spec?.volumes?.some((v: any) => v.hostPath))).toBe(true);
    expect(plan.violations).toEqual([]);
  });

  test('prints them under their cluster', () => {
    expect(text).toContain('Kubernetes hardening violations (cluster shanghai-staging):');
    expect(text).toMatch(
      /\n {2}cluster shanghai-staging:\n {4}\[run-as-non-root\] Deployment qcbm\/qcbm-front containers\[0\] \(qcbm-front\): may run as root/,
    );
  });

  test('fail scripts/check-plan.ts, like the cloud rules', () => {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const run = checkPlan(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /hardening run-as-non-root: cluster shanghai-staging: Deployment qcbm\/qcbm-front containers/,
    );
  });

  test('a clean plan passes scripts/check-plan.ts, the public API security group counted per region', () => {
    const file = join(dir, 'clean.json');
    writeFileSync(file, JSON.stringify({ ...plan, kubernetesViolations: [] }));
    const run = checkPlan(file);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('1 site in 1 region (ap-shanghai), each complete');
    const [region, ...rest] = plan.groups;
    const withoutApiGroup = {
      ...plan,
      kubernetesViolations: [],
      groups: [
        { ...region, resources: region.resources.filter((r) => !r.name.endsWith('-api-sg')) },
        ...rest,
      ],
    };
    writeFileSync(file, JSON.stringify(withoutApiGroup));
    expect(checkPlan(file).stderr).toContain(
      `ap-shanghai: 2 × ${TENCENTCLOUD_TYPES.securityGroup}, expected 3`,
    );
  });
});
