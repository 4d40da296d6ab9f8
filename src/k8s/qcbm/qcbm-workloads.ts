import { k8s } from 'cdk8s-plus-27';
import {
  QCBM_COMPONENT_NAMES,
  QCBM_COMPONENTS,
  QCBM_HEALTH_PATHS,
  type QcbmComponentKind,
  type QcbmComponentName,
  type QcbmConfigKey,
  type QcbmSecretKey,
} from '../../model/qcbm-components';
import type { ComponentResources, QcbmComponentOptions } from './qcbm-options';

export const VERSION_LABEL = 'v1';

const JAVA_RESOURCES: ComponentResources = {
  requests: { cpu: '250m', memory: '512Mi' },
  limits: { cpu: '1', memory: '1Gi' },
};
const FRONT_RESOURCES: ComponentResources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};
const NON_ROOT_ID = 1000;

/** The keys each component reads, in the TDCC guide's order: [key, from the Secret?]. */
// Typed by the model's key lists, so a key the ConfigMap or the Secret does not carry does not compile.
const DUBBO_ENV: readonly (readonly [QcbmConfigKey | QcbmSecretKey, boolean])[] = [
  ['NACOS_HOST', false],
  ['NACOS_PORT', false],
  ['MYSQL_HOST', false],
  ['MYSQL_PORT', false],
  ['REDIS_HOST', false],
  ['REDIS_PORT', false],
  ['MYSQL_ACCOUNT', true],
  ['MYSQL_PASSWORD', true],
  ['REDIS_PASSWORD', true],
  ['SW_AGENT_COLLECTOR_BACKEND_SERVICES', false],
  ['SW_AGENT_AUTHENTICATION', true],
  ['NACOS_ACCOUNT', true],
  ['NACOS_PASSWORD', true],
];
// The gateway is a Dubbo consumer: it logs in to Nacos like the services.
const GATEWAY_KEYS: readonly (QcbmConfigKey | QcbmSecretKey)[] = [
  'NACOS_HOST',
  'NACOS_PORT',
  'SW_AGENT_COLLECTOR_BACKEND_SERVICES',
  'SW_AGENT_AUTHENTICATION',
  'NACOS_ACCOUNT',
  'NACOS_PASSWORD',
];
/**
 * Secret keys a workload may start without: the services fall back to Nacos's default user (nacos/nacos) when
 * they are unset, so a Secret created before these keys existed keeps working.
 */
const OPTIONAL_KEYS: ReadonlySet<string> = new Set(['NACOS_ACCOUNT', 'NACOS_PASSWORD']);
const GATEWAY_ENV = DUBBO_ENV.filter(([key]) => GATEWAY_KEYS.includes(key));

function envOf(kind: QcbmComponentKind): readonly (readonly [QcbmConfigKey | QcbmSecretKey, boolean])[] {
  return kind === 'dubbo-service' ? DUBBO_ENV : kind === 'gateway' ? GATEWAY_ENV : [];
}

/**
 * The components that connect to MySQL (their env has MYSQL_HOST), in QCBM_COMPONENT_NAMES order: the Dubbo
 * services, not the gateway or the front. What a MySQL failover restarts to end their old sessions.
 */
export const MYSQL_CLIENT_COMPONENTS: readonly QcbmComponentName[] = QCBM_COMPONENT_NAMES.filter((name) =>
  envOf(QCBM_COMPONENTS[name].kind).some(([key]) => key === 'MYSQL_HOST'),
);

export interface WorkloadSettings {
  readonly name: QcbmComponentName;
  readonly image: string;
  readonly replicas: number;
  /** Zone anti-affinity (`isSpread(replicas)`, decided in the model). */
  readonly spread: boolean;
  readonly options: QcbmComponentOptions;
  readonly configMapName: string;
  readonly secretName: string;
  /** The pull secret every pod references; undefined for none. */
  readonly imagePullSecret: string | undefined;
  readonly hostPathVolumes: boolean;
  /** The gateway's HTTP probe path, or false for a TCP probe. @default QCBM_HEALTH_PATHS.gateway */
  readonly gatewayHealthCheckPath?: string | false;
}

export function selectorLabels(name: string): Record<string, string> {
  return { app: name, version: VERSION_LABEL };
}

/** The Deployment spec of one QCBM component. */
export function deploymentSpec(s: WorkloadSettings): k8s.DeploymentSpec {
  const facts = QCBM_COMPONENTS[s.name];
  const isFront = facts.kind === 'front';
  const runAsNonRoot = s.options.runAsNonRoot ?? !isFront;
  const volumes = isFront ? [] : appVolumes(s.name, s.hostPathVolumes);
  const pod: k8s.PodSpec = {
    ...(s.imagePullSecret === undefined ? {} : { imagePullSecrets: [{ name: s.imagePullSecret }] }),
    securityContext: {
      seccompProfile: { type: 'RuntimeDefault' },
      ...(runAsNonRoot
        ? { runAsNonRoot: true, runAsUser: NON_ROOT_ID, runAsGroup: NON_ROOT_ID, fsGroup: NON_ROOT_ID }
        : {}),
    },
    containers: [container(s, isFront, runAsNonRoot, volumes.length > 0)],
    ...(volumes.length > 0 ? { volumes } : {}),
    ...(s.spread ? { affinity: zoneAntiAffinity(s.name) } : {}),
  };
  return {
    replicas: s.replicas,
    selector: { matchLabels: selectorLabels(s.name) },
    template: { metadata: { labels: selectorLabels(s.name) }, spec: pod },
  };
}

