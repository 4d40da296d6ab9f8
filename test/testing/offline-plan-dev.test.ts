import { join } from 'path';
import { KUBERNETES_TYPES } from '../../src/cloud/type-tokens';

describe('offline plan of dev (hub delivery, no secret config in the stack file)', () => {
  test('uses placeholders for the missing hub kubeconfig and says what `pulumi up` needs', async () => {
    const { planStack } = await import('../../src/testing/offline-plan');
    const { formatPlan } = await import('../../src/plan/plan-report');
    const plan = await planStack({ stack: 'dev', projectDir: join(__dirname, '../..') });
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
  });
});
