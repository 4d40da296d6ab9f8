import type { PrivateZoneRecord } from 'tencentcloud-sdk-nodejs/tencentcloud/services/privatedns/v20201028/privatedns_models';
import { type WriterName, writerName } from '../../model/writer-name';
import type { PrivateDnsApi } from '../tencent/private-dns-api';
import { type CdbApi, TencentApiError } from '../tencent/tencent-api';
import type { CallTrail } from './call-trail';
import { FailoverError } from './failover-error';
import type { FailoverPlan } from './failover-options';

/** What the fast path did with the writable name. */
export interface WriterRetarget {
  /** `mysql.qcbm-<fleet>.internal`; undefined where the fleet has none (an external MySQL). */
  readonly host?: string;
  /** The record points at the promoted instance now (it did already, or ModifyPrivateZoneRecord set it). */
  readonly retargeted: boolean;
  /** The promoted instance's intranet address: the record's value. */
  readonly address?: string;
  /** The record's value before. */
  readonly previousAddress?: string;
  /** The record's TTL: how long a resolver may still answer the old address. */
  readonly ttlSeconds?: number;
}

/** What the lookups found: the hand command fills in the rest with placeholders. */
interface Found {
  address?: string;
  zoneId?: string;
  recordId?: string;
  ttl?: number;
}

const RECORD_PAGE = 100;

/**
 * The fast path, right after the promotion: the writable name's A record (`writerName(fleet)`) to the promoted
 * instance's intranet address. DescribeDBInstances in the promoted instance's region (its Vip),
 * DescribePrivateZoneList (filter Domain), DescribePrivateZoneRecordList (filter RecordType A; the sub-domain is
 * matched here, the API documents no filter for it), then ModifyPrivateZoneRecord with the record's own TTL,
 * unless it points there already. A fleet without a writer name (an external MySQL) is skipped, saying so.
 * @throws FailoverError whose fix is the exact `tccli` command to retarget by hand (placeholders only for what
 * could not be read)
 */
export async function retargetWriterName(
  plan: FailoverPlan,
  apis: { readonly cdb: CdbApi; readonly dns: PrivateDnsApi },
  trail: CallTrail,
  log: (line: string) => void,
): Promise<WriterRetarget> {
  const name = writerName(plan.fleet);
  if (!name) {
    log(
      'Writable name: none to retarget (the stack creates no primary MySQL, so the clusters use the external database’s own host).',
    );
    return { retargeted: false };
  }
  const found: Found = {};
  try {
    return await retarget(plan, name, apis, trail, log, found);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new FailoverError(
      `${plan.target.instanceId} is the primary, but the writable name ${name.host} still points at the old primary: ${why}`,
      `retarget it by hand: ${handCommands(plan, name, found).join(' ; then ')}`,
      e instanceof TencentApiError ? e.requestId || undefined : undefined,
    );
  }
}

