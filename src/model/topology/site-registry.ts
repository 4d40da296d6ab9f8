import type { RegionConfig } from '../cloud-schema';
import type { Endpoint } from '../fields';
import type { Fleet, FleetCluster } from '../fleet-schema';
import { formatPath } from '../issue-path';
import {
  defaultInClusterNacos,
  defaultManagedNacos,
  type InClusterNacosConfig,
  type ManagedNacosConfig,
  NACOS_PORTS,
  REGISTRY_DEFAULTS,
  type RegistryMode,
  tseOffered,
} from '../registry-schema';
import type { ValidationIssue } from '../validation-error';
import { layoutOf } from './site-layout';

/** The DNS domain of the clusters' Services (TKE's, and Kubernetes' default). */
export const CLUSTER_DOMAIN = 'cluster.local';

/** A cluster's registry with every default applied, and the fleet field that decides it. */
export type SiteRegistry = (
  ManagedNacosConfig | InClusterNacosConfig | { readonly mode: 'external'; readonly endpoint?: Endpoint }
) & {
  /** The fleet field that chooses the registry (or would, where the default applies), e.g. `fleet.cloud.regions[0].nacos`. */
  readonly field: string;
  /** True where the fleet leaves the choice to the default. */
  readonly defaulted: boolean;
};

/**
 * The registry of one cluster: the one home of the rule. A site the stack creates takes `cloud.regions[].nacos`,
 * by default `managed` where TSE is offered in its region and `in-cluster` elsewhere; a cluster the stack does not
 * create takes `clusters[].nacos`, by default `external` (its `endpoints.nacos`).
 */
export function registryOf(fleet: Fleet, cluster: FleetCluster): SiteRegistry {
  const layout = layoutOf(fleet, cluster);
  if (layout) {
    const field = formatPath('fleet', ['cloud', 'regions', fleet.cloud.regions.indexOf(layout), 'nacos']);
    return withEndpoint(cluster, layoutRegistry(layout, field));
  }
  const field = formatPath('fleet', ['clusters', fleet.clusters.indexOf(cluster), 'nacos']);
  return withEndpoint(
    cluster,
    cluster.nacos
      ? { ...cluster.nacos, field, defaulted: false }
      : { mode: 'external', field, defaulted: true },
  );
}

/**
 * The registry of a site the stack creates: its `nacos`, or by default `managed` where TSE is offered in its
 * region and `in-cluster` elsewhere.
 * @param field where the site's `nacos` is in the fleet
 */
export function layoutRegistry(layout: RegionConfig, field: string): SiteRegistry {
  if (layout.nacos) return { ...layout.nacos, field, defaulted: false };
  const chosen = tseOffered(layout.region) ? defaultManagedNacos() : defaultInClusterNacos();
  return { ...chosen, field, defaulted: true };
}

function withEndpoint(cluster: FleetCluster, registry: SiteRegistry): SiteRegistry {
  return registry.mode === 'external' && cluster.endpoints.nacos
    ? { ...registry, endpoint: cluster.endpoints.nacos }
    : registry;
}

