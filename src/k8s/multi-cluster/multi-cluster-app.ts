import type { ApiObject } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { parseInput } from '../../model/parse-input';
import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import { formatIssue, ValidationError, type ValidationIssue } from '../../model/validation-error';
import { Feed } from '../clusternet/feed';
import { Globalization } from '../clusternet/globalization';
import type { Localization } from '../clusternet/localization';
import type { OverrideHolder } from '../clusternet/override-holder';
import { Subscription } from '../clusternet/subscription';
import type { ClusterDifference } from './cluster-difference';
import { type ClusterTarget, labelsOf, newClusterIssues, TakenClusterValues } from './cluster-target';
import { checkDifferenceTarget, TargetSnapshots, targetIssue } from './difference-target';
import {
  multiClusterAppPropsSchema,
  type MultiClusterAppProps,
  type NarrowDistributionOptions,
} from './multi-cluster-app-props';
import { NarrowDistributions } from './narrow-distribution';
import { PriorityAllocator } from './override-priorities';
import { RenderCache, renderFingerprint, type Rendering, type Validation } from './render-cache';
import { baseManifestsOf, renderCluster } from './render-cluster';
import { NO_CLUSTERS_ISSUE, unknownClusterIssue, unrenderableIssue } from './render-issues';
import { type ManifestCheck, ManifestValidator } from '../validation/manifest-validator';
import { ClusterOverrideHolders } from './cluster-override-objects';
import { uniqueChildId } from './unique-child-id';
import { ClusterSelector } from '../clusternet/cluster-selector';

