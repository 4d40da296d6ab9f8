import { synthesizeFleet } from '../../k8s/fleet/synthesize-fleet';
import type { Fleet, FleetCluster } from '../../model/fleet-schema';
import { offlineRuntime } from '../../model/offline-runtime';
import type { PrintedStackOutputs } from '../../model/stack-outputs';
import { linesOf } from '../../model/topology/traffic-plan';
import { UserError } from '../../model/user-error';
import type { AppDeployment, TakeoutMethod } from './takeout';

/** What a drill takes out and watches, derived from the fleet and the stack outputs, nothing else. */
export interface DrillTarget {
  readonly region: string;
  /** The clusters of that region. */
  readonly clusters: readonly FleetCluster[];
  readonly method: TakeoutMethod;
  /** The name whose answers change: IGTM's access name, or the published name with DNSPod records. */
  readonly watchedName: string;
  /** The zone whose authoritative servers answer for `watchedName`. */
  readonly watchedZone: string;
  /** The name users type (the probes' Host header). */
  readonly publishedName: string;
  /** Each lost cluster's public address, where known (the stack outputs, or the fleet's `ingressAddress`). */
  readonly addresses: Readonly<Record<string, string | undefined>>;
  /** Each lost cluster's IGTM pool, where the stack outputs give it. */
  readonly pools: Readonly<Record<string, number | undefined>>;
  /** The lines the fleet publishes (a drill may probe only these). */
  readonly lines: readonly string[];
  /** The app's Deployments (what the hub and direct methods scale). */
  readonly deployments: readonly AppDeployment[];
}

/**
 * The drill of one region of a fleet: refuses a region the fleet does not have, the only region that serves,
 * a fleet without a traffic layer, and a method the fleet cannot use.
 * @param method @default 'hub' for hub delivery, 'direct' for direct delivery
 */
export function drillTarget(
  fleet: Fleet,
  region: string,
  method: TakeoutMethod | undefined,
  outputs: PrintedStackOutputs | undefined,
): DrillTarget {
  const traffic = fleet.traffic;
  if (!traffic) {
    throw new UserError(
      `fleet "${fleet.name}" has no traffic layer: nothing sends users of a lost region elsewhere, so there is nothing to drill`,
      'describe fleet.traffic (IGTM or DNSPod records) and deploy it first',
    );
  }
  const regions = [...new Set(fleet.clusters.map((c) => c.region))];
  if (!regions.includes(region)) {
    throw new UserError(
      `--region ${region} is not a region of fleet "${fleet.name}"`,
      `use one of ${regions.join(', ')}`,
    );
  }
  if (regions.length < 2) {
    throw new UserError(
      `${region} is the only region of fleet "${fleet.name}": taking it out leaves nobody to serve`,
      'drill a fleet of two regions or more',
    );
  }
  const clusters = fleet.clusters.filter((c) => c.region === region);
  const chosen = method ?? (fleet.cloud.delivery === 'hub' ? 'hub' : 'direct');
  if (chosen === 'traffic' && traffic.mode !== 'igtm') {
    throw new UserError(
      '--method traffic disables addresses in IGTM pools, and this fleet publishes plain DNSPod records',
      'use --method hub or direct',
    );
  }
  if (chosen === 'hub') {
    const unknown = clusters.filter((c) => c.hubNamespace === undefined).map((c) => c.name);
    if (unknown.length > 0) {
      throw new UserError(
        `--method hub needs each cluster's hub namespace, and the fleet does not give it for ${unknown.join(', ')}`,
        'set clusters[].hubNamespace, or use --method direct',
      );
    }
  }
  const sites = Object.values(outputs?.sites ?? {});
  const addresses = Object.fromEntries(
    clusters.map((c) => [
      c.name,
      outputs?.traffic?.clusters[c.name]?.address ??
        sites.find((s) => s.cluster === c.name)?.ingressVip ??
        c.ingressAddress,
    ]),
  );
  const pools = Object.fromEntries(clusters.map((c) => [c.name, outputs?.traffic?.clusters[c.name]?.poolId]));
  const watched =
    traffic.mode === 'igtm'
      ? {
          watchedName: `${traffic.access.subDomain}.${traffic.access.domain}`,
          watchedZone: traffic.access.domain,
        }
      : { watchedName: fleet.app.ingressHost, watchedZone: traffic.zone };
  const manifests = synthesizeFleet(fleet, { runtime: offlineRuntime(fleet).runtime }).hubApp;
  const deployments = manifests
    .filter((m) => m.kind === 'Deployment')
    .map((m) => ({
      name: String(m.metadata?.name),
      namespace: String(m.metadata?.namespace ?? fleet.app.namespace),
    }));
  return {
    region,
    clusters,
    method: chosen,
    ...watched,
    publishedName: fleet.app.ingressHost,
    addresses,
    pools,
    lines: linesOf(fleet),
    deployments,
  };
}