function container(
  s: WorkloadSettings,
  isFront: boolean,
  runAsNonRoot: boolean,
  withVolumes: boolean,
): k8s.Container {
  const facts = QCBM_COMPONENTS[s.name];
  const env = envOf(facts.kind);
  const resources = s.options.resources ?? (isFront ? FRONT_RESOURCES : JAVA_RESOURCES);
  return {
    name: s.name,
    image: s.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      { name: facts.kind === 'dubbo-service' ? 'dubbo' : 'http', containerPort: facts.port, protocol: 'TCP' },
    ],
    ...(env.length > 0
      ? { env: env.map(([key, secret]) => envFrom(key, secret ? s.secretName : s.configMapName, secret)) }
      : {}),
    resources: {
      requests: {
        cpu: k8s.Quantity.fromString(resources.requests.cpu),
        memory: k8s.Quantity.fromString(resources.requests.memory),
      },
      limits: {
        cpu: k8s.Quantity.fromString(resources.limits.cpu),
        memory: k8s.Quantity.fromString(resources.limits.memory),
      },
    },
    securityContext: {
      privileged: false,
      allowPrivilegeEscalation: false,
      // nginx's master process starts as root to bind port 80 and hand work to an unprivileged user; it needs
      // these capabilities back, and nothing else.
      capabilities:
        isFront && !runAsNonRoot
          ? { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'SETGID', 'SETUID', 'NET_BIND_SERVICE'] }
          : { drop: ['ALL'] },
    },
    ...(s.options.probes === false ? {} : probes(s)),
    ...(withVolumes
      ? {
          volumeMounts: [
            { name: 'dumpath', mountPath: '/app/dumps' },
            { name: 'logpath', mountPath: '/app/logs' },
          ],
        }
      : {}),
  };
}

function envFrom(key: string, source: string, secret: boolean): k8s.EnvVar {
  const ref = { key, name: source, optional: OPTIONAL_KEYS.has(key) };
  return { name: key, valueFrom: secret ? { secretKeyRef: ref } : { configMapKeyRef: ref } };
}

function probes(s: WorkloadSettings): Pick<k8s.Container, 'readinessProbe' | 'livenessProbe'> {
  const facts = QCBM_COMPONENTS[s.name];
  const port = k8s.IntOrString.fromNumber(facts.port);
  // nginx serves `/` itself; the gateway answers its sysinfo path without a Dubbo call, so a dead service does not
  // restart it; the Dubbo services speak no HTTP: their port 20880 accepts once the provider is exported.
  const gatewayPath = s.gatewayHealthCheckPath ?? QCBM_HEALTH_PATHS.gateway;
  const httpPath = facts.kind === 'front' ? '/' : facts.kind === 'gateway' ? gatewayPath : false;
  const check = httpPath === false ? { tcpSocket: { port } } : { httpGet: { path: httpPath, port } };
  // The JVM services take tens of seconds to start and register in Nacos; nginx is up at once.
  const [readyAfter, liveAfter] = facts.kind === 'front' ? [5, 10] : [20, 60];
  return {
    readinessProbe: {
      ...check,
      initialDelaySeconds: readyAfter,
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
    livenessProbe: {
      ...check,
      initialDelaySeconds: liveAfter,
      periodSeconds: 20,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
  };
}

function appVolumes(name: string, hostPath: boolean): k8s.Volume[] {
  if (!hostPath)
    return [
      { name: 'dumpath', emptyDir: {} },
      { name: 'logpath', emptyDir: {} },
    ];
  return [
    { name: 'dumpath', hostPath: { path: `/data/dumps/${name}`, type: 'DirectoryOrCreate' } },
    { name: 'logpath', hostPath: { path: `/data/logs/${name}`, type: 'DirectoryOrCreate' } },
  ];
}

/**
 * The pod affinity of a spread component: its pods prefer different zones. Plain JSON with its keys in the order
 * cdk8s emits them, so a cluster that gets it through an override renders the same object.
 */
export function zoneAntiAffinity(name: string) {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          podAffinityTerm: {
            labelSelector: { matchLabels: selectorLabels(name) },
            topologyKey: 'topology.kubernetes.io/zone',
          },
          weight: 100,
        },
      ],
    },
  } satisfies k8s.Affinity;
}
