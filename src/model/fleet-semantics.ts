import { UNIQUE_CLUSTER_FIELDS } from './fields';
import { formatPath } from './issue-path';
import { isQcbmComponentName, QCBM_COMPONENT_NAMES } from './qcbm-components';
import { isRecord } from './raw';
import type { ValidationIssue } from './validation-error';

/**
 * Cross-reference checks that a schema cannot express. They read the raw input defensively, so they run
 * even when the shape is wrong elsewhere and every problem is reported in one pass.
 */
export function checkFleetReferences(raw: unknown, root = 'fleet'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isRecord(raw)) return issues;
  const rawClusters: unknown[] = Array.isArray(raw.clusters) ? raw.clusters : [];
  const clusters = rawClusters.filter(isRecord);
  const at = (...path: PropertyKey[]) => formatPath(root, path);

  issues.push(...uniqueClusterIssues(rawClusters, (index, field) => at('clusters', index, field)));

  const clusterNames = new Set(clusters.map((c) => c.name).filter((n) => typeof n === 'string'));
  if (isRecord(raw.app) && isRecord(raw.app.components)) {
    issues.push(...unknownComponents(raw.app.components, ['app', 'components'], at));
  }
  if (isRecord(raw.differences)) {
    for (const [clusterName, diff] of Object.entries(raw.differences)) {
      if (!clusterNames.has(clusterName)) {
        issues.push({
          path: at('differences', clusterName),
          message: 'names a cluster that is not in fleet.clusters',
          value: clusterName,
          fix: `use one of ${listOf([...clusterNames] as string[])}, or add the cluster to fleet.clusters`,
        });
      }
      if (isRecord(diff) && isRecord(diff.components)) {
        issues.push(...unknownComponents(diff.components, ['differences', clusterName, 'components'], at));
      }
    }
  }
  const exemptions =
    isRecord(raw.policy) && Array.isArray(raw.policy.exemptions) ? raw.policy.exemptions : [];
  exemptions.forEach((e, i) => {
    if (!isRecord(e) || typeof e.cluster !== 'string' || clusterNames.has(e.cluster)) return;
    issues.push({
      path: at('policy', 'exemptions', i, 'cluster'),
      message: 'names a cluster that is not in fleet.clusters',
      value: e.cluster,
      fix: `use one of ${listOf([...clusterNames] as string[])}, or leave it out to exempt every cluster`,
    });
  });
  return issues;
}

/** Component names that are not QCBM's, each as an issue at `path` + the name. */
export function unknownComponents(
  components: Record<string, unknown>,
  path: PropertyKey[],
  at: (...p: PropertyKey[]) => string,
): ValidationIssue[] {
  return Object.keys(components)
    .filter((name) => !isQcbmComponentName(name))
    .map((name) => ({
      path: at(...path, name),
      message: 'is not a QCBM component',
      value: name,
      fix: `use one of ${listOf(QCBM_COMPONENT_NAMES)}`,
    }));
}

/**
 * Clusters that repeat another's name, id or hub namespace: Clusternet tells clusters apart by each of them.
 * @param pathOf where the issue points for cluster `index` and the repeated field
 */
export function uniqueClusterIssues(
  clusters: readonly unknown[],
  pathOf: (index: number, field: string) => string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of UNIQUE_CLUSTER_FIELDS) {
    const firstIndex = new Map<unknown, number>();
    clusters.forEach((c, index) => {
      if (!isRecord(c) || typeof c[field] !== 'string') return;
      const seen = firstIndex.get(c[field]);
      if (seen === undefined) {
        firstIndex.set(c[field], index);
        return;
      }
      issues.push({
        path: pathOf(index, field),
        message: `repeats the ${field} of clusters[${seen}]`,
        value: c[field],
        fix: `give every cluster its own ${field}`,
      });
    });
  }
  return issues;
}

export function listOf(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.map((i) => `"${i}"`).join(', ');
}
