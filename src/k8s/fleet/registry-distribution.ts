import type { ResolvedCluster } from '../../model/cluster-runtime';
import type { InClusterNacosConfig } from '../../model/registry-schema';
import { ClusterDifference } from '../multi-cluster/cluster-difference';
import type { MultiClusterApp } from '../multi-cluster/multi-cluster-app';
import { NacosRegistry } from '../qcbm/nacos-registry';
import type { QcbmApp } from '../qcbm/qcbm-app';
import type { QcbmAppProps } from '../qcbm/qcbm-options';

type NacosSettings = NonNullable<QcbmAppProps['nacos']>;

/** What a cluster's in-cluster registry runs with, as the construct takes it. */
function settingsOf(registry: InClusterNacosConfig): NacosSettings {
  return {
    replicas: registry.replicas,
    storageGb: registry.storageGb,
    ...(registry.storageClass === undefined ? {} : { storageClass: registry.storageClass }),
  };
}

const inCluster = (resolved: readonly ResolvedCluster[]) =>
  resolved.flatMap((r) =>
    r.registry.mode === 'in-cluster' ? [{ name: r.cluster.name, registry: r.registry }] : [],
  );

/**
 * The Nacos the app is written with: the first in-cluster registry's settings (others differ by override), with a
 * disruption budget where any cluster runs a Nacos cluster. Undefined where no cluster runs its own.
 */
export function writtenNacos(resolved: readonly ResolvedCluster[]): NacosSettings | undefined {
  const clusters = inCluster(resolved);
  if (clusters.length === 0) return undefined;
  return {
    ...settingsOf(clusters[0].registry),
    disruptionBudget: clusters.some((c) => c.registry.replicas > 1),
  };
}

/**
 * Sends the Nacos objects only to the clusters that run their own (an override cannot take an object away), and
 * its disruption budget only to those that run a Nacos cluster.
 */
export function distributeNacos(
  app: QcbmApp,
  multiCluster: MultiClusterApp,
  resolved: readonly ResolvedCluster[],
): void {
  const nacos = app.nacos;
  if (!nacos) return;
  const clusters = inCluster(resolved);
  if (clusters.length < resolved.length) {
    for (const object of [nacos.statefulSet, nacos.headlessService, nacos.service]) {
      multiCluster.distributeOnlyTo(
        object,
        clusters.map((c) => c.name),
      );
    }
  }
  const budgeted = clusters.filter((c) => c.registry.replicas > 1);
  if (nacos.disruptionBudget && budgeted.length < resolved.length) {
    multiCluster.distributeOnlyTo(
      nacos.disruptionBudget,
      budgeted.map((c) => c.name),
    );
  }
}

/** A cluster's Nacos where its settings differ from the written ones: the StatefulSet's spec, replaced whole. */
export function nacosDifferences(app: QcbmApp, cluster: ResolvedCluster): ClusterDifference[] {
  const nacos = app.nacos;
  if (!nacos || cluster.registry.mode !== 'in-cluster') return [];
  const here = NacosRegistry.specFor({
    ...settingsOf(cluster.registry),
    namespace: app.namespaceName,
    secretName: app.secretName,
  });
  const written = nacos.statefulSet.toJson().spec;
  if (JSON.stringify(here) === JSON.stringify(written)) return [];
  return [
    ClusterDifference.jsonPatch(nacos.statefulSet, [{ op: 'replace', path: '/spec', value: here }], {
      localizationName: 'qcbm-nacos-override',
      overrideName: 'nacos-override',
    }),
  ];
}
