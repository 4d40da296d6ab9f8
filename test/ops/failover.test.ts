// The failover runbook through the real Tencent Cloud SDK against a fake API on 127.0.0.1.
import { join } from 'path';
import { QcbmEnvironment } from '../../src/cloud/environment/qcbm-environment';
import { sitePlans } from '../../src/model/topology/site-plan';
import { QcbmDataReplication } from '../../src/cloud/data/qcbm-data-replication';
import { QcbmRegion } from '../../src/cloud/region/qcbm-region';
import { MysqlAccount } from '../../src/cloud/tencentcloud/mysql-account';
import { MysqlDatabase } from '../../src/cloud/tencentcloud/mysql-database';
import { MysqlDrInstance } from '../../src/cloud/tencentcloud/mysql-dr-instance';
import { MysqlInstance } from '../../src/cloud/tencentcloud/mysql-instance';
import { MysqlPrivilege } from '../../src/cloud/tencentcloud/mysql-privilege';
import { type Fleet, loadFleetFromStackFile, parseFleet, ValidationError } from '../../src/model';
import { UserError } from '../../src/model/user-error';
import {
  FailoverError,
  type FailoverOptions,
  failoverTarget,
  planFailover,
  PULUMI_TYPES,
  retargetWriterName,
  siteUrns,
} from '../../src/ops/failover';
import { cloudHandlers, DR, DR_VIP, type FakeCloud, OTHER_DR, PRIMARY } from '../support/fake-cdb';
import { CallTrail } from '../../src/ops/failover/call-trail';
import { MYSQL_CLIENT_COMPONENTS } from '../../src/k8s/qcbm/qcbm-workloads';
import { REPO_ROOT } from '../support/repo-root';
import { activeActive, drFleetInput, externalClusterInput, site, without } from '../support/dr-fleets';
import { NO_ANSWER, RESET_CONNECTION } from '../support/fake-tencent-api';
import { callSummary, FAKE_SECRET_KEY, failoverAgainst, prodFleet } from '../support/failover-against';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';
import { thrownBy, validationErrorOf } from '../support/thrown';
import { QCBM_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

const CDB_VERSION = '2017-03-20';
const PRIVATE_DNS_VERSION = '2020-10-28';
const MONITOR_VERSION = '2018-07-24';

const dr = () => loadFleetFromStackFile(join(REPO_ROOT, 'Pulumi.dr.yaml'));

const WRITES = new Set([
  'ModifyDBInstanceReadOnlyStatus',
  'SwitchDrInstanceToMaster',
  'ModifyPrivateZoneRecord',
]);
/** The fast path after a promotion in Shanghai: the promoted instance's address, then the record (account-wide). */
const RETARGET = [
  'DescribeDBInstances@ap-shanghai',
  'DescribePrivateZoneList@ap-guangzhou',
  'DescribePrivateZoneRecordList@ap-guangzhou',
  'ModifyPrivateZoneRecord@ap-guangzhou',
];
/** The check where the primary answers: the primary's view of the DR instance, then its lag in its region. */
const CHECK = ['DescribeDBInstances@ap-beijing', 'GetMonitorData@ap-shanghai'];

describe('runFailover', () => {
  let network: NetworkGuard;

  beforeEach(() => {
    network = guardNetwork();
  });
  afterEach(() => {
    network.restore();
    // Nothing may leave 127.0.0.1.
    expect(network.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
  });

  const run = (cloud: FakeCloud, options: Partial<FailoverOptions> = {}) =>
    failoverAgainst(cloudHandlers(cloud), options);

  const prodCloud: FakeCloud = { primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' };

  test('checks and fences in the primary region, then promotes and polls in the DR region, in that order', async () => {
    const { calls, result, error, lines } = await run({
      ...prodCloud,
      promotion: ['INITIAL', 'RUNNING', 'RUNNING', 'SUCCESS'],
    });
    expect(error).toBeUndefined();
    expect(callSummary(calls)).toEqual([
      'DescribeDBInstances@ap-beijing',
      'GetMonitorData@ap-shanghai',
      'ModifyDBInstanceReadOnlyStatus@ap-beijing',
      'DescribeDBInstances@ap-beijing',
      'SwitchDrInstanceToMaster@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      ...RETARGET,
    ]);
    expect([calls[0], ...calls.slice(2, -3)].every((c) => c.version === CDB_VERSION)).toBe(true);
    expect(calls[1].version).toBe(MONITOR_VERSION);
    expect(calls.slice(-3).every((c) => c.version === PRIVATE_DNS_VERSION)).toBe(true);
    expect(calls[calls.length - 1].params).toMatchObject({ RecordValue: DR_VIP, SubDomain: 'mysql' });
    expect(calls[0].params).toEqual({ InstanceIds: [PRIMARY], WithDr: 1 });
    expect(calls[2].params).toEqual({ InstanceId: PRIMARY, ReadOnly: 1 });
    expect(calls[4].params).toEqual({ InstanceId: DR });
    expect(calls[5].params).toEqual({ AsyncRequestId: 'async-req-0001' });
    expect(result).toMatchObject({
      executed: true,
      promoted: true,
      fenced: true,
      primaryReachable: true,
      syncStatus: 2,
      asyncRequestId: 'async-req-0001',
      primary: { cluster: 'beijing-01', region: 'ap-beijing', instanceId: PRIMARY },
      target: { cluster: 'shanghai-01', region: 'ap-shanghai', instanceId: DR },
    });
    expect(result?.calls.map((c) => [c.action, c.region, c.requestId])).toEqual(
      calls.map((c) => [c.action, c.region, c.requestId]),
    );
    // One line per step with the action, the region it went to and the request id the API gave.
    for (const i of [0, 1, 2, 4]) {
      const { action, region, requestId } = calls[i];
      expect(lines).toContainEqual(expect.stringContaining(`${action} in ${region} (request ${requestId})`));
    }
    const last = calls.filter((c) => c.action === 'DescribeAsyncRequestInfo').pop();
    expect(lines).toContainEqual(
      `DescribeAsyncRequestInfo in ap-shanghai (request ${last?.requestId}): async request async-req-0001 SUCCESS: switch dr to master`,
    );
    // The fast path: each call logged with the request id the API gave it.
    const retarget = calls.slice(-4);
    expect(retarget.every((c) => typeof c.requestId === 'string' && c.requestId !== '')).toBe(true);
    expect(lines).toContainEqual(
      `ModifyPrivateZoneRecord in ap-guangzhou (request ${retarget[3].requestId}): mysql.qcbm-prod.internal A 10.110.16.8 -> ${DR_VIP} (TTL 30 s): writes go to ${DR} once resolvers' caches expire`,
    );
    for (const c of retarget.slice(0, 3)) {
      expect(lines).toContainEqual(
        expect.stringContaining(`${c.action} in ${c.region} (request ${c.requestId})`),
      );
    }
    expect(result?.writerName).toEqual({
      host: 'mysql.qcbm-prod.internal',
      retargeted: true,
      address: DR_VIP,
      previousAddress: '10.110.16.8',
      ttlSeconds: 30,
    });
    expect(result?.lagSeconds).toBe(0);
  });

  test('prints the follow-up: restart, the fleet change, the retainOnDelete check, one preview and up without a refresh', async () => {
    const { result, lines } = await run({
      ...prodCloud,
      otherDrs: [{ InstanceId: OTHER_DR, Region: 'ap-guangzhou' }],
    });
    const text = lines.join('\n');
    expect(result?.followUp.length).toBeGreaterThan(0);
    expect(result?.followUp.every((l) => lines.includes(l))).toBe(true);
    // No stack file given: the change to make by hand.
    expect(text).toContain('data.mysql.primaryRegion: ap-shanghai   # was ap-beijing');
    expect(text).toContain(
      `data.mysql.promotion: { instanceId: ${DR}, fromInstanceId: ${PRIMARY}, fromRegion: ap-beijing, at: '2026-12-04T03:12:45Z', asyncRequestId: async-req-0001 }`,
    );
    expect(text).not.toContain('primaryCluster');
    expect(text).not.toContain('lostRegions');
    expect(text).not.toContain('does not validate');
    // The state surgery is gone: Pulumi follows the record.
    expect(text).not.toContain('pulumi state delete');
    expect(text).not.toMatch(/pulumi import --/);
    for (const cluster of ['beijing-01', 'shanghai-01', 'guangzhou-01']) {
      expect(lines).toContain(
        `     kubectl --context ${cluster} -n qcbm rollout restart deployment ${MYSQL_CLIENT_COMPONENTS.join(' ')}`,
      );
    }
    expect(text).toContain('HikariCP keeps one up to 30 min');
    const env = `urn:pulumi:prod::qcbm::${QCBM_TYPES.environment}`;
    const drUrn = (site: string) =>
      `"${env}$${QCBM_TYPES.dataReplication}$${TENCENTCLOUD_TYPES.mysqlDrInstance}::${site}-mysql-dr"`;
    expect(text).toContain(
      `"${env}$${QCBM_TYPES.region}$${TENCENTCLOUD_TYPES.mysqlInstance}::ap-beijing-mysql"`,
    );
    expect(text).toContain(drUrn('ap-shanghai'));
    expect(text).toContain(drUrn('ap-guangzhou'));
    expect(text).toContain('"\\(.retainOnDelete // false) \\(.urn)"');
    expect(text).toContain('.retainOnDelete = true');
    expect(text).toContain('pulumi preview --stack prod --refresh=false. It must show:');
    expect(text).toContain(`- ap-shanghai-mysql (${DR}) imported: no replacement or deletion of it;`);
    expect(text).toContain(
      '- the old primary ap-beijing-mysql and the DR instances ap-shanghai-mysql-dr, ap-guangzhou-mysql-dr deleted from the stack only',
    );
    expect(text).toContain(
      `- new DR instances of ${DR} at beijing-01, guangzhou-01: an old copy there is replaced`,
    );
    expect(text).toContain('- qcbm-writer-record (mysql.qcbm-prod.internal) updated in place');
    expect(lines).toContain('5. pulumi up --stack prod --refresh=false');
    // No command printed refreshes: the retained DR instances must not be read.
    const commands = lines.filter((l) => /^\s*(\d+\. )?pulumi /.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const c of commands) expect(c).not.toMatch(/pulumi refresh|--refresh(?!=false)/);
    expect(text).toContain(`old primary ${PRIMARY} (ap-beijing), which is read-only (fenced)`);
    expect(text).toContain(`The old DR instances ${OTHER_DR} (ap-guangzhou) still replicate from it`);
    // Restart first, preview before up.
    expect(text.indexOf('rollout restart')).toBeLessThan(text.indexOf('pulumi preview'));
    expect(text.indexOf('pulumi preview')).toBeLessThan(text.indexOf('pulumi up --stack'));
  });

  test('refuses a DR instance that is not in sync, naming the status and the flag, and changes nothing', async () => {
    const { calls, error } = await run({ ...prodCloud, sync: () => 1 });
    expect(error).toBeInstanceOf(FailoverError);
    expect(UserError.isUserError(error)).toBe(true);
    const { message, fix } = error as FailoverError;
    expect(message).toContain(`${DR} is not in sync with ${PRIMARY}: SyncStatus 1 (syncing)`);
    expect(fix).toContain('--accept-data-loss');
    expect(callSummary(calls)).toEqual(CHECK);
  });

  test('with acceptDataLoss, fences and waits for the copy to catch up before promoting', async () => {
    // Reads: the check (1), then after fencing 1, 1, 2.
    const { calls, result, error, lines } = await run(
      { ...prodCloud, sync: (nth) => (nth < 3 ? 1 : 2) },
      { acceptDataLoss: true },
    );
    expect(error).toBeUndefined();
    expect(callSummary(calls)).toEqual([
      ...CHECK,
      'ModifyDBInstanceReadOnlyStatus@ap-beijing',
      'DescribeDBInstances@ap-beijing',
      'DescribeDBInstances@ap-beijing',
      'DescribeDBInstances@ap-beijing',
      'SwitchDrInstanceToMaster@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      ...RETARGET,
    ]);
    expect(result?.syncStatus).toBe(2);
    expect(lines).toContainEqual(
      expect.stringContaining('WARNING: cdb-drsh0001 is not in sync (SyncStatus 1 (syncing))'),
    );
    expect(lines).toContainEqual(expect.stringContaining('DR instance cdb-drsh0001: SyncStatus 2 (synced)'));
  });

  test('with acceptDataLoss, promotes a copy whose sync failed without waiting for it', async () => {
    const { calls, result, lines } = await run({ ...prodCloud, sync: () => 3 }, { acceptDataLoss: true });
    expect(callSummary(calls).slice(0, 5)).toEqual([
      ...CHECK,
      'ModifyDBInstanceReadOnlyStatus@ap-beijing',
      'DescribeDBInstances@ap-beijing',
      'SwitchDrInstanceToMaster@ap-shanghai',
    ]);
    expect(result?.promoted).toBe(true);
    expect(lines).toContainEqual(
      expect.stringContaining('cannot catch up by waiting (last: SyncStatus 3 (sync failed))'),
    );
  });

  test('stops when the copy falls out of sync after fencing and does not catch up in time', async () => {
    const { calls, error } = await run(
      { ...prodCloud, sync: (nth) => (nth === 0 ? 2 : 1) },
      { timeoutMs: 60 },
    );
    expect(error).toBeInstanceOf(FailoverError);
    expect((error as FailoverError).message).toContain('did not reach SyncStatus 2 (synced) within 60 ms');
    expect((error as FailoverError).fix).toContain(
      'tccli cdb ModifyDBInstanceReadOnlyStatus --region ap-beijing --InstanceId cdb-prim0001 --ReadOnly 0',
    );
    expect(calls.map((c) => c.action)).not.toContain('SwitchDrInstanceToMaster');
  });

  test.each(['FAILED', 'KILLED'])(
    'a promotion that ends %s is an error with the async request id',
    async (end) => {
      const { calls, error } = await run({ ...prodCloud, promotion: ['RUNNING', end] });
      expect(error).toBeInstanceOf(FailoverError);
      const e = error as FailoverError;
      expect(e.message).toContain(`ended ${end}: switch dr to master (async request async-req-0001)`);
      expect(e.requestId).toBe('async-req-0001');
      expect(e.fix).toContain('--ReadOnly 0');
      // Never rolled back: nothing is written after the promotion request.
      const switched = calls.findIndex((c) => c.action === 'SwitchDrInstanceToMaster');
      expect(calls.slice(switched + 1).filter((c) => WRITES.has(c.action))).toEqual([]);
    },
  );

  test('a promotion still running at the timeout says it may still be running and how to follow it', async () => {
    const { calls, error } = await run({ ...prodCloud, promotion: ['RUNNING'] }, { timeoutMs: 80 });
    expect(error).toBeInstanceOf(FailoverError);
    const e = error as FailoverError;
    expect(e.message).toContain(
      'did not finish within 80 ms (last status: RUNNING; async request async-req-0001)',
    );
    expect(e.message).toContain('it may still be running');
    expect(e.fix).toContain(
      'tccli cdb DescribeAsyncRequestInfo --region ap-shanghai --AsyncRequestId async-req-0001',
    );
    expect(e.requestId).toBe('async-req-0001');
    const switched = calls.findIndex((c) => c.action === 'SwitchDrInstanceToMaster');
    const after = calls.slice(switched + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((c) => c.action === 'DescribeAsyncRequestInfo' && c.region === 'ap-shanghai')).toBe(
      true,
    );
  });

  describe('when the primary region does not answer', () => {
    test('refuses without acceptDataLoss, after reading the DR instance in its own region', async () => {
      const { calls, error, lines } = await run({ ...prodCloud, primaryDown: RESET_CONNECTION });
      expect(callSummary(calls)).toEqual([
        'DescribeDBInstances@ap-beijing',
        'DescribeDBInstances@ap-shanghai',
        'GetMonitorData@ap-shanghai',
      ]);
      expect(calls[1].params).toEqual({ InstanceIds: [DR], WithDr: 1 });
      expect(error).toBeInstanceOf(FailoverError);
      expect((error as FailoverError).message).toContain("The primary's region (ap-beijing) does not answer");
      expect((error as FailoverError).fix).toContain('--accept-data-loss');
      expect(lines).toContainEqual(expect.stringMatching(/^DescribeDBInstances in ap-beijing \(no answer\)/));
    });

    test('with acceptDataLoss, promotes without fencing and says loudly that the old primary is not fenced', async () => {
      const { calls, result, lines } = await run(
        { ...prodCloud, primaryDown: RESET_CONNECTION },
        { acceptDataLoss: true },
      );
      expect(callSummary(calls)).toEqual([
        'DescribeDBInstances@ap-beijing',
        'DescribeDBInstances@ap-shanghai',
        'GetMonitorData@ap-shanghai',
        'SwitchDrInstanceToMaster@ap-shanghai',
        'DescribeAsyncRequestInfo@ap-shanghai',
        'DescribeAsyncRequestInfo@ap-shanghai',
        ...RETARGET,
      ]);
      expect(result).toMatchObject({ promoted: true, fenced: false, primaryReachable: false });
      expect(result?.syncStatus).toBeUndefined();
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^NOT FENCED: the old primary cdb-prim0001 in ap-beijing could not be set read-only/,
        ),
      );
      const text = lines.join('\n');
      expect(text).toContain(
        'was NOT fenced: set it read-only before anything can write to it (tccli cdb ModifyDBInstanceReadOnlyStatus --region ap-beijing --InstanceId cdb-prim0001 --ReadOnly 1)',
      );
      // The region is recorded lost: no DR instance there, and the return is a step of its own.
      expect(result?.fleetChange.change.lostRegions).toEqual(['ap-beijing']);
      expect(text).toContain(
        "new DR instances of cdb-drsh0001 at guangzhou-01: an old copy there is replaced (created anew, the old one forgotten: a copy's master cannot change in place); none in ap-beijing: lost",
      );
      expect(text).toContain(
        'When ap-beijing returns, before anything can write to the old primary there, fence it:',
      );
      expect(text).not.toContain('kubectl --context beijing-01');
      // Its own resources (the data security group) cannot change while it is down: the rest converges.
      expect(text).toMatch(
        /pulumi up --stack prod --refresh=false --continue-on-error: while ap-beijing is down/,
      );
    });
  });

  test('a dry run makes the read calls only and says what it would do', async () => {
    const { calls, result, lines, error } = await run(prodCloud, { execute: false });
    expect(error).toBeUndefined();
    expect(callSummary(calls)).toEqual(CHECK);
    expect(result).toMatchObject({ executed: false, promoted: false, fenced: false });
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[dry run\] not done: ModifyDBInstanceReadOnlyStatus in ap-beijing/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[dry run\] not done: SwitchDrInstanceToMaster in ap-shanghai/),
    );
    expect(lines).toContainEqual(expect.stringContaining('--execute'));
    expect(lines.join('\n')).toContain('data.mysql.primaryRegion: ap-shanghai');
  });

  test('a dry run refuses what the real run would refuse', async () => {
    const { calls, error } = await run({ ...prodCloud, sync: () => 0 }, { execute: false });
    expect((error as FailoverError).message).toContain('SyncStatus 0 (not synced)');
    expect(calls.filter((c) => WRITES.has(c.action))).toEqual([]);
  });

  test('a DR instance the primary does not list is refused before any write', async () => {
    const { calls, error } = await run(prodCloud, { drInstanceId: 'cdb-other001' });
    expect((error as FailoverError).message).toContain(
      `cdb-other001 is not a disaster-recovery instance of ${PRIMARY} (its DR instances: ${DR} (ap-shanghai))`,
    );
    expect(callSummary(calls)).toEqual(['DescribeDBInstances@ap-beijing']);
  });

  test('a DR instance in another region than the site promoted is refused before any write', async () => {
    // The primary lists DR in ap-shanghai, but the site asked for is Guangzhou's.
    const { calls, error } = await run(prodCloud, { to: 'guangzhou-01' });
    expect((error as FailoverError).message).toBe(
      `${DR} is in ap-shanghai, but guangzhou-01 is in ap-guangzhou`,
    );
    expect(calls.filter((c) => WRITES.has(c.action))).toEqual([]);
  });

  test('an API error of the primary region is reported as one line, not taken for an outage', async () => {
    const { calls, error } = await failoverAgainst(
      {
        DescribeDBInstances: () => ({
          error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad signature' },
        }),
      },
      { to: 'shanghai-01', acceptDataLoss: true },
    );
    expect((error as Error).message).toBe(
      `DescribeDBInstances in ap-beijing failed: AuthFailure.SignatureFailure: bad signature (request ${calls[0].requestId})`,
    );
    expect(UserError.isUserError(error)).toBe(true);
    expect(callSummary(calls)).toEqual(['DescribeDBInstances@ap-beijing']);
  });

  test('never prints the secret key', async () => {
    const outcomes = [
      await run(prodCloud),
      await run({ ...prodCloud, primaryDown: RESET_CONNECTION }, { acceptDataLoss: true }),
      await run({ ...prodCloud, promotion: ['FAILED'] }),
    ];
    for (const { lines, error, result } of outcomes) {
      const printed = [...lines, String((error as Error | undefined)?.message), JSON.stringify(result ?? {})];
      expect(printed.join('\n')).not.toContain(FAKE_SECRET_KEY);
    }
  });
});

