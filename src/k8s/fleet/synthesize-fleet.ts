import { App } from 'cdk8s';
import type { Fleet } from '../../model/fleet-schema';
import { offlineRuntime } from '../../model/offline-runtime';
import { formatIssue } from '../../model/validation-error';
import type { Manifest } from '../manifest';
import { addQcbmFleetCharts, type QcbmFleetChartsProps } from './qcbm-fleet-charts';

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

/**
 * Builds an environment in memory, with no files written: what the Pulumi program calls inside `apply` once
 * the regions' endpoints are known. Pure: the same inputs give the same objects.
 */
export function synthesizeFleet(
  fleet: Fleet,
  options: Omit<QcbmFleetChartsProps, 'fleet' | 'renderClusters'> = {},
): SynthesizedFleet {
  const charts = addQcbmFleetCharts(new App({ outdir: '.' }), { ...options, fleet, renderClusters: false });
  // check() keeps its rendering for the charts' own validation below: each cluster is rendered once.
  const clusters = Object.fromEntries(charts.multiCluster.check()) as Record<string, Manifest[]>;
  return {
    hubApp: charts.appChart.toJson(),
    hubDistribution: charts.distributionChart.toJson(),
    clusters,
    warnings: charts.multiCluster.warnings.map(formatIssue),
  };
}

/**
 * Fails, as synthesis would, on anything of the fleet's that cannot be rendered (an override that does not
 * apply, a patch aimed at nothing), before anything exists: values `pulumi up` creates are placeholders here.
 * @throws ValidationError
 */
export function checkFleetSynthesis(fleet: Fleet): void {
  synthesizeFleet(fleet, { runtime: offlineRuntime(fleet).runtime });
}
