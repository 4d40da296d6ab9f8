import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { loadFleetFromStackFile } from '../../model/load-fleet';
import { stringifyDocuments } from '../yaml/fast-yaml';
import { addQcbmFleetCharts, type QcbmFleetCharts } from './qcbm-fleet-charts';

export interface SynthEnvironmentOptions {
  /** The environment's stack file, e.g. `Pulumi.dev.yaml`. */
  readonly stackFile: string;
  /** Where the YAML goes. */
  readonly outdir: string;
}

/**
 * `cdk8s synth` for one environment: `hub-app.k8s.yaml` (templates for the hub's shadow API),
 * `hub-distribution.k8s.yaml` (Subscription, Localizations, Globalizations) and one
 * `cluster-<name>.k8s.yaml` per cluster with the manifests it will run.
 * @throws ValidationError for an invalid fleet or an override that cannot apply, before any file is written
 */
export function synthEnvironment(options: SynthEnvironmentOptions): QcbmFleetCharts {
  const fleet = loadFleetFromStackFile(options.stackFile);
  const charts = addQcbmFleetCharts(new App({ outdir: options.outdir }), { fleet, renderClusters: false });
  writeFleetCharts(charts, options.outdir);
  return charts;
}

/** One file of an environment: its name without `.k8s.yaml`, and its documents. */
export type ManifestFile = readonly [name: string, docs: readonly unknown[]];

/**
 * The files `App.synth()` writes for the fleet's charts with one `RenderedClusterChart` per cluster: the hub's two
 * charts, then each cluster's rendering. Each cluster is rendered once (the check's rendering is the one returned).
 * @throws ValidationError for an override that cannot apply
 */
export function fleetChartFiles(charts: QcbmFleetCharts): ManifestFile[] {
  // Synthesizing changes nothing: cdk8s's validation for each chart reuses the check's rendering.
  return charts.multiCluster._synthesizing(() => {
    const clusters = charts.multiCluster.check();
    return [
      [charts.appChart.node.id, charts.appChart.toJson()],
      [charts.distributionChart.node.id, charts.distributionChart.toJson()],
      ...[...clusters].map(([name, docs]): ManifestFile => [`cluster-${name}`, docs]),
    ];
  });
}

/**
 * Writes the fleet's files as `App.synth()` does, byte for byte, with `stringifyDocuments`, which gives cdk8s's
 * bytes at a fraction of its serializer's cost.
 * @returns the files written, in order
 * @throws ValidationError before any file is written
 */
export function writeFleetCharts(charts: QcbmFleetCharts, outdir: string): string[] {
  return writeManifestFiles(outdir, fleetChartFiles(charts));
}

/** Writes each file as `<name>.k8s.yaml` in `outdir`; returns the file names. */
export function writeManifestFiles(outdir: string, files: readonly ManifestFile[]): string[] {
  mkdirSync(outdir, { recursive: true });
  return files.map(([name, docs]) => {
    const file = `${name}.k8s.yaml`;
    writeFileSync(join(outdir, file), stringifyDocuments(docs), { encoding: 'utf8' });
    return file;
  });
}
