import {
  checkKubernetesHardening,
  exemptionFor,
  type HardeningExemption,
  type HardeningOptions,
} from '../../policy/kubernetes-hardening';
import type { ManifestCheck } from './manifest-validator';
import { isObject } from './object-problem';

/**
 * The Kubernetes hardening rules (src/policy/kubernetes-hardening.ts) as a check of every object a cluster
 * receives; an exemption lets the objects and clusters it names break its rule.
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
    allows: (problem, object, cluster) =>
      problem.rule !== undefined && exemptionFor(exemptions, problem.rule, object, cluster) !== undefined,
  };
}

function targetOf(object: unknown): string {
  const o = isObject(object) ? object : {};
  const meta = isObject(o.metadata) ? o.metadata : {};
  const namespace = typeof meta.namespace === 'string' ? `, namespace: ${meta.namespace}` : '';
  return `{kind: ${String(o.kind)}, name: ${String(meta.name)}${namespace}}`;
}
