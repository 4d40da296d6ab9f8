import { type LabelSelectorSpec, selectorMatches } from './label-selector';

/** Labels Clusternet puts on every ManagedCluster (and on the cluster's dedicated namespace). */
export const CLUSTER_ID_LABEL = 'clusters.clusternet.io/cluster-id';
export const CLUSTER_NAME_LABEL = 'clusters.clusternet.io/cluster-name';

export interface ClusterSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** @default - none (required for In and NotIn) */
  readonly values?: readonly string[];
}

/** Which member clusters a Subscription or Globalization applies to: a label query over ManagedClusters. */
export class ClusterSelector {
  /** One cluster, by the UUID Clusternet gave it at registration (what the TDCC guide uses). */
  public static byId(clusterId: string): ClusterSelector {
    return new ClusterSelector({ matchLabels: { [CLUSTER_ID_LABEL]: clusterId } });
  }

  /** One cluster, by its registered name. */
  public static byName(clusterName: string): ClusterSelector {
    return new ClusterSelector({ matchLabels: { [CLUSTER_NAME_LABEL]: clusterName } });
  }

  /** Every cluster carrying all of these labels, e.g. `{ region: 'ap-guangzhou' }`. */
  public static byLabels(labels: Readonly<Record<string, string>>): ClusterSelector {
    if (Object.keys(labels).length === 0) {
      throw new Error(
        "ClusterSelector.byLabels(): 'labels' is empty, which would select every cluster; use ClusterSelector.all() to say so",
      );
    }
    return new ClusterSelector({ matchLabels: { ...labels } });
  }

  /** Every cluster matching the set-based requirements. */
  public static byExpressions(...requirements: ClusterSelectorRequirement[]): ClusterSelector {
    for (const r of requirements) {
      const needsValues = r.operator === 'In' || r.operator === 'NotIn';
      if (needsValues !== (r.values?.length ?? 0) > 0) {
        throw new Error(
          `ClusterSelector.byExpressions(): operator '${r.operator}' on key '${r.key}' ${needsValues ? 'needs at least one value' : 'takes no values'}`,
        );
      }
    }
    return new ClusterSelector({ matchExpressions: requirements.map((r) => ({ ...r })) });
  }

  /** Every member cluster. */
  public static all(): ClusterSelector {
    return new ClusterSelector({});
  }

  private constructor(private readonly spec: LabelSelectorSpec) {}

  /** True when a cluster with these labels is selected (Kubernetes LabelSelector semantics). */
  public matches(clusterLabels: Readonly<Record<string, string>>): boolean {
    return selectorMatches(this.spec, clusterLabels);
  }

  /** @internal */
  public _toKube(): {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  } {
    const out: ReturnType<ClusterSelector['_toKube']> = {};
    if (this.spec.matchLabels) out.matchLabels = { ...this.spec.matchLabels };
    if (this.spec.matchExpressions) {
      out.matchExpressions = this.spec.matchExpressions.map((e) =>
        e.values
          ? { key: e.key, operator: e.operator, values: [...e.values] }
          : { key: e.key, operator: e.operator },
      );
    }
    return out;
  }
}
