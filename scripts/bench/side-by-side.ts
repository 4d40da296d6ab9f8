/** The kustomize pipeline for one fleet size, timed, with its output checked against ours. */
import { rmSync } from 'fs';
import { join } from 'path';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { parseFleet } from '../../src/model';
import { generateFleet } from '../generate-fleet';
import { compareCluster } from './compare';
import { runKustomize, writeKustomizeTree } from './kustomize';
import { runCommand } from './processes';
import { kbToMb, since } from './stats';
import { benchWorkDir } from './work-dir';

export interface KustomizeFigures {
  readonly clusters: number;
  /** Writing base and overlays (authoring, not part of the timed pipeline). */
  readonly setupMs: number;
  /** All `kubectl kustomize` runs, one after the other, output written to disk. */
  readonly totalMs: number;
  readonly medianPerOverlayMs: number;
  /** One overlay's `kubectl kustomize` under GNU time. */
  readonly peakRssMb?: number;
  readonly clustersCompared: number;
  /** Clusters whose kind/name sets differ, with what differs. */
  readonly objectSetMismatches: string[];
  /** Objects present in both whose content differs (first few, with the first differing path). */
  readonly contentMismatches: string[];
  readonly contentMismatchCount: number;
}

export function measureKustomize(
  size: number,
  kubectl: string,
  cwd: string,
  gnuTime: boolean,
): KustomizeFigures {
  const input = generateFleet(size);
  const fleet = parseFleet(input, input.name);
  const ours = synthesizeFleet(fleet);
  const dir = benchWorkDir(`kustomize-${size}-`);
  try {
    const t = performance.now();
    const overlays = writeKustomizeTree(dir, fleet, ours.hubApp, ours.clusters);
    const setupMs = since(t);
    const out = join(dir, 'out');
    const run = runKustomize(kubectl, overlays, out, cwd);
    const probe = runCommand(kubectl, ['kustomize', overlays[overlays.length - 1]], { cwd, gnuTime });
    const objectSetMismatches: string[] = [];
    const contentMismatches: string[] = [];
    let contentMismatchCount = 0;
    for (const cluster of fleet.clusters) {
      const c = compareCluster(cluster.name, ours.clusters[cluster.name], join(out, `${cluster.name}.yaml`));
      if (c.onlyOurs.length > 0 || c.onlyKustomize.length > 0) {
        objectSetMismatches.push(
          `${cluster.name}: only ours [${c.onlyOurs.join(', ')}], only kustomize [${c.onlyKustomize.join(', ')}]`,
        );
      }
      contentMismatchCount += c.contentDiffers.length;
      for (const d of c.contentDiffers)
        if (contentMismatches.length < 5) contentMismatches.push(`${cluster.name}: ${d}`);
    }
    return {
      clusters: size,
      setupMs,
      totalMs: run.totalMs,
      medianPerOverlayMs: run.medianPerOverlayMs,
      peakRssMb: probe.maxRssKb === undefined ? undefined : kbToMb(probe.maxRssKb),
      clustersCompared: fleet.clusters.length,
      objectSetMismatches,
      contentMismatches,
      contentMismatchCount,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
