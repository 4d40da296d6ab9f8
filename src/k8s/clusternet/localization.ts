import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import * as field from '../../model/fields';
import * as l1 from '../imports/clusternet-localizations-apps.clusternet.io';
import {
  checkHolderProps,
  OverrideHolder,
  type OverrideHolderProps,
  overrideHolderPropsSchema,
} from './override-holder';

/** Properties for `Localization`. */
export interface LocalizationProps extends OverrideHolderProps {
  /**
   * The member cluster's dedicated namespace on the hub (`clusternet-xxxxx`), which is what makes the
   * overrides apply to that one cluster. Read it on the hub; it cannot be derived from the cluster's name.
   */
  readonly hubNamespace: string;
}

const localizationPropsSchema = overrideHolderPropsSchema.extend({ hubNamespace: field.hubNamespace });

/**
 * Overrides for one object in one member cluster (Clusternet `Localization`, apps.clusternet.io/v1alpha1).
 * Every Localization is applied after every Globalization for the same object.
 * @see https://clusternet.io/docs/user-guide/use-localization-and-globalization/
 */
export class Localization extends OverrideHolder {
  public readonly hubNamespace: string;
  protected readonly apiObject: ApiObject;

  /** What the constructor checks of `props`, without creating one. @internal */
  public static _checkProps(id: string, props: LocalizationProps): void {
    checkHolderProps('Localization', id, props, localizationPropsSchema);
  }

  constructor(scope: Construct, id: string, props: LocalizationProps) {
    super(scope, id, props, localizationPropsSchema);
    this.hubNamespace = props.hubNamespace;
    this.apiObject = new l1.Localization(this, 'Resource', {
      metadata: { name: props.name, namespace: props.hubNamespace },
      spec: this.specLazy(),
    });
  }

  public get displayName(): string {
    return `Localization ${this.hubNamespace}/${this.name}`;
  }
}
