import { ApiObject } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { DNS1123_LABEL, HUB_NAMESPACE, UUID } from '../../model/formats';
import { PriorityAllocator } from '../../model/override-priorities';
import { formatIssue, ValidationError, type ValidationIssue } from '../../model/validation-error';
import { ClusterSelector } from '../clusternet/cluster-selector';
import { Feed } from '../clusternet/feed';
import { Globalization } from '../clusternet/globalization';
import { Localization } from '../clusternet/localization';
import { SchedulingStrategy, Subscription } from '../clusternet/subscription';
import type { ClusterDifference } from './cluster-difference';
import { type ClusterTarget, labelsOf } from './cluster-target';
import { feedsOf, inDependencyOrder } from './feed-order';
import { renderCluster } from './render-cluster';
import { uniqueChildId } from './unique-child-id';

export interface MultiClusterAppProps {
  /** The construct whose ApiObjects are distributed (a QcbmApp, a Chart, any construct). */
  readonly app: IConstruct;
  /** metadata.name of the Subscription. */
  readonly subscriptionName: string;
  /**
   * The hub namespace of the Subscription.
   * @default 'default'
   */
  readonly subscriptionNamespace?: string;
  /**
   * The member clusters. More can be added with `addCluster()`.
   * @default - none yet
   */
  readonly clusters?: readonly ClusterTarget[];
  /**
   * Per-cluster differences, keyed by cluster name. More can be added with `addDifference()`.
   * @default - every cluster runs the app as written
   */
  readonly differences?: Readonly<Record<string, readonly ClusterDifference[]>>;
  /**
   * Objects to distribute that this app does not emit (e.g. a Secret submitted to the hub out of band).
   * @default - none
   */
  readonly extraFeeds?: readonly Feed[];
  /**
   * Priority of the first generated Localization per object and cluster (the TDCC guide uses 300); later
   * ones count up. Per-cluster Globalizations sit 100 above.
   * @default 300
   */
  readonly basePriority?: number;
  /** @default SchedulingStrategy.REPLICATION */
  readonly schedulingStrategy?: SchedulingStrategy;
}

/**
 * Distributes an app to many member clusters through TDCC / Clusternet: one Subscription whose feeds are
 * derived from the app in dependency order, and one Localization per cluster and differing object (or a
 * Globalization selecting the cluster by id where its hub namespace is unknown). Every patch is checked
 * against its target at synth time, and `renderCluster()` gives the manifests each cluster will run.
 */
export class MultiClusterApp extends Construct {
  public readonly subscription: Subscription;
  private readonly app: IConstruct;
  private readonly clusterList: ClusterTarget[] = [];
  private readonly feedList: Feed[];
  private readonly feedsByKey: Map<string, Feed>;
  private readonly priorities: PriorityAllocator;
  private readonly holders = new Map<string, Localization | Globalization>();
  private readonly localizationsByCluster = new Map<string, Localization[]>();
  private readonly globalizationsByCluster = new Map<string, Globalization[]>();
  private readonly fleetGlobalizations: Globalization[] = [];

  constructor(scope: Construct, id: string, props: MultiClusterAppProps) {
    super(scope, id);
    this.app = props.app;
    this.priorities = new PriorityAllocator(props.basePriority ?? 300);
    this.feedList = inDependencyOrder([...feedsOf(props.app), ...(props.extraFeeds ?? [])]);
    this.feedsByKey = new Map(this.feedList.map((f) => [f.key, f]));
    this.subscription = new Subscription(this, 'Subscription', {
      name: props.subscriptionName,
      namespace: props.subscriptionNamespace,
      feeds: this.feedList,
      schedulingStrategy: props.schedulingStrategy,
    });
    (props.clusters ?? []).forEach((c) => this.addCluster(c));
    for (const [cluster, differences] of Object.entries(props.differences ?? {})) {
      differences.forEach((d) => this.addDifference(cluster, d));
    }
    this.node.addValidation({ validate: () => this.validate() });
  }

  public get clusters(): readonly ClusterTarget[] {
    return [...this.clusterList];
  }

  public get feeds(): readonly Feed[] {
    return [...this.feedList];
  }

  public get localizations(): readonly Localization[] {
    return [...this.localizationsByCluster.values()].flat();
  }

