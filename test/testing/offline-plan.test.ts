import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { STACK_OUTPUTS_VERSION } from '../../src/model/stack-outputs';
import { drillTarget } from '../../src/ops/drill/drill-target';
import { readStackOutputs } from '../../src/ops/stack-outputs';
import type { OfflinePlan } from '../../src/testing/offline-plan';
import { REPO_ROOT } from '../support/repo-root';
import { KUBERNETES_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

// One plan per file: the Pulumi runtime is global. The prod plan is what CI prints for reviewers.
describe('offline plan of prod', () => {
  let plan: OfflinePlan;
  let text: string;
  beforeAll(async () => {
    const { planStack } = await import('../../src/testing/offline-plan');
    const { formatPlan } = await import('../../src/plan/plan-report');
    plan = await planStack({ stack: 'prod', projectDir: REPO_ROOT });
    text = formatPlan(plan);
  });

  test('groups the resources per region, each with its cluster, network, CLBs and data stores', () => {
    expect(plan.groups.map((g) => g.key)).toEqual([
      'ap-beijing',
      'ap-shanghai',
      'ap-guangzhou',
      'global',
      'shared',
    ]);
    for (const group of plan.groups.filter((g) => g.key.startsWith('ap-'))) {
      const count = (type: string) => group.resources.filter((r) => r.type === type).length;
      const primary = group.key === 'ap-beijing' ? 1 : 0;
      expect([
        group.key,
        count(TENCENTCLOUD_TYPES.vpc),
        count(TENCENTCLOUD_TYPES.subnet),
        count(TENCENTCLOUD_TYPES.tkeCluster),
        count(TENCENTCLOUD_TYPES.tkeNodePool),
        count(TENCENTCLOUD_TYPES.clbInstance),
        count(TENCENTCLOUD_TYPES.mysqlInstance),
        count(TENCENTCLOUD_TYPES.mysqlDrInstance),
        count(TENCENTCLOUD_TYPES.redisInstance),
        count(TENCENTCLOUD_TYPES.tseInstance),
        count(KUBERNETES_TYPES.configGroup),
      ]).toEqual([group.key, 1, 2, 1, 1, 2, primary, 1 - primary, 1, 1, 1]);
      for (const r of group.resources.filter((x) => x.type.startsWith('tencentcloud:'))) {
        expect([r.name, r.provider]).toEqual([r.name, `tencentcloud-${group.key}`]);
      }
    }
    // The Cloud Connect Network, the traffic layer, the published name's certificate and the APM instance every cluster reports to are not in one region.
    const global = plan.groups.find((g) => g.key === 'global')!;
    expect([...new Set(global.resources.map((r) => r.type.split('/')[0]))].sort()).toEqual([
      'tencentcloud:Apm',
      'tencentcloud:Ccn',
      'tencentcloud:Dnspod',
      'tencentcloud:Igtm',
      'tencentcloud:PrivateDns',
      'tencentcloud:Ssl',
    ]);
  });

  test('states what the topology guarantees: data, recovery points, traffic tiers and the failover budget', () => {
    const dr = plan.disasterRecovery;
    expect(dr.topology).toMatchObject({ kind: 'active-active', rtoSeconds: 300 });
    expect(dr.data[0]).toMatch(/^Writes: one writable MySQL, in ap-beijing \(beijing-01\)/);
    expect(dr.recoveryPoints.map((p) => p.loss)).toContain("the primary's region (ap-beijing)");
    expect(dr.budget).toHaveLength(3 * 4);
    const affected = dr.budget.filter((row) => row.affected);
    expect(affected.every((row) => row.verdict === 'meets the target' && row.totalSeconds === 182)).toBe(
      true,
    );
    expect(text).toContain('Disaster recovery:');
    expect(text).toMatch(/ap-shanghai lost, line east-china: 182 s, target 300 s: meets the target; then /);
  });

  test('prints one block per region with key inputs and no secret values', () => {
    expect(text).toContain('region ap-shanghai (cluster shanghai-01)');
    expect(text).toMatch(/tencentcloud:Vpc\/instance:Instance ap-shanghai-vpc .*cidrBlock=10\.120\.0\.0\/16/);
    expect(text).toMatch(/ap-beijing-mysql .*internetService=0 rootPassword=\[secret\]/);
    // Each strategy with the DNS line it answers.
    expect(text).toMatch(/qcbm-strategy-east-china .*sources=\[\{"dnsLineId":102\}\]/);
    expect(text).toContain('Cloud policy: no violations');
    expect(plan.violations).toEqual([]);
    expect(text).not.toMatch(/planned-[0-9a-f]{12}/);
    expect(JSON.stringify(plan)).not.toMatch(/planned-[0-9a-f]{12}/);
  });

  test('shows the manifests each cluster receives, with only the Secret values hidden', () => {
    const group = plan.groups.find((g) => g.key === 'ap-guangzhou')!;
    const objs = group.resources.find((r) => r.type === KUBERNETES_TYPES.configGroup)!.inputs.objs as any[];
    const secret = objs.find((o) => o.kind === 'Secret');
    expect(Object.keys(secret.data).sort()).toEqual([
      'MYSQL_ACCOUNT',
      'MYSQL_PASSWORD',
      'NACOS_ACCOUNT',
      'NACOS_PASSWORD',
      'REDIS_PASSWORD',
      'SW_AGENT_AUTHENTICATION',
    ]);
    expect(new Set(Object.values(secret.data))).toEqual(new Set(['[secret]']));
    const configMap = objs.find((o) => o.kind === 'ConfigMap');
    // Guangzhou writes to the primary in Beijing, over the Cloud Connect Network, through its one private name.
    expect(configMap.data.MYSQL_HOST).toBe('mysql.qcbm-prod.internal');
    const record = plan.groups
      .flatMap((g) => g.resources)
      .find((r) => r.type === TENCENTCLOUD_TYPES.privateDnsRecord)!;
    expect(record.inputs).toMatchObject({ subDomain: 'mysql', recordType: 'A', ttl: 30 });
    expect(record.inputs.recordValue).toMatch(/^10\.110\.16\./);
    expect(plan.disasterRecovery.writerName).toEqual({ host: 'mysql.qcbm-prod.internal', ttlSeconds: 30 });
    expect(text).toMatch(
      /writes through mysql\.qcbm-prod\.internal .*TTL 30 s.*a failover changes this one record/,
    );
  });

  test("every site's registry is its own TSE Nacos, whose intranet address is its cluster's NACOS_HOST", () => {
    const outputs = plan.outputs as any;
    for (const [key, cluster] of [
      ['ap-beijing', 'beijing-01'],
      ['ap-shanghai', 'shanghai-01'],
      ['ap-guangzhou', 'guangzhou-01'],
    ]) {
      const group = plan.groups.find((g) => g.key === key)!;
      const [tse] = group.resources.filter((r) => r.type === TENCENTCLOUD_TYPES.tseInstance);
      expect(tse).toMatchObject({ name: `${key}-nacos`, inputs: { engineType: 'nacos', engineRegion: key } });
      const objs = group.resources.find((r) => r.type === KUBERNETES_TYPES.configGroup)!.inputs.objs as any[];
      const nacos = { host: objs.find((o) => o.kind === 'ConfigMap').data.NACOS_HOST, port: 8848 };
      // In the site's own data subnet, as the access-address lookup answered; no Nacos runs in the cluster.
      const dataSubnet = `10.${{ 'ap-beijing': 110, 'ap-shanghai': 120, 'ap-guangzhou': 130 }[key]}.16.`;
      expect(nacos.host.startsWith(dataSubnet)).toBe(true);
      expect(outputs.sites[key]).toMatchObject({ cluster, nacos });
      expect(objs.filter((o) => o.kind === 'StatefulSet')).toEqual([]);
    }
    expect(text).toMatch(
      /tencentcloud:Tse\/instance:Instance ap-beijing-nacos .*engineType=nacos engineVersion=2\.0\.3\.4 engineProductVersion=STANDARD engineNodeNum=3/,
    );
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
    for (const group of plan.groups.filter((g) => g.key.startsWith('ap-'))) {
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
    expect((plan.outputs as any).sites['ap-beijing'].mysql.host).toMatch(/^10\.110\.16\./);
    expect(text).toContain(`Stack outputs:\n  {\n    "version": ${STACK_OUTPUTS_VERSION},`);
    expect(text).toContain('"kubeconfigs": "[secret]"');
  });

  test('round trip: the outputs the program exports are what `qcbm-fleet drill` and `failover` read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-outputs-'));
    try {
      // As `pulumi stack output --json` prints them: the kubeconfigs hidden.
      const file = join(dir, 'outputs.json');
      writeFileSync(file, JSON.stringify(plan.outputs));
      const outputs = readStackOutputs(file);
      expect(outputs).toEqual({ ...(plan.outputs as object), kubeconfigs: undefined });
      const planned = plan.outputs as any;
      expect(outputs.sites['ap-beijing'].mysqlInstanceId).toMatch(/^cdb-/);
      expect(outputs.data?.drInstances['ap-shanghai'].instanceId).toMatch(/^cdb-/);
      const target = drillTarget(
        loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.prod.yaml')),
        'ap-shanghai',
        undefined,
        outputs,
      );
      expect([target.addresses, target.pools]).toEqual([
        { 'shanghai-01': planned.traffic.clusters['shanghai-01'].address },
        { 'shanghai-01': planned.traffic.clusters['shanghai-01'].poolId },
      ]);
      expect(target.pools['shanghai-01']).toEqual(expect.any(Number));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('scripts/check-plan.ts passes it, and fails a plan missing a DR copy, a CCN attachment, its budget or a registry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-dr-'));
    const check = (p: OfflinePlan) => {
      const file = join(dir, 'plan.json');
      writeFileSync(file, JSON.stringify(p));
      return spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'scripts/check-plan.ts'), file],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
    };
    try {
      expect(check(plan).status).toBe(0);
      const dropped = new Set<string>([
        TENCENTCLOUD_TYPES.mysqlDrInstance,
        TENCENTCLOUD_TYPES.ccnAttachmentV2,
        TENCENTCLOUD_TYPES.tseInstance,
      ]);
      // And one cluster's user-service without its checksums.
      const unannotated = (r: OfflinePlan['groups'][number]['resources'][number]) =>
        r.name !== 'qcbm-beijing-01-app'
          ? r
          : {
              ...r,
              inputs: {
                ...r.inputs,
                objs: (r.inputs.objs as any[]).map((o) =>
                  o.kind === 'Deployment' && o.metadata.name === 'user-service'
                    ? { ...o, spec: { ...o.spec, template: { ...o.spec.template, metadata: {} } } }
                    : o,
                ),
              },
            };
      const broken: OfflinePlan = {
        ...plan,
        groups: plan.groups.map((g) => ({
          ...g,
          resources: g.resources.filter((r) => !dropped.has(r.type)).map(unannotated),
        })),
        disasterRecovery: {
          ...plan.disasterRecovery,
          budget: plan.disasterRecovery.budget.map((row, i) =>
            i === 0 ? { ...row, verdict: 'misses the target' } : row,
          ),
        },
      };
      const run = check(broken);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('no disaster-recovery instance is planned');
      expect(run.stderr).toContain(`0 × ${TENCENTCLOUD_TYPES.ccnAttachmentV2}, expected 3`);
      expect(run.stderr).toContain('failover budget: ap-beijing lost, line default: misses the target');
      expect(run.stderr).toContain(
        `site ap-shanghai: no registry (neither ${TENCENTCLOUD_TYPES.tseInstance} ap-shanghai-nacos nor a Nacos StatefulSet)`,
      );
      expect(run.stderr).toContain(
        'qcbm-beijing-01-app: Deployment user-service reads a configMapKeyRef but carries no checksum/config',
      );
      expect(run.stderr).toContain(
        'Deployment user-service reads a secretKeyRef but carries no checksum/secret',
      );
      expect(run.stderr.match(/carries no checksum/g)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test('states the public entry: what the health check covers, the certificate, the zones, what stays manual', () => {
    const entry = plan.publicEntry;
    expect(entry.healthCheck).toMatchObject({
      protocol: 'HTTPS',
      path: '/api/book/all',
      host: 'www.qcbm.com',
    });
    expect(entry.healthCheck?.warning).toBeUndefined();
    expect(entry.tls).toMatchObject({ certificate: 'free', secretName: 'qcbm-tls' });
    expect(entry.zones.map((z) => [z.name, z.source])).toEqual([
      ['qcbm.com', 'existing'],
      ['qcbm-gtm.com', 'create'],
    ]);
    expect(text).toContain('Public entry (www.qcbm.com):');
    expect(text).toContain(
      '    covers: CLB → Ingress → front nginx → gateway → Nacos lookup → store-service (Dubbo) → Redis (→ MySQL on a cache miss)',
    );
    expect(text).toMatch(/a database outage is seen only on a cache miss/);
    expect(text).toMatch(/^ {4}- delegate qcbm-gtm\.com to DNSPod at its registrar/m);
    expect(text).toMatch(/^ {4}- renew the free certificate of www\.qcbm\.com before it expires/m);
  });

  test('scripts/check-plan.ts fails a plan whose monitor only sees nginx, or whose name has no TLS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-plan-entry-'));
    const check = (p: OfflinePlan) => {
      const file = join(dir, 'plan.json');
      writeFileSync(file, JSON.stringify(p));
      return spawnSync(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'scripts/check-plan.ts'), file],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
    };
    const healthCheck = plan.publicEntry.healthCheck!;
    try {
      const run = check({
        ...plan,
        groups: plan.groups.map((g) => ({
          ...g,
          resources: g.resources.map((r) =>
            r.type === TENCENTCLOUD_TYPES.igtmMonitor
              ? { ...r, inputs: { ...r.inputs, path: '/', checkProtocol: 'HTTP' } }
              : r,
          ),
        })),
        publicEntry: {
          ...plan.publicEntry,
          tls: undefined,
          healthCheck: { ...healthCheck, path: '/', warning: '/ only proves nginx is up' },
        },
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('IGTM monitor: / only proves nginx is up');
      expect(run.stderr).toContain('www.qcbm.com is published over plain HTTP: set fleet.app.tls');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
