/**
 * Kubernetes hardening rules for synthesized workloads: the checks every Kubernetes policy tool makes, as
 * plain functions over manifests so tests, CI and users can run them on any output.
 */
export interface HardeningOptions {
  /** Workloads allowed to mount hostPath volumes (the guide's log directories, when asked for). @default [] */
  readonly hostPathAllowed?: readonly string[];
  /** Workloads that may run as root because their image needs it. @default [] */
  readonly rootAllowed?: readonly string[];
}

export interface Violation {
  readonly rule: string;
  /** `Deployment qcbm/user-service`. */
  readonly object: string;
  /** `containers[0]`, `volumes[1]` or `spec`. */
  readonly where: string;
  readonly message: string;
}

export interface HardeningRule {
  readonly id: string;
  readonly description: string;
}

export const KUBERNETES_HARDENING_RULES: readonly HardeningRule[] = [
  { id: 'no-privileged', description: 'No container runs privileged.' },
  { id: 'no-privilege-escalation', description: 'Every container sets allowPrivilegeEscalation: false.' },
  {
    id: 'drop-all-capabilities',
    description: 'Every container drops ALL capabilities (and adds back only what it needs).',
  },
  { id: 'no-host-namespaces', description: 'No pod uses hostNetwork, hostPID or hostIPC.' },
  { id: 'no-host-path', description: 'No hostPath volume unless the workload is explicitly allowed one.' },
  { id: 'resources-set', description: 'Every container has CPU and memory requests and limits.' },
  { id: 'probes-set', description: 'Every container has a readiness and a liveness probe.' },
  { id: 'image-pinned', description: 'Every image names a tag other than latest, or a digest.' },
  { id: 'run-as-non-root', description: 'Pods run as non-root unless the workload is allowed root.' },
];

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

// The fields of a manifest the rules read. Manifests come from anywhere (ours, a user's, a ConfigGroup's inputs),
// so every field is optional and nothing else is assumed.
interface ContainerShape {
  readonly name?: string;
  readonly image?: string;
  readonly securityContext?: {
    readonly privileged?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly runAsNonRoot?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[] };
  };
  readonly resources?: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  readonly readinessProbe?: unknown;
  readonly livenessProbe?: unknown;
}
interface PodSpecShape {
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly volumes?: readonly { readonly hostPath?: { readonly path?: string } }[];
  readonly initContainers?: readonly ContainerShape[];
  readonly containers?: readonly ContainerShape[];
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
}
interface ManifestShape {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: {
    readonly template?: { readonly spec?: PodSpecShape };
    readonly jobTemplate?: { readonly spec?: { readonly template?: { readonly spec?: PodSpecShape } } };
  } & PodSpecShape;
}

/** Every violation in the manifests; workloads are Deployments, StatefulSets, DaemonSets, Jobs, CronJobs. */
export function checkKubernetesHardening(
  manifests: readonly unknown[],
  options: HardeningOptions = {},
): Violation[] {
  const out: Violation[] = [];
  for (const m of manifests as readonly ManifestShape[]) {
    const pod = podSpecOf(m);
    if (!pod) continue;
    const object = `${m.kind} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`;
    const name = m.metadata?.name ?? '';
    const add = (rule: string, where: string, message: string) => out.push({ rule, object, where, message });
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      if (pod[key] === true) add('no-host-namespaces', 'spec', `${key} is true`);
    }
    (pod.volumes ?? []).forEach((v, i) => {
      if (v.hostPath && !(options.hostPathAllowed ?? []).includes(name))
        add('no-host-path', `volumes[${i}]`, `mounts hostPath ${v.hostPath.path}`);
    });
    const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
    const rootAllowed = (options.rootAllowed ?? []).includes(name);
    containers.forEach((c, i) => {
      const where = `containers[${i}] (${c.name})`;
      const sc = c.securityContext ?? {};
      if (sc.privileged === true) add('no-privileged', where, 'runs privileged');
      if (sc.allowPrivilegeEscalation !== false)
        add('no-privilege-escalation', where, 'does not set allowPrivilegeEscalation: false');
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        add('drop-all-capabilities', where, 'does not drop ALL capabilities');
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined)
            add('resources-set', where, `has no ${resource} ${kind}`);
        }
      }
      if (!c.readinessProbe) add('probes-set', where, 'has no readinessProbe');
      if (!c.livenessProbe) add('probes-set', where, 'has no livenessProbe');
      if (!isPinned(String(c.image ?? '')))
        add('image-pinned', where, `image ${c.image} is not pinned to a tag or digest`);
      const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      if (nonRoot !== true && !rootAllowed)
        add('run-as-non-root', where, 'may run as root (runAsNonRoot is not true)');
    });
  }
  return out;
}

function podSpecOf(m: ManifestShape | null | undefined): PodSpecShape | undefined {
  if (m?.kind === 'CronJob') return m.spec?.jobTemplate?.spec?.template?.spec;
  if (WORKLOAD_KINDS.has(m?.kind ?? '')) return m?.spec?.template?.spec;
  if (m?.kind === 'Pod') return m.spec;
  return undefined;
}

function isPinned(image: string): boolean {
  if (image.includes('@sha256:')) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon > 0 && lastSegment.slice(colon + 1) !== 'latest' && lastSegment.slice(colon + 1) !== '';
}

/**
 * What QCBM itself needs, each with its reason. Everything else, hostPath included, stays forbidden.
 * - `qcbm-front`: nginx's master starts as root (to bind port 80 and switch to an unprivileged worker user); ALL
 *   capabilities are dropped but the five it needs.
 * - `nacos` (the in-cluster registry, `nacos/nacos-server:v2.3.2`): the image declares no USER, its entrypoint
 *   writes /home/nacos/conf/cluster.conf, and the server writes logs, data and Tomcat's work directory under
 *   /home/nacos, all owned by root in the image; it runs as root with ALL capabilities dropped.
 */
export const QCBM_HARDENING_OPTIONS: HardeningOptions = { rootAllowed: ['qcbm-front', 'nacos'] };
