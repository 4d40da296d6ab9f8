// The failover's replication-lag guard: Cloud Monitor's SecondsBehindMaster of the DR instance, read before
// fencing (in the dry run too), through the real Tencent Cloud SDK against a fake API on 127.0.0.1.
import { ValidationError } from '../../src/model';
import { FailoverError, type FailoverOptions, planFailover } from '../../src/ops/failover';
import { cloudHandlers, DR, type FakeCloud, PRIMARY } from '../support/fake-cdb';
import type { FakeMonitor } from '../support/fake-monitor';
import { RESET_CONNECTION } from '../support/fake-tencent-api';
import { callSummary, failoverAgainst, prodFleet } from '../support/failover-against';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';
import { validationErrorOf } from '../support/thrown';

const prodCloud: FakeCloud = { primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' };
const WRITES = new Set([
  'ModifyDBInstanceReadOnlyStatus',
  'SwitchDrInstanceToMaster',
  'ModifyPrivateZoneRecord',
]);
const CHECK = ['DescribeDBInstances@ap-beijing', 'GetMonitorData@ap-shanghai'];

const run = (monitor: FakeMonitor, options: Partial<FailoverOptions> = {}, cloud: Partial<FakeCloud> = {}) =>
  failoverAgainst(cloudHandlers({ ...prodCloud, ...cloud, monitor }), options);

let network: NetworkGuard;
beforeEach(() => {
  network = guardNetwork();
});
afterEach(() => {
  network.restore();
  expect(network.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
});

describe('the lag is read from Cloud Monitor before the fence', () => {
  test('GetMonitorData of QCE/CDB SecondsBehindMaster for the DR instance in its region, logged with its request id', async () => {
    const { calls, lines, result, error } = await run({ lag: [95, 40, 12] });
    expect(error).toBeUndefined();
    const read = calls.filter((c) => c.action === 'GetMonitorData');
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ region: 'ap-shanghai', version: '2018-07-24' });
    // The last 10 minutes at 5 s, ending at the run's clock (2026-12-04T03:12:45.678Z).
    expect(read[0].params).toEqual({
      Namespace: 'QCE/CDB',
      MetricName: 'SecondsBehindMaster',
      Period: 5,
      StartTime: '2026-12-04T03:02:45+00:00',
      EndTime: '2026-12-04T03:12:45+00:00',
      Instances: [{ Dimensions: [{ Name: 'InstanceId', Value: DR }] }],
    });
    expect(read[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The latest point counts (12 s), not the older, larger ones.
    expect(lines).toContain(
      `GetMonitorData in ap-shanghai (request ${read[0].requestId}): ${DR} is 12 s behind its primary (SecondsBehindMaster at 2026-12-04T03:12:45Z), within --max-lag 30 s`,
    );
    expect(result).toMatchObject({ promoted: true, lagSeconds: 12 });
    expect(result?.calls.find((c) => c.action === 'GetMonitorData')).toEqual({
      action: 'GetMonitorData',
      region: 'ap-shanghai',
      requestId: read[0].requestId,
      write: false,
    });
  });

  test('in order: the primary read, the lag, then the fence and the promotion', async () => {
    const { calls, error } = await run({ lag: [3] });
    expect(error).toBeUndefined();
    const order = callSummary(calls);
    expect(order.slice(0, 3)).toEqual([...CHECK, 'ModifyDBInstanceReadOnlyStatus@ap-beijing']);
    expect(order.indexOf('GetMonitorData@ap-shanghai')).toBeLessThan(
      order.indexOf('SwitchDrInstanceToMaster@ap-shanghai'),
    );
  });

  test('where the primary region does not answer, the lag is still read in the DR region', async () => {
    const { calls, lines, result, error } = await run(
      { lag: [7] },
      { acceptDataLoss: true },
      { primaryDown: RESET_CONNECTION },
    );
    expect(error).toBeUndefined();
    expect(callSummary(calls).slice(0, 4)).toEqual([
      'DescribeDBInstances@ap-beijing',
      'DescribeDBInstances@ap-shanghai',
      'GetMonitorData@ap-shanghai',
      'SwitchDrInstanceToMaster@ap-shanghai',
    ]);
    expect(lines).toContainEqual(expect.stringContaining(`${DR} is 7 s behind its primary`));
    expect(result).toMatchObject({ promoted: true, fenced: false, lagSeconds: 7 });
    // Above the bound, the warning says the old primary could not be fenced.
    const lagging = await run({ lag: [45] }, { acceptDataLoss: true }, { primaryDown: RESET_CONNECTION });
    expect(lagging.result?.promoted).toBe(true);
    expect(lagging.lines).toContainEqual(
      expect.stringMatching(
        /^WARNING: cdb-drsh0001 is 45 s behind cdb-prim0001 .*accepting the loss of up to 45 s of committed writes \(the primary cannot be fenced\)\.$/,
      ),
    );
  });
});

describe('a lag above --max-lag', () => {
  test('is refused before any write, naming the lag, the bound and both ways on', async () => {
    for (const execute of [true, false]) {
      const { calls, error } = await run({ lag: [0, 45] }, { execute });
      expect(error).toBeInstanceOf(FailoverError);
      const { message, fix, requestId } = error as FailoverError;
      expect(message).toBe(
        `${DR} is 45 s behind ${PRIMARY} (Cloud Monitor SecondsBehindMaster at 2026-12-04T03:12:45Z), more than --max-lag 30 s. Losing the primary's region now would lose about 45 s of committed writes.`,
      );
      expect(fix).toBe(
        'wait until the lag is at most 30 s and run again; or allow more with --max-lag <seconds>; or promote anyway, accepting that loss: --accept-data-loss',
      );
      expect(requestId).toBe(calls.find((c) => c.action === 'GetMonitorData')?.requestId);
      expect(callSummary(calls)).toEqual(CHECK);
      expect(calls.filter((c) => WRITES.has(c.action))).toEqual([]);
    }
  });

  test('a lag equal to the bound passes; a larger bound lets a larger lag through', async () => {
    const equal = await run({ lag: [30] });
    expect(equal.result?.promoted).toBe(true);
    const raised = await run({ lag: [45] }, { maxLagSeconds: 60 });
    expect(raised.result?.promoted).toBe(true);
    expect(raised.lines).toContainEqual(expect.stringContaining('45 s behind its primary'));
    expect(raised.lines).toContainEqual(expect.stringContaining('within --max-lag 60 s'));
    const zero = await run({ lag: [1] }, { maxLagSeconds: 0 });
    expect((zero.error as FailoverError).message).toContain('more than --max-lag 0 s');
  });

  test('with --accept-data-loss, goes on and says what loss it accepted', async () => {
    const { calls, lines, result, error } = await run({ lag: [45] }, { acceptDataLoss: true });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ promoted: true, fenced: true, lagSeconds: 45 });
    expect(lines).toContain(
      `WARNING: ${DR} is 45 s behind ${PRIMARY} (Cloud Monitor SecondsBehindMaster at 2026-12-04T03:12:45Z), more than --max-lag 30 s; going on because of --accept-data-loss, accepting the loss of up to 45 s of committed writes (the primary is fenced first, so the copy can still catch up).`,
    );
    // The warning comes with the check, before the fence.
    const warned = lines.findIndex((l) => l.startsWith('WARNING:'));
    const fenced = lines.findIndex((l) => l.startsWith('ModifyDBInstanceReadOnlyStatus'));
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(warned).toBeLessThan(fenced);
    expect(callSummary(calls).slice(0, 3)).toEqual([...CHECK, 'ModifyDBInstanceReadOnlyStatus@ap-beijing']);
  });
});

