import type { ClusterEndpoints } from '../../model/fields';
import { QCBM_CONFIG_KEYS } from '../../model/qcbm-components';

type ConfigKey = (typeof QCBM_CONFIG_KEYS)[number];

/** The `qcbm-env` ConfigMap data for a set of endpoints. */
export function endpointConfig(e: ClusterEndpoints): Record<ConfigKey, string> {
  return {
    REDIS_HOST: e.redis.host,
    NACOS_HOST: e.nacos.host,
    MYSQL_PORT: String(e.mysql.port),
    MYSQL_HOST: e.mysql.host,
    REDIS_PORT: String(e.redis.port),
    NACOS_PORT: String(e.nacos.port),
    SW_AGENT_COLLECTOR_BACKEND_SERVICES: `${e.skywalking.host}:${e.skywalking.port}`,
  };
}

/** The keys whose values differ from the base, in the order the TDCC guide's config override lists them. */
export function changedConfig(base: ClusterEndpoints, cluster: ClusterEndpoints): Record<string, string> {
  const before = endpointConfig(base);
  const after = endpointConfig(cluster);
  const changed: Record<string, string> = {};
  for (const key of QCBM_CONFIG_KEYS) {
    if (before[key] !== after[key]) changed[key] = after[key];
  }
  return changed;
}
