import type { Construct } from 'constructs';
import { ClusterSelector } from '../clusternet/cluster-selector';
import { Globalization } from '../clusternet/globalization';
import { Localization } from '../clusternet/localization';
import type { ClusterDifference } from './cluster-difference';
import type { ClusterTarget } from './cluster-target';
import type { PriorityAllocator } from './override-priorities';
import { uniqueChildId } from './unique-child-id';

/**
 * The Localization in `cluster`'s hub namespace that holds `difference` (and others for the same object and name),
 * listed under the cluster in `byCluster`.
 */
export function newLocalization(
  scope: Construct,
  cluster: ClusterTarget,
  difference: ClusterDifference,
  priorities: PriorityAllocator,
  byCluster: Map<string, Localization[]>,
): Localization {
  const localization = new Localization(
    scope,
    uniqueChildId(scope, cluster.name, difference.localizationName),
    {
      name: difference.localizationName,
      hubNamespace: cluster.hubNamespace as string,
      feed: difference.feed,
      priority: priorities.forLocalization(cluster.name, difference.feed.key),
    },
  );
  pushTo(byCluster, cluster.name, localization);
  return localization;
}

/** Where `cluster` has no hub namespace: a Globalization selecting it by id, in the per-cluster priority band. */
export function newClusterGlobalization(
  scope: Construct,
  cluster: ClusterTarget,
  difference: ClusterDifference,
  priorities: PriorityAllocator,
  byCluster: Map<string, Globalization[]>,
): Globalization {
  const globalization = new Globalization(
    scope,
    uniqueChildId(scope, cluster.name, difference.localizationName),
    {
      name: `${difference.localizationName}-${cluster.name}`,
      feed: difference.feed,
      priority: priorities.forClusterGlobalization(cluster.name, difference.feed.key),
      clusterSelector: ClusterSelector.byId(cluster.clusterId),
    },
  );
  pushTo(byCluster, cluster.name, globalization);
  return globalization;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
