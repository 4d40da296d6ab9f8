import { CLUSTER_ID_LABEL, CLUSTER_NAME_LABEL } from '../clusternet/cluster-selector';

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
