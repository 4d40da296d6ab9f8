// CI: checks a plan written by `npm run plan` — every region of the stack has its cluster, network, CLBs and
// data stores, no cloud policy or Kubernetes hardening rule is violated, and nothing secret is in the file.
// Usage: check-plan.ts <plan.json>
import { readFileSync } from 'fs';
import type { OfflinePlan } from '../src/plan/offline-plan';

/** Per region; a public Kubernetes API adds its security group and that group's rules. */
function expectedPerRegion(api: OfflinePlan['kubernetesApi']): Record<string, number> {
  const apiGroup = api === 'public' ? 1 : 0;
  return {
    'pulumi:providers:tencentcloud': 1,
    'tencentcloud:Vpc/instance:Instance': 1,
    'tencentcloud:Subnet/instance:Instance': 2,
    'tencentcloud:Security/group:Group': 2 + apiGroup,
    'tencentcloud:Security/groupRuleSet:GroupRuleSet': 2 + apiGroup,
    'tencentcloud:Kubernetes/cluster:Cluster': 1,
    'tencentcloud:Kubernetes/nodePool:NodePool': 1,
    'tencentcloud:Kubernetes/clusterEndpoint:ClusterEndpoint': 1,
    'tencentcloud:Clb/instance:Instance': 2,
  };
}

const file = process.argv[2];
if (!file) throw new Error('usage: check-plan.ts <dist/plan-<stack>.json>');
const text = readFileSync(file, 'utf8');
const plan = JSON.parse(text) as OfflinePlan;
const problems: string[] = [];
const regions = plan.groups.filter((g) => g.key !== 'shared');
if (regions.length === 0) problems.push('no region in the plan');
for (const group of regions) {
  for (const [type, count] of Object.entries(expectedPerRegion(plan.kubernetesApi))) {
    const found = group.resources.filter((r) => r.type === type).length;
    if (found !== count) problems.push(`${group.key}: ${found} × ${type}, expected ${count}`);
  }
}
for (const v of plan.violations) problems.push(`policy ${v.rule}: ${v.resource}: ${v.message}`);
if (!plan.kubernetesTargets?.length)
  problems.push('no Kubernetes manifests were checked; rerun npm run plan');
for (const v of plan.kubernetesViolations ?? []) {
  problems.push(`hardening ${v.rule}: ${v.target}: ${v.object} ${v.where}: ${v.message}`);
}
if (/planned-[0-9a-f]{12}|planned-placeholder-for/.test(text))
  problems.push('a placeholder secret value is in the plan');
if (problems.length > 0) {
  console.error(`${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `${file}: ${regions.length} regions (${regions.map((g) => g.key).join(', ')}), each complete; no violations (cloud, Kubernetes hardening of ${plan.kubernetesTargets.join(', ')}), no secrets`,
);
