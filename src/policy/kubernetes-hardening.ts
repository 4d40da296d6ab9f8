import type { HardeningExemption } from '../model/fleet-schema';
import { KUBERNETES_HARDENING_RULES } from '../model/hardening-rules';

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
  /** The JSON pointer of the offending field, e.g. `/spec/template/spec/containers/0/securityContext/privileged`. */
  readonly path: string;
  readonly message: string;
}

export type { HardeningRuleId } from '../model/hardening-rules';
export type { HardeningExemption };
/** The rules and what each requires; their ids are what a fleet's `policy.exemptions` name. */
export { KUBERNETES_HARDENING_RULES };

export interface HardeningRule {
  readonly id: string;
  readonly description: string;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);
/** Kinds whose pods run to completion: exempt from `probes-set` (see its description). */
const RUN_TO_COMPLETION_KINDS = new Set(['Job', 'CronJob']);

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
  readonly restartPolicy?: string;
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
    const found = podSpecOf(m);
    if (!found) continue;
    const [pod, podPath] = found;
    const object = `${m.kind} ${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`;
    const name = m.metadata?.name ?? '';
    const add = (rule: string, where: string, path: string, message: string) =>
      out.push({ rule, object, where, path, message });
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      if (pod[key] === true) add('no-host-namespaces', 'spec', `${podPath}/${key}`, `${key} is true`);
    }
    (pod.volumes ?? []).forEach((v, i) => {
      if (v.hostPath && !(options.hostPathAllowed ?? []).includes(name))
        add(
          'no-host-path',
          `volumes[${i}]`,
          `${podPath}/volumes/${i}/hostPath`,
          `mounts hostPath ${v.hostPath.path}`,
        );
    });
    const containers = [
      ...(pod.initContainers ?? []).map((c, i) => [c, `${podPath}/initContainers/${i}`] as const),
      ...(pod.containers ?? []).map((c, i) => [c, `${podPath}/containers/${i}`] as const),
    ];
    const rootAllowed = (options.rootAllowed ?? []).includes(name);
    const needsProbes = !RUN_TO_COMPLETION_KINDS.has(m.kind ?? '');
    containers.forEach(([c, at], i) => {
      const where = `containers[${i}] (${c.name})`;
      const sc = c.securityContext ?? {};
      const check = (rule: string, field: string, message: string) =>
        add(rule, where, `${at}/${field}`, message);
      if (sc.privileged === true) check('no-privileged', 'securityContext/privileged', 'runs privileged');
      if (sc.allowPrivilegeEscalation !== false)
        check(
          'no-privilege-escalation',
          'securityContext/allowPrivilegeEscalation',
          'does not set allowPrivilegeEscalation: false',
        );
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        check('drop-all-capabilities', 'securityContext/capabilities/drop', 'does not drop ALL capabilities');
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined)
            check('resources-set', `resources/${kind}/${resource}`, `has no ${resource} ${kind}`);
        }
      }
      // The API server refuses probes on an init container, unless it is a sidecar (restartPolicy Always).
      const probed = needsProbes && (!at.includes('/initContainers/') || c.restartPolicy === 'Always');
      if (probed && !c.readinessProbe) check('probes-set', 'readinessProbe', 'has no readinessProbe');
      if (probed && !c.livenessProbe) check('probes-set', 'livenessProbe', 'has no livenessProbe');
      if (!isPinned(String(c.image ?? '')))
        check('image-pinned', 'image', `image ${c.image} is not pinned to a tag or digest`);
      const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      if (nonRoot !== true && !rootAllowed)
        check(
          'run-as-non-root',
          'securityContext/runAsNonRoot',
          'may run as root (runAsNonRoot is not true)',
        );
    });
  }
  return out;
}

/** The pod spec of a workload and its JSON pointer. */
function podSpecOf(m: ManifestShape | null | undefined): readonly [PodSpecShape, string] | undefined {
  const spec =
    m?.kind === 'CronJob'
      ? m.spec?.jobTemplate?.spec?.template?.spec
      : WORKLOAD_KINDS.has(m?.kind ?? '')
        ? m?.spec?.template?.spec
        : m?.kind === 'Pod'
          ? m.spec
          : undefined;
  if (!spec) return undefined;
  const path =
    m?.kind === 'CronJob'
      ? '/spec/jobTemplate/spec/template/spec'
      : m?.kind === 'Pod'
        ? '/spec'
        : '/spec/template/spec';
  return [spec, path];
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

/**
 * Whether `exemption` allows `object` to break `rule` in `cluster`: its rule, its cluster (where it names one) and its
 * target (kind and name, namespace and apiVersion where given). Where the cluster is not known (the hub's
 * templates), only an exemption for every cluster applies. Synthesis, the offline plan and the policy pack all match
 * exemptions with it.
 */
export function exemptionMatches(
  exemption: HardeningExemption,
  rule: string,
  object: unknown,
  cluster?: string,
): boolean {
  const o = (object ?? {}) as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  if (exemption.rule !== rule) return false;
  if (exemption.cluster !== undefined && exemption.cluster !== cluster) return false;
  const t = exemption.target;
  if (!t) return true;
  return (
    t.kind === o.kind &&
    t.name === o.metadata?.name &&
    (t.namespace === undefined || t.namespace === o.metadata?.namespace) &&
    (t.apiVersion === undefined || t.apiVersion === o.apiVersion)
  );
}

/** The first exemption that allows `object` to break `rule` in `cluster` (see `exemptionMatches`), or undefined. */
export function exemptionFor(
  exemptions: readonly HardeningExemption[],
  rule: string,
  object: unknown,
  cluster?: string,
): HardeningExemption | undefined {
  return exemptions.find((e) => exemptionMatches(e, rule, object, cluster));
}

/**
 * The violations of `manifests` that no exemption allows in `cluster` (undefined for the hub's templates): what the
 * offline plan and the policy pack report of a resource's manifests.
 */
export function unexemptedViolations(
  manifests: readonly unknown[],
  options: HardeningOptions,
  exemptions: readonly HardeningExemption[],
  cluster?: string,
): Violation[] {
  return manifests.flatMap((object) =>
    checkKubernetesHardening([object], options).filter(
      (v) => exemptionFor(exemptions, v.rule, object, cluster) === undefined,
    ),
  );
}
