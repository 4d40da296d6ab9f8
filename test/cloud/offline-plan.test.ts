import { join } from 'path';
import type { OfflinePlan } from '../../src/plan/offline-plan';

const REPO = join(__dirname, '../..');

// One plan per file: the Pulumi runtime is global. The prod plan is what CI prints for reviewers.
describe('offline plan of prod', () => {
  let plan: OfflinePlan;
  let text: string;
  beforeAll(async () => {
    const { planStack } = await import('../../src/plan/offline-plan');
    const { formatPlan } = await import('../../src/plan/plan-report');
    plan = await planStack({ stack: 'prod', projectDir: REPO });
    text = formatPlan(plan);
  });

  test('groups the resources per region, each with its cluster, network, CLBs and data stores', () => {
    expect(plan.groups.map((g) => g.key)).toEqual(['ap-beijing', 'ap-shanghai', 'ap-guangzhou', 'shared']);
    for (const group of plan.groups.filter((g) => g.key !== 'shared')) {
      const count = (type: string) => group.resources.filter((r) => r.type === type).length;
      expect([
        group.key,
        count('tencentcloud:Vpc/instance:Instance'),
        count('tencentcloud:Subnet/instance:Instance'),
        count('tencentcloud:Kubernetes/cluster:Cluster'),
        count('tencentcloud:Kubernetes/nodePool:NodePool'),
        count('tencentcloud:Clb/instance:Instance'),
        count('tencentcloud:Mysql/instance:Instance'),
        count('tencentcloud:Redis/instance:Instance'),
        count('kubernetes:yaml/v2:ConfigGroup'),
      ]).toEqual([group.key, 1, 2, 1, 1, 2, 1, 1, 1]);
      for (const r of group.resources.filter((x) => x.type.startsWith('tencentcloud:'))) {
        expect([r.name, r.provider, r.parentType]).toEqual([
          r.name,
          `tencentcloud-${group.key}`,
          'qcbm:cloud:Region',
        ]);
      }
    }
  });

  test('prints one block per region with key inputs and no secret values', () => {
    expect(text).toContain('region ap-shanghai (cluster shanghai-01)');
    expect(text).toMatch(/tencentcloud:Vpc\/instance:Instance ap-shanghai-vpc .*cidrBlock=10\.120\.0\.0\/16/);
    expect(text).toMatch(/ap-beijing-mysql .*internetService=0 rootPassword=\[secret\]/);
    expect(text).toContain('Cloud policy: no violations');
    expect(plan.violations).toEqual([]);
    expect(text).not.toMatch(/planned-[0-9a-f]{12}/);
    expect(JSON.stringify(plan)).not.toMatch(/planned-[0-9a-f]{12}/);
  });

  test('shows the manifests each cluster receives, with only the Secret values hidden', () => {
    const group = plan.groups.find((g) => g.key === 'ap-guangzhou')!;
    const objs = group.resources.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!.inputs
      .objs as any[];
    const secret = objs.find((o) => o.kind === 'Secret');
    expect(Object.values(secret.data)).toEqual(['[secret]', '[secret]', '[secret]', '[secret]']);
    const configMap = objs.find((o) => o.kind === 'ConfigMap');
    expect(configMap.data.MYSQL_HOST).toMatch(/^10\.130\.16\./);
  });

  test('runs the Kubernetes hardening rules over what each cluster receives, and prints the result', () => {
    expect(plan.kubernetesTargets).toEqual([
      'cluster beijing-01',
      'cluster shanghai-01',
      'cluster guangzhou-01',
    ]);
    expect(plan.kubernetesViolations).toEqual([]);
    expect(text).toContain(
      'Kubernetes hardening: no violations (cluster beijing-01, cluster shanghai-01, cluster guangzhou-01)',
    );
  });

  test('each region opens its Kubernetes API to the allow-list only, and names its CLBs after prod', () => {
    expect(plan.kubernetesApi).toBe('public');
    expect(text).toContain('prod, direct delivery, public Kubernetes API');
    for (const group of plan.groups.filter((g) => g.key !== 'shared')) {
      const named = (name: string) => group.resources.find((r) => r.name === `${group.key}-${name}`)!.inputs;
      expect(named('api-rules').ingresses).toEqual([
        expect.objectContaining({ action: 'ACCEPT', port: '443', cidrBlock: '203.0.113.0/24' }),
        expect.objectContaining({ action: 'DROP', cidrBlock: '0.0.0.0/0' }),
      ]);
      expect(named('api').clusterInternetSecurityGroup).toMatch(/^sg-/);
      expect([named('ingress-clb').clbName, named('gateway-clb').clbName]).toEqual([
        'qcbm-prod-ingress',
        'qcbm-prod-gateway',
      ]);
    }
  });

  test('stack outputs are shown, and nothing needs secret config (passwords are generated)', () => {
    expect(plan.placeholders).toEqual([]);
    expect((plan.outputs as any).regions['ap-beijing'].mysql.host).toMatch(/^10\.110\.16\./);
  });
});
