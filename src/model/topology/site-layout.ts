import type { RegionConfig } from '../cloud-schema';
import type { Fleet, FleetCluster } from '../fleet-schema';

/**
 * The site (`fleet.cloud.regions[]` entry) this stack creates for a cluster: the one naming the cluster, or
 * the only one of the cluster's region that names none. Undefined where the cluster's region is not created.
 */
export function layoutOf(fleet: Fleet, cluster: FleetCluster): RegionConfig | undefined {
  const named = fleet.cloud.regions.find((r) => r.cluster === cluster.name);
  if (named) return named;
  const inRegion = fleet.cloud.regions.filter((r) => r.region === cluster.region);
  return inRegion.length === 1 && inRegion[0].cluster === undefined ? inRegion[0] : undefined;
}

/**
 * Whether this stack creates the cluster's site (its network, TKE cluster, CLBs and data stores). A cluster the
 * stack does not create may stand in a region it builds (a second cluster there, with no site of its own): ask
 * this, never whether the stack builds the cluster's region.
 */
export function createsSite(fleet: Fleet, cluster: FleetCluster): boolean {
  return layoutOf(fleet, cluster) !== undefined;
}

/**
 * The clusters whose kubeconfig someone must hand to this stack: with direct delivery, every cluster whose site the
 * stack does not create (it makes the kubeconfigs of the clusters it creates). None with hub delivery.
 */
export function clustersNeedingKubeconfigs(fleet: Fleet): FleetCluster[] {
  return fleet.cloud.delivery === 'direct' ? fleet.clusters.filter((c) => !createsSite(fleet, c)) : [];
}

/** True where the cluster's region holds another site of this stack too (a same-city pair). */
export function sharesRegion(fleet: Fleet, cluster: FleetCluster): boolean {
  return fleet.clusters.some((c) => c !== cluster && c.region === cluster.region && createsSite(fleet, c));
}

/**
 * The name a site's cloud resources are created under: its region, or its cluster where the region holds two
 * sites. The Pulumi program names components by it, the stack outputs key DR instances by it, and the failover
 * runbook rebuilds URNs from it.
 */
export function siteComponentName(fleet: Fleet, cluster: FleetCluster): string {
  return sharesRegion(fleet, cluster) ? cluster.name : cluster.region;
}