describe('an unknown lag', () => {
  test.each<[string, FakeMonitor, RegExp]>([
    [
      'no data point',
      { lag: [] },
      /^replication lag unknown: GetMonitorData in ap-shanghai \(request [0-9a-f-]{36}\): no data point of QCE\/CDB SecondsBehindMaster for cdb-drsh0001 in the last 10 min$/,
    ],
    [
      'an unauthorised key',
      {
        answer: {
          error: { Code: 'UnauthorizedOperation', Message: 'no permission for monitor:GetMonitorData' },
        },
      },
      /^replication lag unknown: GetMonitorData in ap-shanghai failed: UnauthorizedOperation: no permission for monitor:GetMonitorData \(request [0-9a-f-]{36}\); grant the key's CAM user the permission for this action$/,
    ],
    [
      'Cloud Monitor not answering',
      { answer: RESET_CONNECTION },
      /^replication lag unknown: GetMonitorData in ap-shanghai failed: NoAnswer: .+; check the network path/,
    ],
    [
      'a value that is no lag',
      { lag: [4, -1] },
      /^replication lag unknown: GetMonitorData in ap-shanghai \(request [0-9a-f-]{36}\): SecondsBehindMaster of cdb-drsh0001 is -1 at 2026-12-04T03:12:45Z, which is no lag/,
    ],
  ])('(%s) is one line, and the failover goes on', async (_, monitor, line) => {
    const { calls, lines, result, error } = await run(monitor);
    expect(error).toBeUndefined();
    expect(lines.filter((l) => /lag unknown/.test(l))).toEqual([expect.stringMatching(line)]);
    expect(lines.filter((l) => l.startsWith('GetMonitorData'))).toEqual([]);
    expect(result).toMatchObject({ promoted: true });
    expect(result?.lagSeconds).toBeUndefined();
    expect(callSummary(calls).slice(0, 3)).toEqual([...CHECK, 'ModifyDBInstanceReadOnlyStatus@ap-beijing']);
  });

  test('leaves the SyncStatus check in force', async () => {
    const { calls, lines, error } = await run({ lag: [] }, {}, { sync: () => 1 });
    expect((error as FailoverError).message).toContain(`${DR} is not in sync with ${PRIMARY}`);
    expect(lines).toContainEqual(expect.stringMatching(/^replication lag unknown: /));
    expect(calls.filter((c) => WRITES.has(c.action))).toEqual([]);
  });
});

