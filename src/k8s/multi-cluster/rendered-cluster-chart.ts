import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { formatIssue } from '../../model/validation-error';
import type { MultiClusterApp } from './multi-cluster-app';

/** Properties for `RenderedClusterChart`. */
export interface RenderedClusterChartProps {
  /** The distribution to render. */
  readonly source: MultiClusterApp;
  /** The member cluster whose effective manifests this chart holds. */
  readonly cluster: string;
}

/**
 * The manifests one member cluster will run once Clusternet has applied every override, as a chart of its
 * own: one file per cluster for review and diffs, or for `kubectl apply` where there is no TDCC hub.
 * Rendered at synth time, so differences added after this chart was created are included; a cluster the
 * source does not distribute to fails validation, before any file is written.
 */
export class RenderedClusterChart extends Chart {
  public readonly cluster: string;
  private readonly source: MultiClusterApp;

  constructor(scope: Construct, id: string, props: RenderedClusterChartProps) {
    super(scope, id);
    this.source = props.source;
    this.cluster = props.cluster;
    this.node.addValidation({
      validate: () => {
        const issues = [
          this.source._unrenderableIssue(),
          this.source._unknownClusterIssue(this.cluster, 'render a cluster the app distributes to'),
        ];
        return issues.filter((i) => i !== undefined).map(formatIssue);
      },
    });
  }

  public override toJson(): unknown[] {
    return this.source._renderForSynth(this.cluster);
  }
}
