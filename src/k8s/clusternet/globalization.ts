import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DNS1123_SUBDOMAIN } from '../../model/formats';
import * as l1 from '../imports/clusternet-globalizations-apps.clusternet.io';
import { ClusterSelector } from './cluster-selector';
import type { Override } from './override';
import { OverrideSpec, type OverrideSpecProps } from './override-spec';

export interface GlobalizationProps extends OverrideSpecProps {
  /** metadata.name; Globalizations are cluster-scoped, so it must be unique on the hub. */
  readonly name: string;
  /**
   * The member clusters the overrides apply to.
   * @default ClusterSelector.all()
   */
  readonly clusterSelector?: ClusterSelector;
}

/**
 * Overrides for one object in every selected member cluster (Clusternet `Globalization`, cluster-scoped).
 * Applied before any Localization for the same object, whatever the priorities.
 */
export class Globalization extends Construct {
  public readonly name: string;
  public readonly clusterSelector: ClusterSelector;
  /** The generated L1 object (`defaultChild`). */
  public readonly apiObject: ApiObject;
  private readonly spec: OverrideSpec;

  constructor(scope: Construct, id: string, props: GlobalizationProps) {
    super(scope, id);
    if (!DNS1123_SUBDOMAIN.test(props.name)) {
      throw new Error(
        `Globalization '${id}': 'name' (${JSON.stringify(props.name)}) ${DNS1123_SUBDOMAIN.rule}`,
      );
    }
    this.name = props.name;
    this.clusterSelector = props.clusterSelector ?? ClusterSelector.all();
    this.spec = new OverrideSpec(`Globalization '${id}'`, props);
    this.apiObject = new l1.Globalization(this, 'Resource', {
      metadata: { name: props.name },
      spec: Lazy.any({
        produce: () => ({ ...this.spec.toKube(), clusterAffinity: this.clusterSelector._toKube() }),
      }),
    });
    this.node.addValidation({ validate: () => this.spec.validate() });
  }

  public get feed() {
    return this.spec.feed;
  }

  public get priority(): number {
    return this.spec.priority;
  }

  public get overrides(): readonly Override[] {
    return this.spec.overrides;
  }

  public addOverride(override: Override): void {
    this.spec.add(override);
  }

  /** True when this Globalization applies to a cluster with these labels. */
  public appliesTo(clusterLabels: Readonly<Record<string, string>>): boolean {
    return this.clusterSelector.matches(clusterLabels);
  }

  /** Applies this Globalization's overrides, in order, to a copy of the manifest. */
  public applyTo<T>(manifest: T): T {
    return this.spec.applyTo(manifest);
  }
}
