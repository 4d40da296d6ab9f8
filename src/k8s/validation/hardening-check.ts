import {
  checkKubernetesHardening,
  exemptionMatches,
  type HardeningExemption,
  type HardeningOptions,
} from '../../policy/kubernetes-hardening';
import type { ValidationIssue } from '../../model/validation-error';
import type { ManifestCheck, SeenClusters } from './manifest-validator';
import { isObject } from './object-problem';

/**
 * The Kubernetes hardening rules (src/policy/kubernetes-hardening.ts) as a check of every object a cluster
 * receives; an exemption lets the objects and clusters it names break its rule, and one that lets nothing through
 * is an error of its own.
 * @param where how the fix names the exemptions' place, e.g. `fleet.policy.exemptions`
 */
export function hardeningCheck(
  options: HardeningOptions,
  exemptions: readonly HardeningExemption[],
  where: string,
): ManifestCheck {
  return {
    problems: (object) =>
      checkKubernetesHardening([object], options).map((v) => ({
        rule: v.rule,
        path: v.path,
        message: `breaks the hardening rule ${v.rule}: ${v.where} ${v.message}`,
        fix: `change what makes it so, or list {rule: ${v.rule}, target: ${targetOf(object)}, cluster: <name>, reason: <why>} in ${where}`,
      })),
    allowedBy: (problem, object, cluster) => {
      const { rule } = problem;
      if (rule === undefined) return [];
      return exemptions.flatMap((e, i) => (exemptionMatches(e, rule, object, cluster) ? [i] : []));
    },
    unusedAllowanceIssues: (used, seen) =>
      exemptions.flatMap((e, i) =>
        used.has(i) || !couldApply(e, seen) ? [] : [unusedIssue(e, `${where}[${i}]`)],
      ),
  };
}

/**
 * Whether the validation saw every object `exemption` could let through: all the clusters for an exemption of
 * every cluster, its own cluster for one that names a cluster. So a partial render (`render --cluster a`) reports
 * an unused exemption of cluster a, and no exemption of another cluster or of every cluster: synth and plan, which
 * check every cluster in one validation, report those.
 */
function couldApply(exemption: HardeningExemption, seen: SeenClusters): boolean {
  return exemption.cluster === undefined ? seen.everyCluster : seen.names.includes(exemption.cluster);
}

function unusedIssue(exemption: HardeningExemption, path: string): ValidationIssue {
  const t = exemption.target;
  const namespace = t?.namespace === undefined ? '' : `${t.namespace}/`;
  const version = t?.apiVersion === undefined ? '' : ` (${t.apiVersion})`;
  const object = t ? `${t.kind} ${namespace}${t.name}${version}` : 'any object';
  const clusters = exemption.cluster === undefined ? 'any cluster' : `cluster "${exemption.cluster}"`;
  return {
    path,
    message: `matches no violation (${exemption.rule} by ${object} in ${clusters})`,
    fix: 'remove it, or correct its rule, its target (kind, name, namespace, apiVersion) or its cluster to name the violation it allows',
  };
}

function targetOf(object: unknown): string {
  const o = isObject(object) ? object : {};
  const meta = isObject(o.metadata) ? o.metadata : {};
  const namespace = typeof meta.namespace === 'string' ? `, namespace: ${meta.namespace}` : '';
  return `{kind: ${String(o.kind)}, name: ${String(meta.name)}${namespace}}`;
}
