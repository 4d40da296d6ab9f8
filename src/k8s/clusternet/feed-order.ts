import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { Feed } from './feed';

/** Dependency order of distributed objects: what must exist before what uses it. */
const KIND_RANK: Readonly<Record<string, number>> = {
  Namespace: 0,
  CustomResourceDefinition: 0,
  ServiceAccount: 1,
  ConfigMap: 1,
  Secret: 1,
  PersistentVolumeClaim: 1,
  Role: 1,
  RoleBinding: 1,
  ClusterRole: 1,
  ClusterRoleBinding: 1,
  Deployment: 2,
  StatefulSet: 2,
  DaemonSet: 2,
  Job: 2,
  CronJob: 2,
  PodDisruptionBudget: 3,
  HorizontalPodAutoscaler: 3,
  NetworkPolicy: 3,
  Service: 4,
  Ingress: 5,
};
const OTHER_RANK = 6;
const CLUSTERNET_GROUP = 'apps.clusternet.io/';

/**
 * The feeds of every object under `scope`, in dependency order (namespaces, configuration, workloads,
 * policies, services, ingresses, the rest), keeping creation order within a rank. Clusternet's own objects
 * are not distributed and are left out.
 */
export function feedsOf(scope: IConstruct): Feed[] {
  return inDependencyOrder(
    scope.node
      .findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && !c.apiVersion.startsWith(CLUSTERNET_GROUP))
      .map((o) => Feed.of(o)),
  );
}

/** Sorts feeds by dependency rank of their kind, keeping the given order within a rank. */
export function inDependencyOrder(feeds: readonly Feed[]): Feed[] {
  return feeds
    .map((feed, index) => ({ feed, index, rank: KIND_RANK[feed.reference.kind] ?? OTHER_RANK }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ feed }) => feed);
}
