import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { applyStackFilePromotion } from '../../src/ops/failover';
import { TENCENTCLOUD_TYPES as T } from '../../src/cloud/type-tokens';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { failoverPlanProblems } from '../../src/testing/failover-plan-check';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { planTransition } from '../../src/testing/plan-transition';
import { REPO_ROOT } from '../support/repo-root';

// The prod plan, then the plans of the fleet a failover to Shanghai wrote: with Beijing lost, and with Beijing
// answering (fenced). Offline: the ids are the plan's own (the copy's id in the first plan's outputs).
describe('offline plans before and after a failover of prod to Shanghai', () => {
  let dir: string;
  let before: OfflinePlan;
  const plan = async (file: string) => {
    // A fresh module registry per plan: jest keeps the program module loaded, so the same process would not
    // run it again (and the Pulumi runtime is global).
    jest.resetModules();
    const { planStack } = await import('../../src/testing/offline-plan');
    return planStack({ stack: 'prod', projectDir: REPO_ROOT, stackFile: file, stackTraces: false });
  };
  const promotedFile = (name: string, lost: boolean) => {
    const outputs = before.outputs as { data: { drInstances: Record<string, { instanceId: string }> } };
    const text = applyStackFilePromotion(readFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), 'utf8'), {
      primaryRegion: 'ap-shanghai',
      promotion: {
        instanceId: outputs.data.drInstances['ap-shanghai'].instanceId,
        fromInstanceId: 'cdb-prim0001',
        fromRegion: 'ap-beijing',
        at: '2026-12-04T03:12:45Z',
      },
      ...(lost ? { lostRegions: ['ap-beijing'] } : {}),
    });
    const file = join(dir, `Pulumi.${name}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qcbm-failover-plans-'));
    before = await plan(join(REPO_ROOT, 'Pulumi.prod.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('Beijing lost: the copy adopted, the old primary and copy forgotten, a copy in Guangzhou only', async () => {
    const file = promotedFile('lost', true);
    const after = await plan(file);
    const fleet = loadFleetFromStackFile(file);
    expect(failoverPlanProblems(before, after, fleet)).toEqual([]);
    const steps = planTransition(before, after).filter((s) => s.type.startsWith('tencentcloud:Mysql/'));
    expect(steps.map((s) => `${s.op} ${s.name}`).sort()).toEqual([
      'create ap-shanghai-mysql-privilege',
      'forget ap-beijing-mysql',
      'forget ap-beijing-mysql-account',
      'forget ap-beijing-mysql-db',
      'forget ap-beijing-mysql-privilege',
      'forget ap-shanghai-mysql-dr',
      'import ap-shanghai-mysql',
      'import ap-shanghai-mysql-account',
      'import ap-shanghai-mysql-db',
      'replace ap-guangzhou-mysql-dr',
      'replace qcbm-mysql-backup',
      'replace qcbm-mysql-remote-backup',
    ]);
    const record = planTransition(before, after).find((s) => s.type === T.privateDnsRecord);
    expect([record?.op, record?.changed]).toEqual(['update', ['recordValue']]);
    // The record's value is the promoted copy's address, which the failover's fast path set.
    const copy = before.groups.flatMap((g) => g.resources).find((r) => r.name === 'ap-shanghai-mysql-dr');
    expect(copy).toBeDefined();
    const outputs = before.outputs as { data: { drInstances: Record<string, { intranetIp: string }> } };
    expect(record?.after?.inputs.recordValue).toBe(outputs.data.drInstances['ap-shanghai'].intranetIp);
  });

  test('Beijing answering: a new copy of the new primary in Beijing too', async () => {
    const file = promotedFile('fenced', false);
    const after = await plan(file);
    expect(failoverPlanProblems(before, after, loadFleetFromStackFile(file))).toEqual([]);
    const created = planTransition(before, after).filter(
      (s) => s.op === 'create' && s.type === T.mysqlDrInstance,
    );
    expect(created.map((s) => s.name)).toEqual(['ap-beijing-mysql-dr']);
  });

  test('the check fails where a data resource would be deleted or the promoted copy created anew', async () => {
    const file = promotedFile('broken', true);
    const after = await plan(file);
    const fleet = loadFleetFromStackFile(file);
    const unretained: OfflinePlan = {
      ...before,
      groups: before.groups.map((g) => ({
        ...g,
        resources: g.resources.map((r) => (r.name === 'ap-shanghai-mysql-dr' ? { ...r, options: {} } : r)),
      })),
    };
    const notImported: OfflinePlan = {
      ...after,
      groups: after.groups.map((g) => ({
        ...g,
        resources: g.resources.map((r) => (r.name === 'ap-shanghai-mysql' ? { ...r, options: {} } : r)),
      })),
    };
    expect(failoverPlanProblems(unretained, after, fleet)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ap-shanghai-mysql-dr \(the promoted copy\): delete, not forgotten/),
        expect.stringMatching(/^ap-shanghai-mysql-dr: deleted/),
      ]),
    );
    expect(failoverPlanProblems(before, notImported, fleet)).toEqual([
      expect.stringMatching(/^ap-shanghai-mysql: create, not an import of the promoted cdb-/),
    ]);
  });
});
