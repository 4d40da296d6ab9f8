import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { urnParts } from '../../src/ops/failover/pulumi-urns';
import { failoverPreviewExpectation } from '../../src/ops/pulumi/preview-check';
import type { OfflinePlan, PlannedResource } from '../../src/testing/offline-plan';
import { planTransition } from '../../src/testing/plan-transition';
import { readPulumiProject } from '../../src/testing/pulumi-project';
import {
  PROD_REF,
  PROD_URNS,
  PROMOTED_INSTANCE_ID,
  prodFailoverPreview,
} from '../fixtures/drill/prod-failover-preview';
import { REPO_ROOT, repoPath } from '../support/repo-root';

// The preview fixture and the check's URNs against what the program registers: the offline plans of prod before
// and after the failover (Pulumi.prod.yaml, then the stack file failover --execute wrote), run under mocks. A
// name or type token that drifts from the program fails here, not in a drill.
describe('the URNs of the failover preview are those the program registers', () => {
  const afterFile = repoPath('test/fixtures/failover/prod-lost.after.yaml');
  let before: OfflinePlan;
  let after: OfflinePlan;
  const plan = async (stackFile: string) => {
    // A fresh module registry per plan: the Pulumi runtime is global and jest keeps the program loaded.
    jest.resetModules();
    const { planStack } = await import('../../src/testing/offline-plan');
    return planStack({ stack: 'prod', projectDir: REPO_ROOT, stackFile, stackTraces: false });
  };
  beforeAll(async () => {
    before = await plan(repoPath('Pulumi.prod.yaml'));
    after = await plan(afterFile);
  });

  /**
   * The resource of a plan the URN names: its name and own type, under a parent of its parent's type; and each
   * ancestor of the type chain is in the plan under the one before it, the first at the top level.
   */
  const resourceOf = (p: OfflinePlan, urn: string): PlannedResource | undefined => {
    const parts = urnParts(urn);
    if (!parts) return undefined;
    const resources = p.groups.flatMap((g) => g.resources);
    const under = (type: string, i: number) => (r: PlannedResource) =>
      r.type === type && r.parentType === (i > 0 ? parts.types[i - 1] : undefined);
    const chain = parts.types.slice(0, -1).every((type, i) => resources.some(under(type, i)));
    const own = parts.types.length - 1;
    return chain
      ? resources.find((r) => under(parts.types[own], own)(r) && r.name === parts.name)
      : undefined;
  };

  test('the stack and project are the plan and Pulumi.yaml ones', () => {
    expect(PROD_REF).toEqual({ stack: after.stack, project: readPulumiProject(REPO_ROOT).name });
  });

  test('every step names a resource of the plan it belongs to: deleted ones before, new ones after', () => {
    const steps = prodFailoverPreview().steps.filter((s) => s.urn !== PROD_URNS.stack);
    expect(steps.length).toBeGreaterThan(15);
    const missing = steps.flatMap((s) => {
      const plans =
        s.op === 'delete'
          ? { before }
          : s.op === 'import' || s.op === 'create'
            ? { after }
            : { before, after };
      return Object.entries(plans)
        .filter(([, p]) => resourceOf(p, s.urn) === undefined)
        .map(([which]) => `${s.op} ${s.urn} (not in the plan ${which})`);
    });
    expect(missing).toEqual([]);
  });

  test('the steps are the offline transition, a retained resource forgotten shown as delete', () => {
    const shown = (op: string) => (op === 'forget' ? 'delete' : op);
    const offline = planTransition(before, after)
      .filter((s) => s.op !== 'same')
      .map((s) => `${shown(s.op)} ${s.type}::${s.name}`)
      .sort();
    const fixture = prodFailoverPreview()
      .steps.filter((s) => s.urn !== PROD_URNS.stack)
      .map((s) => {
        const parts = urnParts(s.urn)!;
        return `${s.op} ${parts.types.at(-1)}::${parts.name}`;
      })
      .sort();
    expect(fixture).toEqual(offline);
  });

  test("the check's adopted URNs are the plan's imports of the promoted instance", () => {
    const expectation = failoverPreviewExpectation(loadFleetFromStackFile(afterFile), PROD_REF);
    const imports = expectation.adopted.map((urn) => resourceOf(after, urn)?.options?.import);
    expect(imports).toEqual([
      PROMOTED_INSTANCE_ID,
      `${PROMOTED_INSTANCE_ID}#qcbm`,
      `${PROMOTED_INSTANCE_ID}#qcbm`,
    ]);
    // And the root password, forgotten with the old primary, is the one the plan before created.
    expect(resourceOf(before, PROD_URNS.beijing.rootPassword)?.custom).toBe(true);
  });
});
