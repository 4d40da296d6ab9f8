import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { basePriority } from '../../model/priorities';
import type { Feed } from '../clusternet/feed';
import type { SchedulingStrategy } from '../clusternet/subscription';
import type { ManifestCheck } from '../validation/manifest-validator';
import type { ClusterDifference } from './cluster-difference';
import type { ClusterTarget } from './cluster-target';

/** Properties for `MultiClusterApp`. */
export interface MultiClusterAppProps {
  /**
   * The construct whose ApiObjects are distributed (a QcbmApp, a Chart, any construct). Its objects are read
   * at synth time, so objects added to it after the MultiClusterApp was created are distributed too.
   */
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
  /**
   * How the hub places replicas. With Dividing, the hub's scheduler divides them at deploy time, so the
   * per-cluster manifests cannot be rendered here (`renderCluster()` and `RenderedClusterChart` refuse).
   * @default SchedulingStrategy.REPLICATION
   */
  readonly schedulingStrategy?: SchedulingStrategy;
  /**
   * Refuse overrides that apply on the hub only through a leniency of its patch library that the RFC forbids
   * (a `replace` that adds a missing key, a negative array index, ...): they fail validation instead of
   * rendering with a warning (see `warnings`).
   * @default false
   */
  readonly strict?: boolean;
  /**
   * More checks of every object each cluster receives once overrides are applied (e.g. policy rules), run with
   * the Kubernetes API's own (schemas, names, labels, replicas, ports, selectors) wherever clusters are rendered:
   * validation, `check()`, `renderCluster()`.
   * @default - the Kubernetes API's checks only
   */
  readonly checks?: readonly ManifestCheck[];
}

/** Options for `MultiClusterApp.distributeOnlyTo()`. */
export interface NarrowDistributionOptions {
  /**
   * metadata.name of the Subscription that distributes the object (in the main Subscription's namespace).
   * @default - `<object name>-<kind>-subscription`, e.g. "user-service-poddisruptionbudget-subscription"
   */
  readonly subscriptionName?: string;
}

export const multiClusterAppPropsSchema = z.object({
  basePriority: basePriority.optional(),
  strict: z.boolean().optional(),
});
