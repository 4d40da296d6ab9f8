import { printedStackOutputsSchema, STACK_OUTPUTS_VERSION } from '../../src/model/stack-outputs';
import { REPO_ROOT } from '../support/repo-root';
import { KUBERNETES_TYPES } from '../../src/cloud/type-tokens';

describe('offline plan of dev (hub delivery, no secret config in the stack file)', () => {
  test('uses placeholders for the missing hub kubeconfig and says what `pulumi up` needs', async () => {
    const { planStack } = await import('../../src/testing/offline-plan');
    const { formatPlan } = await import('../../src/plan/plan-report');
    const plan = await planStack({ stack: 'dev', projectDir: REPO_ROOT });
    expect(plan.placeholders.map((p) => p.key)).toEqual(['qcbm:hubKubeconfig']);
    expect(plan.groups.map((g) => g.key)).toEqual(['shared']);
    const hub = plan.groups[0].resources.find((r) => r.type === KUBERNETES_TYPES.provider)!;
    expect(hub.inputs.kubeconfig).toBe('[secret]');
    const text = formatPlan(plan);
    expect(text).toContain('qcbm:hubKubeconfig: pulumi config set --secret --stack dev qcbm:hubKubeconfig');
    expect(text).not.toContain('planned-placeholder-for');
    // Hub delivery: the hardening rules look at the templates the hub distributes.
    expect(plan.kubernetesTargets).toEqual(['hub']);
    expect(text).toContain('Kubernetes hardening: no violations (hub)');
    // A stack that creates no site exports the same shape, with no sites, data or traffic.
    expect(printedStackOutputsSchema.parse(plan.outputs)).toEqual({
      version: STACK_OUTPUTS_VERSION,
      environment: 'dev',
      delivery: 'hub',
      sites: {},
      hubManifestsDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      kubeconfigs: undefined,
      overrideWarnings: [],
    });
  });
});
