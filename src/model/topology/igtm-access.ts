import { IGTM_DEFAULT_LINE_ID, type IgtmTraffic, type LineKey } from './topology-schema';

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

/**
 * The IGTM line id of every line the fleet publishes: those `traffic.lines` states, and the default line's, which is
 * `IGTM_DEFAULT_LINE_ID` where the fleet states none. One strategy is created per entry.
 */
export function igtmLineIds(
  traffic: IgtmTraffic,
): Partial<Record<LineKey, number>> & { readonly default: number } {
  return { default: IGTM_DEFAULT_LINE_ID, ...traffic.lines };
}

/**
 * The IGTM line id of one line (`igtmLineIds`).
 * @throws Error for a line the fleet does not publish (a bug of the caller: lines come from `linesOf(fleet)`)
 */
export function igtmLineId(traffic: IgtmTraffic, line: LineKey): number {
  const id = igtmLineIds(traffic)[line];
  if (id === undefined) throw new Error(`traffic.lines has no IGTM line id for line ${line}`);
  return id;
}
