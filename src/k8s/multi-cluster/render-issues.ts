import type { ValidationIssue } from '../../model/validation-error';
import { SchedulingStrategy } from '../clusternet/subscription';
import type { ClusterTarget } from './cluster-target';

/** An issue for a cluster name that is not among `clusters`, or undefined. */
export function unknownClusterIssue(
  clusters: readonly ClusterTarget[],
  name: string,
  fix: string,
): ValidationIssue | undefined {
  if (clusters.some((c) => c.name === name)) return undefined;
  const names = clusters.map((c) => `"${c.name}"`).join(', ') || '(none yet)';
  return {
    path: 'cluster',
    message: 'is not a member cluster',
    value: name,
    fix: `${fix}, or use one of ${names}`,
  };
}

/** Why clusters distributed with this scheduling strategy cannot be rendered at all, or undefined. */
export function unrenderableIssue(strategy: SchedulingStrategy | undefined): ValidationIssue | undefined {
  if (strategy !== SchedulingStrategy.DIVIDING) return undefined;
  return {
    path: 'schedulingStrategy',
    message:
      "is Dividing: the hub's scheduler divides each workload's replicas among the clusters when it deploys (its own Localization at priority 1000, from its cluster order and the subscribers' weights), so the manifests each cluster runs cannot be rendered here",
    value: SchedulingStrategy.DIVIDING,
    fix: "render with Replication scheduling, or read each cluster's Description on the hub once deployed",
  };
}

/** The issue of an app that distributes to no cluster. */
export const NO_CLUSTERS_ISSUE: ValidationIssue = {
  path: 'clusters',
  message: 'is empty: the app distributes to no cluster',
  fix: 'add clusters with addCluster()',
};
