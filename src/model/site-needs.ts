import type { Fleet, FleetCluster } from './fleet-schema';
import { formatPath } from './issue-path';
import type { RuntimeNeed } from './runtime-needs';
import { layoutOf } from './topology/site-layout';
import { inClusterNacosHost, registryOf } from './topology/site-registry';
import { primaryCluster, redisMasterCluster } from './topology/sites';

/**
 * The needs of one cluster that its registry, data stores and public entry answer: the registry, the database, its
 * schema, the cache, the entry address, the certificate and the DNSPod zones. Each says what provides it, in the words of the plan.
 */
export type SiteNeed = Omit<RuntimeNeed, 'cluster'>;

const at = (...path: PropertyKey[]) => formatPath('fleet', path);

/**
 * Where a cluster's MySQL or Redis comes from: the writable one where the fleet names it (every cluster writes
 * there), else the cluster's own; built where that cluster's site creates it, declared where the fleet gives it.
 */
function storeNeed(fleet: Fleet, cluster: FleetCluster, store: 'mysql' | 'redis'): SiteNeed {
  const need = store === 'mysql' ? 'database' : 'cache';
  const product = store === 'mysql' ? 'TencentDB for MySQL' : 'TencentDB for Redis';
  const writable = store === 'mysql' ? primaryCluster(fleet) : redisMasterCluster(fleet);
  const holder = writable ?? cluster;
  const shared = writable && writable !== cluster ? `, written across regions from ${cluster.name}` : '';
  const layout = layoutOf(fleet, holder);
  const site = layout ? fleet.cloud.regions.indexOf(layout) : -1;
  if (layout && layout[store].mode === 'managed') {
    const what = writable ? `the writable ${product}` : product;
    return {
      need,
      status: 'built',
      provider: `${what} this stack creates in ${layout.region} (${holder.name}'s site)${shared}`,
      field: at('cloud', 'regions', site, store),
    };
  }
  const i = fleet.clusters.indexOf(holder);
  const endpoint = holder.endpoints[store];
  if (endpoint) {
    return {
      need,
      status: 'declared',
      provider: `${endpoint.host}:${endpoint.port}, run outside this stack${shared}`,
      field: at('clusters', i, 'endpoints', store),
    };
  }
  return {
    need,
    status: 'missing',
    provider: `nothing: ${holder.name}'s site does not create one and the fleet gives no endpoint`,
    field: at('clusters', i, 'endpoints', store),
    fix: `give ${at('clusters', i, 'endpoints', store)} (host and port), or let the stack create the site (fleet.cloud.regions[] with ${store}.mode managed)`,
  };
}

/** The Nacos every Dubbo service registers with and looks the others up in: each site's own (`registryOf`). */
export function registryNeed(fleet: Fleet, cluster: FleetCluster): SiteNeed {
  const registry = registryOf(fleet, cluster);
  const base = { need: 'registry', field: registry.field };
  switch (registry.mode) {
    case 'managed':
      return {
        ...base,
        status: 'built',
        provider: `a TSE Nacos ${registry.engineVersion} (${registry.productVersion}, ${registry.nodes} nodes) this stack creates in ${cluster.region}, its intranet address looked up at \`pulumi up\``,
      };
    case 'in-cluster':
      return {
        ...base,
        status: 'built',
        provider: `a Nacos StatefulSet in ${cluster.name} (${registry.replicas === 1 ? 'standalone' : `${registry.replicas} replicas in cluster mode`}, embedded storage), at ${inClusterNacosHost(fleet.app.namespace)}`,
      };
    case 'external': {
      const i = fleet.clusters.indexOf(cluster);
      const field = formatPath('fleet', ['clusters', i, 'endpoints', 'nacos']);
      return registry.endpoint
        ? {
            ...base,
            status: 'declared',
            provider: `${registry.endpoint.host}:${registry.endpoint.port}, run outside this stack`,
            field,
          }
        : {
            ...base,
            status: 'missing',
            provider: 'nothing: the registry is external and the fleet gives no endpoint',
            field,
            fix: `give ${field} (host and port), or set ${registry.field}: { mode: in-cluster }`,
          };
    }
  }
}

/** The database every query of the services reads: MySQL, where `storeNeed` finds it. */
export function databaseNeed(fleet: Fleet, cluster: FleetCluster): SiteNeed {
  return storeNeed(fleet, cluster, 'mysql');
}

/** The cache store-service reads first: Redis, where `storeNeed` finds it. */
export function cacheNeed(fleet: Fleet, cluster: FleetCluster): SiteNeed {
  return storeNeed(fleet, cluster, 'redis');
}

/**
 * The tables and seed rows the services query: the schema Job (in the primary's cluster, or the first cluster of
 * each database), or the user's own where the fleet turns it off.
 */