describe('runFailover when a request times out', () => {
  test('a primary region that never answers counts as unreachable', async () => {
    const { lines, result } = await failoverAgainst(
      cloudHandlers({ primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai', primaryDown: NO_ANSWER }),
      { acceptDataLoss: true },
      { timeoutSeconds: 0.2 },
    );
    expect(result).toMatchObject({ promoted: true, fenced: false, primaryReachable: false });
    expect(lines[1]).toMatch(
      /^DescribeDBInstances in ap-beijing \(no answer\): the primary's region does not answer \(NoAnswer: .*timeout/,
    );
  });
});

describe('planFailover', () => {
  const options = (fleet: Fleet, to: string): FailoverOptions => ({
    fleet,
    to,
    primaryInstanceId: PRIMARY,
    drInstanceId: DR,
    execute: false,
    acceptDataLoss: false,
    api: { secretId: 'id', secretKey: 'key' },
  });

  test('resolves a region or a cluster name to the site with the DR copy', () => {
    expect(planFailover(options(prodFleet(), 'ap-guangzhou')).target.cluster.name).toBe('guangzhou-01');
    expect(planFailover(options(prodFleet(), 'shanghai-01')).target.region).toBe('ap-shanghai');
    const plan = planFailover(options(dr(), 'shanghai-c'));
    expect(plan.primary).toMatchObject({
      region: 'ap-guangzhou',
      componentName: 'guangzhou-a',
      sharedRegion: true,
    });
    expect(plan.target).toMatchObject({
      region: 'ap-shanghai',
      componentName: 'ap-shanghai',
      sharedRegion: false,
    });
    expect(plan.stack).toBe('dr');
    expect(plan.stackAssumed).toBe(true);
    expect(plan.project).toBe('qcbm');
  });

  test('the component names are those sitePlans gives the Pulumi program', () => {
    for (const fleet of [prodFleet(), dr(), sharedDrRegion()]) {
      const plans = sitePlans(fleet);
      const targets = fleet.clusters
        .filter((c) => plans.find((p) => p.cluster === c)?.drCopy)
        .map((c) => c.name);
      expect(targets).not.toHaveLength(0);
      for (const to of targets) {
        const plan = planFailover(options(fleet, to));
        for (const s of [plan.primary, plan.target, ...plan.otherDrSites]) {
          expect(s.componentName).toBe(plans.find((p) => p.cluster === s.cluster)?.componentName);
        }
      }
    }
  });

  test.each([
    ['ap-beijing', "is the primary's region, or a region without a disaster-recovery copy"],
    ['beijing-01', "is in the primary's region (ap-beijing)"],
    ['ap-chengdu', 'is neither a cluster nor a region of the fleet'],
  ])('refuses to promote %s', (to, message) => {
    const error = thrownBy(() => planFailover(options(prodFleet(), to)));
    expect(ValidationError.isValidationError(error)).toBe(true);
    const { issues } = error as ValidationError;
    expect(issues[0]).toMatchObject({ path: 'to', value: to });
    expect(issues[0].message).toContain(message);
    expect(issues[0].fix).toContain('"shanghai-01" (ap-shanghai), "guangzhou-01" (ap-guangzhou)');
  });

  test('a region with two DR sites needs the cluster name', () => {
    expect(() => planFailover(options(sharedDrRegion(), 'ap-shanghai'))).toThrow(
      /to: holds 2 sites with a disaster-recovery copy: name the cluster/,
    );
  });

  test('checks the instance ids, the intervals and the Pulumi names, all at once', () => {
    const error = validationErrorOf(() =>
      planFailover({
        ...options(prodFleet(), 'ap-shanghai'),
        primaryInstanceId: 'prim',
        drInstanceId: 'cdb-x y',
        pollIntervalMs: 5,
        timeoutMs: 1.5,
        stack: 'a b',
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'primaryInstanceId',
      'drInstanceId',
      'pollIntervalMs',
      'timeoutMs',
      'stack',
    ]);
  });
});

describe('failoverTarget: the one rule the command line and planFailover use for --to', () => {
  /** Prod-like without a topology, plus shanghai-02: a cluster of Shanghai that no site creates (no DR copy). */
  function withExternalShanghaiCluster(): Fleet {
    const input: any = without(activeActive(), 'topology');
    input.cloud.regions[1].cluster = 'shanghai-01';
    input.clusters.push(
      externalClusterInput({
        name: 'shanghai-02',
        region: 'ap-shanghai',
        area: 'east-china',
        octet: 151,
        clusterId: '55555555-5555-4555-8555-555555555555',
        gatewaySubnetId: 'subnet-sh000002',
        ingressAddress: '198.51.100.41',
      }),
    );
    return parseFleet(input);
  }

  test('a region with one DR site and another cluster: the region names the DR site', () => {
    const fleet = withExternalShanghaiCluster();
    expect(failoverTarget(fleet, 'ap-shanghai').name).toBe('shanghai-01');
    expect(failoverTarget(fleet, 'shanghai-01').name).toBe('shanghai-01');
    expect(planFailover({ ...planOptions(fleet), to: 'ap-shanghai' }).target.cluster.name).toBe(
      'shanghai-01',
    );
  });

  test('the other cluster holds no copy: refused, naming the option and the sites that could be promoted', () => {
    const error = validationErrorOf(() => failoverTarget(withExternalShanghaiCluster(), 'shanghai-02'));
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'to',
        value: 'shanghai-02',
        fix: expect.stringContaining('"shanghai-01" (ap-shanghai)'),
      }),
    ]);
  });
});

