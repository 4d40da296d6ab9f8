import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { prodStackOutputs } from '../fixtures/stack-outputs';
import { REPO_ROOT } from '../support/repo-root';
import { cloudHandlers, DR, DR_VIP, PRIMARY } from '../support/fake-cdb';
import { privateDnsHandlers } from '../support/fake-private-dns';
import { type FakeTencentApi, startFakeTencentApi } from '../support/fake-tencent-api';
import { runCli } from './support';

// `qcbm-fleet failover` end to end in this process: the runbook through the real SDK against a fake Tencent Cloud
// API on 127.0.0.1, with the instance ids read from the stack outputs.

const CREDENTIALS = {
  TENCENTCLOUD_SECRET_ID: 'AKIDtest',
  TENCENTCLOUD_SECRET_KEY: 'failover-key-never-printed',
};
let dir: string;
let fake: FakeTencentApi;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-failover-'));
  fake = await startFakeTencentApi({
    ...cloudHandlers({ primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' }),
    ...privateDnsHandlers({ domain: 'qcbm-prod.internal' }),
  });
  // A copy: --execute writes the failover into the stack file it read.
  copyFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), join(dir, 'Pulumi.prod.yaml'));
  writeFileSync(
    join(dir, 'outputs.json'),
    JSON.stringify(prodStackOutputs({ primaryInstanceId: PRIMARY, drInstanceId: DR })),
  );
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const args = (...extra: string[]) => [
  'failover',
  '--file',
  join(dir, 'Pulumi.prod.yaml'),
  '--to',
  'shanghai-01',
  '--outputs',
  join(dir, 'outputs.json'),
  '--poll-interval',
  '10',
  '--tencentcloud-endpoint',
  fake.endpoint,
  ...extra,
];

test('--execute: check and fence in the primary region, promote in the DR region, retarget the name, write the stack file', async () => {
  const run = await runCli(args('--execute'), REPO_ROOT, CREDENTIALS);
  expect([run.code, run.out]).toEqual([0, `Promoted: ${DR} in ap-shanghai\n`]);
  const calls = fake.calls.map((c) => `${c.action}@${c.region}`);
  expect(calls.slice(0, 4)).toEqual([
    'DescribeDBInstances@ap-beijing',
    'GetMonitorData@ap-shanghai',
    'ModifyDBInstanceReadOnlyStatus@ap-beijing',
    'DescribeDBInstances@ap-beijing',
  ]);
  expect(calls).toContain('SwitchDrInstanceToMaster@ap-shanghai');
  expect(calls.indexOf('ModifyDBInstanceReadOnlyStatus@ap-beijing')).toBeLessThan(
    calls.indexOf('SwitchDrInstanceToMaster@ap-shanghai'),
  );
  expect(calls.slice(-1)).toEqual(['ModifyPrivateZoneRecord@ap-guangzhou']);
  expect(fake.calls[fake.calls.length - 1].params.RecordValue).toBe(DR_VIP);
  const written = readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8');
  expect(written).toContain('        primaryRegion: ap-shanghai\n');
  expect(written).toContain(
    `        promotion:\n          instanceId: ${DR}\n          fromInstanceId: ${PRIMARY}\n`,
  );
  expect(run.err).toContain('+         primaryRegion: ap-shanghai');
  // The stack is the file's: Pulumi.prod.yaml.
  expect(run.err).toContain('pulumi up --stack prod --refresh=false');
  expect(run.err + run.out).not.toContain('failover-key-never-printed');
});

test('the default is a dry run: only reads', async () => {
  const run = await runCli(args(), REPO_ROOT, CREDENTIALS);
  expect(run.code).toBe(0);
  expect(run.out).toContain('Dry run: ');
  expect(new Set(fake.calls.map((c) => c.action))).toEqual(
    new Set(['DescribeDBInstances', 'GetMonitorData']),
  );
  expect(readFileSync(join(dir, 'Pulumi.prod.yaml'), 'utf8')).toBe(
    readFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), 'utf8'),
  );
});

