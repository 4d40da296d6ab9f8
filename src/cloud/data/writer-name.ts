import * as pulumi from '@pulumi/pulumi';
import { writerNameNames } from '../../model/resource-names';
import type { WriterName } from '../../model/writer-name';
import { PrivateDnsRecord } from '../tencentcloud/private-dns-record';
import { PrivateDnsZone } from '../tencentcloud/private-dns-zone';
import { PrivateDnsZoneVpcAttachment } from '../tencentcloud/private-dns-zone-vpc-attachment';
import type { TencentCloudProvider } from '../tencentcloud/provider';

/** Arguments for `createWriterName`. */
export interface WriterNameArgs {
  /** The name, its zone and TTL (`writerName(fleet)`). */
  readonly name: WriterName;
  /** Every site's VPC, by site (component) name: each is joined to the zone. */
  readonly networks: readonly {
    readonly name: string;
    readonly region: string;
    readonly vpcId: pulumi.Input<string>;
  }[];
  /** The primary MySQL's intranet address, the record's value. */
  readonly primaryIp: pulumi.Input<string>;
  /** Private DNS is account-wide: any region's provider creates it. */
  readonly provider: TencentCloudProvider;
  /** @default { app: 'qcbm' } */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What `createWriterName` creates. */
export interface CreatedWriterName {
  readonly zone: PrivateDnsZone;
  /** One per site, by site name. */
  readonly attachments: Readonly<Record<string, PrivateDnsZoneVpcAttachment>>;
  readonly record: PrivateDnsRecord;
}

/**
 * The writable MySQL's one name: a private zone joined to every site's VPC (one attachment each, so a site added
 * later joins without touching the zone) and an A record pointing at the primary, with an explicit TTL. A
 * failover changes this record only.
 */
export function createWriterName(
  prefix: string,
  args: WriterNameArgs,
  parent: pulumi.Resource,
): CreatedWriterName {
  const child = { parent, provider: args.provider };
  const names = writerNameNames(prefix);
  const zone = new PrivateDnsZone(
    names.zone,
    {
      domain: args.name.zone,
      remark: `QCBM: the writable MySQL's name (${args.name.host})`,
      tags: { app: 'qcbm', ...args.tags },
    },
    child,
  );
  const attachments: Record<string, PrivateDnsZoneVpcAttachment> = {};
  for (const network of args.networks) {
    attachments[network.name] = new PrivateDnsZoneVpcAttachment(
      names.zoneAttachment(network.name),
      { zoneId: zone.id, vpcSet: { region: network.region, uniqVpcId: network.vpcId } },
      child,
    );
  }
  const record = new PrivateDnsRecord(
    names.record,
    {
      zoneId: zone.id,
      subDomain: args.name.record,
      recordType: 'A',
      recordValue: args.primaryIp,
      ttl: args.name.ttlSeconds,
    },
    child,
  );
  return { zone, attachments, record };
}
