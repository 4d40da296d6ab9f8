/** The measured phases of our pipeline, split the way `synthEnvironment` does it (src/k8s/fleet/synth-environment.ts). */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import {
  addQcbmFleetCharts,
  fleetManifestChecks,
  type QcbmFleetCharts,
} from '../../src/k8s/fleet/qcbm-fleet-charts';
import { ManifestValidator } from '../../src/k8s/validation/manifest-validator';
import { type ManifestFile, writeManifestFiles } from '../../src/k8s/fleet/synth-environment';
import { parseFleet } from '../../src/model';
import type { Fleet, FleetInput } from '../../src/model/fleet-schema';

export interface HubResult {
  readonly fleet: Fleet;
  readonly charts: QcbmFleetCharts;
  readonly hubApp: unknown[];
  readonly hubDistribution: unknown[];
}

/** (1) Validate the fleet, build the constructs and synthesize the hub's two charts to objects. */
export function buildHub(input: FleetInput): HubResult {
  const fleet = parseFleet(input, input.name);
  const charts = addQcbmFleetCharts(new App({ outdir: '.' }), { fleet, renderClusters: false });
  // As `fleetChartFiles` does: the validation cdk8s runs for each chart renders and checks the clusters once.
  return charts.multiCluster._synthesizing(() => ({
    fleet,
    charts,
    hubApp: charts.appChart.toJson(),
    hubDistribution: charts.distributionChart.toJson(),
  }));
}

/**
 * The validation inside (1) and (2), timed on its own: every cluster's effective objects (each distinct object
 * once) and the hub's, with the checks synth runs.
 * @returns the number of problems found (0 for a valid fleet)
 */
export function validateAll(hub: HubResult, clusters: ReadonlyMap<string, unknown[]>): number {
  const validator = new ManifestValidator(fleetManifestChecks(hub.fleet));
  return (
    validator.issues(clusters).length +
    validator.issuesAt('hub', hub.hubApp).length +
    validator.issuesAt('hub', hub.hubDistribution).length
  );
}

/** (2) Every cluster's effective manifests, as synth renders them (once, checked). */
export function renderClusters(hub: HubResult): ReadonlyMap<string, unknown[]> {
  return hub.charts.multiCluster.check();
}

/** The files of an environment: what `fleetChartFiles` returns, from phases (1) and (2). */
export function filesOf(hub: HubResult, clusters: ReadonlyMap<string, unknown[]>): ManifestFile[] {
  return [
    ['hub-app', hub.hubApp],
    ['hub-distribution', hub.hubDistribution],
    ...[...clusters].map(([name, docs]): ManifestFile => [`cluster-${name}`, docs]),
  ];
}

/** (3) The files `synth` writes (hub-app, hub-distribution, one per cluster), with its writer. */
export function writeYaml(dir: string, files: readonly ManifestFile[]): number {
  return writeManifestFiles(dir, files).length;
}

/** The floor of (3): the same objects serialized with `JSON.stringify` and written, one file each. */
export function writeJson(dir: string, files: readonly ManifestFile[]): number {
  mkdirSync(dir, { recursive: true });
  for (const [name, docs] of files) writeFileSync(join(dir, `${name}.json`), JSON.stringify(docs));
  return files.length;
}

/** What a cdk8s app of the library's charts does: the whole cdk8s `App.synth()` (its own YAML writer). */
export function appSynth(input: FleetInput, dir: string): void {
  const app = new App({ outdir: dir });
  addQcbmFleetCharts(app, { fleet: parseFleet(input, input.name) });
  app.synth();
}
