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
} as const;

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
  for (const cluster of fleet.clusters) {
    const layout = layoutOf(fleet, cluster);
    if (!layout) continue;
    const endpoints: ClusterRuntime['endpoints'] = {
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
