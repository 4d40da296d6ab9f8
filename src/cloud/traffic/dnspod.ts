import * as pulumi from '@pulumi/pulumi';
import { trafficNames } from '../../model/resource-names';
import { DNSPOD_LINE_NAMES, type DnspodTraffic, type LineKey } from '../../model/topology/topology-schema';
import type { ChildOptions } from '../region/child-options';
import { DnspodRecord } from '../tencentcloud/dnspod-record';
import { recordTypeOf } from '../../model/addresses';
import { recordValueOf } from './published-address';
import type { TrafficContext } from './traffic-context';

/** By cluster name, then line: the records that publish the cluster's address. */
export type DnspodRecords = Readonly<Record<string, Partial<Record<LineKey, DnspodRecord>>>>;

/**
 * Plain DNSPod records: on each line, one record per site of the line's first tier (the default line: every
 * active site). Nothing probes them, so nothing moves them when a region fails.
 */
export function createDnspodRecords(
  ctx: TrafficContext,
  traffic: DnspodTraffic,
  opts: ChildOptions,
): DnspodRecords {
  const records: Record<string, Partial<Record<LineKey, DnspodRecord>>> = {};
  for (const site of ctx.sites) records[site.name] = {};
  for (const { line, tiers } of ctx.plan) {
    const first = tiers[0] ?? [];
    const lineName = traffic.lines[line] ?? DNSPOD_LINE_NAMES[line];
    const addresses = pulumi.all(first.map((s) => ctx.addresses[s.name])).apply((list) => {
      if (list.length > 1 && list.some((a) => recordTypeOf(a) === 'CNAME')) {
        throw new pulumi.ResourceError(
          `line ${line} (${lineName}) would publish ${list.join(', ')} for ${ctx.publishedName}, but a CNAME cannot share a name and line with other records: give these clusters IP addresses, or put the one with a domain on a line of its own`,
          opts.parent,
        );
      }
      return list;
    });
    first.forEach((site, i) => {
      const address = addresses.apply((list) => list[i]);
      records[site.name][line] = new DnspodRecord(
        trafficNames(ctx.name).dnspodRecord(line, site.name),
        {
          domain: ctx.zones[ctx.zone],
          subDomain: ctx.subDomain,
          recordType: address.apply(recordTypeOf),
          recordLine: lineName,
          value: address.apply(recordValueOf),
          ttl: traffic.ttlSeconds,
        },
        opts,
      );
    });
  }
  return records;
}
