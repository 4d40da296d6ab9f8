import { collectorNetwork } from './collector-address';
import type { Endpoint } from './fields';
import type { Fleet, FleetCluster } from './fleet-schema';
import { accountWideRegion } from './topology/account-wide-region';
import { layoutOf } from './topology/site-layout';
import type { CollectorNetwork } from './tracing-schema';

/** The region of the APM instance a fleet with `cloud.tracing.mode: managed` creates. */
export function apmRegion(fleet: Fleet): string {
  const tracing = fleet.cloud.tracing;
  return (tracing.mode === 'managed' ? tracing.region : undefined) ?? accountWideRegion(fleet);
}

/**
 * How one cluster's services reach their collector. `in-network`: the collector is on the intranet; `nat`: on the
 * internet, through the NAT gateway of the cluster's site; `no-route`: on the internet, and the site the stack
 * creates has no way out (`egress: none`); `unknown`: on the internet, from a network this stack does not create.
 */
export interface CollectorReach {
  readonly cluster: FleetCluster;
  /** The declared collector; undefined for the APM instance the stack creates (its address is public). */
  readonly declared?: Endpoint;
  readonly network: CollectorNetwork;
  readonly route: 'in-network' | 'nat' | 'no-route' | 'unknown';
  /** The index of the cluster's site in `fleet.cloud.regions`, where the stack creates it. */
  readonly siteIndex?: number;
}

/** How every cluster reaches its collector, in fleet order. */
export function collectorReach(fleet: Fleet): CollectorReach[] {
  const tracing = fleet.cloud.tracing;
  return fleet.clusters.map((cluster) => {
    const layout = layoutOf(fleet, cluster);
    const siteIndex = layout ? fleet.cloud.regions.indexOf(layout) : undefined;
    const declared = tracing.mode === 'external' ? cluster.endpoints.skywalking : undefined;
    // The APM instance is reached at its public collector address (the provider gives no other).
    const network: CollectorNetwork =
      tracing.mode === 'managed'
        ? 'internet'
        : (tracing.network ?? (declared ? collectorNetwork(declared.host) : 'internet'));
    const route =
      network === 'intranet'
        ? 'in-network'
        : !layout
          ? 'unknown'
          : layout.egress === 'nat'
            ? 'nat'
            : 'no-route';
    return {
      cluster,
      ...(declared ? { declared } : {}),
      network,
      route,
      ...(siteIndex === undefined ? {} : { siteIndex }),
    };
  });
}
