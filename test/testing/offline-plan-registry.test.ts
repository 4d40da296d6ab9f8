import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { KUBERNETES_TYPES, RANDOM_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { REPO_ROOT } from '../support/repo-root';

/** staging with its Nacos in the cluster, a Raft cluster of three, in place of TSE. */
function inClusterStackFile(dir: string): string {
  const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.staging.yaml'), 'utf8'));
  doc.config['qcbm:fleet'].cloud.regions[0].nacos = { mode: 'in-cluster' };
  const file = join(dir, 'Pulumi.staging.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

function checkPlan(plan: unknown, dir: string) {
  const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'scripts/check-plan.ts'), file],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
}

// One plan per file: the Pulumi runtime is global.
describe('the offline plan of a site whose Nacos runs in its cluster', () => {
  let plan: OfflinePlan;
  let dir: string;
  let objs: any[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-registry-'));
    const { planStack } = await import('../../src/testing/offline-plan');
    plan = await planStack({ stack: 'staging', stackFile: inClusterStackFile(dir), projectDir: REPO_ROOT });
    const resources = plan.groups.flatMap((g) => g.resources);
    objs = resources.find((r) => r.type === KUBERNETES_TYPES.configGroup)!.inputs.objs as any[];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('no TSE instance: the StatefulSet is in the manifests its cluster receives, its Service the NACOS_HOST', () => {
    const resources = plan.groups.flatMap((g) => g.resources);
    expect(resources.filter((r) => r.type === TENCENTCLOUD_TYPES.tseInstance)).toEqual([]);
    expect(
      objs.filter((o) => o.metadata?.name?.startsWith('nacos')).map((o) => `${o.kind}/${o.metadata.name}`),
    ).toEqual(['StatefulSet/nacos', 'PodDisruptionBudget/nacos', 'Service/nacos-headless', 'Service/nacos']);
    expect(objs.find((o) => o.kind === 'ConfigMap').data.NACOS_HOST).toBe('nacos.qcbm.svc.cluster.local');
    expect(objs.find((o) => o.kind === 'StatefulSet').spec.replicas).toBe(3);
  });

  test("the stack generates the server's keys and the login into the Secret, and shows none of them", () => {
    const resources = plan.groups.flatMap((g) => g.resources);
    expect(resources.filter((r) => r.type === RANDOM_TYPES.bytes).map((r) => r.name)).toEqual([
      'qcbm-nacos-token',
    ]);
    expect(resources.filter((r) => r.type === RANDOM_TYPES.password).map((r) => r.name)).toEqual(
      expect.arrayContaining(['qcbm-nacos', 'qcbm-nacos-identity']),
    );
    const secret = objs.find((o) => o.kind === 'Secret');
    for (const key of ['NACOS_ACCOUNT', 'NACOS_PASSWORD', 'NACOS_AUTH_TOKEN', 'NACOS_AUTH_IDENTITY_KEY']) {
      expect([key, secret.data[key]]).toEqual([key, '[secret]']);
    }
  });

  test('the hardening rules pass (the image runs as root by its stated exemption), and so does check-plan', () => {
    expect(plan.kubernetesViolations).toEqual([]);
    const run = checkPlan(plan, dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('check-plan fails the site once its cluster runs no Nacos, or NACOS_HOST names something else', () => {
    const without = (keep: (o: any) => boolean) => ({
      ...plan,
      groups: plan.groups.map((g) => ({
        ...g,
        resources: g.resources.map((r) =>
          r.type === KUBERNETES_TYPES.configGroup
            ? { ...r, inputs: { ...r.inputs, objs: (r.inputs.objs as any[]).filter(keep) } }
            : r,
        ),
      })),
    });
    const noStatefulSet = checkPlan(
      without((o) => o.kind !== 'StatefulSet'),
      dir,
    );
    expect(noStatefulSet.status).toBe(1);
    expect(noStatefulSet.stderr).toContain('site ap-shanghai: no registry');
    const otherHost = checkPlan(
      {
        ...plan,
        groups: plan.groups.map((g) => ({
          ...g,
          resources: g.resources.map((r) =>
            r.type === KUBERNETES_TYPES.configGroup
              ? {
                  ...r,
                  inputs: {
                    ...r.inputs,
                    objs: (r.inputs.objs as any[]).map((o) =>
                      o.kind === 'ConfigMap' ? { ...o, data: { ...o.data, NACOS_HOST: '10.9.9.9' } } : o,
                    ),
                  },
                }
              : r,
          ),
        })),
      },
      dir,
    );
    expect(otherHost.status).toBe(1);
    expect(otherHost.stderr).toContain(
      'runs a Nacos StatefulSet, but NACOS_HOST is 10.9.9.9, not its Service',
    );
  });
});
