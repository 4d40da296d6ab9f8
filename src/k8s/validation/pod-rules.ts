import { DNS1123_LABEL, PORT_NAME } from '../../model/formats';
import { formatProblem, metaProblems } from './metadata-rules';
import { isObject, type ObjectProblem, pointer } from './object-problem';
import { portNumberProblem, portOrNameProblem } from './port-rules';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * A pod template at `path` (`/spec/template`): its labels and annotations, and its pod spec (`podSpecProblems`).
 * @param restartPolicies the restart policies the owning workload allows (Deployments: Always only)
 * @param claimed volumes the owning workload adds to every pod (a StatefulSet's `volumeClaimTemplates`)
 */
export function podTemplateProblems(
  template: unknown,
  path: string,
  restartPolicies: readonly string[],
  out: ObjectProblem[],
  claimed: readonly string[] = [],
): void {
  if (!isObject(template)) return;
  if (isObject(template.metadata)) metaProblems(template.metadata, pointer(path, 'metadata'), out);
  if (isObject(template.spec))
    podSpecProblems(template.spec, pointer(path, 'spec'), restartPolicies, out, claimed);
}

/**
 * What the API server checks of a pod spec beyond its schema: container and volume names (DNS-1123 labels, each
 * once), an image for every container, ports from 1 to 65535 with valid names and protocols, probe ports, mounts of
 * volumes the pod has, and the pull and restart policies.
 */
export function podSpecProblems(
  spec: Record<string, unknown>,
  path: string,
  restartPolicies: readonly string[],
  out: ObjectProblem[],
  claimed: readonly string[] = [],
): void {
  const volumes = new Set<string>(claimed);
  listAt(spec, 'volumes').forEach((v, i) => {
    const at = pointer(pointer(path, 'volumes'), i);
    if (typeof v.name !== 'string') return;
    formatProblem(DNS1123_LABEL, v.name, pointer(at, 'name'), out);
    if (volumes.has(v.name)) out.push(repeated(pointer(at, 'name'), v.name, 'volume'));
    volumes.add(v.name);
  });
  const containerNames = new Set<string>();
  for (const list of CONTAINER_LISTS) {
    listAt(spec, list).forEach((c, i) => {
      const at = pointer(pointer(path, list), i);
      if (typeof c.name === 'string') {
        formatProblem(DNS1123_LABEL, c.name, pointer(at, 'name'), out);
        if (containerNames.has(c.name)) out.push(repeated(pointer(at, 'name'), c.name, 'container'));
        containerNames.add(c.name);
      }
      containerProblems(c, at, volumes, out);
    });
  }
  // Left out, it is Always (the API server defaults it before it validates).
  const restart = spec.restartPolicy ?? 'Always';
  if (!restartPolicies.includes(restart as string)) {
    out.push({
      path: pointer(path, 'restartPolicy'),
      message: `must be ${restartPolicies.join(' or ')} for this kind${spec.restartPolicy == null ? ' (left out, it is Always)' : ''}`,
      ...(spec.restartPolicy == null ? {} : { value: spec.restartPolicy }),
      fix: `set it to ${restartPolicies.join(' or ')}`,
    });
  }
}

function containerProblems(
  c: Record<string, unknown>,
  path: string,
  volumes: ReadonlySet<string>,
  out: ObjectProblem[],
): void {
  // Only an empty image: the API server keeps accepting white space, a token some pod templates use.
  if (c.image === undefined || c.image === null || c.image === '') {
    out.push({ path: pointer(path, 'image'), message: 'is required', fix: 'give the container an image' });
  }
  enumProblem(c.imagePullPolicy, PULL_POLICIES, pointer(path, 'imagePullPolicy'), out);
  const portNames = new Set<string>();
  listAt(c, 'ports').forEach((p, i) => {
    const at = pointer(pointer(path, 'ports'), i);
    portNumberProblem(p.containerPort, pointer(at, 'containerPort'), out);
    if (p.hostPort !== 0) portNumberProblem(p.hostPort, pointer(at, 'hostPort'), out);
    enumProblem(p.protocol, PROTOCOLS, pointer(at, 'protocol'), out);
    if (typeof p.name === 'string') {
      formatProblem(PORT_NAME, p.name, pointer(at, 'name'), out);
      if (portNames.has(p.name)) out.push(repeated(pointer(at, 'name'), p.name, 'port'));
      portNames.add(p.name);
    }
  });
  for (const probe of PROBES) {
    const handler = c[probe];
    if (!isObject(handler)) continue;
    for (const kind of ['httpGet', 'tcpSocket', 'grpc'] as const) {
      const action = handler[kind];
      if (!isObject(action)) continue;
      const at = pointer(pointer(pointer(path, probe), kind), 'port');
      if (kind === 'grpc') portNumberProblem(action.port, at, out);
      else portOrNameProblem(action.port, at, out);
    }
  }
  listAt(c, 'volumeMounts').forEach((m, i) => {
    if (typeof m.name !== 'string' || volumes.has(m.name)) return;
    out.push({
      path: pointer(pointer(pointer(path, 'volumeMounts'), i), 'name'),
      message: 'names a volume the pod does not have',
      value: m.name,
      fix: `mount one of the pod's volumes (${[...volumes].join(', ') || 'none'}), or add the volume`,
    });
  });
}

/** The objects of a list field; anything else is the schema's to refuse. */
export function listAt(o: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const list = o[key];
  return Array.isArray(list) ? list.map((x) => (isObject(x) ? x : {})) : [];
}

/** A problem when a string field that is set holds none of `allowed`. */
export function enumProblem(
  value: unknown,
  allowed: readonly string[],
  path: string,
  out: ObjectProblem[],
): void {
  if (value === undefined || value === null || allowed.includes(value as string)) return;
  out.push({
    path,
    message: `must be one of ${allowed.join(', ')}`,
    value,
    fix: `use one of ${allowed.join(', ')}`,
  });
}

function repeated(path: string, name: string, what: string): ObjectProblem {
  return {
    path,
    message: `repeats the ${what} name "${name}"`,
    value: name,
    fix: `give every ${what} its own name`,
  };
}
