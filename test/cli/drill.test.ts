import { spawn } from 'child_process';
import { createServer, type Server } from 'http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { DRILL_SETTINGS, QCBM_COMPONENT_NAMES } from '../../src/model';
import { prodStackOutputs } from '../fixtures/stack-outputs';
import { REPO_ROOT } from '../support/repo-root';
import { type FakeDnsServer, startFakeDnsServer } from '../support/fake-dns-server';
import { type FakeKubernetesApi, startFakeKubernetesApi } from '../support/fake-kubernetes-api';
import { type FakeTencentApi, startFakeTencentApi } from '../support/fake-tencent-api';
import { runCli } from './support';

// The drill as a user runs it: the command line in its own process (the Kubernetes client is an ES module), against
// a Kubernetes API server, a DNS server, HTTP servers and a Tencent Cloud API endpoint on this machine's loopback.
// DNS answers carry addresses, not ports, so the two regions need two addresses: the healthy one is 127.0.0.1,
// the drilled one 127.0.0.2 (another loopback address of this machine, nothing outside it). The drilled region's
// server must see no probe while it is out, and answer the failback's.

const WATCHED = 'www.qcbm-gtm.com'; // prod's IGTM access name
const LOST = '127.0.0.2';
const HEALTHY = '127.0.0.1';
const APP = QCBM_COMPONENT_NAMES;
/** After a change, the fake monitor reads DOWN after this long, and DNS answers change after that. */
const MONITOR_AFTER_MS = 200;
const DNS_AFTER_MS = 450;

let dir: string;
let dns: FakeDnsServer;
let web: Server;
let drilled: Server;
let webPort: number;
let hosts: string[];
/** When the drilled region's server was probed, in ms since the epoch. */
let drilledHits: number[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-drill-'));
  dns = await startFakeDnsServer();
  dns.answer(WATCHED, [LOST], { ttl: 60 });
  hosts = [];
  web = createServer((req, res) => {
    hosts.push(String(req.headers.host));
    res.writeHead(req.headers.host === 'www.qcbm.com' ? 200 : 404).end('qcbm');
  });
  await new Promise<void>((resolve) => web.listen(0, HEALTHY, resolve));
  webPort = (web.address() as AddressInfo).port;
  drilledHits = [];
  drilled = createServer((_req, res) => {
    drilledHits.push(Date.now());
    res.writeHead(200).end('qcbm, drilled region');
  });
  await new Promise<void>((resolve) => drilled.listen(webPort, LOST, resolve));
});

