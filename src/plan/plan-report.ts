// The report of `qcbm-fleet plan`: the offline plan (src/testing) as a reviewer reads it. Plain text over the plan's
// JSON; loads no Pulumi.
import {
  KUBERNETES_TYPES,
  RANDOM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES as T,
} from '../cloud/type-tokens';
import { formatDisasterRecovery } from './dr-report';
import { formatPublicEntry } from './entry-report';
import { formatNeeds } from './needs-report';
import type { OfflinePlan, PlannedResource } from '../testing/offline-plan';

/** The inputs worth a reviewer's eye, per type token; everything is in the JSON plan. */
const KEY_INPUTS: Record<string, readonly string[]> = {
  [TENCENTCLOUD_PROVIDER_TYPE]: ['region'],
  [T.vpc]: ['name', 'cidrBlock'],
  [T.subnet]: ['name', 'cidrBlock', 'availabilityZone'],
  [T.securityGroup]: ['name'],
  [T.tkeCluster]: ['clusterName', 'clusterVersion', 'clusterCidr', 'serviceCidr', 'clusterDeployType'],
  [T.tkeNodePool]: ['name', 'nodeOs', 'minSize', 'desiredCapacity', 'maxSize'],
  [T.tkeClusterEndpoint]: [
    'clusterInternet',
    'clusterInternetSecurityGroup',
    'clusterIntranet',
    'clusterIntranetSubnetId',
  ],
  [T.clbInstance]: ['clbName', 'networkType'],
  [T.mysqlInstance]: [
    'instanceName',
    'engineVersion',
    'memSize',
    'volumeSize',
    'internetService',
    'rootPassword',
  ],
  [T.mysqlDatabase]: ['dbName'],
  [T.mysqlAccount]: ['name', 'host', 'password'],
  [T.redisInstance]: ['name', 'typeId', 'memSize', 'redisReplicasNum', 'redisShardNum', 'port', 'password'],
  [T.mysqlDrInstance]: [
    'instanceName',
    'masterRegion',
    'masterInstanceId',
    'memSize',
    'volumeSize',
    'availabilityZone',
    'slaveSyncMode',
  ],
  [T.ccnInstance]: ['name', 'qos', 'chargeType'],
  [T.ccnAttachmentV2]: ['instanceRegion', 'instanceType', 'instanceId'],
  [T.redisReplicateAttachment]: ['groupId', 'masterInstanceId', 'instanceIds'],
  [T.mysqlBackupPolicy]: ['mysqlId', 'retentionPeriod', 'binlogPeriod', 'backupTime'],
  [T.mysqlRemoteBackupConfig]: [
    'instanceId',
    'remoteRegions',
    'remoteBackupSave',
    'remoteBinlogSave',
    'expireDays',
  ],
  [T.redisBackupConfig]: ['redisId', 'backupTime'],
  [T.igtmInstance]: ['domain', 'accessDomain', 'accessSubDomain', 'globalTtl', 'packageType'],
  [T.igtmMonitor]: [
    'checkProtocol',
    'checkInterval',
    'timeout',
    'failTimes',
    'failRate',
    'continuePeriod',
    'path',
    'host',
    'enableSni',
  ],
  [T.igtmAddressPool]: ['poolName', 'addressSets'],
  [T.igtmStrategy]: ['strategyName', 'sources', 'mainAddressPoolSets', 'fallbackAddressPoolSets'],
  [T.dnspodRecord]: ['domain', 'subDomain', 'recordType', 'recordLine', 'value', 'ttl'],
  [T.dnspodDomainInstance]: ['domain'],
  [T.privateDnsZone]: ['domain'],
  [T.privateDnsZoneVpcAttachment]: ['vpcSet'],
  [T.privateDnsRecord]: ['subDomain', 'recordType', 'recordValue', 'ttl'],
  [T.sslFreeCertificate]: ['domain', 'dvAuthMethod', 'alias'],
  [T.sslCertificate]: ['name', 'type'],
  [T.apmInstance]: ['name', 'traceDuration', 'spanDailyCounters'],
  [T.eipInstance]: ['name'],
  [T.natGateway]: ['name'],
  [T.routeTable]: ['name'],
  [T.routeTableEntry]: ['destinationCidrBlock', 'nextType'],
  [T.tseInstance]: [
    'engineName',
    'engineType',
    'engineVersion',
    'engineProductVersion',
    'engineNodeNum',
    'engineResourceSpec',
    'enableClientInternetAccess',
  ],
  [RANDOM_TYPES.password]: ['length'],
  [RANDOM_TYPES.bytes]: ['length'],
  [KUBERNETES_TYPES.provider]: ['clusterIdentifier', 'kubeconfig'],
};

