import type { ApiObject } from 'cdk8s';
import { QCBM_COMPONENT_NAMES } from '../../model/qcbm-components';
import { isRecord } from '../../model/raw';
import { ClusterDifference } from '../multi-cluster/cluster-difference';
import type { MultiClusterApp } from '../multi-cluster/multi-cluster-app';
import { podChecksums } from '../qcbm/pod-checksums';
import type { QcbmApp } from '../qcbm/qcbm-app';

/** The override entry that gives a Deployment a cluster's own checksums. */
export const CHECKSUM_OVERRIDE_NAME = 'checksum-override';

/**
 * Per cluster, the pod-annotation differences that give each QCBM Deployment the checksums of the values it reads
 * there: the cluster's ConfigMap and Secret, and the Deployment itself, rendered with every override added so far
 * (endpoints, run-time values, declared patches). A Deployment whose checksums there are those it is written with
 * gets none, so a changed value restarts exactly the Deployments that read it in exactly the clusters where it
 * changes. Add them after every other difference.
 * @param clusters the clusters to compute them for @default - every cluster
 * @returns [cluster name, difference] pairs, in cluster and component order
 */
export function checksumDifferences(
  app: QcbmApp,
  multiCluster: MultiClusterApp,
  clusters?: readonly string[],
): (readonly [string, ClusterDifference])[] {
  const deployments = QCBM_COMPONENT_NAMES.map((component) => ({
    component,
    deployment: app.deployment(component),
  }));
  const sources = [app.configMap, app.secret].filter((o): o is ApiObject => o !== undefined);
  const rendered = multiCluster.renderObjects(
    [...sources, ...deployments.map((d) => d.deployment)],
    clusters,
  );
  const out: (readonly [string, ClusterDifference])[] = [];
  for (const [cluster, objects] of rendered) {
    for (const { component, deployment } of deployments) {
      const doc = objects.find((o) => isObject(o, deployment));
      if (doc === undefined) continue;
      const want = podChecksums(doc, objects, app._secretChecksum());
      const have = podAnnotations(doc);
      const changed = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
      if (Object.keys(changed).length === 0) continue;
      out.push([
        cluster,
        ClusterDifference.podAnnotations(deployment, changed, {
          localizationName: `qcbm-${component}-override`,
          overrideName: CHECKSUM_OVERRIDE_NAME,
        }),
      ]);
    }
  }
  return out;
}

function isObject(doc: unknown, object: ApiObject): boolean {
  return (
    isRecord(doc) &&
    doc.kind === object.kind &&
    isRecord(doc.metadata) &&
    doc.metadata.name === object.name &&
    doc.metadata.namespace === object.metadata.namespace
  );
}

function podAnnotations(doc: unknown): Record<string, unknown> {
  const spec = isRecord(doc) && isRecord(doc.spec) ? doc.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  return isRecord(metadata.annotations) ? metadata.annotations : {};
}
