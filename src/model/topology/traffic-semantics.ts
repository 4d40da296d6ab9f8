// The traffic layer's checks of `checkTopology`: what the DNS products refuse, and a layer that reaches every cluster
// and keeps every line served when any one region is lost, within the failover budget.
import { isPrivateAddress, recordTypeOf } from '../addresses';
import type { Fleet } from '../fleet-schema';
import { formatPath } from '../issue-path';
import type { ValidationIssue } from '../validation-error';
import { checkFailoverBudget } from './failover-budget';
import { checkWriteBudget } from './write-budget';
import { igtmAccessName, igtmLineIds } from './igtm-access';
import { createsSite } from './site-layout';
import type { ClusterPath } from './topology-semantics';
import type { Traffic } from './topology-schema';
import { servingAfterLoss, trafficPlan } from './traffic-plan';

const at = (...p: PropertyKey[]) => formatPath('fleet', p);

export function checkTraffic(fleet: Fleet, pathOf: ClusterPath): ValidationIssue[] {
  const traffic = fleet.traffic;
  const issues: ValidationIssue[] = [];
  if (!traffic) {
    if (fleet.topology?.rtoSeconds !== undefined) {
      issues.push({
        path: at('topology', 'rtoSeconds'),
        message: 'sets a recovery time, but nothing sends users to another region: there is no traffic layer',
        value: fleet.topology.rtoSeconds,
        fix: 'describe the global traffic layer in fleet.traffic (IGTM, or DNSPod records)',
      });
    }
    return issues;
  }
  for (const c of fleet.clusters) {
    if (!createsSite(fleet, c) && c.ingressAddress === undefined) {
      issues.push({
        path: pathOf(c, 'ingressAddress'),
        message: `is required: the traffic layer sends users to ${c.name}, which this stack does not create`,
        fix: "give the public address of the cluster's Ingress (its CLB's public IP, or a domain)",
      });
    }
    if (c.ingressAddress !== undefined && isPrivateAddress(c.ingressAddress)) {
      issues.push({
        path: pathOf(c, 'ingressAddress'),
        message: 'is a private, loopback or reserved address, which IGTM and public DNS cannot send users to',
        value: c.ingressAddress,
        fix: "give the public address of the cluster's Ingress",
      });
    }
  }
  const regions = [...new Set(fleet.clusters.map((c) => c.region))];
  for (const plan of trafficPlan(fleet)) {
    for (const region of regions) {
      if (!servingAfterLoss(plan, region)) {
        issues.push({
          path: at('traffic', 'lines', plan.line),
          message: `has no cluster left to serve it when ${region} is lost`,
          fix: 'add a cluster in another region (any role)',
        });
      }
    }
  }
  return [...issues, ...checkFailoverBudget(fleet), ...checkWriteBudget(fleet)];
}

/**
 * What the DNS products refuse: a published name outside the zone or at its apex, IGTM lines sharing an id or
 * answering on the published name, CNAMEs sharing a line.
 */
export function checkPublishing(fleet: Fleet, traffic: Traffic, pathOf: ClusterPath): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const host = fleet.app.ingressHost;
  if (host === traffic.zone || !host.endsWith(`.${traffic.zone}`)) {
    issues.push({
      path: at('traffic', 'zone'),
      message:
        host === traffic.zone
          ? `is the published name ${host} itself: the traffic layer needs a name below the zone apex (a CNAME or line records at the apex clash with its SOA and NS)`
          : `does not contain the published name app.ingressHost ${host}`,
      value: traffic.zone,
      fix: `publish a name in the zone, e.g. app.ingressHost "www.${traffic.zone}"`,
    });
  }
  if (traffic.mode === 'igtm') {
    const access = igtmAccessName(traffic);
    if (access === fleet.app.ingressHost) {
      issues.push({
        path: at('traffic', 'access'),
        message: `names the published name ${access} itself: IGTM answers on the access name, and the published name is a CNAME to it`,
        value: access,
        fix: 'use another name for IGTM to answer on, e.g. subDomain "gtm"',
      });
    }
    const seen = new Map<number, string>();
    // Every line's id, the default line's too where the fleet leaves it implicit.
    for (const [line, id] of Object.entries(igtmLineIds(traffic)) as [string, number | undefined][]) {
      if (id === undefined) continue;
      const other = seen.get(id);
      if (other !== undefined) {
        issues.push({
          path: at('traffic', 'lines', line),
          message: `uses IGTM line ${id}, as line ${other} does: each line gets its own strategy`,
          value: id,
          fix: 'look the line ids up with DescribeDnsLineList and give each area its own',
        });
      }
      seen.set(id, line);
    }
    return issues;
  }
  // Plain records: a line publishes every site of its first tier, and a CNAME cannot share a name and line.
  for (const plan of trafficPlan(fleet)) {
    const first = plan.tiers[0] ?? [];
    if (first.length < 2) continue;
    for (const s of first) {
      const address = s.cluster.ingressAddress;
      if (address !== undefined && recordTypeOf(address) === 'CNAME') {
        issues.push({
          path: pathOf(s.cluster, 'ingressAddress'),
          message: `is a name, published as a CNAME on line ${plan.line}, which also publishes ${first
            .filter((x) => x !== s)
            .map((x) => x.name)
            .join(', ')}: a CNAME cannot share a name and line with other records`,
          value: address,
          fix: 'give the cluster\'s public IP address, or use traffic mode "igtm"',
        });
      }
    }
  }
  return issues;
}
