import type { SitePlan } from '../../../src/model/topology/site-plan';
import type { RegionConfig } from '../../../src/model/cloud-schema';
import type { Fleet } from '../../../src/model/fleet-schema';
import { layoutRegistry } from '../../../src/model/topology/site-registry';

/**
 * A site on its own, as a fleet without a primary MySQL plans it: its own data stores, nothing shared. For tests
 * of one region component built from a (possibly altered) layout.
 */
export function standaloneSite(fleet: Fleet, layout: RegionConfig): SitePlan {
  const cluster = fleet.clusters.find((c) => c.region === layout.region);
  if (!cluster) throw new Error(`no cluster of ${fleet.name} in ${layout.region}`);
  return {
    layout,
    cluster,
    componentName: layout.region,
    createsMysql: layout.mysql.mode === 'managed',
    mysqlPrimary: false,
    redisMaster: false,
    redisMember: false,
    dataPeers: [],
    registry: layoutRegistry(layout, `fleet.cloud.regions[${fleet.cloud.regions.indexOf(layout)}].nacos`),
  };
}
