import { ApiObject } from 'cdk8s';

/** How a Subscription, Localization or Globalization names one object: apiVersion, kind, namespace, name. */
export interface FeedReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** @default - cluster-scoped object */
  readonly namespace?: string;
}

/**
 * One object distributed by Clusternet. Feeds match the hub's manifests by the exact apiVersion, kind,
 * namespace and name, so build them from the emitted objects with `Feed.of()` rather than by hand.
 */
export class Feed {
  /** The feed of an object this app emits: the apiVersion is the one it is emitted with. */
  public static of(apiObject: ApiObject): Feed {
    return new Feed(
      {
        apiVersion: apiObject.apiVersion,
        kind: apiObject.kind,
        name: apiObject.name,
        namespace: apiObject.metadata.namespace,
      },
      apiObject,
    );
  }

  /**
   * The feed of an object created elsewhere on the hub (e.g. a Secret submitted out of band). Overrides
   * aimed at it cannot be checked at synth time and are refused.
   */
  public static fromReference(ref: FeedReference): Feed {
    return new Feed(ref, undefined);
  }

  /** `apiVersion/kind/namespace/name` (namespace left out for cluster-scoped objects). */
  public readonly key: string;

  private constructor(
    public readonly reference: FeedReference,
    /** The emitted object behind the feed, when this app emits it. */
    public readonly apiObject: ApiObject | undefined,
  ) {
    const { apiVersion, kind, namespace, name } = reference;
    this.key = [apiVersion, kind, namespace, name].filter((p) => p !== undefined && p !== '').join('/');
  }

  /** `Deployment qcbm/user-service`, for messages. */
  public get displayName(): string {
    const { kind, namespace, name } = this.reference;
    return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  }

  /** @internal */
  public _toKube(): { apiVersion: string; kind: string; name: string; namespace?: string } {
    const { apiVersion, kind, name, namespace } = this.reference;
    return namespace === undefined ? { apiVersion, kind, name } : { apiVersion, kind, name, namespace };
  }
}
