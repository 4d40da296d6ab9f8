import { App } from 'cdk8s';
import type { Fleet } from '../../model/fleet-schema';
import { offlineCertificateId, offlineRuntime } from '../../model/offline-runtime';
import { formatIssue } from '../../model/validation-error';
import type { Manifest } from '../manifest';
import { addQcbmFleetCharts, type QcbmFleetCharts, type QcbmFleetChartsProps } from './qcbm-fleet-charts';

/** Everything an environment deploys, as plain objects. */
export interface SynthesizedFleet {
  /** The app's templates for the hub (submitted through Clusternet's shadow API). */
  readonly hubApp: Manifest[];
  /** Subscription, Localizations and Globalizations for the hub. */
  readonly hubDistribution: Manifest[];
  /** What each cluster runs once overrides are applied, by cluster name. */
  readonly clusters: Readonly<Record<string, Manifest[]>>;
  /** Overrides the hub applies only through a leniency of its patch library, one readable line each. */
  readonly warnings: readonly string[];
}

/** What `synthesizeFleet` and the cluster renderings take besides the fleet. */
export type SynthesizeFleetOptions = Omit<QcbmFleetChartsProps, 'fleet' | 'renderClusters' | '_onlyClusters'>;

/**
 * Builds an environment in memory, with no files written: what the Pulumi program calls inside `apply` once
 * the regions' endpoints are known. Pure: the same inputs give the same objects.
 */
export function synthesizeFleet(fleet: Fleet, options: SynthesizeFleetOptions = {}): SynthesizedFleet {
  const charts = fleetCharts(fleet, options);
  // Synthesizing changes nothing: the charts' own validation reuses the check's rendering.
  return charts.multiCluster._synthesizing(() => {
    const clusters = checkedClusters(charts);
    return {
      hubApp: charts.appChart.toJson(),
      hubDistribution: charts.distributionChart.toJson(),
      clusters,
      warnings: charts.multiCluster.warnings.map(formatIssue),
    };
  });
}

/**
 * `synthesizeFleet(fleet, options).clusters`, checked as synthesis checks them, without serializing the hub's
 * own charts: for commands that read only what the clusters run (`diff`).
 * @throws ValidationError
 */
export function renderFleetClusters(
  fleet: Fleet,
  options: SynthesizeFleetOptions = {},
): Readonly<Record<string, Manifest[]>> {
  return checkedClusters(fleetCharts(fleet, options));
}

/**
 * `synthesizeFleet(fleet, options).clusters[clusterName]`, with only that cluster rendered and its overrides
 * checked: the hub's objects are built from every cluster (budgets depend on all of them) and every cluster's
 * differences are checked as synth checks them when it adds them, but only this cluster's overrides and schema
 * Job are built, and no other cluster is rendered. An override of another cluster that cannot apply is not
 * reported here; synth and plan report it.
 * @throws ValidationError for a cluster the fleet does not have, a difference that cannot be added, or an
 * override of this cluster that cannot apply
 */
export function renderFleetCluster(
  fleet: Fleet,
  clusterName: string,
  options: SynthesizeFleetOptions = {},
): Manifest[] {
  // Another cluster's overrides, checksums and schema Job do not change this cluster's manifests.
  const charts = fleetCharts(fleet, options, [clusterName]);
  return charts.multiCluster.renderCluster(clusterName) as Manifest[];
}

function fleetCharts(
  fleet: Fleet,
  options: SynthesizeFleetOptions,
  onlyClusters?: readonly string[],
): QcbmFleetCharts {
  return addQcbmFleetCharts(new App({ outdir: '.' }), {
    ...options,
    fleet,
    renderClusters: false,
    _onlyClusters: onlyClusters,
  });
}

function checkedClusters(charts: QcbmFleetCharts): Record<string, Manifest[]> {
  return Object.fromEntries(charts.multiCluster.check()) as Record<string, Manifest[]>;
}

/**
 * Fails, as synthesis would, on anything of the fleet's that cannot be rendered (an override that does not
 * apply, a patch aimed at nothing), before anything exists: values `pulumi up` creates are placeholders here.
 * @throws ValidationError
 */
export function checkFleetSynthesis(fleet: Fleet): void {
  synthesizeFleet(fleet, {
    runtime: offlineRuntime(fleet).runtime,
    tlsCertificateId: offlineCertificateId(fleet),
  });
}