export function schemaNeed(fleet: Fleet, cluster: FleetCluster): SiteNeed {
  const field = at('app', 'schemaInit');
  if (fleet.app.schemaInit === false) {
    return {
      need: 'schema',
      status: 'declared',
      provider:
        'tables and seed rows created outside this stack (app.schemaInit: false); an empty store answers /api/book/all with 404',
      field,
    };
  }
  const runner = primaryCluster(fleet) ?? firstSharing(fleet, cluster);
  return {
    need: 'schema',
    status: 'built',
    provider: `the schema Job (qcbm-schema-<hash>, image ${fleet.app.schemaInit.image}) in ${runner.name}, idempotent, creating the tables and the 12 books and 3 users`,
    field,
  };
}

/** The first cluster, in fleet order, that names the same database as `cluster` (as `schemaInitTargets` picks). */
function firstSharing(fleet: Fleet, cluster: FleetCluster): FleetCluster {
  // A database the cluster's site creates is its own, whatever the fleet file says (the created one replaces it).
  const key = (c: FleetCluster) =>
    layoutOf(fleet, c)?.mysql.mode === 'managed' || !c.endpoints.mysql
      ? `site ${c.name}`
      : `${c.endpoints.mysql.host.toLowerCase()}:${c.endpoints.mysql.port}`;
  return fleet.clusters.find((c) => key(c) === key(cluster)) ?? cluster;
}

/** The public address users reach the cluster's Ingress on. */
export function entryNeed(fleet: Fleet, cluster: FleetCluster): SiteNeed {
  const i = fleet.clusters.indexOf(cluster);
  const layout = layoutOf(fleet, cluster);
  if (layout) {
    return {
      need: 'entry',
      status: 'built',
      provider: `the public CLB this stack creates in ${layout.region} in front of the Ingress (its VIP, or its domain where it has none)`,
      field: at('cloud', 'regions', fleet.cloud.regions.indexOf(layout)),
    };
  }
  if (cluster.ingressAddress) {
    return {
      need: 'entry',
      status: 'declared',
      provider: `${cluster.ingressAddress}, in front of the cluster's Ingress, run outside this stack`,
      field: at('clusters', i, 'ingressAddress'),
    };
  }
  return {
    need: 'entry',
    status: fleet.traffic ? 'missing' : 'declared',
    provider: fleet.traffic
      ? 'nothing: the traffic layer has no address to send users to'
      : 'the Ingress, published outside this stack (the fleet has no traffic layer)',
    field: fleet.traffic ? at('clusters', i, 'ingressAddress') : at('traffic'),
    ...(fleet.traffic
      ? {
          fix: `give ${at('clusters', i, 'ingressAddress')} (the public IPv4 address or domain of its Ingress)`,
        }
      : {}),
  };
}

/** The certificate HTTPS on the published name is served with. */
export function certificateNeed(fleet: Fleet): SiteNeed {
  const tls = fleet.app.tls;
  const field = at('app', 'tls');
  const host = fleet.app.ingressHost;
  if (!tls) {
    return fleet.traffic
      ? {
          need: 'certificate',
          status: 'missing',
          provider: `nothing: ${host} is published over plain HTTP`,
          field,
          fix: `set ${field}: { certificate: free } (a free DV certificate validated through DNSPod), uploaded (qcbm:tlsCertificate / qcbm:tlsPrivateKey) or existing (certificateId)`,
        }
      : {
          need: 'certificate',
          status: 'declared',
          provider: `none: ${host} is not published by this stack (no traffic layer), its Ingress serves plain HTTP`,
          field,
        };
  }
  const secret = `Secret ${tls.secretName} (qcloud_cert_id) and the Ingress's tls in every cluster`;
  switch (tls.certificate) {
    case 'free':
      return {
        need: 'certificate',
        status: 'built',
        provider: `a free DV certificate for ${host} this stack requests (DNS validation in DNSPod; renewed by raising app.tls.renewal), named by the ${secret}`,
        field,
      };
    case 'uploaded':
      return {
        need: 'certificate',
        status: 'built',
        provider: `the certificate of qcbm:tlsCertificate / qcbm:tlsPrivateKey, uploaded by this stack, named by the ${secret}`,
        field,
      };
    case 'existing':
      return {
        need: 'certificate',
        status: 'declared',
        provider: `certificate ${tls.certificateId} in the account's SSL service, named by the ${secret}`,
        field: at('app', 'tls', 'certificateId'),
      };
  }
}

/** The DNSPod zones the published name and IGTM's access domain live in; none without a traffic layer. */
export function zoneNeeds(fleet: Fleet): SiteNeed[] {
  const traffic = fleet.traffic;
  if (!traffic) return [];
  const zones = [{ zone: traffic.zone, source: traffic.zoneSource, field: at('traffic', 'zoneSource') }];
  if (traffic.mode === 'igtm') {
    zones.push({
      zone: traffic.access.domain,
      source: traffic.access.zoneSource,
      field: at('traffic', 'access', 'zoneSource'),
    });
  }
  return zones.map(({ zone, source, field }) =>
    source === 'create'
      ? {
          need: 'zones',
          status: 'built' as const,
          provider: `DNSPod zone ${zone}, created by this stack (delegate its name servers at the registrar by hand)`,
          field,
        }
      : {
          need: 'zones',
          status: 'declared' as const,
          provider: `DNSPod zone ${zone}, already in the account: looked up at \`pulumi up\`, which fails naming it when absent`,
          field,
        },
  );
}
