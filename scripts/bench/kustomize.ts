// The way many teams produce per-cluster manifests today: one kustomize base with the app, one overlay per
// cluster carrying its differences, and one `kubectl kustomize <overlay>` process per cluster.
import { closeSync, mkdirSync, openSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { stringify } from 'yaml';
import type { ClusterEndpoints, Fleet, FleetCluster } from '../../src/model/fleet-schema';
import type { Manifest } from '../../src/k8s/manifest';
import { changedConfig } from '../../src/k8s/qcbm/qcbm-config';
import { runCommand } from './processes';
import { median, since } from './stats';

const KUSTOMIZATION = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
const SUBNET_ANNOTATION = 'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid';

/**
 * Writes `<dir>/base` from the hub's app templates and `<dir>/overlays/<cluster>`; returns the overlays.
 * @param received what each cluster receives (ours), by cluster name: an overlay deletes the base objects its
 * cluster does not receive (the schema Jobs of other clusters' databases) and carries the pod checksum
 * annotations of its cluster's values, which kustomize has no way to compute (a team would script them)
 */
export function writeKustomizeTree(
  dir: string,
  fleet: Fleet,
  hubApp: readonly Manifest[],
  received: Readonly<Record<string, readonly unknown[]>>,
): string[] {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  Yaml.save(join(base, 'qcbm.yaml'), [...hubApp]);
  writeFileSync(join(base, 'kustomization.yaml'), stringify({ ...KUSTOMIZATION, resources: ['qcbm.yaml'] }));
  return fleet.clusters.map((cluster) => {
    const overlay = join(dir, 'overlays', cluster.name);
    mkdirSync(overlay, { recursive: true });
    const overlayBody = overlayFor(fleet, cluster, hubApp, received[cluster.name] ?? []);
    writeFileSync(join(overlay, 'kustomization.yaml'), stringify(overlayBody));
    return overlay;
  });
}

/** The overlay's kustomization: the cluster's differences from the first cluster, as kustomize writes them. */
function overlayFor(
  fleet: Fleet,
  cluster: FleetCluster,
  hubApp: readonly Manifest[],
  received: readonly unknown[],
): Record<string, unknown> {
  const [first] = fleet.clusters;
  const ref = (m: Manifest) => ({ apiVersion: m.apiVersion, kind: m.kind, metadata: pick(m.metadata) });
  const find = (kind: string, name?: string) => {
    const found = hubApp.find((m) => m.kind === kind && (name === undefined || m.metadata?.name === name));
    if (!found) throw new Error(`kustomize base: no ${kind} ${name ?? ''} in the hub app`);
    return found;
  };
  const patches: Record<string, unknown>[] = [];
  const smp = (body: Record<string, unknown>) => patches.push({ patch: stringify(body) });

  const config = changedConfig(first.endpoints as ClusterEndpoints, cluster.endpoints as ClusterEndpoints);
  if (Object.keys(config).length > 0) smp({ ...ref(find('ConfigMap')), data: config });
  if (cluster.gatewaySubnetId !== first.gatewaySubnetId) {
    const gateway = hubApp.find(
      (m) =>
        m.kind === 'Service' &&
        (m.metadata?.annotations as Record<string, string> | undefined)?.[SUBNET_ANNOTATION],
    );
    if (!gateway) throw new Error('kustomize base: no Service with the subnet annotation');
    const r = ref(gateway);
    smp({ ...r, metadata: { ...r.metadata, annotations: { [SUBNET_ANNOTATION]: cluster.gatewaySubnetId } } });
  }

  const declared = fleet.differences[cluster.name];
  const images: Record<string, unknown>[] = [];
  const replicas: Record<string, unknown>[] = [];
  for (const [component, settings] of Object.entries(declared?.components ?? {})) {
    const deployment = find('Deployment', component);
    if (settings.imageTag !== undefined) {
      const spec = deployment.spec as { template: { spec: { containers: { image: string }[] } } };
      const image = String(spec.template.spec.containers[0].image);
      images.push({ name: image.replace(/(@[^@]+|:[^:/]+)$/, ''), newTag: settings.imageTag });
    }
    if (settings.replicas !== undefined) replicas.push({ name: component, count: settings.replicas });
  }
  for (const a of declared?.annotations ?? []) {
    const r = ref(find(a.target.kind, a.target.name));
    smp({ ...r, metadata: { ...r.metadata, annotations: a.annotations } });
  }
  for (const p of declared?.patches ?? []) {
    const target = { kind: p.target.kind, name: p.target.name, namespace: p.target.namespace };
    if (p.type === 'JSONPatch')
      patches.push({ target: dropUndefined(target), patch: JSON.stringify(p.operations) });
    else smp({ ...ref(find(p.target.kind, p.target.name)), ...p.patch });
  }
  patches.push(...deliveryPatches(hubApp, received));
  return dropEmpty({ ...KUSTOMIZATION, resources: ['../../base'], images, replicas, patches });
}

const keyOf = (o: unknown) => {
  const m = (o as Manifest | undefined)?.metadata;
  return `${(o as Manifest | undefined)?.kind}/${m?.namespace ?? ''}/${m?.name}`;
};

/**
 * What makes an overlay's output the objects its cluster receives: a `$patch: delete` for each base object the
 * cluster does not get, and the cluster's `checksum/*` pod annotations where they differ from the base's.
 */
function deliveryPatches(
  hubApp: readonly Manifest[],
  received: readonly unknown[],
): Record<string, unknown>[] {
  const here = new Map(received.map((o) => [keyOf(o), o as Manifest]));
  const out: Record<string, unknown>[] = [];
  for (const m of hubApp) {
    const ref = { apiVersion: m.apiVersion, kind: m.kind, metadata: pick(m.metadata) };
    const mine = here.get(keyOf(m));
    if (mine === undefined) {
      out.push({ patch: stringify({ ...ref, $patch: 'delete' }) });
      continue;
    }
    const want = checksumsOf(mine);
    const have = checksumsOf(m);
    const changed = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
    if (Object.keys(changed).length > 0) {
      out.push({ patch: stringify({ ...ref, spec: { template: { metadata: { annotations: changed } } } }) });
    }
  }
  return out;
}

function checksumsOf(m: Manifest): Record<string, unknown> {
  const spec = m.spec as { template?: { metadata?: { annotations?: Record<string, unknown> } } } | undefined;
  const annotations = spec?.template?.metadata?.annotations ?? {};
  return Object.fromEntries(Object.entries(annotations).filter(([k]) => k.startsWith('checksum/')));
}

export interface KustomizeRun {
  readonly overlays: number;
  readonly totalMs: number;
  readonly medianPerOverlayMs: number;
}

/** `kubectl kustomize <overlay> > <out>/<cluster>.yaml` for every overlay, one process after the other. */
export function runKustomize(
  kubectl: string,
  overlays: readonly string[],
  outDir: string,
  cwd: string,
): KustomizeRun {
  mkdirSync(outDir, { recursive: true });
  const perOverlay: number[] = [];
  const start = performance.now();
  for (const overlay of overlays) {
    const t = performance.now();
    const fd = openSync(join(outDir, `${overlay.split('/').pop()}.yaml`), 'w');
    try {
      const run = runCommand(kubectl, ['kustomize', overlay], { cwd, gnuTime: false, stdoutFd: fd });
      if (run.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed: ${run.stderr.trim()}`);
    } finally {
      closeSync(fd);
    }
    perOverlay.push(since(t));
  }
  return { overlays: overlays.length, totalMs: since(start), medianPerOverlayMs: median(perOverlay) };
}

function pick(meta: Manifest['metadata']) {
  return dropUndefined({ name: meta?.name, namespace: meta?.namespace });
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
}
