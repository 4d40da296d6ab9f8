// What `runFailover` leaves behind after a promotion, through the real Tencent Cloud SDK against a fake API on
// 127.0.0.1: the writable name retargeted, and the stack file changed as a person would change it.
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseFleetFromStackYaml } from '../../src/model';
import { applyStackFilePromotion, FailoverError, type FailoverOptions } from '../../src/ops/failover';
import { cloudHandlers, DR, DR_VIP, type FakeCloud, PRIMARY } from '../support/fake-cdb';
import {
  type FakePrivateDns,
  PRIMARY_VIP,
  privateDnsHandlers,
  RECORD_ID,
  ZONE_ID,
} from '../support/fake-private-dns';
import { failoverAgainst } from '../support/failover-against';
import { type FakeCall, RESET_CONNECTION } from '../support/fake-tencent-api';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';
import { REPO_ROOT } from '../support/repo-root';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'failover');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const summary = (calls: readonly FakeCall[]) => calls.map((c) => `${c.action}@${c.region}`);
const WRITES = new Set([
  'ModifyDBInstanceReadOnlyStatus',
  'SwitchDrInstanceToMaster',
  'ModifyPrivateZoneRecord',
]);

let dir: string;
let network: NetworkGuard;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qcbm-failover-write-'));
  network = guardNetwork();
});
afterEach(() => {
  network.restore();
  expect(network.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of fixture `<before>.before.yaml` in the test's folder, as `Pulumi.<stack>.yaml`. */
function stackFileFrom(before: string, stack: string): string {
  const path = join(dir, `Pulumi.${stack}.yaml`);
  copyFileSync(join(FIXTURES, `${before}.before.yaml`), path);
  return path;
}

/** The failover of the fleet in `stackFile` to `to`, against a fake of `cloud` and `dns`; errors returned. */
async function failover(
  stackFile: string,
  cloud: FakeCloud,
  dns: FakePrivateDns,
  options: Partial<FailoverOptions> = {},
) {
  return failoverAgainst(
    { ...cloudHandlers(cloud), ...privateDnsHandlers(dns) },
    {
      fleet: parseFleetFromStackYaml(readFileSync(stackFile, 'utf8'), stackFile),
      stackFile,
      stack: undefined,
      ...options,
    },
    { timeoutSeconds: 1 },
  );
}

const prodCloud: FakeCloud = { primaryRegion: 'ap-beijing', drRegion: 'ap-shanghai' };
const prodZone = (): FakePrivateDns => ({ domain: 'qcbm-prod.internal' });

describe('the stack file after a failover is what a person would write', () => {
  test('prod, primary reachable: primaryRegion and the promotion record, every comment kept', async () => {
    const file = stackFileFrom('prod', 'prod');
    chmodSync(file, 0o640);
    const dns = prodZone();
    const { calls, result, error, lines } = await failover(file, prodCloud, dns);
    expect(error).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(fixture('prod.after.yaml'));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    // Nothing left beside it: the temporary file was renamed over it.
    expect(readdirSync(dir)).toEqual(['Pulumi.prod.yaml']);
    // Check, fence, promote, retarget; then the file.
    const order = summary(calls).filter((c, i, all) => all.indexOf(c) === i);
    expect(order).toEqual([
      'DescribeDBInstances@ap-beijing',
      'GetMonitorData@ap-shanghai',
      'ModifyDBInstanceReadOnlyStatus@ap-beijing',
      'SwitchDrInstanceToMaster@ap-shanghai',
      'DescribeAsyncRequestInfo@ap-shanghai',
      'DescribeDBInstances@ap-shanghai',
      'DescribePrivateZoneList@ap-guangzhou',
      'DescribePrivateZoneRecordList@ap-guangzhou',
      'ModifyPrivateZoneRecord@ap-guangzhou',
    ]);
    expect(calls[calls.length - 1].params).toEqual({
      ZoneId: ZONE_ID,
      RecordId: RECORD_ID,
      RecordType: 'A',
      SubDomain: 'mysql',
      RecordValue: DR_VIP,
      TTL: 30,
    });
    expect(dns.value).toBe(DR_VIP);
    expect(lines.indexOf(lines.find((l) => l.startsWith('ModifyPrivateZoneRecord')) ?? '')).toBeLessThan(
      lines.findIndex((l) => l.startsWith('Wrote the failover into')),
    );
    // The follow-up shows the lines changed, with their numbers.
    expect(result?.stackFile).toMatchObject({ path: file, written: true });
    expect(result?.stackFile?.changedLines).toEqual([
      '101 -         primaryRegion: ap-beijing',
      '101 +         primaryRegion: ap-shanghai',
      '103 +         # Written by `qcbm-fleet failover --execute`: the primary site adopts this instance (`pulumi up` imports it).',
      '104 +         promotion:',
      '105 +           instanceId: cdb-drsh0001',
      '106 +           fromInstanceId: cdb-prim0001',
      '107 +           fromRegion: ap-beijing',
      "108 +           at: '2026-12-04T03:12:45Z'",
      '109 +           asyncRequestId: async-req-0001',
    ]);
    for (const line of result?.stackFile?.changedLines ?? []) expect(lines).toContain(`     ${line}`);
    expect(lines).toContainEqual(
      `2. The fleet file ${file} was changed (qcbm:fleet data.mysql); review and commit it:`,
    );
    // What was written is a valid fleet whose primary is the promoted site.
    const fleet = parseFleetFromStackYaml(readFileSync(file, 'utf8'), file);
    expect(fleet.data.mysql).toMatchObject({
      primaryRegion: 'ap-shanghai',
      promotion: {
        instanceId: DR,
        fromInstanceId: PRIMARY,
        fromRegion: 'ap-beijing',
        at: '2026-12-04T03:12:45Z',
      },
    });
  });

  test('prod, primary unreachable (accept data loss): the old region is recorded lost', async () => {
    const file = stackFileFrom('prod-lost', 'prod');
    const { calls, error, result } = await failover(
      file,
      { ...prodCloud, primaryDown: RESET_CONNECTION },
      prodZone(),
      { acceptDataLoss: true },
    );
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ promoted: true, fenced: false });
    expect(summary(calls).filter((c) => c.endsWith('@ap-beijing'))).toEqual([
      'DescribeDBInstances@ap-beijing',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(fixture('prod-lost.after.yaml'));
    const fleet = parseFleetFromStackYaml(readFileSync(file, 'utf8'), file);
    expect(fleet.data.mysql?.lostRegions).toEqual(['ap-beijing']);
  });

  test('dr, a fleet that does not validate once changed: the record is written all the same, the rest printed', async () => {
    const file = stackFileFrom('dr', 'dr');
    const { error, lines, result } = await failover(
      file,
      { primaryRegion: 'ap-guangzhou', drRegion: 'ap-shanghai' },
      { domain: 'qcbm-dr.internal' },
      { to: 'shanghai-c' },
    );
    expect(error).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(fixture('dr.after.yaml'));
    expect(result?.fleetChange.problems.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(
      'The changed fleet does not validate yet (the record is written all the same',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {5}- fleet\.clusters: must hold exactly one same-city centre B/),
    );
  });
});

describe('nothing is written', () => {
  test('by a dry run: read calls only, the file untouched, the lines it would change shown', async () => {
    const file = stackFileFrom('prod', 'prod');
    const before = readFileSync(file, 'utf8');
    const { calls, error, lines, result } = await failover(file, prodCloud, prodZone(), { execute: false });
    expect(error).toBeUndefined();
    expect(summary(calls)).toEqual(['DescribeDBInstances@ap-beijing', 'GetMonitorData@ap-shanghai']);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['Pulumi.prod.yaml']);
    expect(result?.stackFile).toMatchObject({ written: false });
    expect(lines).toContainEqual(
      `2. [dry run] The fleet file ${file} would be changed (qcbm:fleet data.mysql):`,
    );
    expect(lines).toContainEqual('     101 +         primaryRegion: ap-shanghai');
  });

  test('when the DR instance is not in sync: refused, no write call, the file untouched', async () => {
    const file = stackFileFrom('prod', 'prod');
    const before = readFileSync(file, 'utf8');
    const { calls, error } = await failover(file, { ...prodCloud, sync: () => 1 }, prodZone());
    expect(error).toBeInstanceOf(FailoverError);
    expect((error as FailoverError).message).toContain(`${DR} is not in sync with ${PRIMARY}`);
    expect(calls.filter((c) => WRITES.has(c.action))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('a retarget that fails after the promotion', () => {
  test('keeps the promotion: the stack file is written, and the fix is the exact tccli command', async () => {
    const file = stackFileFrom('prod', 'prod');
    const dns: FakePrivateDns = {
      ...prodZone(),
      modifyAnswer: { error: { Code: 'InternalError', Message: 'try again later' } },
    };
    const { calls, error, lines } = await failover(file, prodCloud, dns);
    expect(error).toBeInstanceOf(FailoverError);
    const e = error as FailoverError;
    const modify = calls.find((c) => c.action === 'ModifyPrivateZoneRecord');
    expect(e.message).toBe(
      `${DR} is the primary, but the writable name mysql.qcbm-prod.internal still points at the old primary: ModifyPrivateZoneRecord in ap-guangzhou failed: InternalError: try again later (request ${modify?.requestId})`,
    );
    expect(e.fix).toBe(
      `retarget it by hand: tccli privatedns ModifyPrivateZoneRecord --ZoneId ${ZONE_ID} --RecordId ${RECORD_ID} --RecordType A --SubDomain mysql --RecordValue ${DR_VIP} --TTL 30. The stack file ${file} records the promotion; go on with the follow-up above`,
    );
    expect(e.requestId).toBe(modify?.requestId);
    expect(dns.value).toBe(PRIMARY_VIP);
    expect(readFileSync(file, 'utf8')).toBe(fixture('prod.after.yaml'));
    expect(lines.some((l) => l.startsWith('NOT RETARGETED: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('5. pulumi up --stack prod --refresh=false'))).toBe(true);
  });

  test('where the zone is missing, the fix looks the ids up first', async () => {
    const file = stackFileFrom('prod', 'prod');
    const { error } = await failover(file, prodCloud, { domain: 'qcbm-other.internal' });
    const e = error as FailoverError;
    expect(e.message).toContain('there is no private zone qcbm-prod.internal in the account');
    expect(e.fix).toContain(
      `tccli privatedns DescribePrivateZoneList --Filters '[{"Name":"Domain","Values":["qcbm-prod.internal"]}]' --filter 'PrivateZoneSet[0].ZoneId' (the zone id) ; then tccli privatedns DescribePrivateZoneRecordList --ZoneId <zone id>`,
    );
    expect(e.fix).toContain(
      `tccli privatedns ModifyPrivateZoneRecord --ZoneId <zone id> --RecordId <record id> --RecordType A --SubDomain mysql --RecordValue ${DR_VIP} --TTL 30`,
    );
    expect(readFileSync(file, 'utf8')).toBe(fixture('prod.after.yaml'));
  });
});

describe('the record lookup', () => {
  test('pages through a zone with many A records and finds the one named mysql', async () => {
    const file = stackFileFrom('prod', 'prod');
    const dns: FakePrivateDns = { ...prodZone(), otherRecords: 150 };
    const { calls, error } = await failover(file, prodCloud, dns);
    expect(error).toBeUndefined();
    const pages = calls.filter((c) => c.action === 'DescribePrivateZoneRecordList');
    expect(pages.map((c) => c.params.Offset)).toEqual([0, 100]);
    expect(pages[0].params.Filters).toEqual([{ Name: 'RecordType', Values: ['A'] }]);
    expect(dns.value).toBe(DR_VIP);
  });

  test('a record that points at the promoted instance already is left alone (a second run)', async () => {
    const file = stackFileFrom('prod', 'prod');
    const { calls, lines, result } = await failover(file, prodCloud, { ...prodZone(), value: DR_VIP });
    expect(calls.map((c) => c.action)).not.toContain('ModifyPrivateZoneRecord');
    expect(lines).toContain(`mysql.qcbm-prod.internal points at ${DR_VIP} already: nothing to change.`);
    expect(result?.writerName).toMatchObject({ retargeted: true, address: DR_VIP });
  });
});

describe('applyStackFilePromotion: the pure edit', () => {
  const change = {
    primaryRegion: 'ap-shanghai',
    promotion: {
      instanceId: DR,
      fromInstanceId: PRIMARY,
      fromRegion: 'ap-beijing',
      at: '2026-12-04T03:12:45Z',
      asyncRequestId: 'async-req-0001',
    },
  };

  test('on Pulumi.prod.yaml: only data.mysql changes, every other line is the source line', () => {
    const text = readFileSync(join(REPO_ROOT, 'Pulumi.prod.yaml'), 'utf8');
    const after = applyStackFilePromotion(text, { ...change, lostRegions: ['ap-beijing'] });
    const kept = text.split('\n').filter((l) => l !== '        primaryRegion: ap-beijing');
    const afterLines = after.split('\n');
    expect(kept.every((l) => afterLines.includes(l))).toBe(true);
    expect(afterLines.length - text.split('\n').length).toBe(10);
    // Comments of the source: all there, in order.
    const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));
    expect(comments(after).filter((c) => comments(text).includes(c))).toEqual(comments(text));
  });

  test('is idempotent, and a second failover replaces the record and adds a lost region once', () => {
    const text = fixture('prod-lost.after.yaml');
    expect(applyStackFilePromotion(text, { ...change, lostRegions: ['ap-beijing'] })).toBe(text);
    const back = applyStackFilePromotion(text, {
      primaryRegion: 'ap-guangzhou',
      promotion: {
        instanceId: 'cdb-drgz0001',
        fromInstanceId: DR,
        fromRegion: 'ap-shanghai',
        at: '2026-12-05T00:00:00Z',
      },
      lostRegions: ['ap-shanghai', 'ap-beijing'],
    });
    expect(back).toContain('          - ap-beijing\n          - ap-shanghai\n');
    expect(back).toContain('          instanceId: cdb-drgz0001\n');
    expect(back).not.toContain('asyncRequestId');
    expect(back.match(/# Written by `qcbm-fleet failover --execute`/g)).toHaveLength(1);
  });

  test('a text without data.mysql is refused, naming the field', () => {
    expect(() => applyStackFilePromotion('config:\n  qcbm:fleet:\n    name: x\n', change)).toThrow(
      'the stack file has no mapping at config["qcbm:fleet"].data.mysql',
    );
  });
});
