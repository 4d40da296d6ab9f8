import type { Construct } from 'constructs';
import type { ValidationIssue } from '../../model/validation-error';
import { ClusterSelector } from '../clusternet/cluster-selector';
import type { Feed } from '../clusternet/feed';
import type { OverrideHolder } from '../clusternet/override-holder';
import { Subscription } from '../clusternet/subscription';
import type { ClusterTarget } from './cluster-target';
import { uniqueChildId } from './unique-child-id';

/**
 * The objects of an app that only some member clusters receive. An override can change an object but never take
 * it away from a cluster, so each such object is withheld from the main Subscription and sent by a Subscription
 * of its own whose subscribers are those clusters.
 */
export class NarrowDistributions {
  private readonly byFeed = new Map<string, { clusters: ReadonlySet<string>; subscription: Subscription }>();

  constructor(
    private readonly scope: Construct,
    private readonly main: Subscription,
  ) {}

  public get subscriptions(): readonly Subscription[] {
    return [...this.byFeed.values()].map((n) => n.subscription);
  }

  /** What is wrong with sending the object only to these clusters, membership aside. */
  public requestIssues(feed: Feed, clusterNames: readonly string[]): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    if (this.byFeed.has(feed.key)) {
      issues.push({
        path: 'object',
        message: `${feed.displayName} is already sent to some clusters only`,
        fix: 'name every cluster that receives it in one call',
      });
    }
    if (clusterNames.length === 0) {
      issues.push({
        path: 'clusters',
        message: 'is empty',
        fix: 'name the clusters that receive the object',
      });
    }
    return issues;
  }

  /** Whether the cluster receives the object. */
  public receives(clusterName: string, feed: Feed): boolean {
    return this.byFeed.get(feed.key)?.clusters.has(clusterName) ?? true;
  }

  /**
   * Sends the object only to `clusters` (checked members), through a Subscription named `name` in the main one's
   * namespace, with its scheduling strategy.
   */
  public add(feed: Feed, clusters: readonly ClusterTarget[], name: string): Subscription {
    const subscription = new Subscription(this.scope, uniqueChildId(this.scope, 'Subscription', name), {
      name,
      namespace: this.main.namespace,
      schedulingStrategy: this.main.schedulingStrategy,
      subscribers: clusters.map((c) => ({ clusters: ClusterSelector.byId(c.clusterId) })),
      feeds: [feed],
    });
    this.main.withholdFeed(feed);
    this.byFeed.set(feed.key, { clusters: new Set(clusters.map((c) => c.name)), subscription });
    return subscription;
  }

  /**
   * `feeds` split by who receives them, for filtering them for many clusters: the function returned gives, for a
   * cluster, `feeds.filter((f) => receives(name, f))` (same order) without visiting every narrowed feed again.
   */
  public receivers(feeds: readonly Feed[]): (clusterName: string) => Feed[] {
    const everyone: number[] = [];
    const own = new Map<string, number[]>();
    feeds.forEach((feed, i) => {
      const narrowed = this.byFeed.get(feed.key);
      if (!narrowed) everyone.push(i);
      else {
        for (const name of narrowed.clusters) {
          const list = own.get(name);
          if (list) list.push(i);
          else own.set(name, [i]);
        }
      }
    });
    return (clusterName) => {
      const mine = own.get(clusterName) ?? [];
      const out: Feed[] = [];
      let [a, b] = [0, 0];
      while (a < everyone.length || b < mine.length) {
        const next =
          b >= mine.length || (a < everyone.length && everyone[a] < mine[b]) ? everyone[a++] : mine[b++];
        out.push(feeds[next]);
      }
      return out;
    };
  }

  /** An issue for each of a cluster's own overrides aimed at an object the cluster does not receive. */
  public strayOverrideIssues(clusterName: string, holders: readonly OverrideHolder[]): ValidationIssue[] {
    return holders
      .filter((h) => !this.receives(clusterName, h.feed))
      .map((h) => ({
        path: `cluster "${clusterName}", ${h.displayName}`,
        message: `patches ${h.feed.displayName}, which ${clusterName} does not receive`,
        fix: `send the object to ${clusterName} too, or drop the difference`,
      }));
  }
}