/** Options of a dry run against `fleet`. */
function planOptions(fleet: Fleet): FailoverOptions {
  return {
    fleet,
    to: '',
    primaryInstanceId: PRIMARY,
    drInstanceId: DR,
    execute: false,
    acceptDataLoss: false,
    api: { secretId: 'id', secretKey: 'key' },
  };
}

describe('the follow-up of other fleets', () => {
  test('dr: promoting Shanghai C drops primaryCluster and lists what else the fleet must change', async () => {
    const { calls, lines } = await failoverAgainst(
      cloudHandlers({ primaryRegion: 'ap-guangzhou', drRegion: 'ap-shanghai' }),
      { fleet: dr(), to: 'shanghai-c', stack: undefined, timeoutMs: undefined, project: 'shop' },
      { timeoutSeconds: undefined },
    );
    expect(callSummary(calls).slice(0, 5)).toEqual([
      'DescribeDBInstances@ap-guangzhou',
      'GetMonitorData@ap-shanghai',
      'ModifyDBInstanceReadOnlyStatus@ap-guangzhou',
      'DescribeDBInstances@ap-guangzhou',
      'SwitchDrInstanceToMaster@ap-shanghai',
    ]);
    const text = lines.join('\n');
    expect(text).toContain('data.mysql.primaryRegion: ap-shanghai   # was ap-guangzhou');
    expect(text).toContain('remove data.mysql.primaryCluster (was guangzhou-a): ap-shanghai holds one site');
    expect(text).toContain('The changed fleet does not validate yet (the record is written all the same');
    expect(text).toContain('- fleet.clusters: must hold exactly one same-city centre B');
    expect(text).toContain('(Commands and URNs assume stack "dr", the fleet\'s name, and project "shop".)');
    expect(text).toContain(
      `"urn:pulumi:dr::shop::${QCBM_TYPES.environment}$${QCBM_TYPES.dataReplication}$${TENCENTCLOUD_TYPES.mysqlDrInstance}::ap-shanghai-mysql-dr"`,
    );
    expect(text).toContain(
      `"urn:pulumi:dr::shop::${QCBM_TYPES.environment}$${QCBM_TYPES.region}$${TENCENTCLOUD_TYPES.mysqlInstance}::guangzhou-a-mysql"`,
    );
    expect(text).toContain(
      `new DR instances of ${DR} at guangzhou-a, guangzhou-b: an old copy there is replaced`,
    );
    expect(text).toContain('pulumi up --stack dr --refresh=false');
  });

  test('a promoted site that shares its region names itself as primaryCluster', async () => {
    const { lines } = await failoverAgainst(
      cloudHandlers({ primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' }),
      {
        fleet: sharedDrRegion(),
        to: 'shanghai-b',
        execute: false,
        stack: undefined,
      },
    );
    const text = lines.join('\n');
    expect(text).toContain('data.mysql.primaryCluster: shanghai-b   # ap-shanghai holds more than one site');
    expect(text).not.toContain('does not validate');
    expect(text).toContain(`DataReplication$${TENCENTCLOUD_TYPES.mysqlDrInstance}::shanghai-b-mysql-dr"`);
    expect(text).toContain(`DataReplication$${TENCENTCLOUD_TYPES.mysqlDrInstance}::shanghai-a-mysql-dr"`);
    expect(text).toContain('- shanghai-b-mysql (cdb-drsh0001) imported');
  });

  test('a fleet without a writable name (no primary the stack creates): the retarget says so and calls nothing', async () => {
    const plan = planFailover({ ...planOptions(prodFleet()), to: 'shanghai-01', execute: true });
    const fleet = { ...plan.fleet, data: { ...plan.fleet.data, mysql: undefined } };
    const untouchable = new Proxy({} as any, {
      get: (_t, key) =>
        key === 'region' ? 'ap-shanghai' : () => Promise.reject(new Error(`called ${String(key)}`)),
    });
    const lines: string[] = [];
    const trail = new CallTrail((l) => lines.push(l));
    const done = await retargetWriterName(
      { ...plan, fleet },
      { cdb: untouchable, dns: untouchable },
      trail,
      (l) => lines.push(l),
    );
    expect(done).toEqual({ retargeted: false });
    expect(trail.calls).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(/^Writable name: none to retarget/)]);
  });
});

