import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { REPO_ROOT } from '../support/repo-root';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

/** staging with the guide's hostPath log volumes, which the hardening rules forbid by default. */
function hostPathStackFile(dir: string): string {
  const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.staging.yaml'), 'utf8'));
  doc.config['qcbm:fleet'].app.hostPathVolumes = true;
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
    plan = await planStack({ stack: 'staging', stackFile: hostPathStackFile(dir), projectDir: REPO_ROOT });
    text = formatPlan(plan);
  });

  test('reports each violation with the cluster, the ConfigGroup, the object and where', () => {
    expect(plan.kubernetesTargets).toEqual(['cluster shanghai-staging']);
    const hostPath = plan.kubernetesViolations.filter((v) => v.rule === 'no-host-path');
    expect(hostPath.length).toBeGreaterThan(0);
    expect(hostPath[0]).toEqual({
      rule: 'no-host-path',
      target: 'cluster shanghai-staging',
      configGroup: 'qcbm-shanghai-staging-app',
      object: expect.stringMatching(/^Deployment qcbm\//),
      where: expect.stringMatching(/^volumes\[\d+\]$/),
      message: expect.stringContaining('mounts hostPath'),
    });
    expect(new Set(plan.kubernetesViolations.map((v) => v.rule))).toEqual(new Set(['no-host-path']));
    expect(plan.violations).toEqual([]);
  });

  test('prints them under their cluster', () => {
    expect(text).toContain('Kubernetes hardening violations (cluster shanghai-staging):');
    expect(text).toMatch(
      /\n {2}cluster shanghai-staging:\n {4}\[no-host-path\] Deployment qcbm\/\S+ volumes\[\d+\]: mounts hostPath/,
    );
  });

  test('fail scripts/check-plan.ts, like the cloud rules', () => {
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const run = checkPlan(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /hardening no-host-path: cluster shanghai-staging: Deployment qcbm\/\S+ volumes/,
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