  public get globalizations(): readonly Globalization[] {
    return [...this.fleetGlobalizations, ...[...this.globalizationsByCluster.values()].flat()];
  }

  /** Subscribes one more cluster: adding a cluster is adding one entry. */
  public addCluster(cluster: ClusterTarget): void {
    const issues = clusterIssues(cluster, this.clusterList);
    if (issues.length > 0) {
      throw new ValidationError(`MultiClusterApp '${this.node.id}' cluster "${cluster.name}"`, issues);
    }
    this.clusterList.push(cluster);
    this.subscription.addSubscriber({ clusters: ClusterSelector.byId(cluster.clusterId) });
  }

  /** Makes one cluster differ from the app as written. */
  public addDifference(clusterName: string, difference: ClusterDifference): void {
    const cluster = this.clusterList.find((c) => c.name === clusterName);
    this.checkTarget(difference, cluster ? undefined : clusterName);
    const target = cluster as ClusterTarget;
    const feedKey = difference.feed.key;
    const groupKey = `${clusterName}|${feedKey}|${difference.localizationName}`;
    let holder = this.holders.get(groupKey);
    if (!holder) {
      holder = target.hubNamespace
        ? this.newLocalization(target, difference)
        : this.newClusterGlobalization(target, difference);
      this.holders.set(groupKey, holder);
    }
    holder.addOverride(difference._toOverride());
  }

  /** Makes every selected cluster differ in the same way (one Globalization). */
  public addGlobalDifference(
    difference: ClusterDifference,
    clusters: ClusterSelector = ClusterSelector.all(),
  ): Globalization {
    this.checkTarget(difference, undefined);
    const feedKey = difference.feed.key;
    const globalization = new Globalization(
      this,
      uniqueChildId(this, 'Global', difference.localizationName),
      {
        name: difference.localizationName,
        feed: difference.feed,
        priority: this.priorities.forFleetGlobalization(feedKey),
        clusterSelector: clusters,
        overrides: [difference._toOverride()],
      },
    );
    this.fleetGlobalizations.push(globalization);
    return globalization;
  }

  /**
   * The manifests one cluster will run: the app's objects with the Globalizations, then the Localizations,
   * that apply to it, in Clusternet's order.
   * @throws ValidationError if an override cannot be applied
   */
  public renderCluster(clusterName: string): unknown[] {
    const result = this.renderClusters([clusterName]).get(clusterName);
    return result as unknown[];
  }

  /** The manifests of every cluster, by cluster name; each base manifest is computed once. */
  public renderAll(): Map<string, unknown[]> {
    return this.renderClusters(this.clusterList.map((c) => c.name));
  }

  private renderClusters(names: readonly string[]): Map<string, unknown[]> {
    const { manifests, issues } = this.renderWithIssues(names);
    if (issues.length > 0) throw new ValidationError(`MultiClusterApp '${this.node.id}' overrides`, issues);
    return manifests;
  }

  private renderWithIssues(names: readonly string[]): {
    manifests: Map<string, unknown[]>;
    issues: ValidationIssue[];
  } {
    const baseManifests = new Map<string, unknown>();
    for (const feed of this.feedList) {
      if (feed.apiObject) baseManifests.set(feed.key, feed.apiObject.toJson());
    }
    const out = new Map<string, unknown[]>();
    const issues: ValidationIssue[] = [];
    for (const name of names) {
      const cluster = this.clusterList.find((c) => c.name === name);
      if (!cluster) {
        throw new ValidationError(`MultiClusterApp '${this.node.id}'`, [
          {
            path: 'cluster',
            message: 'is not a member cluster',
            value: name,
            fix: `use one of ${this.clusterList.map((c) => `"${c.name}"`).join(', ')}`,
          },
        ]);
      }
      const labels = labelsOf(cluster);
      const result = renderCluster({
        clusterName: name,
        feeds: this.feedList,
        baseManifests,
        globalizations: [
          ...this.fleetGlobalizations.filter((g) => g.appliesTo(labels)),
          ...(this.globalizationsByCluster.get(name) ?? []),
        ],
        localizations: this.localizationsByCluster.get(name) ?? [],
      });
      issues.push(...result.issues);
      out.set(name, result.manifests);
    }
    return { manifests: out, issues };
  }

