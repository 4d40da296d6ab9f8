import { App } from 'cdk8s';
import { loadFleetFromStackFile } from '../../model/load-fleet';
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
 */
export function synthEnvironment(options: SynthEnvironmentOptions): QcbmFleetCharts {
  const fleet = loadFleetFromStackFile(options.stackFile);
  const app = new App({ outdir: options.outdir });
  const charts = addQcbmFleetCharts(app, { fleet });
  // The overrides fail here with the fleet's paths, before cdk8s writes anything.
  charts.multiCluster.check();
  app.synth();
  return charts;
}