afterEach(async () => {
  await dns.close();
  await new Promise((resolve) => web.close(resolve));
  await new Promise((resolve) => drilled.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in a child process; the servers keep answering in this one meanwhile. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(REPO_ROOT, 'src/cli/bin.ts'), ...args],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** After a change: the monitor goes DOWN (or OK), then the DNS answer switches. */
function regionFollows(monitor: { status: string }, down: boolean): void {
  setTimeout(() => (monitor.status = down ? 'DOWN' : 'OK'), MONITOR_AFTER_MS);
  setTimeout(() => dns.answer(WATCHED, [down ? HEALTHY : LOST], { ttl: 60 }), DNS_AFTER_MS);
}

function igtm(monitor: { status: string }, onModify?: (enabled: boolean) => void) {
  let enabled = 'ENABLED';
  return startFakeTencentApi({
    DescribeAddressPoolDetail: () => ({
      AddressPool: { PoolId: 7, PoolName: 'qcbm-prod-shanghai-01', MonitorId: 3 },
      AddressSet: [{ Addr: LOST, AddressId: 71, IsEnable: enabled, Status: monitor.status, Weight: 33 }],
    }),
    ModifyAddressPool: (params) => {
      enabled = params.AddressSet[0].IsEnable;
      onModify?.(enabled === 'ENABLED');
      return {};
    },
  });
}

function outputs(kubeconfig?: string): string {
  const file = join(dir, 'outputs.json');
  writeFileSync(
    file,
    JSON.stringify(
      prodStackOutputs({
        shanghaiAddress: LOST,
        shanghaiPoolId: 7,
        ...(kubeconfig ? { kubeconfigs: { 'shanghai-01': kubeconfig } } : {}),
      }),
    ),
  );
  return file;
}

const watchFlags = () => [
  '--dns-server',
  `${dns.server.host}:${dns.server.port}`,
  '--http-port',
  String(webPort),
  '--interval',
  '50',
  '--duration',
  '5',
  '--report',
  join(dir, 'report.json'),
];

const CREDENTIALS = { TENCENTCLOUD_SECRET_ID: 'AKIDtest', TENCENTCLOUD_SECRET_KEY: 'test-key-never-printed' };

describe('drill --execute', () => {
  let kube: FakeKubernetesApi;
  let tencent: FakeTencentApi;
  afterEach(async () => {
    await kube?.close();
    await tencent?.close();
  });

  test('direct: scales the region to 0 and back, and measures each phase as the servers behaved', async () => {
    const monitor = { status: 'OK' };
    kube = await startFakeKubernetesApi(Object.fromEntries(APP.map((d) => [`qcbm/${d}`, 2])));
    kube.onChange((r) => {
      const replicas = (r.body as { spec: { replicas: number } }).spec.replicas;
      // The last Deployment scaled decides: the whole region is out (or back).
      if (r.path.endsWith('/favorites-service/scale')) regionFollows(monitor, replicas === 0);
    });
    tencent = await igtm(monitor);
    const run = await cli(
      [
        'drill',
        '--stack',
        'prod',
        '--region',
        'ap-shanghai',
        '--execute',
        '--outputs',
        outputs(kube.kubeconfig),
        '--tencentcloud-endpoint',
        tencent.endpoint,
        ...watchFlags(),
      ],
      CREDENTIALS,
    );
    expect([run.code, run.err]).toEqual([0, expect.stringContaining('ap-shanghai is restored')]);
    expect(run.err).not.toContain('test-key-never-printed');

    // Kubernetes: each Deployment read, set to 0, then set back to the 2 it had; nothing else.
    const writes = kube.requests.filter((r) => r.method === 'PUT');
    expect(writes.map((r) => [r.path.split('/')[7], (r.body as any).spec.replicas])).toEqual([
      ...APP.map((d) => [d, 0]),
      ...[...APP].reverse().map((d) => [d, 2]),
    ]);
    expect([...kube.replicas.values()]).toEqual(APP.map(() => 2));
    // Tencent Cloud: only reads of the pool (the monitor), never a change.
    expect(new Set(tencent.calls.map((c) => c.action))).toEqual(new Set(['DescribeAddressPoolDetail']));

    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const phase = (leg: 'out' | 'back', name: string) =>
      report[leg].comparison.find((row: any) => row.line === 'default' && row.phase === name);
    // Measured from the moment the last Deployment was scaled: DOWN after ~200 ms, DNS after ~450 ms.
    const detection = phase('out', 'detection').measuredSeconds * 1000;
    const publish = phase('out', 'publish + TTL').measuredSeconds * 1000;
    expect(detection).toBeGreaterThanOrEqual(MONITOR_AFTER_MS - 60);
    expect(detection).toBeLessThanOrEqual(MONITOR_AFTER_MS + 250);
    expect(detection + publish).toBeGreaterThanOrEqual(DNS_AFTER_MS - 60);
    expect(detection + publish).toBeLessThanOrEqual(DNS_AFTER_MS + 250);
    expect(phase('out', 'client').verdict).toBe('within');
    expect(phase('back', 'publish + TTL').verdict).toBe('within');
    expect(hosts.every((h) => h === 'www.qcbm.com')).toBe(true);
    // Nothing probed the drilled region while it was out; the failback did.
    expect(drilledHits.length).toBeGreaterThan(0);
    expect(drilledHits.every((t) => t >= Date.parse(report.back.t0))).toBe(true);
    expect(run.out).toMatch(/detection/);
  }, 30000);

  test('traffic: disables the address in its IGTM pool, then enables it; the pool is written back whole', async () => {
    const monitor = { status: 'OK' };
    kube = await startFakeKubernetesApi({});
    tencent = await igtm(monitor, (enabled) =>
      setTimeout(() => dns.answer(WATCHED, [enabled ? LOST : HEALTHY], { ttl: 60 }), DNS_AFTER_MS),
    );
    const run = await cli(
      [
        'drill',
        '--stack',
        'prod',
        '--region',
        'ap-shanghai',
        '--method',
        'traffic',
        '--execute',
        '--outputs',
        outputs(),
        '--tencentcloud-endpoint',
        tencent.endpoint,
        ...watchFlags(),
      ],
      CREDENTIALS,
    );
    expect(run.code).toBe(0);
    const modifies = tencent.calls.filter((c) => c.action === 'ModifyAddressPool');
    expect(modifies.map((c) => c.params)).toEqual([
      {
        PoolId: 7,
        MonitorId: 3,
        AddressSet: [{ Addr: LOST, AddressId: 71, IsEnable: 'DISABLED', Weight: 33 }],
      },
      {
        PoolId: 7,
        MonitorId: 3,
        AddressSet: [{ Addr: LOST, AddressId: 71, IsEnable: 'ENABLED', Weight: 33 }],
      },
    ]);
    expect(kube.requests).toEqual([]);
  }, 30000);

  test('hub: a Localization per Deployment in the cluster’s hub namespace, deleted afterwards', async () => {
    const monitor = { status: 'OK' };
    kube = await startFakeKubernetesApi({});
    kube.onChange((r) => {
      if (r.path.endsWith('/qcbm-drill-favorites-service')) regionFollows(monitor, false);
      else if (r.method === 'POST' && (r.body as any).metadata.name === 'qcbm-drill-favorites-service')
        regionFollows(monitor, true);
    });
    const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), 'utf8'));
    doc.config['qcbm:fleet'].clusters[1].hubNamespace = 'clusternet-sh001';
    const file = join(dir, 'Pulumi.prod.yaml');
    writeFileSync(file, stringify(doc));
    const hub = join(dir, 'hub.kubeconfig');
    writeFileSync(hub, kube.kubeconfig);
    const run = await cli([
      'drill',
      '--file',
      file,
      '--region',
      'ap-shanghai',
      '--method',
      'hub',
      '--execute',
      '--hub-kubeconfig',
      hub,
      '--outputs',
      outputs(),
      ...watchFlags(),
    ]);
    expect(run.code).toBe(0);
    const created = kube.requests.filter((r) => r.method === 'POST');
    expect(created).toHaveLength(APP.length);
    expect(created[0]).toMatchObject({
      path: '/apis/apps.clusternet.io/v1alpha1/namespaces/clusternet-sh001/localizations',
      body: {
        kind: 'Localization',
        metadata: { namespace: 'clusternet-sh001', labels: { 'qcbm.io/drill': expect.any(String) } },
        spec: { priority: 999, feed: { kind: 'Deployment', namespace: 'qcbm' } },
      },
    });
    expect(kube.requests.filter((r) => r.method === 'DELETE')).toHaveLength(APP.length);
    expect(kube.localizations.size).toBe(0);
    // Without credentials the monitor is not read: detection is not measured, the DNS change counts from t0.
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.out.comparison.find((r: any) => r.phase === 'detection').verdict).toBe('not measured');
  }, 30000);

  test('a region that never fails over is reported, restored, and the exit code is 1', async () => {
    kube = await startFakeKubernetesApi(Object.fromEntries(APP.map((d) => [`qcbm/${d}`, 1])));
    const run = await cli([
      'drill',
      '--stack',
      'prod',
      '--region',
      'ap-shanghai',
      '--execute',
      '--outputs',
      outputs(kube.kubeconfig),
      ...watchFlags().map((f) => (f === '5' ? '1' : f)),
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('not observed');
    expect([...kube.replicas.values()]).toEqual(APP.map(() => 1));
  }, 30000);
  test('watch settings that cannot work are refused before the region is taken out', async () => {
    kube = await startFakeKubernetesApi(Object.fromEntries(APP.map((d) => [`qcbm/${d}`, 1])));
    const drill = (change: (flag: string) => string) =>
      cli([
        'drill',
        '--stack',
        'prod',
        '--region',
        'ap-shanghai',
        '--execute',
        '--outputs',
        outputs(kube.kubeconfig),
        ...watchFlags().map(change),
      ]);
    const tooOften = await drill((f) => (f === '50' ? '10' : f));
    expect([tooOften.code, tooOften.err]).toEqual([
      1,
      '--interval 10: must be 50 to 60000 ms\nFix: give --interval 50 to 60000 ms\n',
    ]);
    // Each flag within its bounds, but the watch (1 s) is shorter than one probe interval (5 s).
    const tooShort = await drill((f) => (f === '50' ? '5000' : f === '5' ? '1' : f));
    expect([tooShort.code, tooShort.err]).toEqual([
      1,
      '--duration 1: must be 5 to 3600 s (at least one interval)\nFix: give --duration 5 to 3600 s\n',
    ]);
    expect(kube.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect([...kube.replicas.values()]).toEqual(APP.map(() => 1));
  }, 30000);
});

describe('the dry run refuses every flag --execute refuses, naming the flag in its own unit', () => {
  test.each([
    [['--interval', '5000', '--duration', '1'], '--duration 1: must be 5 to 3600 s (at least one interval)'],
    [['--duration', '3601'], '--duration 3601: must be 1 to 3600 s (at least one interval)'],
    [['--interval', '10'], '--interval 10: must be 50 to 60000 ms'],
    [['--probe-timeout', '60001'], '--probe-timeout 60001: must be 10 to 60000 ms'],
    [['--http-port', '70000'], '--http-port 70000: must be 1 to 65535'],
    [['--http-path', 'health'], '--http-path health: must start with /'],
    [['--dns-server', '127.0.0.1:99999'], '--dns-server 127.0.0.1:99999: its port must be from 1 to 65535'],
    [
      ['--line', 'east-china=10.0.0.0/33'],
      '--line east-china=10.0.0.0/33: is not a CIDR block such as 203.0.113.0/24',
    ],
    [['--line', 'east-china', '--line', 'east-china'], '--line east-china: is given twice'],
    [
      Array.from({ length: 33 }, () => ['--line', 'default']).flat(),
      '--line given 33 times: must name 1 to 32 lines, not 33',
    ],
  ])('%j', async (flags, message) => {
    for (const execute of [[], ['--execute']]) {
      const run = await runCli(
        ['drill', '--stack', 'prod', '--region', 'ap-beijing', ...flags, ...execute],
        REPO_ROOT,
      );
      expect([execute, run.code, run.err.split('\n')[0]]).toEqual([execute, 1, message]);
      expect(run.err).toMatch(/\nFix: .+\n$/);
      expect(run.err).not.toMatch(/Ms\b|This is a bug/);
    }
  });
});

test('--report that is a folder or in src/ is refused in the dry run too', async () => {
  const folder = await runCli(
    ['drill', '--stack', 'prod', '--region', 'ap-beijing', '--report', dir],
    REPO_ROOT,
  );
  expect([folder.code, folder.err]).toEqual([
    1,
    `--report ${dir} is a folder, not a file\nFix: give a file's path, e.g. ${dir}/report.json\n`,
  ]);
  const source = await runCli(
    ['drill', '--stack', 'prod', '--region', 'ap-beijing', '--report', 'src/r.json'],
    REPO_ROOT,
  );
  expect([source.code, source.err]).toEqual([
    1,
    expect.stringMatching(/^--report \S+ is in the repository's src\//),
  ]);
});

describe('drill refuses what is not in the fleet, before changing anything', () => {
  test.each([
    [['--region', 'ap-mars'], /--region ap-mars is not a region of fleet "prod"/],
    [
      ['--region', 'ap-shanghai', '--line', 'mars-line'],
      /--line mars-line is not a line fleet "prod" publishes/,
    ],
    [
      ['--region', 'ap-shanghai', '--execute'],
      /the drill cannot run: it needs the public IP address of shanghai-01/,
    ],
  ])('%j', async (args, message) => {
    const run = await runCli(['drill', '--stack', 'prod', ...args], REPO_ROOT);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(message);
  });

  test('the dry run prints the takeout steps and the budget, and contacts nothing', async () => {
    const run = await runCli(
      // The name server is this test's: a query from the dry run would show in dns.queries.
      [
        'drill',
        '--stack',
        'prod',
        '--region',
        'ap-beijing',
        '--dns-server',
        `${dns.server.host}:${dns.server.port}`,
      ],
      REPO_ROOT,
    );
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      'Failover budget: detection 62 s + publish 30 s + TTL 60 s + client cache 30 s = 182 s (target 300 s)',
    );
    const would = run.err.split('\n').filter((l) => l.startsWith('  - '));
    expect(would).toEqual([
      // The direct takeout's steps, one per Deployment, then the watch.
      ...APP.map((d) => `  - scale Deployment qcbm/${d} in beijing-01 to 0`),
      `  - ask ${dns.server.host}:${dns.server.port} for ${WATCHED} until the answer leaves ap-beijing, then GET / from the new address with Host www.qcbm.com`,
      '  - restore: undo these changes, and watch the answers return',
    ]);
    expect(run.err).toContain('Nothing was changed: run again with --execute to do it.');
    expect(dns.queries).toEqual([]);
  });

  test('the dry run of the traffic and hub methods prints their steps', async () => {
    const traffic = await runCli(
      ['drill', '--stack', 'prod', '--region', 'ap-shanghai', '--method', 'traffic', '--outputs', outputs()],
      REPO_ROOT,
    );
    expect(traffic.code).toBe(0);
    expect(traffic.err).toContain('\n  - disable 127.0.0.2 in IGTM pool 7 (shanghai-01)\n');
    // Without the stack outputs, the step names what --execute needs.
    const unknown = await runCli(
      ['drill', '--stack', 'prod', '--region', 'ap-beijing', '--method', 'traffic'],
      REPO_ROOT,
    );
    expect(unknown.err).toContain('\n  - disable the address of beijing-01 in its IGTM pool\n');
    expect(unknown.err).toContain('(--execute needs the IGTM pool of beijing-01 (--outputs))');

    const doc = parse(readFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), 'utf8'));
    doc.config['qcbm:fleet'].clusters[1].hubNamespace = 'clusternet-sh001';
    const file = join(dir, 'Pulumi.prod.yaml');
    writeFileSync(file, stringify(doc));
    const hub = await runCli(
      ['drill', '--file', file, '--region', 'ap-shanghai', '--method', 'hub'],
      REPO_ROOT,
    );
    expect(hub.code).toBe(0);
    const created = hub.err.split('\n').filter((l) => l.startsWith('  - create Localization'));
    expect(created).toEqual(
      APP.map(
        (d) =>
          `  - create Localization clusternet-sh001/qcbm-drill-${d} on the hub (replicas 0, priority 999)`,
      ),
    );
    expect(hub.err).toContain("(--execute needs the TDCC hub's kubeconfig (--hub-kubeconfig))");
  });

  test('the help prints the bounds and defaults the flags are checked against', async () => {
    const { intervalMs, durationMs, probeTimeoutMs } = DRILL_SETTINGS;
    const help = await runCli(['drill', '--help'], REPO_ROOT);
    const text = (help.out + help.err).replace(/\s+/g, ' ');
    expect(text).toContain(
      `time between probes, ${intervalMs.min} to ${intervalMs.max} (default: ${intervalMs.default})`,
    );
    expect(text).toContain(
      `how long to watch each direction, at most ${durationMs.max / 1000} (default: ${durationMs.default / 1000})`,
    );
    expect(text).toContain(`the longest one probe may take (default: ${probeTimeoutMs.default})`);
    // Today's figures, as the README documents them.
    expect(text).toContain('time between probes, 50 to 60000 (default: 1000)');
  });
});
