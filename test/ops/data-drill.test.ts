// The data drill end to end, nothing beyond 127.0.0.1: the failover through the real Tencent Cloud SDK against the
// fake API, a fake Kubernetes API server per cluster (the write probe's Job and the services' restart), and a fake
// `pulumi` on the PATH that answers the preview from a fixture. Runs that reach a cluster go through the command
// line in a child process (@kubernetes/client-node is an ES module, which jest cannot load); the refusals and the
// dry run, which never connect, call `runDataDrill` here.
import { spawn } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MYSQL_CLIENT_COMPONENTS } from '../../src/k8s/qcbm/qcbm-workloads';
import { parseFleetFromStackYaml } from '../../src/model';
import { type DataDrillOptions, runDataDrill } from '../../src/ops/drill/data/run-data-drill';
import { PROD_URNS, prodFailoverPreview, withStep } from '../fixtures/drill/prod-failover-preview';
import { cloudHandlers, DR, type FakeCloud, PRIMARY } from '../support/fake-cdb';
import { type FakeKubernetesApi, startFakeKubernetesApi } from '../support/fake-kubernetes-api';
import { privateDnsHandlers } from '../support/fake-private-dns';
import { type FakePulumi, installFakePulumi } from '../support/fake-pulumi';
import { type FakeCall, type FakeHandler, startFakeTencentApi } from '../support/fake-tencent-api';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';
import { REPO_ROOT } from '../support/repo-root';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'failover');
const CLUSTERS = ['beijing-01', 'shanghai-01', 'guangzhou-01'];
const NAMESPACE = 'qcbm';
const WRITES = new Set([
  'ModifyDBInstanceReadOnlyStatus',
  'SwitchDrInstanceToMaster',
  'ModifyPrivateZoneRecord',
]);
const summary = (calls: readonly FakeCall[]) => calls.map((c) => c.action);

let dir: string;
let network: NetworkGuard;
let pulumi: FakePulumi;
let clusters: Record<string, FakeKubernetesApi>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-data-drill-'));
  copyFileSync(join(FIXTURES, 'prod.before.yaml'), join(dir, 'Pulumi.prod.yaml'));
  copyFileSync(join(REPO_ROOT, 'Pulumi.yaml'), join(dir, 'Pulumi.yaml'));
  network = guardNetwork();
  pulumi = installFakePulumi();
  pulumi.behave({ stdout: JSON.stringify(prodFailoverPreview()) });
  clusters = {};
  for (const name of CLUSTERS) {
    const api = await startFakeKubernetesApi(
      Object.fromEntries(MYSQL_CLIENT_COMPONENTS.map((d) => [`${NAMESPACE}/${d}`, 2])),
    );
    behaveLikeACluster(api, name);
    clusters[name] = api;
  }
});

