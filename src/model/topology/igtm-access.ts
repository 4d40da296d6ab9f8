import type { IgtmTraffic } from './topology-schema';

/**
 * The name IGTM answers on (`<access.subDomain>.<access.domain>`): the published name is a CNAME to it, and a
 * drill watches it.
 */
export function igtmAccessName(traffic: IgtmTraffic): string {
  return `${traffic.access.subDomain}.${traffic.access.domain}`;
}

/** The value of the published name's CNAME: the access name, fully qualified (with the trailing dot). */
export function igtmCnameTarget(traffic: IgtmTraffic): string {
  return `${igtmAccessName(traffic)}.`;
}
