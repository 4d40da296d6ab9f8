// CI: checks a plan written by `npm run plan`: every site of the stack has its cluster, network, CLBs and data
// stores, and a registry (a TSE Nacos, or a Nacos StatefulSet in its cluster's manifests) that its NACOS_HOST names;
// where the fleet names a primary MySQL, there is one writable MySQL, disaster-recovery copies and a
// Cloud Connect Network joining every site; where it has IGTM, a pool per cluster and a strategy per line; the
// failover budget meets its target; no cloud policy or Kubernetes hardening rule is violated; nothing secret
// is in the file.
// Usage: check-plan.ts <plan.json>
import { readFileSync } from 'fs';
import {
  KUBERNETES_TYPES,
  QCBM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../src/cloud/type-tokens';
import type { OfflinePlan, PlannedResource } from '../src/testing/offline-plan';

/** Per site; a public Kubernetes API adds its security group and that group's rules. */
function expectedPerSite(api: OfflinePlan['kubernetesApi']): Record<string, number> {
  const apiGroup = api === 'public' ? 1 : 0;
  return {
    [QCBM_TYPES.region]: 1,
    [TENCENTCLOUD_TYPES.vpc]: 1,
    [TENCENTCLOUD_TYPES.subnet]: 2,
    [TENCENTCLOUD_TYPES.securityGroup]: 2 + apiGroup,
    [TENCENTCLOUD_TYPES.securityGroupRuleSet]: 2 + apiGroup,
    [TENCENTCLOUD_TYPES.tkeCluster]: 1,
    [TENCENTCLOUD_TYPES.tkeNodePool]: 1,
    [TENCENTCLOUD_TYPES.tkeClusterEndpoint]: 1,
    [TENCENTCLOUD_TYPES.clbInstance]: 2,
  };
}

const T = {
  provider: TENCENTCLOUD_PROVIDER_TYPE,
  region: QCBM_TYPES.region,
  mysql: TENCENTCLOUD_TYPES.mysqlInstance,
  dr: TENCENTCLOUD_TYPES.mysqlDrInstance,
  ccn: TENCENTCLOUD_TYPES.ccnInstance,
  attachment: TENCENTCLOUD_TYPES.ccnAttachmentV2,
  igtm: TENCENTCLOUD_TYPES.igtmInstance,
  monitor: TENCENTCLOUD_TYPES.igtmMonitor,
  pool: TENCENTCLOUD_TYPES.igtmAddressPool,
  strategy: TENCENTCLOUD_TYPES.igtmStrategy,
  tse: TENCENTCLOUD_TYPES.tseInstance,
} as const;

const file = process.argv[2];
if (!file) {
  console.error('usage: check-plan.ts <dist/plan-<stack>.json>');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const plan = JSON.parse(text) as OfflinePlan;
const problems: string[] = [];
const count = (resources: readonly PlannedResource[], type: string) =>
  resources.filter((r) => r.type === type).length;
const expectCount = (where: string, resources: readonly PlannedResource[], type: string, wanted: number) => {
  const found = count(resources, type);
  if (found !== wanted) problems.push(`${where}: ${found} × ${type}, expected ${wanted}`);
};
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const regions = plan.groups.filter((g) => g.key !== 'shared' && g.key !== 'global');
if (regions.length === 0) problems.push('no region in the plan');
let sites = 0;
for (const group of regions) {
  const here = count(group.resources, T.region);
  sites += here;
  expectCount(group.key, group.resources, T.provider, 1);
  for (const [type, perSite] of Object.entries(expectedPerSite(plan.kubernetesApi))) {
    expectCount(group.key, group.resources, type, perSite * here);
  }
}

const all = plan.groups.flatMap((g) => g.resources);
const dr = plan.disasterRecovery;

// A registry per site: its own TSE Nacos, or a Nacos StatefulSet among the manifests its cluster receives; either
// way the cluster's NACOS_HOST names it.
type Manifest = { kind?: string; metadata?: { name?: string }; data?: Record<string, string> };
const manifestsOf = (cluster: string): Manifest[] | undefined => {
  const provider = all.find(
    (r) => r.type === KUBERNETES_TYPES.provider && r.inputs.clusterIdentifier === cluster,
  );
  const group =
    provider && all.find((r) => r.type === KUBERNETES_TYPES.configGroup && r.provider === provider.name);
  return Array.isArray(group?.inputs.objs) ? (group.inputs.objs as Manifest[]) : undefined;
};
for (const site of all.filter((r) => r.type === T.region)) {
  // A site's component is named after its cluster where its region holds two, else after its region.
  const cluster =
    dr.sites.find((s) => s.cluster === site.name) ?? dr.sites.find((s) => s.region === site.name);
  const tse = all.filter((r) => r.type === T.tse && r.name === `${site.name}-nacos`);
  const manifests = cluster && plan.delivery === 'direct' ? manifestsOf(cluster.cluster) : undefined;
  const host = manifests?.find((m) => m.kind === 'ConfigMap' && m.metadata?.name === 'qcbm-env')?.data
    ?.NACOS_HOST;
  const statefulSet = manifests?.some((m) => m.kind === 'StatefulSet' && m.metadata?.name === 'nacos');
  if (tse.length === 0 && !statefulSet) {
    problems.push(
      `site ${site.name}: no registry (neither ${T.tse} ${site.name}-nacos nor a Nacos StatefulSet)`,
    );
  } else if (plan.delivery === 'direct' && (!host || host.endsWith('.invalid'))) {
    problems.push(
      `site ${site.name}: NACOS_HOST of ${cluster?.cluster ?? 'its cluster'} is ${host ?? 'missing'}`,
    );
  } else if (statefulSet && !host?.startsWith('nacos.')) {
    problems.push(`site ${site.name}: runs a Nacos StatefulSet, but NACOS_HOST is ${host}, not its Service`);
  }
}
if (dr.data.length > 0) {
  expectCount('the whole plan (one writable MySQL)', all, T.mysql, 1);
  if (dr.topology && count(all, T.dr) === 0) {
    problems.push(`the fleet is ${dr.topology.kind}, but no disaster-recovery instance is planned`);
  }
  if (sites > 1) {
    expectCount('the whole plan', all, T.ccn, 1);
    expectCount('the whole plan (one per site)', all, T.attachment, sites);
  }
}
if (dr.trafficMode === 'igtm') {
  expectCount('the whole plan', all, T.igtm, 1);
  expectCount('the whole plan', all, T.monitor, 1);
  expectCount('the whole plan (one per cluster)', all, T.pool, dr.sites.length);
  expectCount('the whole plan (one per line)', all, T.strategy, dr.lines.length);
}
for (const row of dr.budget) {
  if (row.verdict === 'misses the target' || row.verdict === 'unbounded') {
    problems.push(`failover budget: ${row.region} lost, line ${row.line}: ${row.verdict}`);
  }
}

for (const v of plan.violations) problems.push(`policy ${v.rule}: ${v.resource}: ${v.message}`);
if (!plan.kubernetesTargets?.length)
  problems.push('no Kubernetes manifests were checked; rerun npm run plan');
for (const v of plan.kubernetesViolations ?? []) {
  problems.push(`hardening ${v.rule}: ${v.target}: ${v.object} ${v.where}: ${v.message}`);
}
if (/planned-[0-9a-f]{12}|planned-placeholder-for/.test(text)) {
  problems.push('a placeholder secret value is in the plan');
}
if (problems.length > 0) {
  console.error(`${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const topology = dr.topology
  ? `; ${dr.topology.kind}, the failover budget within its target on every line`
  : '';
console.log(
  `${file}: ${plural(sites, 'site')} in ${plural(regions.length, 'region')} (${regions.map((g) => g.key).join(', ')}), each complete with its registry${topology}; no violations (cloud, Kubernetes hardening of ${plan.kubernetesTargets.join(', ')}), no secrets`,
);