test('the URNs use the type tokens and names of the Pulumi program', () => {
  expect(PULUMI_TYPES).toMatchObject({
    environment: QcbmEnvironment.TYPE,
    region: QcbmRegion.TYPE,
    dataReplication: QcbmDataReplication.TYPE,
    mysqlInstance: MysqlInstance.TYPE,
    mysqlDrInstance: MysqlDrInstance.TYPE,
    mysqlDatabase: MysqlDatabase.TYPE,
    mysqlAccount: MysqlAccount.TYPE,
    mysqlPrivilege: MysqlPrivilege.TYPE,
  });
  const urns = siteUrns({ stack: 's', project: 'p' }, 'ap-shanghai', 'ap-shanghai');
  expect(urns.mysql).toBe(
    `urn:pulumi:s::p::${QCBM_TYPES.environment}$${QCBM_TYPES.region}$${TENCENTCLOUD_TYPES.mysqlInstance}::ap-shanghai-mysql`,
  );
});

/** Active-active with two sites in Shanghai, each with a DR copy of the Beijing primary. */
function sharedDrRegion(): Fleet {
  return parseFleet(
    drFleetInput('active-active', [
      site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
      site('shanghai-a', 'ap-shanghai', 'ap-shanghai-2'),
      site('shanghai-b', 'ap-shanghai', 'ap-shanghai-5'),
    ]),
    'shared',
  );
}
