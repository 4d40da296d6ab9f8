import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { MultiClusterApp } from './multi-cluster-app';

export interface RenderedClusterChartProps {
  /** The distribution to render. */
  readonly source: MultiClusterApp;
  /** The member cluster whose effective manifests this chart holds. */
  readonly cluster: string;
}

/**
 * The manifests one member cluster will run once Clusternet has applied every override, as a chart of its
 * own: one file per cluster for review and diffs, or for `kubectl apply` where there is no TDCC hub.
 * Rendered at synth time, so differences added after this chart was created are included.
 */
export class RenderedClusterChart extends Chart {
  public readonly cluster: string;
  private readonly source: MultiClusterApp;

  constructor(scope: Construct, id: string, props: RenderedClusterChartProps) {
    super(scope, id);
    this.source = props.source;
    this.cluster = props.cluster;
  }

  public override toJson(): any[] {
    return this.source.renderCluster(this.cluster);
  }
}
