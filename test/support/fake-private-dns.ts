import type { FakeAnswer, FakeHandler } from './fake-tencent-api';

// Private DNS (API 2020-10-28) as the failover's fast path sees it, for the fake Tencent Cloud API: the writable
// name's zone and its A record, which ModifyPrivateZoneRecord changes.

export const ZONE_ID = 'zone-qcbm0001';
export const RECORD_ID = '812345';
/** The old primary's address: the record's value before the failover. */
export const PRIMARY_VIP = '10.110.16.8';

/** The zone the fake holds, and how it behaves. */
export interface FakePrivateDns {
  /** The zone's domain, e.g. `qcbm-prod.internal`. */
  readonly domain: string;
  /** @default 'mysql' */
  readonly subDomain?: string;
  /** The record's value; ModifyPrivateZoneRecord changes it. @default PRIMARY_VIP */
  value?: string;
  /** @default 30 */
  readonly ttl?: number;
  /** Other A records in the zone before the writable one, to make the lookup page (100 a page). @default 0 */
  readonly otherRecords?: number;
  /** ModifyPrivateZoneRecord answers this instead of changing the record. */
  readonly modifyAnswer?: FakeAnswer;
}

export function privateDnsHandlers(dns: FakePrivateDns): Record<string, FakeHandler> {
  const subDomain = dns.subDomain ?? 'mysql';
  const ttl = dns.ttl ?? 30;
  dns.value ??= PRIMARY_VIP;
  const records = () => [
    ...Array.from({ length: dns.otherRecords ?? 0 }, (_, i) => ({
      RecordId: String(700000 + i),
      ZoneId: ZONE_ID,
      SubDomain: `host-${i}`,
      RecordType: 'A',
      RecordValue: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      TTL: 600,
      Status: 'enabled',
    })),
    {
      RecordId: RECORD_ID,
      ZoneId: ZONE_ID,
      SubDomain: subDomain,
      RecordType: 'A',
      RecordValue: dns.value,
      TTL: ttl,
      Status: 'enabled',
    },
  ];
  return {
    DescribePrivateZoneList: (params) => {
      const domains: string[] =
        (params.Filters ?? []).find((f: { Name: string }) => f.Name === 'Domain')?.Values ?? [];
      const zones = [
        { ZoneId: ZONE_ID, Domain: dns.domain, RecordCount: records().length, Status: 'ENABLED' },
      ];
      const set = zones.filter((z) => domains.length === 0 || domains.includes(z.Domain));
      return { TotalCount: set.length, PrivateZoneSet: set };
    },
    DescribePrivateZoneRecordList: (params) => {
      if (params.ZoneId !== ZONE_ID) {
        return { error: { Code: 'ResourceNotFound', Message: `no zone ${params.ZoneId}` } };
      }
      const types: string[] | undefined = (params.Filters ?? []).find(
        (f: { Name: string }) => f.Name === 'RecordType',
      )?.Values;
      const all = records().filter((r) => !types || types.includes(r.RecordType));
      const offset = params.Offset ?? 0;
      const limit = params.Limit ?? 20;
      return { TotalCount: all.length, RecordSet: all.slice(offset, offset + limit) };
    },
    ModifyPrivateZoneRecord: (params) => {
      if (dns.modifyAnswer) return dns.modifyAnswer;
      if (params.ZoneId !== ZONE_ID || params.RecordId !== RECORD_ID) {
        return { error: { Code: 'InvalidParameter', Message: 'no such record' } };
      }
      dns.value = params.RecordValue;
      return {};
    },
  };
}
