import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../../model/formats';
import * as l1 from '../imports/clusternet-localizations-apps.clusternet.io';
import type { Override } from './override';
import { OverrideSpec, type OverrideSpecProps } from './override-spec';

export interface LocalizationProps extends OverrideSpecProps {
  /** metadata.name; unique within the cluster's dedicated namespace. */
  readonly name: string;
  /**
   * The member cluster's dedicated namespace on the hub (`clusternet-xxxxx`), which is what makes the
   * overrides apply to that one cluster. Read it on the hub; it cannot be derived from the cluster's name.
   */
  readonly hubNamespace: string;
}

/**
 * Overrides for one object in one member cluster (Clusternet `Localization`, apps.clusternet.io/v1alpha1).
 * Every Localization is applied after every Globalization for the same object.
 * @see https://clusternet.io/docs/user-guide/use-localization-and-globalization/
 */
export class Localization extends Construct {
  public readonly name: string;
  public readonly hubNamespace: string;
  /** The generated L1 object (`defaultChild`). */
  public readonly apiObject: ApiObject;
  private readonly spec: OverrideSpec;

  constructor(scope: Construct, id: string, props: LocalizationProps) {
    super(scope, id);
    if (!DNS1123_SUBDOMAIN.test(props.name)) {
      throw new Error(
        `Localization '${id}': 'name' (${JSON.stringify(props.name)}) ${DNS1123_SUBDOMAIN.rule}`,
      );
    }
    if (!DNS1123_LABEL.test(props.hubNamespace)) {
      throw new Error(
        `Localization '${id}': 'hubNamespace' (${JSON.stringify(props.hubNamespace)}) must be the cluster's dedicated namespace on the hub, like clusternet-bbg66`,
      );
    }
    this.name = props.name;
    this.hubNamespace = props.hubNamespace;
    this.spec = new OverrideSpec(`Localization '${id}'`, props);
    this.apiObject = new l1.Localization(this, 'Resource', {
      metadata: { name: props.name, namespace: props.hubNamespace },
      spec: Lazy.any({ produce: () => this.spec.toKube() }),
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

  /** Applies this Localization's overrides, in order, to a copy of the manifest. */
  public applyTo<T>(manifest: T): T {
    return this.spec.applyTo(manifest);
  }
}
