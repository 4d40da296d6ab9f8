import { type ApiObject, Lazy } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { z } from 'zod';
import * as field from '../../model/fields';
import { parseInput } from '../../model/parse-input';
import { ValidationError } from '../../model/validation-error';
import * as l1 from '../imports/clusternet-subscriptions-apps.clusternet.io';
import type { ClusterSelector } from './cluster-selector';
import type { Feed } from './feed';
import { feedsOf, inDependencyOrder } from './feed-order';

/** How replicas are placed on the selected clusters. */
export enum SchedulingStrategy {
  /** Every selected cluster runs the full app (the TDCC guide's mode, and what DR wants). */
  REPLICATION = 'Replication',
  /** Replicas are divided among the clusters (Clusternet writes Localizations at priority 1000). */
  DIVIDING = 'Dividing',
}

/** One entry of a Subscription's `subscribers`. */
export interface Subscriber {
  /** The clusters this subscriber stands for. */
  readonly clusters: ClusterSelector;
  /**
   * Static weight for Dividing scheduling.
   * @default - no weight
   */
  readonly weight?: number;
}

/** Properties for `Subscription`. */
export interface SubscriptionProps {
  /** metadata.name. */
  readonly name: string;
  /**
   * The hub namespace the Subscription lives in.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The clusters that receive the feeds (a union). More can be added with `addSubscriber()`.
   * @default - none yet
   */
  readonly subscribers?: readonly Subscriber[];
  /**
   * The objects distributed, in the order given. More can be added with `addFeed()` and `addFeedsFrom()`.
   * @default - none yet
   */
  readonly feeds?: readonly Feed[];
  /** @default SchedulingStrategy.REPLICATION */
  readonly schedulingStrategy?: SchedulingStrategy;
}

const subscriptionPropsSchema = z.object({
  name: field.dnsSubdomain,
  namespace: field.dnsLabel.optional(),
  schedulingStrategy: z.enum(SchedulingStrategy).optional(),
});
const subscriberSchema = z.object({
  weight: z
    .number()
    .int()
    .refine((w) => w >= 0, {
      message: 'must be a whole number of 0 or more',
      params: { fix: 'use 0 or more' },
    })
    .optional(),
});

/**
 * Which member clusters receive which objects (Clusternet `Subscription`, apps.clusternet.io/v1alpha1).
 * @see https://clusternet.io/docs/tutorials/multi-cluster-apps/
 */
export class Subscription extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly schedulingStrategy: SchedulingStrategy;
  /** The generated L1 object (the `defaultChild`). */
  protected readonly apiObject: ApiObject;
  private readonly subscriberList: Subscriber[] = [];
  private readonly feedList: Feed[] = [];
  private readonly feedSources: IConstruct[] = [];
  private readonly withheld = new Set<string>();

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    super(scope, id);
    parseInput(subscriptionPropsSchema, props, `Subscription '${id}'`, 'props');
    this.name = props.name;
    this.namespace = props.namespace ?? 'default';
    this.schedulingStrategy = props.schedulingStrategy ?? SchedulingStrategy.REPLICATION;
    (props.subscribers ?? []).forEach((s) => this.addSubscriber(s));
    (props.feeds ?? []).forEach((f) => this.addFeed(f));
    this.apiObject = new l1.Subscription(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          schedulingStrategy: this.schedulingStrategy,
          subscribers: this.subscriberList.map((s) =>
            s.weight === undefined
              ? { clusterAffinity: s.clusters._toKube() }
              : { clusterAffinity: s.clusters._toKube(), weight: s.weight },
          ),
          feeds: this.feeds.map((f) => f._toKube()),
        }),
      }),
    });
    this.node.addValidation({ validate: () => this.validate() });
  }

  /**
   * The objects distributed. Without feed sources, the feeds in the order they were added; with sources
   * (`addFeedsFrom()`), every feed, the sources' objects as they are now included, in dependency order.
   */
  public get feeds(): readonly Feed[] {
    const all = this._feedsWithWithheld();
    return this.withheld.size === 0 ? all : all.filter((f) => !this.withheld.has(f.key));
  }

  /** The feeds with the withheld ones still in their places. @internal */
  public _feedsWithWithheld(): Feed[] {
    if (this.feedSources.length === 0) return [...this.feedList];
    return inDependencyOrder([...this.feedSources.flatMap((s) => feedsOf(s)), ...this.feedList]);
  }

  /**
   * Keeps one object of the feed sources out of this Subscription, e.g. because another Subscription sends it
   * to fewer clusters.
   */
  public withholdFeed(feed: Feed): void {
    this.withheld.add(feed.key);
  }

  public get subscribers(): readonly Subscriber[] {
    return [...this.subscriberList];
  }

  /**
   * Distributes one more object and returns its feed.
   * @throws ValidationError if the same object is already a feed
   */
  public addFeed(feed: Feed): Feed {
    if (this.feedList.some((f) => f.key === feed.key)) {
      throw new ValidationError(`Subscription '${this.name}'`, [duplicateFeed(feed)]);
    }
    this.feedList.push(feed);
    return feed;
  }

  /**
   * Distributes every object under `scope` (Clusternet's own kinds aside). The objects are read when the
   * Subscription is synthesized, so objects added to `scope` later are distributed too. Once a source is
   * added, all feeds are listed in dependency order (namespaces, configuration, workloads, services, ...).
   */
  public addFeedsFrom(scope: IConstruct): void {
    this.feedSources.push(scope);
  }

  public hasFeed(feed: Feed): boolean {
    return this.feeds.some((f) => f.key === feed.key);
  }

  /** Adds clusters that receive the feeds, and returns the subscriber. */
  public addSubscriber(subscriber: Subscriber): Subscriber {
    parseInput(subscriberSchema, subscriber, `Subscription '${this.name}' subscriber`, 'subscriber');
    this.subscriberList.push(subscriber);
    return subscriber;
  }

  private validate(): string[] {
    const errors: string[] = [];
    const feeds = this.feeds;
    if (this.subscriberList.length === 0) {
      errors.push('has no subscribers; add the clusters with addSubscriber()');
    }
    if (feeds.length === 0) errors.push('has no feeds; add the objects to distribute with addFeed()');
    const seen = new Set<string>();
    for (const feed of feeds) {
      if (seen.has(feed.key)) errors.push(`${duplicateFeed(feed).message}; distribute each object once`);
      seen.add(feed.key);
    }
    return errors;
  }
}

function duplicateFeed(feed: Feed) {
  return {
    path: 'feeds',
    message: `${feed.displayName} (${feed.key}) is already a feed`,
    fix: 'distribute each object once',
  };
}
