import type { Construct } from 'constructs';
import { ClusterSelector } from '../clusternet/cluster-selector';
import { Globalization } from '../clusternet/globalization';
import { Localization } from '../clusternet/localization';
import type { OverrideHolder } from '../clusternet/override-holder';
import type { ClusterDifference } from './cluster-difference';
import type { ClusterTarget } from './cluster-target';
import type { PriorityAllocator } from './override-priorities';
import { uniqueChildIdAmong } from './unique-child-id';

/**
 * The override objects of the clusters' differences: one per cluster, object and `localizationName`, a
 * Localization in the cluster's hub namespace, or a Globalization selecting the cluster by id where the namespace
 * is unknown. For a cluster that will not be rendered (`check`), what creating them would check, and nothing more.
 */
export class ClusterOverrideHolders {
  private readonly byGroup = new Map<string, OverrideHolder>();
  private readonly localizationsByCluster = new Map<string, Localization[]>();
  private readonly globalizationsByCluster = new Map<string, Globalization[]>();
  /** The groups and construct ids `check` stood in for: what the objects would have taken. */
  private readonly checkedGroups = new Set<string>();
  private readonly checkedIds = new Set<string>();

  constructor(
    private readonly scope: Construct,
    private readonly priorities: PriorityAllocator,
  ) {}

  public get all(): readonly OverrideHolder[] {
    return [...this.byGroup.values()];
  }

  public get localizations(): readonly Localization[] {
    return [...this.localizationsByCluster.values()].flat();
  }

  public get globalizations(): readonly Globalization[] {
    return [...this.globalizationsByCluster.values()].flat();
  }

  public localizationsOf(cluster: string): readonly Localization[] {
    return this.localizationsByCluster.get(cluster) ?? [];
  }

  public globalizationsOf(cluster: string): readonly Globalization[] {
    return this.globalizationsByCluster.get(cluster) ?? [];
  }

  /** The holder of `difference` in `cluster`, created with the first difference of its group. */
  public holderOf(cluster: ClusterTarget, difference: ClusterDifference): OverrideHolder {
    const group = groupOf(cluster, difference);
    let holder = this.byGroup.get(group);
    if (!holder) {
      const id = this.childId(cluster, difference);
      holder = cluster.hubNamespace
        ? new Localization(this.scope, id, this.localizationProps(cluster, difference))
        : new Globalization(this.scope, id, this.globalizationProps(cluster, difference));
      this.byGroup.set(group, holder);
      const byCluster = cluster.hubNamespace ? this.localizationsByCluster : this.globalizationsByCluster;
      pushTo(byCluster as Map<string, OverrideHolder[]>, cluster.name, holder);
    }
    return holder;
  }

  /**
   * What `holderOf` checks (priorities, props, as the holder's constructor names them), and throws as it would, for
   * a cluster whose overrides are not rendered; nothing is created, and later holders get the ids they would get.
   */
  public check(cluster: ClusterTarget, difference: ClusterDifference): void {
    const group = groupOf(cluster, difference);
    if (this.byGroup.has(group) || this.checkedGroups.has(group)) return;
    const id = this.childId(cluster, difference);
    if (cluster.hubNamespace) Localization._checkProps(id, this.localizationProps(cluster, difference));
    else Globalization._checkProps(id, this.globalizationProps(cluster, difference));
    this.checkedGroups.add(group);
    this.checkedIds.add(id);
  }

  private childId(cluster: ClusterTarget, difference: ClusterDifference): string {
    return uniqueChildIdAmong(this.scope, this.checkedIds, cluster.name, difference.localizationName);
  }

  private localizationProps(cluster: ClusterTarget, difference: ClusterDifference) {
    return {
      name: difference.localizationName,
      hubNamespace: cluster.hubNamespace as string,
      feed: difference.feed,
      priority: this.priorities.forLocalization(cluster.name, difference.feed.key),
    };
  }

  private globalizationProps(cluster: ClusterTarget, difference: ClusterDifference) {
    return {
      name: `${difference.localizationName}-${cluster.name}`,
      feed: difference.feed,
      priority: this.priorities.forClusterGlobalization(cluster.name, difference.feed.key),
      clusterSelector: ClusterSelector.byId(cluster.clusterId),
    };
  }
}

function groupOf(cluster: ClusterTarget, difference: ClusterDifference): string {
  return `${cluster.name}|${difference.feed.key}|${difference.localizationName}`;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
