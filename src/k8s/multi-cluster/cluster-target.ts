import { clusterTargetSchema, UNIQUE_CLUSTER_FIELDS } from '../../model/fields';
import { uniqueClusterIssues } from '../../model/fleet-semantics';
import { formatPath } from '../../model/issue-path';
import { zodIssue } from '../../model/parse-input';
import type { ValidationIssue } from '../../model/validation-error';
import { CLUSTER_ID_LABEL, CLUSTER_NAME_LABEL } from '../clusternet/cluster-selector';

export type UniqueClusterField = (typeof UNIQUE_CLUSTER_FIELDS)[number];

/** A member cluster registered with the TDCC / Clusternet hub. */
export interface ClusterTarget {
  /** The cluster's registered name (ManagedCluster name), e.g. guangzhou-02. */
  readonly name: string;
  /** The UUID Clusternet gave the cluster at registration. */
  readonly clusterId: string;
  /**
   * The cluster's dedicated namespace on the hub (`clusternet-xxxxx`). Read it on the hub; it is random.
   * @default - unknown: per-cluster overrides become Globalizations that select the cluster by id
   */
  readonly hubNamespace?: string;
  /**
   * Other labels the ManagedCluster carries, for selectors.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The labels Clusternet matches selectors against for this cluster. */
export function labelsOf(cluster: ClusterTarget): Record<string, string> {
  return { ...cluster.labels, [CLUSTER_ID_LABEL]: cluster.clusterId, [CLUSTER_NAME_LABEL]: cluster.name };
}

/**
 * What is wrong with one more cluster after `members`: its own fields, and a name, id or hub namespace another
 * member has. Paths are `clusters[<its index>]...`.
 * @param isTaken whether a member has this value of this field (a caller that adds many clusters keeps an index)
 */
export function newClusterIssues(
  members: readonly ClusterTarget[],
  cluster: ClusterTarget,
  isTaken: (field: UniqueClusterField, value: string) => boolean = (field, value) =>
    members.some((m) => m[field] === value),
): ValidationIssue[] {
  const index = members.length;
  const checked = clusterTargetSchema.safeParse(cluster, { reportInput: true });
  const issues: ValidationIssue[] = checked.success
    ? []
    : checked.error.issues.map((i) => zodIssue({ ...i, path: [index, ...i.path] }, 'clusters'));
  // Only a member that shares a value can be repeated: the whole list is checked only then, so that adding n
  // clusters one by one costs little per cluster (nothing that grows with n, given an index) instead of building
  // every member's index each time.
  const shares = UNIQUE_CLUSTER_FIELDS.some((f) => {
    const value = cluster[f];
    return typeof value === 'string' && isTaken(f, value);
  });
  if (!shares) return issues;
  issues.push(
    ...uniqueClusterIssues([...members, cluster], (i, field) => formatPath('clusters', [i, field])).filter(
      (i) => i.path.startsWith(`clusters[${index}]`),
    ),
  );
  return issues;
}

/** The name, id and hub namespace of each member, to tell at once whether one more cluster shares one. */
export class TakenClusterValues {
  private readonly values = new Set<string>();

  public add(cluster: ClusterTarget): void {
    for (const field of UNIQUE_CLUSTER_FIELDS) {
      const value = cluster[field];
      if (typeof value === 'string') this.values.add(`${field}|${value}`);
    }
  }

  public readonly has = (field: UniqueClusterField, value: string): boolean =>
    this.values.has(`${field}|${value}`);
}