export type { MultiClusterAppProps, NarrowDistributionOptions } from './multi-cluster-app-props';

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
  private readonly clusterByName = new Map<string, ClusterTarget>();
  private readonly taken = new TakenClusterValues();
  private readonly extraFeeds: readonly Feed[];
  private readonly priorities: PriorityAllocator;
  private readonly holders: ClusterOverrideHolders;
  private readonly fleetGlobalizations: Globalization[] = [];
  private readonly strict: boolean;
  private readonly checks: readonly ManifestCheck[];
  private readonly narrowed: NarrowDistributions;
  /** Bumped by every change made through this construct. */
  private version = 0;
  private readonly cache = new RenderCache();
  private readonly targetSnapshots = new TargetSnapshots();

  constructor(scope: Construct, id: string, props: MultiClusterAppProps) {
    super(scope, id);
    parseInput(multiClusterAppPropsSchema, props, `MultiClusterApp '${id}'`, 'props');
    this.app = props.app;
    this.strict = props.strict ?? false;
    this.checks = props.checks ?? [];
    this.priorities = new PriorityAllocator(props.basePriority ?? QCBM_DEFAULTS.basePriority);
    this.holders = new ClusterOverrideHolders(this, this.priorities);
    this.extraFeeds = [...(props.extraFeeds ?? [])];
    this.subscription = new Subscription(this, 'Subscription', {
      name: props.subscriptionName,
      namespace: props.subscriptionNamespace,
      schedulingStrategy: props.schedulingStrategy,
    });
    this.subscription.addFeedsFrom(props.app);
    this.narrowed = new NarrowDistributions(this, this.subscription);
    this.extraFeeds.forEach((f) => this.subscription.addFeed(f));
    (props.clusters ?? []).forEach((c) => this.addCluster(c));
    for (const [cluster, differences] of Object.entries(props.differences ?? {})) {
      differences.forEach((d) => this.addDifference(cluster, d));
    }
    this.node.addValidation({ validate: () => this.validate() });
  }

  public get clusters(): readonly ClusterTarget[] {
    return [...this.clusterList];
  }

  /** The objects every cluster receives, as the main Subscription lists them (see `distributeOnlyTo()`). */
  public get feeds(): readonly Feed[] {
    return this.subscription.feeds;
  }

  /** The Subscriptions of objects that only some clusters receive (`distributeOnlyTo()`). */
  public get narrowSubscriptions(): readonly Subscription[] {
    return this.narrowed.subscriptions;
  }

  public get localizations(): readonly Localization[] {
    return this.holders.localizations;
  }

  public get globalizations(): readonly Globalization[] {
    return [...this.fleetGlobalizations, ...this.holders.globalizations];
  }

  /** Subscribes one more cluster (adding a cluster is adding one entry) and returns it. */
  public addCluster(cluster: ClusterTarget): ClusterTarget {
    const issues = newClusterIssues(this.clusterList, cluster, this.taken.has);
    if (issues.length > 0) {
      throw new ValidationError(`MultiClusterApp '${this.node.id}' cluster "${cluster.name}"`, issues);
    }
    this.version++;
    this.clusterList.push(cluster);
    this.clusterByName.set(cluster.name, cluster);
    this.taken.add(cluster);
    this.subscription.addSubscriber({ clusters: ClusterSelector.byId(cluster.clusterId) });
    return cluster;
  }

  /**
   * Sends one object of the app only to some member clusters: the main Subscription withholds it, and a
   * Subscription of its own, with those clusters as its subscribers, distributes it (an override can change an
   * object, never take it away from a cluster). `renderCluster()` gives it to those clusters only.
   * @returns the Subscription that distributes it
   * @throws ValidationError for an object the app does not emit or already sends to some clusters only, no
   * cluster, or a cluster that is not a member
   */
  public distributeOnlyTo(
    object: ApiObject,
    clusterNames: readonly string[],
    options: NarrowDistributionOptions = {},
  ): Subscription {
    const feed = Feed.of(object);
    const issues = [
      targetIssue(feed, this.app, this.extraFeeds, 'object'),
      ...clusterNames.map((n) => this._unknownClusterIssue(n, 'add it with addCluster() first')),
      ...this.narrowed.requestIssues(feed, clusterNames),
    ].filter((i): i is ValidationIssue => i !== undefined);
    if (issues.length > 0) {
      throw new ValidationError(
        `MultiClusterApp '${this.node.id}' distributeOnlyTo(${feed.displayName})`,
        issues,
      );
    }
    const name = options.subscriptionName ?? `${object.name}-${object.kind.toLowerCase()}-subscription`;
    const clusters = this.clusterList.filter((c) => clusterNames.includes(c.name));
    const subscription = this.narrowed.add(feed, clusters, name);
    this.version++;
    return subscription;
  }

  /**
   * Makes one cluster differ from the app as written. The override is built again at synth time from the
   * target object as it is then.
   * @returns the Localization (or, where the cluster's hub namespace is unknown, the Globalization selecting
   * the cluster) that carries the difference
   */
  public addDifference(clusterName: string, difference: ClusterDifference): OverrideHolder {
    const cluster = this.clusterByName.get(clusterName);
    this.checkTarget(difference, cluster ? undefined : clusterName);
    const holder = this.holders.holderOf(cluster as ClusterTarget, difference);
    // Fails now, not at synth, on a target the difference cannot apply to.
    this.targetSnapshots.overrideOf(difference);
    holder._addOverrideBuilder(() => this.targetSnapshots.overrideOf(difference));
    this.version++;
    return holder;
  }

  /** `addDifference`'s checks, failing as it does, for a cluster that is not rendered. @internal */
  public _checkDifference(clusterName: string, difference: ClusterDifference): void {
    const cluster = this.clusterByName.get(clusterName);
    this.checkTarget(difference, cluster ? undefined : clusterName);
    this.holders.check(cluster as ClusterTarget, difference);
    this.targetSnapshots.overrideOf(difference);
  }

  /** Makes every selected cluster differ in the same way (one Globalization), and returns the Globalization. */
  public addGlobalDifference(
    difference: ClusterDifference,
    clusters: ClusterSelector = ClusterSelector.all(),
  ): Globalization {
    this.checkTarget(difference, undefined);
    const globalization = new Globalization(
      this,
      uniqueChildId(this, 'Global', difference.localizationName),
      {
        name: difference.localizationName,
        feed: difference.feed,
        priority: this.priorities.forFleetGlobalization(difference.feed.key),
        clusterSelector: clusters,
      },
    );
    difference._toOverride();
    globalization._addOverrideBuilder(() => this.targetSnapshots.overrideOf(difference));
    this.fleetGlobalizations.push(globalization);
    this.version++;
    return globalization;
  }

  /**
   * Runs `work`, which adds differences and changes none of the app's objects: the check each added difference
   * makes reads each target object's JSON once for all of them, instead of once per difference (what makes
   * adding a thousand clusters' differences cost a thousand syntheses of the same objects).
   * @internal
   */
  public _addingDifferences<T>(work: () => T): T {
    return this.targetSnapshots.during(work);
  }

  /**
   * Runs `work`, which synthesizes or reads this distribution and changes nothing of it or of the app: each target
   * is read and each override built once, and every validation inside (cdk8s validates the whole app for each
   * chart) renders and checks the clusters once, without fingerprinting them again. @internal
   */
  public _synthesizing<T>(work: () => T): T {
    return this.targetSnapshots.during(() => this.cache.holding(work));
  }

  /**
   * The manifests one cluster will run: the app's objects with the Globalizations, then the Localizations,
   * that apply to it, in Clusternet's order.
   * @throws ValidationError if the cluster is not a member, an override cannot apply or what it gets is invalid
   */
  public renderCluster(clusterName: string): unknown[] {
    return this.renderClusters([clusterName]).get(clusterName) as unknown[];
  }

  /** The manifests of every cluster, by cluster name; each base manifest is computed once. */
  public renderAll(): Map<string, unknown[]> {
    return this.renderClusters(this.allClusterNames());
  }

  /**
   * Some objects of the app as clusters will run them, with the overrides added so far, without rendering the
   * others. An override that cannot apply is left out, as the hub does; `check()` reports it.
   * @param clusterNames @default - every member cluster
   */
  public renderObjects(
    objects: readonly ApiObject[],
    clusterNames?: readonly string[],
  ): Map<string, unknown[]> {
    const keys = new Set(objects.map((o) => Feed.of(o).key));
    const names = this.renderable(clusterNames ?? this.allClusterNames());
    const feeds = this.allFeeds().filter((f) => keys.has(f.key));
    return this.renderWithIssues(names, feeds, undefined, false).manifests;
  }

  /**
   * Overrides the hub applies only through a leniency of its patch library that the RFC forbids, each naming the
   * cluster, the object, the override, the operation and what the hub does. Empty in strict mode (errors there).
   */
  public get warnings(): readonly ValidationIssue[] {
    if (this.strict) return [];
    const held = this.cache.heldWarnings;
    if (held) return held;
    const feeds = this.allFeeds();
    const kept = this.cache.warnings(renderFingerprint(this.stateKey(), baseManifestsOf(feeds)));
    return kept ?? this.renderWithIssues(this.allClusterNames(), feeds).warnings;
  }

  /**
   * The manifests of one cluster for a cluster chart being synthesized: what validation rendered in the same
   * synth when there is one (each cluster is rendered once per synth), else a fresh rendering.
   * @internal
   */
  public _renderForSynth(clusterName: string): unknown[] {
    return this.cache.serve(clusterName, this.stateKey()) ?? this.renderCluster(clusterName);
  }

  /** An issue for a cluster name this app does not distribute to, or undefined. @internal */
  public _unknownClusterIssue(name: string, fix: string): ValidationIssue | undefined {
    return this.clusterByName.has(name) ? undefined : unknownClusterIssue(this.clusterList, name, fix);
  }

  /** Why this app's clusters cannot be rendered at all, or undefined. @internal */
  public _unrenderableIssue(): ValidationIssue | undefined {
    return unrenderableIssue(this.subscription.schedulingStrategy);
  }

  private renderClusters(names: readonly string[]): Map<string, unknown[]> {
    const { manifests, issues } = this.renderWithIssues(this.renderable(names));
    this.throwIfAny(issues);
    return manifests;
  }

  /** `names`, when every one can be rendered. */
  private renderable(names: readonly string[]): readonly string[] {
    const refused = [
      this._unrenderableIssue(),
      ...names.map((n) => this._unknownClusterIssue(n, 'add it with addCluster()')),
    ].filter((i): i is ValidationIssue => i !== undefined);
    if (refused.length > 0) throw new ValidationError(`MultiClusterApp '${this.node.id}'`, refused);
    return names;
  }

  /** Every distributed object, in distribution order, whichever Subscription sends it. */
  private allFeeds(): Feed[] {
    return this.subscription._feedsWithWithheld();
  }

  // Rendering changes none of the app's objects: each difference's target is read once for all the clusters.
  private renderWithIssues(
    names: readonly string[],
    feeds: readonly Feed[] = this.allFeeds(),
    baseManifests?: ReadonlyMap<string, unknown>,
    everyObject = true, // false where `feeds` are some of the objects only
  ): Rendering {
    return this.targetSnapshots.during(() => this.renderEach(names, feeds, baseManifests, everyObject));
  }

  private renderEach(
    names: readonly string[],
    feeds: readonly Feed[],
    given: ReadonlyMap<string, unknown> | undefined, // else those of the feeds these clusters receive
    everyObject: boolean,
  ): Rendering {
    const out = new Map<string, unknown[]>();
    const issues: ValidationIssue[] = [];
    const warnings: ValidationIssue[] = [];
    const feedsOf = this.narrowed.receivers(feeds);
    const baseManifests = given ?? baseManifestsOf([...new Set(names.flatMap(feedsOf))]);
    for (const name of names) {
      const cluster = this.clusterByName.get(name) as ClusterTarget;
      const labels = labelsOf(cluster);
      const localizations = this.holders.localizationsOf(name);
      const ownGlobalizations = this.holders.globalizationsOf(name);
      issues.push(...this.narrowed.strayOverrideIssues(name, [...localizations, ...ownGlobalizations]));
      const result = renderCluster({
        clusterName: name,
        feeds: feedsOf(name),
        baseManifests,
        globalizations: [
          ...this.fleetGlobalizations.filter((g) => g.appliesTo(labels)),
          ...ownGlobalizations,
        ],
        localizations,
      });
      issues.push(...result.issues);
      (this.strict ? issues : warnings).push(...result.warnings);
      out.set(name, result.manifests);
    }
    // Checked as each cluster's API server will; an object no override changed is shared, and checked once.
    const coverage = { everyCluster: names.length === this.clusterList.length, everyObject };
    issues.push(...new ManifestValidator(this.checks).issues(out, coverage));
    return { manifests: out, issues, warnings };
  }

  private checkTarget(difference: ClusterDifference, unknownCluster: string | undefined): void {
    const clusterIssue =
      unknownCluster === undefined
        ? undefined
        : this._unknownClusterIssue(unknownCluster, 'add it with addCluster() first');
    const owner = `MultiClusterApp '${this.node.id}'`;
    checkDifferenceTarget(owner, difference, this.app, this.extraFeeds, clusterIssue);
  }

  /** What changes through this construct (or through a holder it returned), cheaply. */
  private stateKey(): string {
    const entries = [...this.holders.all, ...this.fleetGlobalizations].map((h) => h._entryCount).join(',');
    return `${this.version}|${entries}|`;
  }

  /**
   * What synth's validation checks, as one error: renders every cluster and throws a ValidationError listing
   * every override that cannot be applied and every problem of what a cluster receives (the Kubernetes API's rules
   * and the `checks` of the props). The rendering is returned, and kept for the synth that follows, so
   * nothing is rendered twice. Call it before `app.synth()` to fail with the fleet's paths instead of cdk8s's
   * text.
   * @returns the manifests of every cluster, by cluster name
   * @throws ValidationError
   */
  public check(): ReadonlyMap<string, unknown[]> {
    const { issues, manifests } = this.validatedRendering();
    this.throwIfAny(issues);
    return manifests as ReadonlyMap<string, unknown[]>;
  }

  private throwIfAny(issues: readonly ValidationIssue[]): void {
    const subject = `MultiClusterApp '${this.node.id}' (what each cluster receives)`;
    if (issues.length > 0) throw new ValidationError(subject, issues);
  }

  private validate(): string[] {
    return this.validatedRendering().issues.map(formatIssue);
  }

  private validatedRendering(): Validation {
    return this.cache.validation(() => {
      if (this.clusterList.length === 0) return { issues: [NO_CLUSTERS_ISSUE] };
      const feeds = this.allFeeds();
      const base = baseManifestsOf(feeds);
      const fingerprint = renderFingerprint(this.stateKey(), base);
      const kept = this.cache.revalidate(fingerprint);
      if (kept) return kept;
      const rendering = this.renderWithIssues(this.allClusterNames(), feeds, base);
      this.cache.keep(rendering, fingerprint);
      return rendering;
    });
  }

  private allClusterNames(): string[] {
    return this.clusterList.map((c) => c.name);
  }
}
