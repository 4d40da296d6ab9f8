// CI: checks a plan written by `npm run plan`: every site of the stack has its cluster, network, CLBs and data
// stores, and a registry (a TSE Nacos, or a Nacos StatefulSet in its cluster's manifests) that its NACOS_HOST names;
// where the fleet names a primary MySQL, there is one writable MySQL, disaster-recovery copies and a
// Cloud Connect Network joining every site; where the stack creates it, one private zone joined to every site's
// VPC, one record with an explicit TTL, and every cluster's MYSQL_HOST is that name; where it has IGTM, a pool per cluster and a strategy per line, and a
// monitor on a path that reaches the backend; where it publishes a name, TLS: the certificate, each target's
// qcloud_cert_id Secret and an Ingress serving it with HTTP redirected, an HTTPS monitor; the failover budget
// meets its target; every Deployment reading the ConfigMap or the Secret carries their checksums; every MySQL 8.0
// primary authenticates with mysql_native_password (the services' Connector/J 5.1); the schema Job is delivered
// once, to the primary's cluster alone; every run-time need (registry, tracing, images, …) is provided; no cloud
// policy or Kubernetes hardening rule is violated; nothing secret is in the file.
// Usage: check-plan.ts <plan.json>
import { readFileSync } from 'fs';
import {
  KUBERNETES_TYPES,
  QCBM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../src/cloud/type-tokens';
import { AUTO_REWRITE_ANNOTATION, QCLOUD_CERT_ID_KEY } from '../src/k8s/qcbm/qcbm-tls';
import { CONFIG_CHECKSUM_ANNOTATION, SECRET_CHECKSUM_ANNOTATION } from '../src/k8s/qcbm/pod-checksums';
import { MYSQL_NATIVE_AUTH_PARAMETER } from '../src/model/mysql-parameters';
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
  freeCertificate: TENCENTCLOUD_TYPES.sslFreeCertificate,
  uploadedCertificate: TENCENTCLOUD_TYPES.sslCertificate,
  zone: TENCENTCLOUD_TYPES.dnspodDomainInstance,
  manifests: KUBERNETES_TYPES.configGroup,
  tse: TENCENTCLOUD_TYPES.tseInstance,
  backupPolicy: TENCENTCLOUD_TYPES.mysqlBackupPolicy,
  remoteBackup: TENCENTCLOUD_TYPES.mysqlRemoteBackupConfig,
  privateZone: TENCENTCLOUD_TYPES.privateDnsZone,
  privateZoneAttachment: TENCENTCLOUD_TYPES.privateDnsZoneVpcAttachment,
  privateRecord: TENCENTCLOUD_TYPES.privateDnsRecord,
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
type Manifest = {
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: Record<string, unknown> & { tls?: unknown };
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
const manifestsOfCluster = (cluster: string): Manifest[] | undefined => {
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
  const manifests = cluster && plan.delivery === 'direct' ? manifestsOfCluster(cluster.cluster) : undefined;
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
  // The primary's backups: a policy on it, and a copy of backups and binlogs in another site's region.
  const primary = all.find((r) => r.type === T.mysql);
  const masterIds = new Set(all.filter((r) => r.type === T.dr).map((r) => r.inputs.masterInstanceId));
  const policies = all.filter((r) => r.type === T.backupPolicy);
  if (policies.length !== 1 || policies[0].provider !== primary?.provider) {
    problems.push(`${policies.length} × ${T.backupPolicy}, expected one, on the primary (${primary?.name})`);
  } else if (masterIds.size > 0 && !masterIds.has(policies[0].inputs.mysqlId)) {
    problems.push(`${T.backupPolicy} is on ${String(policies[0].inputs.mysqlId)}, not on the primary`);
  }
  if (sites > 1) {
    const remote = all.filter((r) => r.type === T.remoteBackup);
    const to = (remote[0]?.inputs.remoteRegions ?? []) as string[];
    const otherSites = new Set(dr.sites.map((x) => x.region).filter((r) => r !== dr.primaryRegion));
    if (remote.length !== 1 || to.length !== 1 || !otherSites.has(to[0])) {
      problems.push(
        `remote backup of the primary: ${JSON.stringify(to)}, expected one region of another site (${[...otherSites].join(', ')})`,
      );
    } else if (remote[0].inputs.remoteBinlogSave !== 'on' || remote[0].inputs.remoteBackupSave !== 'on') {
      problems.push('remote backup of the primary: backups and binlogs must both be copied');
    }
  }
  if (sites > 1) {
    expectCount('the whole plan', all, T.ccn, 1);
    expectCount('the whole plan (one per site)', all, T.attachment, sites);
  }
}

// Where the stack creates the primary: one private zone joined to every site's VPC, one record with an explicit
// TTL, and every cluster's MYSQL_HOST is that name (a failover changes one record).
const writer = dr.writerName;
if (writer) {
  expectCount('the whole plan (the writable name)', all, T.privateZone, 1);
  expectCount('the whole plan (one per site)', all, T.privateZoneAttachment, sites);
  expectCount('the whole plan (the writable name)', all, T.privateRecord, 1);
  const vpcs = new Set(
    all
      .filter((r) => r.type === T.privateZoneAttachment)
      .map((r) => (r.inputs.vpcSet as { uniqVpcId?: string } | undefined)?.uniqVpcId),
  );
  if (vpcs.size !== sites) problems.push(`the private zone joins ${vpcs.size} distinct VPCs, not ${sites}`);
  const record = all.find((r) => r.type === T.privateRecord);
  const zone = all.find((r) => r.type === T.privateZone);
  if (record && `${String(record.inputs.subDomain)}.${String(zone?.inputs.domain)}` !== writer.host) {
    problems.push(
      `the private record is ${String(record.inputs.subDomain)}.${String(zone?.inputs.domain)}, not ${writer.host}`,
    );
  }
  if (record && typeof record.inputs.ttl !== 'number')
    problems.push('the private record has no explicit TTL');
  if (plan.delivery === 'direct') {
    for (const { cluster } of dr.sites) {
      const host = manifestsOfCluster(cluster)?.find(
        (m) => m.kind === 'ConfigMap' && m.metadata?.name === 'qcbm-env',
      )?.data?.MYSQL_HOST;
      if (host !== writer.host)
        problems.push(`${cluster}: MYSQL_HOST is ${host ?? 'missing'}, not ${writer.host}`);
    }
  }
}
if (dr.trafficMode === 'igtm') {
  expectCount('the whole plan', all, T.igtm, 1);
  expectCount('the whole plan', all, T.monitor, 1);
  expectCount('the whole plan (one per cluster)', all, T.pool, dr.sites.length);
  expectCount('the whole plan (one per line)', all, T.strategy, dr.lines.length);
}
const entry = plan.publicEntry;
if (dr.trafficMode === 'igtm') {
  const monitor = all.find((r) => r.type === T.monitor);
  const check = entry.healthCheck;
  if (!check) problems.push('IGTM without a health check in the plan');
  else {
    if (check.warning) problems.push(`IGTM monitor: ${check.warning}`);
    if (monitor?.inputs.path !== check.path)
      problems.push(`IGTM monitor path ${String(monitor?.inputs.path)}, the plan states ${check.path}`);
    if (entry.tls && monitor?.inputs.checkProtocol !== 'HTTPS')
      problems.push(
        `IGTM monitor: ${String(monitor?.inputs.checkProtocol)} where ${entry.publishedName} has TLS`,
      );
  }
}
if (dr.trafficMode) {
  const tls = entry.tls;
  if (!tls) problems.push(`${entry.publishedName} is published over plain HTTP: set fleet.app.tls`);
  else {
    expectCount('the whole plan', all, T.freeCertificate, tls.certificate === 'free' ? 1 : 0);
    expectCount('the whole plan', all, T.uploadedCertificate, tls.certificate === 'uploaded' ? 1 : 0);
    const targets = all.filter((r) => r.type === T.manifests && Array.isArray(r.inputs.objs));
    const served = targets.filter((r) => manifestsOf(r).some((o) => o.kind === 'Ingress'));
    if (served.length === 0) problems.push('no manifests with the Ingress in the plan');
    for (const r of served)
      problems.push(...tlsProblems(r.name, manifestsOf(r), entry.publishedName, tls.secretName));
  }
  const created = entry.zones.filter((z) => z.source === 'create').length;
  expectCount('the whole plan (one per zone created)', all, T.zone, created);
}

for (const row of dr.budget) {
  if (row.verdict === 'misses the target' || row.verdict === 'unbounded') {
    problems.push(`failover budget: ${row.region} lost, line ${row.line}: ${row.verdict}`);
  }
}

const auth = MYSQL_NATIVE_AUTH_PARAMETER;
// An adopted (imported) primary keeps the parameters it has: the account it serves was created on the primary it
// replicated from, which had them, and keeps its authentication plugin.
const mysql80 = all.filter(
  (r) => r.type === T.mysql && r.inputs.engineVersion === '8.0' && r.options?.import === undefined,
);
const adopted = all.filter((r) => r.type === T.mysql && r.options?.import !== undefined);
const mysqlSummary = [
  ...(mysql80.length > 0 || adopted.length === 0
    ? [`${mysql80.length} MySQL 8.0 ${mysql80.length === 1 ? 'primary' : 'primaries'} with ${auth.value}`]
    : []),
  ...(adopted.length > 0 ? [`${plural(adopted.length, 'adopted (imported) MySQL instance')}`] : []),
].join(', ');
for (const r of mysql80) {
  const parameters = r.inputs.parameters as Record<string, unknown> | undefined;
  if (parameters?.[auth.name] !== auth.value) {
    problems.push(`${r.name}: MySQL 8.0 without parameters.${auth.name} = ${auth.value} (Connector/J 5.1)`);
  }
}
const schemaJobs = schemaJobsByTarget();
const withJob = Object.keys(schemaJobs).filter((t) => schemaJobs[t].jobs > 0);
if (dr.primaryCluster) {
  // Direct: only the primary's cluster's manifests hold it; hub: one template, sent to one cluster.
  const wanted = plan.delivery === 'direct' ? `cluster ${dr.primaryCluster}` : 'hub';
  const found = schemaJobs[wanted];
  if (withJob.length !== 1 || found?.jobs !== 1 || found.receivers !== 1) {
    problems.push(
      `schema Job: ${JSON.stringify(schemaJobs)}, expected one, delivered to ${dr.primaryCluster} (the primary's) alone`,
    );
  }
} else if (withJob.length === 0) {
  problems.push('no schema Job is delivered');
}

if (!Array.isArray(plan.needs) || plan.needs.length === 0) problems.push('the plan lists no run-time needs');
for (const n of (plan.needs ?? []).filter((x) => x.status === 'missing')) {
  problems.push(
    `run-time need ${n.need} of ${n.cluster} is provided by nothing: ${n.provider}; fix: ${n.fix}`,
  );
}
for (const v of plan.violations) problems.push(`policy ${v.rule}: ${v.resource}: ${v.message}`);
if (!plan.kubernetesTargets?.length)
  problems.push('no Kubernetes manifests were checked; rerun npm run plan');
for (const v of plan.kubernetesViolations ?? []) {
  problems.push(`hardening ${v.rule}: ${v.target}: ${v.object} ${v.where}: ${v.message}`);
}
// A pod reading the ConfigMap or the Secret carries their checksum, so a changed value restarts it.
for (const r of all.filter((x) => x.type === KUBERNETES_TYPES.configGroup)) {
  const objs = Array.isArray(r.inputs.objs) ? (r.inputs.objs as any[]) : [];
  for (const d of objs.filter((o) => o?.kind === 'Deployment')) {
    const reads = JSON.stringify(d.spec?.template?.spec ?? {});
    const annotations = d.spec?.template?.metadata?.annotations ?? {};
    const lacks = (ref: string, key: string, form: RegExp) =>
      reads.includes(ref) && !form.test(String(annotations[key] ?? ''))
        ? [`${r.name}: Deployment ${d.metadata?.name} reads a ${ref} but carries no ${key}`]
        : [];
    problems.push(
      ...lacks('configMapKeyRef', CONFIG_CHECKSUM_ANNOTATION, /^sha256:[0-9a-f]{64}$/),
      ...lacks('secretKeyRef', SECRET_CHECKSUM_ANNOTATION, /^(hmac-sha256:[0-9a-f]{64}|revision:.+)$/),
    );
  }
}
if (/planned-[0-9a-f]{12}|planned-placeholder-for/.test(text)) {
  problems.push('a placeholder secret value is in the plan');
}
/** What a set of manifests lacks for HTTPS on the published name as TKE's ingress controller reads it. */
function tlsProblems(where: string, objs: readonly Manifest[], host: string, secretName: string): string[] {
  const out: string[] = [];
  const secret = objs.find((o) => o.kind === 'Secret' && o.metadata?.name === secretName);
  if (!secret?.data || !(QCLOUD_CERT_ID_KEY in secret.data))
    out.push(`${where}: no Secret ${secretName} with ${QCLOUD_CERT_ID_KEY}`);
  for (const ingress of objs.filter((o) => o.kind === 'Ingress')) {
    const tls = (ingress.spec?.tls ?? []) as { hosts?: string[]; secretName?: string }[];
    if (!tls.some((t) => t.secretName === secretName && t.hosts?.includes(host)))
      out.push(`${where}: Ingress ${ingress.metadata?.name} has no tls for ${host} with ${secretName}`);
    if (ingress.metadata?.annotations?.[AUTO_REWRITE_ANNOTATION] !== 'true')
      out.push(
        `${where}: Ingress ${ingress.metadata?.name} does not redirect HTTP (${AUTO_REWRITE_ANNOTATION})`,
      );
  }
  return out;
}

function manifestsOf(r: PlannedResource): Manifest[] {
  return r.inputs.objs as Manifest[];
}

if (problems.length > 0) {
  console.error(`${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const topology = dr.topology
  ? `; ${dr.topology.kind}, the failover budget within its target on every line`
  : '';
const published = entry.tls
  ? `; ${entry.publishedName} over HTTPS (${entry.tls.certificate} certificate)${entry.healthCheck ? `, checked with ${entry.healthCheck.protocol} ${entry.healthCheck.path}` : ''}`
  : '';
console.log(
  `${file}: ${plural(sites, 'site')} in ${plural(regions.length, 'region')} (${regions.map((g) => g.key).join(', ')}), each complete with its registry${topology}${published}; ${mysqlSummary}${writer ? `, written through ${writer.host} (TTL ${writer.ttlSeconds} s, in ${plural(sites, 'VPC')})` : ''}; the schema Job in ${withJob.join(', ')}; ${plural(plan.needs.length, 'run-time need')}, each provided; no violations (cloud, Kubernetes hardening of ${plan.kubernetesTargets.join(', ')}), no secrets`,
);

/**
 * Schema Jobs (`qcbm-schema-<hash>`) per Kubernetes target, from the manifests each ConfigGroup carries, with the
 * clusters they reach: `cluster <name>` in direct delivery (its own manifests); `hub` in hub delivery (the
 * templates, and the subscribers of the Subscriptions that feed them).
 */
function schemaJobsByTarget(): Record<string, { jobs: number; receivers: number }> {
  const groups = all.filter((r) => r.type === KUBERNETES_TYPES.configGroup);
  const objsOf = (r: PlannedResource) => (Array.isArray(r.inputs.objs) ? (r.inputs.objs as any[]) : []);
  const isSchemaJob = (o: any) => o?.kind === 'Job' && /^qcbm-schema-[0-9a-f]{10}$/.test(o?.metadata?.name);
  const out: Record<string, { jobs: number; receivers: number }> = {};
  for (const group of groups) {
    const provider = all.find((r) => r.type === KUBERNETES_TYPES.provider && r.name === group.provider);
    const cluster = provider?.inputs.clusterIdentifier;
    if (typeof cluster !== 'string') continue;
    const jobs = objsOf(group).filter(isSchemaJob).length;
    out[`cluster ${cluster}`] = { jobs, receivers: jobs > 0 ? 1 : 0 };
  }
  if (plan.delivery === 'hub') {
    const objs = groups.flatMap(objsOf);
    const names = new Set(objs.filter(isSchemaJob).map((o) => o.metadata.name));
    const receivers = objs
      .filter(
        (o) =>
          o?.kind === 'Subscription' &&
          (o.spec?.feeds ?? []).some((f: any) => f.kind === 'Job' && names.has(f.name)),
      )
      .reduce((n, o) => n + (o.spec?.subscribers?.length ?? 0), 0);
    out.hub = { jobs: names.size, receivers };
  }
  return out;
}
