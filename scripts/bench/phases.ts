/** The three measured phases of our pipeline, split the way `synthesizeFleet` and `synthEnvironment` do it. */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { App, Yaml } from 'cdk8s';
import { addQcbmFleetCharts, type QcbmFleetCharts } from '../../src/k8s/fleet/qcbm-fleet-charts';
import { parseFleet } from '../../src/model';
import type { FleetInput } from '../../src/model/fleet-schema';

export interface HubResult {
  readonly charts: QcbmFleetCharts;
  readonly hubApp: any[];
  readonly hubDistribution: any[];
}

/** (1) Validate the fleet, build the constructs and synthesize the hub's two charts to objects. */
export function buildHub(input: FleetInput): HubResult {
  const fleet = parseFleet(input, input.name);
  const charts = addQcbmFleetCharts(new App({ outdir: '.' }), { fleet, renderClusters: false });
  return { charts, hubApp: charts.appChart.toJson(), hubDistribution: charts.distributionChart.toJson() };
}

/** (2) Every cluster's effective manifests, as `synthesizeFleet` computes them. */
export function renderClusters(hub: HubResult): Map<string, unknown[]> {
  return hub.charts.multiCluster.renderAll();
}

/**
 * (3) The files `cdk8s synth` writes for an environment (hub-app, hub-distribution, one per cluster), with
 * the serializer `App.synth()` uses (cdk8s `Yaml.save`). Returns the number of files.
 */
export function writeYaml(dir: string, hub: HubResult, clusters: ReadonlyMap<string, unknown[]>): number {
  mkdirSync(dir, { recursive: true });
  Yaml.save(join(dir, 'hub-app.k8s.yaml'), hub.hubApp);
  Yaml.save(join(dir, 'hub-distribution.k8s.yaml'), hub.hubDistribution);
  for (const [name, docs] of clusters) Yaml.save(join(dir, `cluster-${name}.k8s.yaml`), docs);
  return clusters.size + 2;
}

/** What `npm run synth` does for a fleet once the stack file is read: the whole cdk8s `App.synth()`. */
export function appSynth(input: FleetInput, dir: string): void {
  const app = new App({ outdir: dir });
  addQcbmFleetCharts(app, { fleet: parseFleet(input, input.name) });
  app.synth();
}
