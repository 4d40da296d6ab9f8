import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import * as l1 from '../imports/clusternet-globalizations-apps.clusternet.io';
import { ClusterSelector } from './cluster-selector';
import { checkHolderProps, OverrideHolder, type OverrideHolderProps } from './override-holder';

/** Properties for `Globalization`. */
export interface GlobalizationProps extends OverrideHolderProps {
  /**
   * The member clusters the overrides apply to. Globalizations are cluster-scoped, so `name` must be unique
   * on the hub.
   * @default ClusterSelector.all()
   */
  readonly clusterSelector?: ClusterSelector;
}

/**
 * Overrides for one object in every selected member cluster (Clusternet `Globalization`, cluster-scoped).
 * Applied before any Localization for the same object, whatever the priorities.
 */
export class Globalization extends OverrideHolder {
  public readonly clusterSelector: ClusterSelector;
  protected readonly apiObject: ApiObject;

  /** What the constructor checks of `props`, without creating one. @internal */
  public static _checkProps(id: string, props: GlobalizationProps): void {
    checkHolderProps('Globalization', id, props);
  }

  constructor(scope: Construct, id: string, props: GlobalizationProps) {
    super(scope, id, props);
    this.clusterSelector = props.clusterSelector ?? ClusterSelector.all();
    this.apiObject = new l1.Globalization(this, 'Resource', {
      metadata: { name: props.name },
      spec: this.specLazy(() => ({ clusterAffinity: this.clusterSelector._toKube() })),
    });
  }

  public get displayName(): string {
    return `Globalization ${this.name}`;
  }

  /** True when this Globalization applies to a cluster with these labels. */
  public appliesTo(clusterLabels: Readonly<Record<string, string>>): boolean {
    return this.clusterSelector.matches(clusterLabels);
  }
}
