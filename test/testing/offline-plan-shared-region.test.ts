import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { KUBERNETES_TYPES, QCBM_TYPES } from '../../src/cloud/type-tokens';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { REPO_ROOT as REPO } from '../support/repo-root';
import { EXTERNAL_CLUSTER, sharedRegionFleetInput } from '../cloud/support/shared-region-fleet';

// One plan per file: the Pulumi runtime is global.
describe('offline plan of a stack with a cluster it does not create, in a region it builds', () => {
  let plan: OfflinePlan;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-shared-'));
    try {
      const stackFile = join(dir, 'Pulumi.shared.yaml');
      writeFileSync(stackFile, stringify({ config: { 'qcbm:fleet': sharedRegionFleetInput() } }));
      const { planStack } = await import('../../src/testing/offline-plan');
      plan = await planStack({ stack: 'shared', stackFile, projectDir: REPO });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("lists the cluster's kubeconfig as a placeholder and plans its delivery through it", () => {
    expect(plan.placeholders.map((p) => [p.key, p.entry])).toEqual([
      ['qcbm:kubeconfigs', EXTERNAL_CLUSTER],
      ['qcbm:mysqlPassword', undefined],
      ['qcbm:redisPassword', undefined],
      ['qcbm:skywalkingToken', undefined],
    ]);
    const resources = plan.groups.flatMap((g) => g.resources);
    expect(resources.filter((r) => r.type === QCBM_TYPES.region).map((r) => r.name)).toEqual(['ap-shanghai']);
    expect(
      resources
        .filter((r) => r.type === KUBERNETES_TYPES.provider)
        .map((r) => r.name)
        .sort(),
    ).toEqual([`qcbm-${EXTERNAL_CLUSTER}`, 'qcbm-shanghai-staging']);
    expect(plan.kubernetesTargets).toContain(`cluster ${EXTERNAL_CLUSTER}`);
  });
});
