import type { ClusterRuntime } from './cluster-runtime';
import type { Fleet } from './fleet-schema';
import { QCBM_DEFAULTS } from './qcbm-components';
import { layoutOf } from './topology/site-layout';
import { registryOf } from './topology/site-registry';

/** What stands in for a value `pulumi up` creates, where a command renders without a deployment. */
export const PLACEHOLDERS = {
  host: (cluster: string, store: string) => `${store}.${cluster}.created-by-pulumi-up.invalid`,
  subnetId: 'subnet-00000000',
  ingressClbId: 'lb-00000000',
  gatewayClbId: 'lb-00000001',
  certificateId: '00000000',
} as const;

/**
 * The certificate id that stands in where the stack creates the certificate of `fleet.app.tls` (`free`,
 * `uploaded`); undefined where the fleet has no TLS or gives the id (`existing`).
 */
export function offlineCertificateId(fleet: Fleet): string | undefined {
  const tls = fleet.app.tls;
  return tls && tls.certificate !== 'existing' ? PLACEHOLDERS.certificateId : undefined;
}

/**
 * Run-time values for the clusters whose sites the stack creates, where the fleet file does not give them:
 * placeholders (`.invalid` hosts, all-zero ids), so a cluster's manifests can be rendered and compared before
 * anything exists. Returns the clusters that got any, for the command to say so.
 */
export function offlineRuntime(fleet: Fleet): {
  runtime: Record<string, ClusterRuntime>;
  placeholders: string[];
} {
  const runtime: Record<string, ClusterRuntime> = {};
  const placeholders: string[] = [];
  // The APM instance's collector is every cluster's, whether or not the stack creates the cluster's site.
  const collector: ClusterRuntime['endpoints'] =
    fleet.cloud.tracing.mode === 'managed'
      ? { skywalking: { host: PLACEHOLDERS.host('apm', 'skywalking'), port: QCBM_DEFAULTS.ports.skywalking } }
      : {};
  for (const cluster of fleet.clusters) {
    const layout = layoutOf(fleet, cluster);
    if (!layout) {
      if (collector.skywalking) {
        runtime[cluster.name] = { endpoints: collector };
        placeholders.push(cluster.name);
      }
      continue;
    }
    const endpoints: ClusterRuntime['endpoints'] = {
      ...collector,
      ...(layout.mysql.mode === 'managed' && !cluster.endpoints.mysql
        ? { mysql: { host: PLACEHOLDERS.host(cluster.name, 'mysql'), port: QCBM_DEFAULTS.ports.mysql } }
        : {}),
      ...(layout.redis.mode === 'managed' && !cluster.endpoints.redis
        ? { redis: { host: PLACEHOLDERS.host(cluster.name, 'redis'), port: QCBM_DEFAULTS.ports.redis } }
        : {}),
      ...(registryOf(fleet, cluster).mode === 'managed'
        ? { nacos: { host: PLACEHOLDERS.host(cluster.name, 'nacos'), port: QCBM_DEFAULTS.ports.nacos } }
        : {}),
    };
    runtime[cluster.name] = {
      endpoints,
      ...(cluster.gatewaySubnetId === undefined ? { gatewaySubnetId: PLACEHOLDERS.subnetId } : {}),
      loadBalancers: { ingressClbId: PLACEHOLDERS.ingressClbId, gatewayClbId: PLACEHOLDERS.gatewayClbId },
    };
    placeholders.push(cluster.name);
  }
  return { runtime, placeholders };
}
