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
