import type * as pulumi from '@pulumi/pulumi';
import type { Fleet, FleetCluster } from '../../model/fleet-schema';
import type { SitePlan } from '../../model/topology/site-plan';
import { primaryCluster, redisMasterCluster } from '../../model/topology/sites';
import type { QcbmDataReplication } from '../data/qcbm-data-replication';
import type { QcbmRegion } from '../region/qcbm-region';

/**
 * What each cluster's app waits for, by cluster name: the readiness of its own site (`QcbmRegion.readiness`: its
 * data stores, registry, way out), that of the sites it writes to (the primary MySQL's and the Redis master's, whose
 * database, account and privileges it uses), and, where those are in another site, the Cloud Connect attachments
 * of both ends.
 * @param sites `sitePlans(fleet)`
 * @param regions the region component of each site, by `componentName`
 */
export function deliveryPrerequisites(
  fleet: Fleet,
  sites: readonly SitePlan[],
  regions: Readonly<Record<string, QcbmRegion>>,
  data: QcbmDataReplication | undefined,
): Record<string, pulumi.Resource[]> {
  const siteOf = (c: FleetCluster | undefined) => (c ? sites.find((s) => s.cluster === c) : undefined);
  const writes = [primaryCluster(fleet), redisMasterCluster(fleet)];
  return Object.fromEntries(
    fleet.clusters.map((cluster) => {
      const own = siteOf(cluster);
      const written = writes.map(siteOf).filter((s): s is SitePlan => s !== undefined && s !== own);
      const attachment = (s: SitePlan | undefined) => (s ? data?.attachments[s.componentName] : undefined);
      const across = written.length > 0 ? [own, ...written].map(attachment) : [];
      const needs = [
        ...(own ? regions[own.componentName].readiness : []),
        ...written.flatMap((s) => regions[s.componentName].readiness),
        ...across.filter((a): a is NonNullable<typeof a> => a !== undefined),
      ];
      return [cluster.name, [...new Set(needs)]];
    }),
  );
}
