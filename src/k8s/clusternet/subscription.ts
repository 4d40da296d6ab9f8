import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../../model/formats';
import * as l1 from '../imports/clusternet-subscriptions-apps.clusternet.io';
import type { ClusterSelector } from './cluster-selector';
import type { Feed } from './feed';

/** How replicas are placed on the selected clusters. */
export enum SchedulingStrategy {
  /** Every selected cluster runs the full app (the TDCC guide's mode, and what DR wants). */
  REPLICATION = 'Replication',
  /** Replicas are divided among the clusters (Clusternet writes Localizations at priority 1000). */
  DIVIDING = 'Dividing',
}

export interface Subscriber {
  /** The clusters this subscriber stands for. */
  readonly clusters: ClusterSelector;
  /**
   * Static weight for Dividing scheduling.
   * @default - no weight
   */
  readonly weight?: number;
}

export interface SubscriptionProps {
  /** metadata.name. */
  readonly name: string;
  /**
   * The hub namespace the Subscription lives in.
   * @default 'default'
   */
  readonly namespace?: string;
  /** The clusters that receive the feeds (a union). More can be added with `addSubscriber()`. */
  readonly subscribers?: readonly Subscriber[];
  /** The objects distributed, in the order given. More can be added with `addFeed()`. */
  readonly feeds?: readonly Feed[];
  /** @default SchedulingStrategy.REPLICATION */
  readonly schedulingStrategy?: SchedulingStrategy;
}

/**
 * Which member clusters receive which objects (Clusternet `Subscription`, apps.clusternet.io/v1alpha1).
 * @see https://clusternet.io/docs/tutorials/multi-cluster-apps/
 */
export class Subscription extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly schedulingStrategy: SchedulingStrategy;
  /** The generated L1 object (`defaultChild`). */
  public readonly apiObject: ApiObject;
  private readonly subscriberList: Subscriber[] = [];
  private readonly feedList: Feed[] = [];
  private readonly feedKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'default';
    if (!DNS1123_SUBDOMAIN.test(props.name)) {
      throw new Error(
        `Subscription '${id}': 'name' (${JSON.stringify(props.name)}) ${DNS1123_SUBDOMAIN.rule}`,
      );
    }
    if (!DNS1123_LABEL.test(namespace)) {
      throw new Error(
        `Subscription '${id}': 'namespace' (${JSON.stringify(namespace)}) ${DNS1123_LABEL.rule}`,
      );
    }
    this.name = props.name;
    this.namespace = namespace;
    this.schedulingStrategy = props.schedulingStrategy ?? SchedulingStrategy.REPLICATION;
    (props.subscribers ?? []).forEach((s) => this.addSubscriber(s));
    (props.feeds ?? []).forEach((f) => this.addFeed(f));
    this.apiObject = new l1.Subscription(this, 'Resource', {
      metadata: { name: this.name, namespace },
      spec: Lazy.any({
        produce: () => ({
          schedulingStrategy: this.schedulingStrategy,
          subscribers: this.subscriberList.map((s) =>
            s.weight === undefined
              ? { clusterAffinity: s.clusters._toKube() }
              : { clusterAffinity: s.clusters._toKube(), weight: s.weight },
          ),
          feeds: this.feedList.map((f) => f._toKube()),
        }),
      }),
    });
    this.node.addValidation({ validate: () => this.validate() });
  }

  public get feeds(): readonly Feed[] {
    return [...this.feedList];
  }

  public get subscribers(): readonly Subscriber[] {
    return [...this.subscriberList];
  }

  /** @throws if the same object is already a feed */
  public addFeed(feed: Feed): void {
    if (this.feedKeys.has(feed.key)) {
      throw new Error(`Subscription '${this.name}': ${feed.displayName} (${feed.key}) is already a feed`);
    }
    this.feedKeys.add(feed.key);
    this.feedList.push(feed);
  }

  public hasFeed(feed: Feed): boolean {
    return this.feedKeys.has(feed.key);
  }

  public addSubscriber(subscriber: Subscriber): void {
    if (subscriber.weight !== undefined && (!Number.isInteger(subscriber.weight) || subscriber.weight < 0)) {
      throw new Error(
        `Subscription '${this.name}': subscriber 'weight' (${subscriber.weight}) must be a whole number of 0 or more`,
      );
    }
    this.subscriberList.push(subscriber);
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.subscriberList.length === 0) {
      errors.push('has no subscribers; add the clusters with addSubscriber()');
    }
    if (this.feedList.length === 0) errors.push('has no feeds; add the objects to distribute with addFeed()');
    return errors;
  }
}