/** The host an in-cluster Nacos answers on: its client Service's DNS name in the app's namespace. */
export function inClusterNacosHost(namespace: string): string {
  return `${REGISTRY_DEFAULTS.inCluster.serviceName}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** The endpoint an in-cluster Nacos answers on (the cluster's NACOS_HOST and NACOS_PORT). */
export function inClusterNacosEndpoint(namespace: string): Endpoint {
  return { host: inClusterNacosHost(namespace), port: NACOS_PORTS.http };
}

/**
 * What tells one Nacos from another: a TSE instance is its site's; an in-cluster Nacos is its cluster's Service
 * (every cluster's has the same DNS name, yet each is another Nacos); an external one is its host and port.
 * Undefined where an external registry has no endpoint (reported by `checkRegistries`).
 */
export function registryIdentity(fleet: Fleet, cluster: FleetCluster): string | undefined {
  const registry = registryOf(fleet, cluster);
  switch (registry.mode) {
    case 'managed':
      return `tse:${registry.field}`;
    case 'in-cluster':
      return `service:${cluster.name}/${fleet.app.namespace}/${REGISTRY_DEFAULTS.inCluster.serviceName}`;
    default:
      return registry.endpoint && `${registry.endpoint.host}:${registry.endpoint.port}`;
  }
}

/** The clusters whose registry is an in-cluster Nacos. */
export function inClusterRegistries(
  fleet: Fleet,
): { cluster: FleetCluster; registry: InClusterNacosConfig & SiteRegistry }[] {
  return fleet.clusters.flatMap((cluster) => {
    const registry = registryOf(fleet, cluster);
    return registry.mode === 'in-cluster' ? [{ cluster, registry }] : [];
  });
}

const MODE_WORDS: Readonly<Record<RegistryMode, string>> = {
  managed: 'a TSE Nacos this stack creates',
  'in-cluster': 'a Nacos StatefulSet this stack deploys in the cluster',
  external: 'one you run',
};

/**
 * What the fleet's registries need that the schema cannot say: managed only where TSE is offered and only at a
 * site the stack creates, the choice in one place per cluster, and `endpoints.nacos` exactly where it is read.
 */
export function checkRegistries(fleet: Fleet): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  fleet.cloud.regions.forEach((r, i) => {
    if (r.nacos?.mode === 'managed' && !tseOffered(r.region)) {
      issues.push({
        path: formatPath('fleet', ['cloud', 'regions', i, 'nacos', 'mode']),
        message: `is "managed", but TSE (Tencent Cloud's managed Nacos) is not offered in ${r.region}`,
        value: r.nacos.mode,
        fix: 'use mode "in-cluster" (a Nacos StatefulSet in the cluster) or "external" (endpoints.nacos of the cluster)',
      });
    }
  });
  fleet.clusters.forEach((cluster, i) => {
    const at = (...p: PropertyKey[]) => formatPath('fleet', ['clusters', i, ...p]);
    const layout = layoutOf(fleet, cluster);
    if (layout && cluster.nacos) {
      const site = formatPath('fleet', ['cloud', 'regions', fleet.cloud.regions.indexOf(layout), 'nacos']);
      issues.push({
        path: at('nacos'),
        message: `is for clusters this stack does not create; ${cluster.name}'s site is created, and its registry is chosen at ${site}`,
        value: cluster.nacos,
        fix: `move it to ${site}`,
      });
      return;
    }
    if (!layout && cluster.nacos?.mode === 'managed') {
      issues.push({
        path: at('nacos', 'mode'),
        message: `is "managed", but a TSE Nacos goes into a VPC this stack creates, and no site in fleet.cloud.regions creates ${cluster.name}`,
        value: 'managed',
        fix: `use "in-cluster" or "external", or describe ${cluster.name}'s site in fleet.cloud.regions`,
      });
      return;
    }
    const registry = registryOf(fleet, cluster);
    if (registry.mode === 'external' && !cluster.endpoints.nacos) {
      issues.push({
        path: at('endpoints', 'nacos'),
        message: `is required: ${cluster.name}'s Nacos is external (${registry.field}${registry.defaulted ? ', the default for a cluster this stack does not create' : ''})`,
        fix: `give its host and port, or set ${registry.field} to { mode: in-cluster }${layout ? ' or { mode: managed }' : ''}`,
      });
    }
    if (registry.mode !== 'external' && cluster.endpoints.nacos) {
      issues.push({
        path: at('endpoints', 'nacos'),
        message: `is not read: ${cluster.name}'s Nacos is ${MODE_WORDS[registry.mode]} (${registry.field}${registry.defaulted ? ', the default' : ''}), whose address the stack knows`,
        value: cluster.endpoints.nacos,
        fix: `remove it, or set ${registry.field} to { mode: external } to use this Nacos`,
      });
    }
  });
  return issues;
}

/**
 * Whether the stack generates the Nacos password the services log in with, where the stack config gives none: only
 * where it sets it itself (on an in-cluster Nacos) and no registry is external (whose user the stack cannot know).
 * Elsewhere it is Nacos's default `nacos`, which TSE and a fresh Nacos take where client authentication is off
 * (TSE's default); turning authentication on there means setting `qcbm:nacosPassword` to the user's password.
 */
export function generatesNacosPassword(fleet: Fleet): boolean {
  const modes = new Set(fleet.clusters.map((c) => registryOf(fleet, c).mode));
  return modes.has('in-cluster') && !modes.has('external');
}
