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

/** Writes `<dir>/base` from the hub's app templates and `<dir>/overlays/<cluster>`; returns the overlays. */
export function writeKustomizeTree(dir: string, fleet: Fleet, hubApp: readonly Manifest[]): string[] {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  Yaml.save(join(base, 'qcbm.yaml'), [...hubApp]);
  writeFileSync(join(base, 'kustomization.yaml'), stringify({ ...KUSTOMIZATION, resources: ['qcbm.yaml'] }));
  return fleet.clusters.map((cluster) => {
    const overlay = join(dir, 'overlays', cluster.name);
    mkdirSync(overlay, { recursive: true });
    writeFileSync(join(overlay, 'kustomization.yaml'), stringify(overlayFor(fleet, cluster, hubApp)));
    return overlay;
  });
}

/** The overlay's kustomization: the cluster's differences from the first cluster, as kustomize writes them. */
function overlayFor(
  fleet: Fleet,
  cluster: FleetCluster,
  hubApp: readonly Manifest[],
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
  return dropEmpty({ ...KUSTOMIZATION, resources: ['../../base'], images, replicas, patches });
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