async function retarget(
  plan: FailoverPlan,
  name: WriterName,
  apis: { readonly cdb: CdbApi; readonly dns: PrivateDnsApi },
  trail: CallTrail,
  log: (line: string) => void,
  found: Found,
): Promise<WriterRetarget> {
  const { target } = plan;
  const { cdb, dns } = apis;
  const read = (action: string, region: string, requestId: string, outcome: string) =>
    trail.record({ action, region, requestId, write: false }, outcome);

  const instances = await cdb.describeDbInstances({ InstanceIds: [target.instanceId] });
  const address = instances.Items?.find((i) => i.InstanceId === target.instanceId)?.Vip;
  read(
    'DescribeDBInstances',
    cdb.region,
    instances.RequestId,
    `${target.instanceId}'s intranet address: ${address ?? 'none'}`,
  );
  if (!address) throw new Error(`DescribeDBInstances in ${cdb.region} gives ${target.instanceId} no Vip`);
  found.address = address;

  const zones = await dns.describePrivateZoneList({ Filters: [{ Name: 'Domain', Values: [name.zone] }] });
  const zone = zones.PrivateZoneSet?.find((z) => z.Domain === name.zone);
  read(
    'DescribePrivateZoneList',
    dns.region,
    zones.RequestId,
    `zone ${name.zone}: ${zone?.ZoneId ?? 'not found'}`,
  );
  if (!zone?.ZoneId) throw new Error(`there is no private zone ${name.zone} in the account`);
  found.zoneId = zone.ZoneId;

  const records = await recordsNamed(dns, zone.ZoneId, name.record, trail);
  if (records.length !== 1) {
    throw new Error(
      `zone ${name.zone} holds ${records.length} A records "${name.record}"; the failover retargets exactly one`,
    );
  }
  const [record] = records;
  found.recordId = record.RecordId;
  found.ttl = record.TTL;
  if (record.RecordValue === address) {
    // A failover run again after a retarget finds it done.
    log(`${name.host} points at ${address} already: nothing to change.`);
    return {
      host: name.host,
      retargeted: true,
      address,
      previousAddress: address,
      ttlSeconds: record.TTL ?? name.ttlSeconds,
    };
  }
  const modified = await dns.modifyPrivateZoneRecord({
    ZoneId: zone.ZoneId,
    RecordId: String(record.RecordId),
    RecordType: 'A',
    SubDomain: name.record,
    RecordValue: address,
    TTL: record.TTL ?? name.ttlSeconds,
    ...(record.Weight !== undefined && record.Weight !== null ? { Weight: record.Weight } : {}),
  });
  trail.record(
    { action: 'ModifyPrivateZoneRecord', region: dns.region, requestId: modified.RequestId, write: true },
    `${name.host} A ${record.RecordValue ?? '(none)'} -> ${address} (TTL ${record.TTL ?? name.ttlSeconds} s): writes go to ${target.instanceId} once resolvers' caches expire`,
  );
  return {
    host: name.host,
    retargeted: true,
    address,
    previousAddress: record.RecordValue,
    ttlSeconds: record.TTL ?? name.ttlSeconds,
  };
}

/** The zone's A records named `subDomain`, page by page. */
async function recordsNamed(
  dns: PrivateDnsApi,
  zoneId: string,
  subDomain: string,
  trail: CallTrail,
): Promise<PrivateZoneRecord[]> {
  const matching: PrivateZoneRecord[] = [];
  for (let offset = 0; ; offset += RECORD_PAGE) {
    const page = await dns.describePrivateZoneRecordList({
      ZoneId: zoneId,
      Filters: [{ Name: 'RecordType', Values: ['A'] }],
      Offset: offset,
      Limit: RECORD_PAGE,
    });
    const items = page.RecordSet ?? [];
    const here = items.filter((r) => r.SubDomain === subDomain && r.RecordType === 'A');
    matching.push(...here);
    const summary = here.map((r) => `${r.RecordId} -> ${r.RecordValue} (TTL ${r.TTL} s)`).join(', ');
    trail.record(
      {
        action: 'DescribePrivateZoneRecordList',
        region: dns.region,
        requestId: page.RequestId,
        write: false,
      },
      `A records "${subDomain}" in ${zoneId}: ${summary || 'none'}`,
    );
    if (items.length < RECORD_PAGE || offset + items.length >= (page.TotalCount ?? 0)) return matching;
  }
}

/** The `tccli` commands that retarget the record: a lookup for each id not found, then the change. */
function handCommands(plan: FailoverPlan, name: WriterName, found: Found): string[] {
  const { target } = plan;
  const commands: string[] = [];
  if (!found.address) {
    commands.push(
      `tccli cdb DescribeDBInstances --region ${target.region} --InstanceIds '["${target.instanceId}"]' --filter 'Items[0].Vip' (the address)`,
    );
  }
  if (!found.zoneId) {
    commands.push(
      `tccli privatedns DescribePrivateZoneList --Filters '[{"Name":"Domain","Values":["${name.zone}"]}]' --filter 'PrivateZoneSet[0].ZoneId' (the zone id)`,
    );
  }
  if (!found.recordId) {
    commands.push(
      `tccli privatedns DescribePrivateZoneRecordList --ZoneId ${found.zoneId ?? '<zone id>'} --Filters '[{"Name":"RecordType","Values":["A"]}]' --Limit 100 --filter "RecordSet[?SubDomain=='${name.record}'].RecordId" (the record id)`,
    );
  }
  commands.push(
    `tccli privatedns ModifyPrivateZoneRecord --ZoneId ${found.zoneId ?? '<zone id>'} --RecordId ${found.recordId ?? '<record id>'} --RecordType A --SubDomain ${name.record} --RecordValue ${found.address ?? '<address>'} --TTL ${found.ttl ?? name.ttlSeconds}`,
  );
  return commands;
}
