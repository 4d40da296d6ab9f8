import * as pulumi from '@pulumi/pulumi';
import type { Fleet } from '../../model/fleet-schema';
import { type DnspodZone, dnspodZones } from '../../model/public-entry';
import { trafficNames } from '../../model/resource-names';
import type { ChildOptions } from '../region/child-options';
import { DnspodDomainInstance } from '../tencentcloud/dnspod-domain-instance';
import { getDnspodDomainList } from '../tencentcloud/dnspod-domain-list';
import { TENCENTCLOUD_INVOKES } from '../tencentcloud/type-tokens';

/**
 * The traffic layer's DNSPod zones (`dnspodZones`), by name: each an Output of the zone's name that resolves once the
 * zone is there, for what writes into it to take as its `domain`. A zone declared `existing` is looked up in the
 * account (`pulumi up` fails naming it when it is absent); one declared `create` is created, and kept on destroy,
 * since records nobody here manages may live in it by then.
 */
export function createZones(
  name: string,
  fleet: Fleet,
  opts: ChildOptions,
): Readonly<Record<string, pulumi.Output<string>>> {
  return Object.fromEntries(
    dnspodZones(fleet).map((zone) => [
      zone.name,
      zone.source === 'create'
        ? new DnspodDomainInstance(
            trafficNames(name).zone(zone.name),
            { domain: zone.name, remark: `qcbm ${fleet.name}: ${zone.roles.join(' and ')} zone` },
            { ...opts, retainOnDelete: true },
          ).domain
        : existingZone(zone, opts),
    ]),
  );
}

/** The zone's name once the account's DNSPod is seen to hold it. */
function existingZone(zone: DnspodZone, opts: ChildOptions): pulumi.Output<string> {
  return getDnspodDomainList(
    { keyword: zone.name, type: 'ALL' },
    { parent: opts.parent, provider: opts.provider },
  ).apply((found) => {
    const names = (found.domainLists ?? []).map((d) => d.name);
    if (!names.includes(zone.name)) {
      throw new pulumi.ResourceError(
        `the DNSPod zone ${zone.name} (the ${zone.roles.join(' and ')} zone of the traffic layer) is not in this account (${TENCENTCLOUD_INVOKES.dnspodDomainList} with keyword "${zone.name}" found ${names.length > 0 ? names.join(', ') : 'none'}): add it in the DNSPod console, or set its zoneSource to "create" in the fleet`,
        opts.parent,
      );
    }
    return zone.name;
  });
}