describe('maxLagSeconds', () => {
  test.each([-1, 1.5, 86_401, Number.NaN])(
    '%p is refused by the dry run as by the real run, before any call',
    async (maxLagSeconds) => {
      for (const execute of [false, true]) {
        const { calls, error } = await run({ lag: [0] }, { execute, maxLagSeconds });
        expect(ValidationError.isValidationError(error)).toBe(true);
        expect((error as ValidationError).issues).toEqual([
          {
            path: 'maxLagSeconds',
            message: 'must be a whole number of seconds from 0 to 86400 (a day)',
            value: maxLagSeconds,
            fix: 'leave it out for 30 s',
          },
        ]);
        expect(calls).toEqual([]);
      }
    },
  );

  test('0 and 86400 are bounds it accepts; left out, it is 30', () => {
    const options = (maxLagSeconds?: number): FailoverOptions => ({
      fleet: prodFleet(),
      to: 'shanghai-01',
      primaryInstanceId: PRIMARY,
      drInstanceId: DR,
      execute: false,
      acceptDataLoss: false,
      api: { secretId: 'id', secretKey: 'key' },
      ...(maxLagSeconds === undefined ? {} : { maxLagSeconds }),
    });
    expect(planFailover(options(0)).maxLagSeconds).toBe(0);
    expect(planFailover(options(86_400)).maxLagSeconds).toBe(86_400);
    expect(planFailover(options()).maxLagSeconds).toBe(30);
    expect(validationErrorOf(() => planFailover(options(86_401))).issues.map((i) => i.path)).toEqual([
      'maxLagSeconds',
    ]);
  });
});
