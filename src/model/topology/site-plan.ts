import type { RegionConfig } from '../cloud-schema';
import type { Fleet, FleetCluster } from '../fleet-schema';
import { QCBM_DEFAULTS } from '../qcbm-components';
import { consoleNames } from '../resource-names';
import { dataPlan } from './data-plan';
import { layoutOf, sharesRegion, siteComponentName } from './site-layout';
import { registryOf, type SiteRegistry } from './site-registry';
import { redisMasterCluster } from './sites';
import type { SyncMode } from './topology-schema';

/**
 * A data service a data security group opens: its port and the name rules describe it by. The cloud components
 * take the port as a Pulumi input too (`DataPort<pulumi.Input<number>>`).
 */
export interface DataPort<Port = number> {
  readonly port: Port;
  readonly name: string;
}

/**
 * Another site's network that reaches a site's data stores over the Cloud Connect Network: the one writable
 * MySQL (or Redis master) serves every site. The cloud components take Pulumi inputs too
 * (`DataPeer<pulumi.Input<string>, pulumi.Input<number>>`).
 */
export interface DataPeer<Cidr = string, Port = number> {
  /** Its node subnet or pod network. */
  readonly cidrBlock: Cidr;
  /** Who it is, for the rule's description, e.g. `shanghai-01 pods`. */
  readonly who: string;
  /** The data services it may reach. */
  readonly ports: readonly DataPort<Port>[];
}

/** A promoted disaster-recovery instance the primary's site adopts, with what it was created with. */
export interface MysqlAdoption {
  readonly instanceId: string;
  /** Its console name: a disaster-recovery instance's (`consoleNames.drInstance`). */
  readonly instanceName: string;
  /** How its standby replicates: what it was created with as a copy (`data.mysql.crossRegionSync`). */
  readonly standbySync: SyncMode;
}

/** What the environment builds at one site (one entry of `fleet.cloud.regions`). */
export interface SitePlan {
  readonly layout: RegionConfig;
  readonly cluster: FleetCluster;
  /**
   * The region component's logical name: the region id, or the cluster's name where the region holds two
   * sites of the fleet.
   */
  readonly componentName: string;
  /** Where the region holds two sites: the cluster's name, which the site's CLB and instance names carry. */
  readonly siteName?: string;
  /** Creates a MySQL instance of its own: the primary, or every managed site where the fleet names none. */
  readonly createsMysql: boolean;
  /** Holds the fleet's one writable MySQL (`data.mysql`). */
  readonly mysqlPrimary: boolean;
  /**
   * For the primary after a failover (`data.mysql.promotion`): the promoted instance its MySQL adopts (Pulumi's
   * `import`), with the console name it was created with as a disaster-recovery instance.
   */
  readonly adoptsMysql?: MysqlAdoption;
  /** For the primary: the zone of its standby replica (the same-city centre's) and how it replicates. */
  readonly standbyZone?: string;
  readonly standbySync?: SyncMode;
  /** The disaster-recovery instance of the primary it gets (a managed site in another region), or undefined. */
  readonly drCopy?: { readonly memSizeMb: number; readonly volumeSizeGb: number };
  /** Its Redis is the writable master of a global replication group. */
  readonly redisMaster: boolean;
  /** Its Redis joins a global replication group (master or read-only member). */
  readonly redisMember: boolean;
  /** Other sites' node subnets and pod networks its data security group admits, on the writable stores' ports. */
  readonly dataPeers: readonly DataPeer[];
  /** Its Nacos (`registryOf`): a managed one is created with the site. */
  readonly registry: SiteRegistry;
}

const MYSQL_PORT: DataPort = { port: QCBM_DEFAULTS.ports.mysql, name: 'MySQL' };
const REDIS_PORT: DataPort = { port: QCBM_DEFAULTS.ports.redis, name: 'Redis' };

/**
 * The sites this stack creates (`createsSite`), in the order of `fleet.clusters`, and what each builds. Where the fleet names a primary MySQL, only its site creates a
 * MySQL instance (with the same-city centre's zone as its standby zone); managed sites in other regions get a
 * disaster-recovery instance of it; its data security group admits every other site's nodes and pods on the
 * MySQL port only (and on the Redis port where it is also the Redis master).
 */
export function sitePlans(fleet: Fleet): SitePlan[] {
  const data = dataPlan(fleet);
  const sites = fleet.clusters.flatMap((cluster) => {
    const layout = layoutOf(fleet, cluster);
    return layout ? [{ cluster, layout }] : [];
  });
  const redisMaster = redisMasterCluster(fleet);
  return sites.map(({ cluster, layout }): SitePlan => {
    const mysql = layout.mysql.mode === 'managed' ? layout.mysql : undefined;
    const isPrimary = data?.primary === cluster;
    const isRedisMaster = redisMaster === cluster;
    const ports = [...(isPrimary ? [MYSQL_PORT] : []), ...(isRedisMaster ? [REDIS_PORT] : [])];
    const standbyZone =
      isPrimary && data?.standbyZoneOf ? layoutOf(fleet, data.standbyZoneOf)?.zone : undefined;
    const twoSites = sharesRegion(fleet, cluster);
    return {
      layout,
      cluster,
      componentName: siteComponentName(fleet, cluster),
      ...(twoSites ? { siteName: cluster.name } : {}),
      createsMysql: mysql !== undefined && (data === undefined || isPrimary),
      mysqlPrimary: isPrimary,
      ...(isPrimary && data.promotion && mysql
        ? {
            adoptsMysql: {
              instanceId: data.promotion.instanceId,
              instanceName: consoleNames.drInstance(layout.region),
              standbySync: fleet.data.mysql?.crossRegionSync ?? 'async',
            },
          }
        : {}),
      ...(standbyZone ? { standbyZone } : {}),
      ...(isPrimary ? { standbySync: data.standbySync } : {}),
      ...(mysql && data?.drCopies.includes(cluster)
        ? { drCopy: { memSizeMb: mysql.memSizeMb, volumeSizeGb: mysql.volumeSizeGb } }
        : {}),
      redisMaster: isRedisMaster,
      redisMember: redisMaster !== undefined && layout.redis.mode === 'managed',
      registry: registryOf(fleet, cluster),
      dataPeers:
        ports.length === 0
          ? []
          : sites
              .filter((other) => other.cluster !== cluster)
              .flatMap((other) => [
                { cidrBlock: other.layout.nodeSubnetCidr, who: `${other.cluster.name} nodes`, ports },
                { cidrBlock: other.layout.kubernetes.clusterCidr, who: `${other.cluster.name} pods`, ports },
              ]),
    };
  });
}
