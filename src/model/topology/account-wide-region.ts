import type { Fleet } from '../fleet-schema';
import { createsSite } from './site-layout';
import { primaryCluster, redisMasterCluster } from './sites';

/**
 * The region whose Tencent Cloud provider creates the account-wide resources: the Cloud Connect Network, and the
 * IGTM instance and DNSPod records of the traffic layer. It is the region of the first of these sites this stack
 * creates: the primary MySQL's, the Redis master's, the first in `fleet.clusters`; where the stack creates no
 * site, the first cluster's region. Every fleet with a topology names a primary the stack creates, so there it
 * is `data.mysql.primaryRegion`.
 */
export function accountWideRegion(fleet: Fleet): string {
  const candidates = [primaryCluster(fleet), redisMasterCluster(fleet), ...fleet.clusters];
  const chosen = candidates.find((c) => c !== undefined && createsSite(fleet, c)) ?? fleet.clusters[0];
  return chosen.region;
}