/** The plan as a reviewer reads it in a pull request: one block per region, then what is shared. */
export function formatPlan(plan: OfflinePlan): string {
  const lines: string[] = [];
  const count = plan.groups.reduce((n, g) => n + g.resources.length, 0);
  lines.push(
    `Offline plan of stack "${plan.stack}" (environment ${plan.environment}, ${plan.delivery} delivery, ${plan.kubernetesApi} Kubernetes API): ${count} resources`,
    'Run under Pulumi mocks: ids, addresses and passwords are placeholders; secrets are shown as [secret].',
  );
  for (const group of plan.groups) {
    lines.push('', `${group.title}: ${group.resources.length} resources`);
    for (const r of group.resources) lines.push(`  ${describe(r)}`);
  }
  lines.push(
    '',
    'Stack outputs:',
    ...JSON.stringify(plan.outputs, null, 2)
      .split('\n')
      .map((l) => `  ${l}`),
  );
  lines.push('', ...formatDisasterRecovery(plan.disasterRecovery));
  lines.push('', ...formatPublicEntry(plan.publicEntry));
  lines.push('', ...formatNeeds(plan.needs ?? []));
  if (plan.placeholders.length > 0) {
    lines.push(
      '',
      'Secret config this stack does not have yet (placeholders used here; `pulumi up` needs them):',
    );
    for (const p of plan.placeholders)
      lines.push(`  ${p.key}${p.entry ? `.${p.entry}` : ''}: ${p.fix ?? p.message}`);
  }
  lines.push('', plan.violations.length === 0 ? 'Cloud policy: no violations' : 'Cloud policy violations:');
  for (const v of plan.violations) lines.push(`  [${v.rule}] ${v.resource}: ${v.message}`);
  const checked = plan.kubernetesTargets.join(', ') || 'no manifests';
  lines.push(
    '',
    plan.kubernetesViolations.length === 0
      ? `Kubernetes hardening: no violations (${checked})`
      : `Kubernetes hardening violations (${checked}):`,
  );
  for (const target of plan.kubernetesTargets) {
    const found = plan.kubernetesViolations.filter((v) => v.target === target);
    if (found.length > 0) lines.push(`  ${target}:`);
    for (const v of found) lines.push(`    [${v.rule}] ${v.object} ${v.where}: ${v.message}`);
  }
  const exemptions = plan.hardeningExemptions ?? [];
  if (exemptions.length > 0) lines.push('Hardening exemptions (fleet.policy.exemptions):');
  for (const e of exemptions) {
    const target = e.target
      ? `${e.target.kind} ${e.target.namespace ? `${e.target.namespace}/` : ''}${e.target.name}`
      : 'every object';
    lines.push(
      `  [${e.rule}] ${target} in ${e.cluster ? `cluster ${e.cluster}` : 'every cluster'}: ${e.reason}`,
    );
  }
  return lines.join('\n');
}

function describe(r: PlannedResource): string {
  const head = `${r.type} ${r.name}${r.parentType ? ` (in ${r.parentType})` : ''}`;
  const details: string[] = [];
  for (const key of KEY_INPUTS[r.type] ?? []) {
    const value = r.inputs[key];
    if (value !== undefined && value !== null) details.push(`${key}=${format(value)}`);
  }
  if (r.type === T.securityGroupRuleSet) details.push(...ruleSummary(r.inputs));
  if (r.type === KUBERNETES_TYPES.configGroup) details.push(manifestSummary(r.inputs.objs));
  return details.length > 0 ? `${head}: ${details.join(' ')}` : head;
}

function ruleSummary(inputs: Record<string, unknown>): string[] {
  const rules = (inputs.ingresses as Record<string, unknown>[] | undefined) ?? [];
  return [
    `ingress=[${rules.map((x) => `${x.action} ${x.protocol ?? 'ALL'}:${x.port ?? 'ALL'} from ${x.cidrBlock ?? x.sourceSecurityId ?? 'any'}`).join('; ')}]`,
  ];
}

function manifestSummary(objs: unknown): string {
  if (!Array.isArray(objs)) return `objs=${format(objs)}`;
  const kinds = new Map<string, number>();
  for (const o of objs) kinds.set(String(o?.kind), (kinds.get(String(o?.kind)) ?? 0) + 1);
  return `objs=${objs.length} (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`;
}

function format(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