test('--max-lag 0 is a bound, not a missing value: the dry run passes a copy with no lag', async () => {
  const run = await runCli(args('--max-lag', '0'), REPO_ROOT, CREDENTIALS);
  expect([run.code, run.out]).toEqual([
    0,
    `Dry run: ${DR} in ap-shanghai (nothing was changed; run again with --execute)\n`,
  ]);
  expect(run.err).toContain(`${DR} is 0 s behind its primary`);
  expect(run.err).toContain('within --max-lag 0 s');
  const text = await runCli(args('--max-lag', 'ten'), REPO_ROOT, CREDENTIALS);
  expect([text.code, text.err]).toEqual([
    1,
    '--max-lag ten is not a whole number, 0 or more\nFix: give --max-lag a whole number, 0 or more\n',
  ]);
});

test('refusals are one readable block and exit 1: no credentials, a site without a DR copy, no ids', async () => {
  const noCredentials = await runCli(args(), REPO_ROOT);
  expect(noCredentials.code).toBe(1);
  expect(noCredentials.err).toMatch(/TENCENTCLOUD_SECRET_ID: is not set/);
  const noIds = await runCli(
    ['failover', '--stack', 'prod', '--to', 'shanghai-01', '--tencentcloud-endpoint', fake.endpoint],
    REPO_ROOT,
    CREDENTIALS,
  );
  expect(noIds.code).toBe(1);
  expect(noIds.err).toMatch(
    /^the failover needs the primary's instance id \(--primary-instance, or --outputs\)/,
  );
  const unknown = await runCli(
    args().map((a) => (a === 'shanghai-01' ? 'mars-01' : a)),
    REPO_ROOT,
    CREDENTIALS,
  );
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(
    /^the command line is invalid \(1 problem\):\n {2}- --to: is neither a cluster nor a region of the fleet \(found "mars-01"\)/,
  );
  for (const run of [noCredentials, noIds, unknown]) expect(run.err).not.toMatch(/\n\s+at /);
  expect(fake.calls.filter((c) => c.action !== 'DescribeDBInstances')).toEqual([]);
});

test('outputs of a stack deployed before the outputs had a version: one block naming the file and the fix, exit 1', async () => {
  const old = join(dir, 'old-outputs.json');
  // What the program exported before `version`: per region, not per site.
  writeFileSync(
    old,
    JSON.stringify({
      environment: 'prod',
      regions: { 'ap-beijing': { cluster: 'beijing-01', mysqlInstanceId: PRIMARY } },
      data: { drInstances: { 'ap-shanghai': { region: 'ap-shanghai', instanceId: DR } } },
    }),
  );
  const run = await runCli(
    args().map((a) => (a === join(dir, 'outputs.json') ? old : a)),
    REPO_ROOT,
    CREDENTIALS,
  );
  expect(run.code).toBe(1);
  expect(run.err).toBe(
    `--outputs ${old} is invalid (1 problem):\n` +
      '  - outputs.version: is missing: these are the outputs of a stack deployed before its outputs had a version, ' +
      'and this release reads version 1. Fix: run `pulumi up` with this release of @qcbm/fleet, then write the ' +
      'outputs again: pulumi stack output --json --show-secrets > outputs.json\n',
  );
  expect(fake.calls).toEqual([]);
});

test.each([
  [
    ['--poll-interval', '5'],
    '  - --poll-interval: must be a whole number of ms from 10 to 60000 (found "5")',
  ],
  [
    ['--timeout', '30000'],
    '  - --timeout: must be at least the poll interval (10 ms) and at most 6 hours (21600000 ms) (found "30000")',
  ],
  [
    ['--max-lag', '90000'],
    '  - --max-lag: must be a whole number of seconds from 0 to 86400 (a day) (found "90000")',
  ],
  [
    ['--pulumi-stack', '../x'],
    '  - --pulumi-stack: must be a Pulumi name: letters, digits, _, . and - (found "../x")',
  ],
  [
    ['--dr-instance', 'mysql-1'],
    '  - --dr-instance: must be a TencentDB for MySQL instance id like cdb-c1nl9rpv (found "mysql-1")',
  ],
])('the dry run refuses %j as --execute does, naming the flag', async (flags, issue) => {
  for (const execute of [[], ['--execute']]) {
    const run = await runCli(args(...flags, ...execute), REPO_ROOT, CREDENTIALS);
    expect([execute, run.code]).toEqual([execute, 1]);
    expect(run.err).toMatch(/^the command line is invalid \(1 problem\):\n/);
    expect(run.err).toContain(`\n${issue}. Fix: `);
    expect(run.err).not.toMatch(/Ms\b|InstanceId|This is a bug/);
  }
  expect(fake.calls).toEqual([]);
});
