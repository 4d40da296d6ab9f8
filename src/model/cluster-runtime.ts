import { type AppSettings, clusterAppSettings } from './app-settings';
import type { ClusterEndpoints } from './fields';
import type { Fleet, FleetCluster } from './fleet-schema';
import { formatPath } from './issue-path';
import { inClusterNacosEndpoint, registryOf, type SiteRegistry } from './topology/site-registry';
import { primaryCluster, redisMasterCluster } from './topology/sites';
import { ValidationError, type ValidationIssue } from './validation-error';
import { writerName } from './writer-name';

/** CLB instances created for one cluster; TKE attaches the Ingress and the api-gateway Service to them. */
export interface ClusterLoadBalancers {
  /** The public CLB in front of the Ingress. */
  readonly ingressClbId?: string;
  /** The internal CLB in front of the api-gateway Service. */
  readonly gatewayClbId?: string;
}

/**
 * What a cluster receives at run time, once its region exists. One type along the whole way: the region
 * component produces it (as an Output), app delivery passes it on unchanged, and fleet synthesis consumes it.
 * Whatever is left out comes from the fleet file.
 */
export interface ClusterRuntime {
  /** Endpoints of the data stores created for the cluster; they replace the fleet file's. */
  readonly endpoints?: Partial<ClusterEndpoints>;
  /** The subnet of the cluster's internal CLB (api-gateway); it replaces the fleet file's. */
  readonly gatewaySubnetId?: string;
  /** The CLBs created for the cluster. */
  readonly loadBalancers?: ClusterLoadBalancers;
}

/** A cluster with every value it runs with: the fleet file's, overlaid with what its region produced. */
export interface ResolvedCluster {
  /** The cluster as the fleet describes it. */
  readonly cluster: FleetCluster;
  readonly endpoints: ClusterEndpoints;
  readonly gatewaySubnetId: string;
  readonly loadBalancers: ClusterLoadBalancers;
  /** Where its Nacos comes from (`registryOf`); an in-cluster one is part of its manifests. */
  readonly registry: SiteRegistry;
  /** Each component's replicas and image here: the fleet's `app`, with this cluster's `differences`. */
  readonly app: AppSettings;
}

/**
 * Every cluster of the fleet with the values it runs with, in fleet order. This is the one place that decides
 * where a cluster's values come from.
 * @param runtime what each cluster's region produced, by cluster name
 * @throws ValidationError when a value is neither in the fleet file nor produced, or `runtime` names a cluster
 * the fleet does not list
 */
export function resolveClusters(
  fleet: Fleet,
  runtime: Readonly<Record<string, ClusterRuntime>> = {},
): ResolvedCluster[] {
  const issues: ValidationIssue[] = [];
  const known = new Set(fleet.clusters.map((c) => c.name));
  for (const name of Object.keys(runtime).filter((n) => !known.has(n))) {
    issues.push({
      path: `runtime["${name}"]`,
      message: 'names a cluster that is not in fleet.clusters',
      value: name,
      fix: "pass run-time values only for the fleet's clusters",
    });
  }
  const own = (c: FleetCluster, store: 'mysql' | 'redis') =>
    runtime[c.name]?.endpoints?.[store] ?? c.endpoints[store];
  // One writable database: every cluster writes where the topology says, whatever its region holds.
  const writable = { mysql: primaryCluster(fleet), redis: redisMasterCluster(fleet) };
  // Where the stack creates the primary, every cluster writes through its one name (`writerName`), on the port
  // the primary listens on, once its region produced it (offline: a placeholder).
  const writer = writerName(fleet);
  const primaryEndpoint = writable.mysql && own(writable.mysql, 'mysql');
  const writerEndpoint = writer && primaryEndpoint && { host: writer.host, port: primaryEndpoint.port };
  // A value missing at the writable cluster is reported once, there.
  const reported = new Set<string>();
  const resolved = fleet.clusters.map((cluster, i) => {
    const produced = runtime[cluster.name] ?? {};
    const registry = registryOf(fleet, cluster);
    const endpoints = {
      ...cluster.endpoints,
      ...produced.endpoints,
      // An in-cluster Nacos is its Service, whatever else says: known before anything exists. A TSE one comes from
      // the region.
      ...(registry.mode === 'in-cluster' ? { nacos: inClusterNacosEndpoint(fleet.app.namespace) } : {}),
      ...(writable.mysql ? { mysql: writerEndpoint || own(writable.mysql, 'mysql') } : {}),
      ...(writable.redis ? { redis: own(writable.redis, 'redis') } : {}),
    };
    const gatewaySubnetId = produced.gatewaySubnetId ?? cluster.gatewaySubnetId;
    for (const store of ['mysql', 'redis'] as const) {
      const holder = writable[store] ?? cluster;
      if (endpoints[store] !== undefined || reported.has(`${holder.name}/${store}`)) continue;
      reported.add(`${holder.name}/${store}`);
      const shared = writable[store] ? `, and every cluster writes to ${holder.name}'s` : '';
      const at = holder === cluster ? i : fleet.clusters.indexOf(holder);
      issues.push({
        path: formatPath('fleet', ['clusters', at, 'endpoints', store]),
        message: `is not known yet: ${holder.region} creates it during \`pulumi up\`${shared}`,
        fix: 'deploy with the Pulumi program (it passes the real endpoint), preview with `npm run plan`, or give host and port in the fleet file',
      });
    }
    if (endpoints.skywalking === undefined) {
      issues.push({
        path: formatPath('fleet', ['clusters', i, 'endpoints', 'skywalking']),
        message:
          'is not known yet: the APM instance (fleet.cloud.tracing.mode "managed") is created during `pulumi up`',
        fix: 'deploy with the Pulumi program (it passes the collector), preview with `npm run plan`, or declare the collector (fleet.cloud.tracing.mode "external")',
      });
    }
    // parseFleet sees to it that an external registry has its endpoint: only a TSE Nacos can be missing here.
    if (endpoints.nacos === undefined) {
      issues.push({
        path: registry.field,
        message: `gives ${cluster.name} a ${registry.mode} Nacos whose address is not known yet: ${cluster.region} creates it during \`pulumi up\``,
        fix: 'deploy with the Pulumi program (it passes the real address), or preview with `npm run plan`',
      });
    }
    if (gatewaySubnetId === undefined) {
      issues.push({
        path: formatPath('fleet', ['clusters', i, 'gatewaySubnetId']),
        message: `is not known yet: ${cluster.region}'s subnets are created during \`pulumi up\``,
        fix: 'deploy with the Pulumi program, or give the subnet id in the fleet file',
      });
    }
    return {
      cluster,
      endpoints: endpoints as ClusterEndpoints,
      gatewaySubnetId: gatewaySubnetId as string,
      loadBalancers: { ...produced.loadBalancers },
      registry,
      app: clusterAppSettings(fleet, cluster.name),
    };
  });
  if (issues.length > 0) throw new ValidationError(`fleet "${fleet.name}"`, issues);
  return resolved;
}
