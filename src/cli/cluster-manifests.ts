import { renderFleetCluster, renderFleetClusters } from '../k8s/fleet/synthesize-fleet';
import type { Manifest } from '../k8s/manifest';
import type { Fleet } from '../model/fleet-schema';
import { offlineCertificateId, offlineRuntime } from '../model/offline-runtime';

/** What each cluster of a fleet runs, rendered without a deployment; `placeholders` names the clusters that got any. */
export function clusterManifests(fleet: Fleet): {
  clusters: Readonly<Record<string, Manifest[]>>;
  placeholders: string[];
} {
  const { runtime, placeholders } = offlineRuntime(fleet);
  const tlsCertificateId = offlineCertificateId(fleet);
  return {
    clusters: renderFleetClusters(fleet, { runtime, tlsCertificateId }),
    placeholders: tlsCertificateId ? fleet.clusters.map((c) => c.name) : placeholders,
  };
}

/**
 * What one cluster of a fleet runs, rendered without a deployment and without rendering the other clusters;
 * `placeholder` tells whether it got any placeholder value.
 */
export function oneClusterManifests(
  fleet: Fleet,
  cluster: string,
): { manifests: Manifest[]; placeholder: boolean } {
  const { runtime, placeholders } = offlineRuntime(fleet);
  const tlsCertificateId = offlineCertificateId(fleet);
  return {
    manifests: renderFleetCluster(fleet, cluster, { runtime, tlsCertificateId }),
    placeholder: tlsCertificateId !== undefined || placeholders.includes(cluster),
  };
}

/** The note a command prints (to stderr) when values `pulumi up` creates are shown as placeholders. */
export function placeholderNote(clusters: readonly string[]): string {
  return clusters.length === 0
    ? ''
    : `Note: ${clusters.join(', ')}: values created by pulumi up (data endpoints, subnet, CLB and certificate ids) are shown as placeholders (*.created-by-pulumi-up.invalid, all-zero ids)\n`;
}