afterEach(async () => {
  await Promise.all(Object.values(clusters).map((c) => c.close()));
  pulumi.remove();
  network.restore();
  expect(network.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

/** A cluster's controllers: a probe Job succeeds (its pod logs the write) and a restarted Deployment rolls out. */
function behaveLikeACluster(
  api: FakeKubernetesApi,
  site: string,
  probe: 'writes' | 'fails' = 'writes',
): void {
  api.onChange((request) => {
    const job = /\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs$/.exec(request.path);
    if (request.method === 'POST' && job) {
      const key = `${job[1]}/${(request.body as any).metadata.name}`;
      setTimeout(() => {
        if (probe === 'fails') {
          api.jobLogs.set(key, 'qcbm-drill-write: attempt 30 failed: ERROR 1045 (28000): Access denied\n');
          api.finishJob(key, {
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
          });
          return;
        }
        api.jobLogs.set(
          key,
          `qcbm-drill-write: wrote from ${site} at 2026-12-04 03:12:47.123 to cdb-drsh0001-0\n`,
        );
        api.finishJob(key, 'succeeded');
      }, 30);
    }
    const deployment = /\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/.exec(request.path);
    if (request.method === 'PUT' && deployment) {
      setTimeout(() => api.rollOut(`${deployment[1]}/${deployment[2]}`), 20);
    }
  });
}

const jobRequests = (api: FakeKubernetesApi) =>
  api.requests.filter((r) => r.path.includes('/jobs') && r.method !== 'GET').map((r) => r.method);

/** The fake Tencent Cloud API of a prod failover to Shanghai. */
const tencent = (cloud: Partial<FakeCloud> = {}, extra: Record<string, FakeHandler> = {}) =>
  startFakeTencentApi({
    ...cloudHandlers({ primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai', ...cloud }),
    ...privateDnsHandlers({ domain: 'qcbm-prod.internal', ttl: 1 }),
    ...extra,
  });

/**
 * `qcbm-fleet drill --method data --stack prod --execute` in a child process (the fakes answer in this one),
 * with every cluster's kubeconfig and the fake pulumi first on the PATH; `onStarted` gets the child.
 */
async function cliDrill(
  extra: string[] = [],
  onStarted?: (child: ReturnType<typeof spawn>) => void,
  command: string[] = ['drill', '--method', 'data', '--confirm', 'prod', '--interval', '50'],
  kubeconfigsOf: readonly string[] = CLUSTERS,
  handlers: Record<string, FakeHandler> = {},
): Promise<{ code: number; out: string; err: string; calls: FakeCall[]; report?: any }> {
  const fake = await tencent({}, handlers);
  const report = join(dir, 'report.json');
  for (const name of CLUSTERS) writeFileSync(join(dir, `${name}.kubeconfig`), clusters[name].kubeconfig);
  const args = [
    ...command,
    ...['--stack', 'prod', '--execute', '--to', 'ap-shanghai', '--poll-interval', '10'],
    ...['--primary-instance', PRIMARY, '--dr-instance', DR],
    ...kubeconfigsOf.flatMap((c) => ['--kubeconfig', `${c}=${join(dir, `${c}.kubeconfig`)}`]),
    ...(command[0] === 'drill' ? ['--report', report] : []),
    ...['--tencentcloud-endpoint', fake.endpoint, ...extra],
  ];
  try {
    const run = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '-r',
          require.resolve('ts-node/register/transpile-only'),
          join(REPO_ROOT, 'src/cli/bin.ts'),
          ...args,
        ],
        {
          cwd: dir,
          env: {
            PATH: pulumi.path,
            TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
            TENCENTCLOUD_SECRET_ID: 'AKIDfake',
            TENCENTCLOUD_SECRET_KEY: 'never-printed',
          },
        },
      );
      let out = '';
      let err = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
      onStarted?.(child);
    });
    const written = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
    return { ...run, calls: fake.calls, report: written };
  } finally {
    await fake.close();
  }
}

/** `runDataDrill` in this process, for what never reaches a cluster. */
async function drill(options: { drill?: Partial<DataDrillOptions>; execute?: boolean } = {}) {
  const stackFile = join(dir, 'Pulumi.prod.yaml');
  const fake = await tencent();
  const lines: string[] = [];
  try {
    const result = await runDataDrill(
      {
        failover: {
          fleet: parseFleetFromStackYaml(readFileSync(stackFile, 'utf8'), stackFile),
          to: 'ap-shanghai',
          primaryInstanceId: PRIMARY,
          drInstanceId: DR,
          execute: options.execute ?? true,
          acceptDataLoss: false,
          pollIntervalMs: 10,
          timeoutMs: 5000,
          stackFile,
          stack: 'prod',
          project: 'qcbm',
          api: {
            secretId: 'AKIDfake',
            secretKey: 'never-printed',
            endpoint: fake.endpoint,
            timeoutSeconds: 2,
          },
        },
        confirmation: 'prod',
        kubeconfigs: Object.fromEntries(CLUSTERS.map((c) => [c, clusters[c].kubeconfig])),
        pulumi: { cwd: dir, env: { PATH: pulumi.path } },
        intervalMs: 50,
        ...options.drill,
      },
      (line) => lines.push(line),
    );
    return { result, lines, calls: fake.calls };
  } catch (error) {
    return { error, lines, calls: fake.calls };
  } finally {
    await fake.close();
  }
}

const writesOf = (calls: readonly FakeCall[]) => summary(calls).filter((a) => WRITES.has(a));

describe('drill --method data: the write path rehearsed', () => {
  test('fence, promote, retarget; a write and a restart at every site; a clean preview; each phase timed', async () => {
    const { code, out, err, calls, report } = await cliDrill();
    expect({ code, err: code === 0 ? '' : err.slice(-3000) }).toEqual({ code: 0, err: '' });
    expect(writesOf(calls)).toEqual([
      'ModifyDBInstanceReadOnlyStatus',
      'SwitchDrInstanceToMaster',
      'ModifyPrivateZoneRecord',
    ]);
    for (const name of CLUSTERS) {
      // The probe created, then deleted; every MySQL client restarted with kubectl's annotation.
      expect(jobRequests(clusters[name])).toEqual(['POST', 'DELETE']);
      const restarted = clusters[name].requests.filter(
        (r) => r.method === 'PUT' && /deployments\/[^/]+$/.test(r.path),
      );
      expect(restarted.map((r) => r.path.split('/').pop()).sort()).toEqual(
        [...MYSQL_CLIENT_COMPONENTS].sort(),
      );
      expect(
        (restarted[0].body as any).spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'],
      ).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(pulumi.calls().map((c) => [c.argv, c.cwd])).toEqual([
      [['preview', '--stack', 'prod', '--non-interactive', '--json', '--refresh=false'], dir],
    ]);
    // It previewed the stack as the failover wrote it.
    expect(pulumi.calls()[0].stackFile).toContain(`instanceId: ${DR}`);
    expect(report.preview.problems).toEqual([]);
    expect(report.sites.map((s: any) => [s.cluster, s.errors, s.firstWrite])).toEqual(
      CLUSTERS.map((c) => [c, [], 'wrote at 2026-12-04 03:12:47.123 (server time) to cdb-drsh0001-0']),
    );
    expect(report.comparison.map((r: any) => `${r.site} ${r.phase} ${r.verdict}`)).toEqual([
      '- detection not measured',
      '- fencing within',
      '- promotion within',
      ...CLUSTERS.flatMap((c) => [
        `${c} first write within`,
        `${c} services restarted within`,
        `${c} total within`,
      ]),
    ]);
    const firstWrites = report.comparison.filter((r: any) => r.phase === 'first write');
    expect(firstWrites.map((r: any) => r.measuredSeconds > 0 && r.measuredSeconds < 10)).toEqual(
      CLUSTERS.map(() => true),
    );
    expect(Object.keys(report.steps)).toEqual(['checked', 'fenced', 'promoted', 'retargeted']);
    expect(out).toMatch(/shanghai-01\s+first write\s+\d+\.\d\d s\s+30 s\s+TTL\s+within/);
    // The stack file says what happened: Pulumi's one up reads the promotion from it.
    const after = parseFleetFromStackYaml(readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8'), 'after');
    expect(after.data.mysql).toMatchObject({ primaryRegion: 'ap-shanghai', promotion: { instanceId: DR } });
    expect(`${out}${err}`).not.toContain('never-printed');
  });

  test('a preview that replaces the promoted instance, and a site that cannot write, fail the drill', async () => {
    pulumi.behave({
      stdout: JSON.stringify(withStep(prodFailoverPreview(), PROD_URNS.shanghai.mysql, { op: 'replace' })),
    });
    await clusters['guangzhou-01'].close();
    const api = await startFakeKubernetesApi(
      Object.fromEntries(MYSQL_CLIENT_COMPONENTS.map((d) => [`${NAMESPACE}/${d}`, 2])),
    );
    behaveLikeACluster(api, 'guangzhou-01', 'fails');
    clusters['guangzhou-01'] = api;
    const { code, out, report } = await cliDrill();
    expect(code).toBe(1);
    expect(report.preview.problems).toEqual([
      expect.stringContaining(`${PROD_URNS.shanghai.mysql}: replace`),
    ]);
    const site = report.sites.find((s: any) => s.cluster === 'guangzhou-01');
    expect(site.errors).toEqual([expect.stringMatching(/BackoffLimitExceeded.*Access denied/)]);
    expect(
      report.comparison.find((r: any) => r.site === 'guangzhou-01' && r.phase === 'first write').verdict,
    ).toBe('not observed');
    expect(report.sites.filter((s: any) => s.errors.length === 0).map((s: any) => s.cluster)).toEqual([
      'beijing-01',
      'shanghai-01',
    ]);
    expect(out).toMatch(/PROBLEM: .*ap-shanghai-mysql: replace/);
    expect(jobRequests(clusters['guangzhou-01'])).toEqual(['POST', 'DELETE']);
  });

  test('SIGINT while the probes wait: the promotion stays, the Jobs are deleted, the report says what was seen', async () => {
    for (const api of Object.values(clusters)) (api as any).finishJob = () => undefined;
    let interrupted = false;
    const { code, err, report } = await cliDrill([], (child) => {
      for (const api of Object.values(clusters)) {
        api.onChange((r) => {
          if (r.method === 'POST' && !interrupted) {
            interrupted = true;
            setTimeout(() => child.kill('SIGINT'), 200);
          }
        });
      }
    });
    expect(interrupted).toBe(true);
    expect(err).toMatch(/Interrupted: before the fence nothing changes; after it the promotion stays/);
    for (const name of CLUSTERS) expect(jobRequests(clusters[name])).toEqual(['POST', 'DELETE']);
    expect(code).toBe(1);
    expect(report.sites.every((s: any) => s.errors.some((e: string) => /stopped waiting/.test(e)))).toBe(
      true,
    );
  });

  test('SIGINT before the fence: nothing is changed, no Job is made', async () => {
    let child: ReturnType<typeof spawn> | undefined;
    const reads = cloudHandlers({ primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' });
    const { code, err, calls } = await cliDrill([], (c) => (child = c), undefined, CLUSTERS, {
      // The check's first read: the signal arrives while it is answered, before any change.
      DescribeDBInstances: async (params, context) => {
        if (context.nth === 0) {
          child?.kill('SIGINT');
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return reads.DescribeDBInstances(params, context);
      },
    });
    expect(code).toBe(1);
    expect(err).toMatch(/the drill was stopped before the fence: nothing was changed/);
    expect(writesOf(calls)).toEqual([]);
    expect(Object.values(clusters).flatMap((c) => c.requests.filter((r) => r.method !== 'GET'))).toEqual([]);
    expect(pulumi.calls()).toEqual([]);
  });

  test('prod without --confirm and no terminal to ask: refused after the checks, before the fence', async () => {
    const { code, err, calls } = await cliDrill([], undefined, [
      'drill',
      '--method',
      'data',
      '--interval',
      '50',
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/stack prod fences its primary MySQL[^]*--confirm prod/);
    expect(writesOf(calls)).toEqual([]);
    // The clusters were read (their Deployments), nothing written; no Job, no preview.
    expect(Object.values(clusters).flatMap((c) => c.requests.filter((r) => r.method !== 'GET'))).toEqual([]);
    expect(pulumi.calls()).toEqual([]);
  });

  test.each([
    [
      'a missing kubeconfig',
      { kubeconfigs: {} },
      /needs the kubeconfig of beijing-01, shanghai-01, guangzhou-01/,
    ],
    [
      'no pulumi on the PATH',
      { pulumi: { cwd: '/nonexistent', env: { PATH: '/nonexistent' } } },
      /pulumi\) is not on the PATH/,
    ],
    ['a poll interval out of bounds', { intervalMs: 5 }, /intervalMs must be from 50 to 60000 ms, not 5/],
  ])('%s is refused before anything changes', async (_, drillOptions, message) => {
    const { error, calls } = await drill({ drill: drillOptions as Partial<DataDrillOptions> });
    expect(String((error as Error).message)).toMatch(message);
    expect(writesOf(calls)).toEqual([]);
    expect(Object.values(clusters).flatMap((c) => c.requests)).toEqual([]);
    expect(pulumi.calls()).toEqual([]);
  });

  test('the dry run makes read calls only, touches no cluster and runs no preview', async () => {
    const { result, lines, calls } = await drill({ execute: false, drill: { confirmation: undefined } });
    expect(result!.report).toBeUndefined();
    expect(writesOf(calls)).toEqual([]);
    expect(summary(calls)).toContain('DescribeDBInstances');
    expect(Object.values(clusters).flatMap((c) => c.requests)).toEqual([]);
    expect(pulumi.calls()).toEqual([]);
    const text = lines.join('\n');
    expect(text).toMatch(/Would:\n {2}- the failover: cdb-prim0001 at beijing-01 fenced/);
    expect(text).toMatch(/qcbm_drill_write/);
    expect(text).toMatch(/pulumi preview --stack prod --non-interactive --json --refresh=false/);
  });
});

describe('failover --kubeconfig: the old sessions ended where the clusters are reachable', () => {
  test('after the retarget the services restart in the clusters given; the follow-up prints the rest', async () => {
    const { code, err, calls } = await cliDrill([], undefined, ['failover'], ['beijing-01', 'shanghai-01']);
    expect({ code, err: code === 0 ? '' : err.slice(-3000) }).toEqual({ code: 0, err: '' });
    expect(writesOf(calls)).toEqual([
      'ModifyDBInstanceReadOnlyStatus',
      'SwitchDrInstanceToMaster',
      'ModifyPrivateZoneRecord',
    ]);
    const restartedIn = (name: string) =>
      clusters[name].requests
        .filter((r) => r.method === 'PUT' && /deployments\/[^/]+$/.test(r.path))
        .map((r) => r.path.split('/').pop())
        .sort();
    expect(restartedIn('beijing-01')).toEqual([...MYSQL_CLIENT_COMPONENTS].sort());
    expect(restartedIn('shanghai-01')).toEqual([...MYSQL_CLIENT_COMPONENTS].sort());
    expect(clusters['guangzhou-01'].requests).toEqual([]);
    expect(err).toMatch(/The old sessions are ended in (beijing-01, shanghai-01|shanghai-01, beijing-01)/);
    const byHand = err.split('\n').filter((l) => l.includes('rollout restart deployment'));
    expect(byHand).toEqual([
      `     kubectl --context guangzhou-01 -n qcbm rollout restart deployment ${MYSQL_CLIENT_COMPONENTS.join(' ')}`,
    ]);
    // No restart before the name points at the promoted instance: a restarted pool would reconnect to the old one.
    expect(err).toMatch(
      /Waiting 1 s \(the record's TTL\) for resolvers to drop the old address, then restarting/,
    );
    expect(err.indexOf("the record's TTL")).toBeGreaterThan(err.indexOf('ModifyPrivateZoneRecord in'));
  });
});