  private newLocalization(cluster: ClusterTarget, difference: ClusterDifference): Localization {
    const localization = new Localization(
      this,
      uniqueChildId(this, cluster.name, difference.localizationName),
      {
        name: difference.localizationName,
        hubNamespace: cluster.hubNamespace as string,
        feed: difference.feed,
        priority: this.priorities.forLocalization(cluster.name, difference.feed.key),
      },
    );
    pushTo(this.localizationsByCluster, cluster.name, localization);
    return localization;
  }

  private newClusterGlobalization(cluster: ClusterTarget, difference: ClusterDifference): Globalization {
    const name = `${difference.localizationName}-${cluster.name}`;
    const globalization = new Globalization(
      this,
      uniqueChildId(this, cluster.name, difference.localizationName),
      {
        name,
        feed: difference.feed,
        priority: this.priorities.forClusterGlobalization(cluster.name, difference.feed.key),
        clusterSelector: ClusterSelector.byId(cluster.clusterId),
      },
    );
    pushTo(this.globalizationsByCluster, cluster.name, globalization);
    return globalization;
  }

  private checkTarget(difference: ClusterDifference, unknownCluster: string | undefined): void {
    const issues: ValidationIssue[] = [];
    if (unknownCluster !== undefined) {
      issues.push({
        path: 'cluster',
        message: 'is not a member cluster',
        value: unknownCluster,
        fix: `add it with addCluster() first, or use one of ${this.clusterList.map((c) => `"${c.name}"`).join(', ') || '(none yet)'}`,
      });
    }
    const feed = this.feedsByKey.get(difference.feed.key);
    if (!feed) {
      issues.push({
        path: 'difference target',
        message: `${difference.feed.displayName} (${difference.feed.key}) is not one of the distributed objects`,
        fix: 'aim the difference at an object of the app, with the apiVersion it is emitted with',
      });
    } else if (!feed.apiObject) {
      issues.push({
        path: 'difference target',
        message: `${feed.displayName} is distributed but not emitted by this app, so the patch cannot be checked`,
        fix: 'emit the object from the app, or patch it where it is created',
      });
    }
    if (issues.length > 0) {
      throw new ValidationError(
        `MultiClusterApp '${this.node.id}' difference "${difference.overrideName}"`,
        issues,
      );
    }
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.clusterList.length === 0) errors.push('has no clusters; add them with addCluster()');
    const late = this.app.node
      .findAll()
      .filter(
        (c): c is ApiObject => ApiObject.isApiObject(c) && !c.apiVersion.startsWith('apps.clusternet.io/'),
      )
      .filter((o) => !this.subscription.hasFeed(Feed.of(o)));
    for (const o of late) {
      errors.push(
        `${o.kind} ${o.name} was added to the app after the MultiClusterApp was created, so it is not distributed; create the MultiClusterApp last`,
      );
    }
    const { issues } = this.renderWithIssues(this.clusterList.map((c) => c.name));
    return [...errors, ...issues.map(formatIssue)];
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clusterIssues(cluster: ClusterTarget, existing: readonly ClusterTarget[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const check = (field: string, value: unknown, ok: boolean, message: string, fix: string) => {
    if (!ok) issues.push({ path: field, message, value, fix });
  };
  check('name', cluster.name, DNS1123_LABEL.test(cluster.name), DNS1123_LABEL.rule, DNS1123_LABEL.fix);
  check('clusterId', cluster.clusterId, UUID.test(cluster.clusterId), UUID.rule, UUID.fix);
  if (cluster.hubNamespace !== undefined) {
    check(
      'hubNamespace',
      cluster.hubNamespace,
      HUB_NAMESPACE.test(cluster.hubNamespace),
      HUB_NAMESPACE.rule,
      HUB_NAMESPACE.fix,
    );
  }
  for (const field of ['name', 'clusterId', 'hubNamespace'] as const) {
    const clash = cluster[field] !== undefined && existing.find((c) => c[field] === cluster[field]);
    if (clash) {
      issues.push({
        path: field,
        message: `is already used by cluster "${clash.name}"`,
        value: cluster[field],
        fix: `give every cluster its own ${field}`,
      });
    }
  }
  return issues;
}
