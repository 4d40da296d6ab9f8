/** Facts about QCBM's components (../shared/reference/qcbm.md). Names are load-bearing: feeds refer to them. */

export type QcbmComponentKind = 'dubbo-service' | 'gateway' | 'front';

export interface QcbmComponentFacts {
  readonly kind: QcbmComponentKind;
  /** The container port the component listens on. */
  readonly port: number;
  /** The image tag the QCBM project publishes for it. */
  readonly defaultImageTag: string;
}

/** In the order the TDCC guide lists the Deployments in its Subscription feeds. */
export const QCBM_COMPONENTS = {
  'user-service': { kind: 'dubbo-service', port: 20880, defaultImageTag: '1.1.4' },
  'store-service': { kind: 'dubbo-service', port: 20880, defaultImageTag: '1.1.4' },
  'qcbm-gateway': { kind: 'gateway', port: 8080, defaultImageTag: '1.1.4' },
  'qcbm-front': { kind: 'front', port: 80, defaultImageTag: '1.1.3' },
  'order-service': { kind: 'dubbo-service', port: 20880, defaultImageTag: '1.1.4' },
  'favorites-service': { kind: 'dubbo-service', port: 20880, defaultImageTag: '1.1.4' },
} as const satisfies Record<string, QcbmComponentFacts>;

export type QcbmComponentName = keyof typeof QCBM_COMPONENTS;

export const QCBM_COMPONENT_NAMES = Object.keys(QCBM_COMPONENTS) as QcbmComponentName[];

export function isQcbmComponentName(name: string): name is QcbmComponentName {
  return Object.prototype.hasOwnProperty.call(QCBM_COMPONENTS, name);
}

export const QCBM_DEFAULTS = {
  namespace: 'qcbm',
  registry: 'ccr.ccs.tencentyun.com/qcbm',
  imagePullSecret: 'qcloudregistrykey',
  ingressHost: 'qcbm.com',
  configMapName: 'qcbm-env',
  secretName: 'qcbm-keys',
  /** The revision of the app's Secret until the fleet bumps `app.secrets.revision`. */
  secretsRevision: '1',
  gatewayServiceName: 'api-gateway',
  frontServiceName: 'qcbm-front',
  ingressName: 'qcbm-ingress',
  subscriptionName: 'qcbm-subscription',
  subscriptionNamespace: 'default',
  basePriority: 300,
  ports: { mysql: 3306, redis: 6379, nacos: 8848, skywalking: 11800 },
} as const;

/** ConfigMap keys, in the order the TDCC guide's config Localization replaces them (then the rest). */
export const QCBM_CONFIG_KEYS = [
  'REDIS_HOST',
  'NACOS_HOST',
  'MYSQL_PORT',
  'MYSQL_HOST',
  'REDIS_PORT',
  'NACOS_PORT',
  'SW_AGENT_COLLECTOR_BACKEND_SERVICES',
] as const;

export const QCBM_SECRET_KEYS = [
  'MYSQL_ACCOUNT',
  'MYSQL_PASSWORD',
  'REDIS_PASSWORD',
  'SW_AGENT_AUTHENTICATION',
  /** The Nacos user the services register as (their own default: nacos/nacos). */
  'NACOS_ACCOUNT',
  'NACOS_PASSWORD',
] as const;

export type QcbmConfigKey = (typeof QCBM_CONFIG_KEYS)[number];
export type QcbmSecretKey = (typeof QCBM_SECRET_KEYS)[number];

/** Paths of the gateway's HTTP API (all under /api, open without login) that tell what is up (qcbm.md, upstream). */
export const QCBM_HEALTH_PATHS = {
  /** `{"backend":"dubbo"}` from the gateway alone, without a Dubbo call: the gateway's own probe. */
  gateway: '/api/sysinfo/backend',
  /**
   * The book list: gateway → Nacos lookup → store-service over Dubbo → Redis (→ MySQL on a cache miss); 200 with the
   * list, 404 on an empty store, 500 when the Dubbo call fails. The default IGTM monitor path.
   */
  backend: '/api/book/all',
} as const;
