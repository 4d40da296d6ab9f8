import { KUBERNETES_TYPES } from '../cloud/type-tokens';
import { checkCloudResource, type CloudViolation } from '../policy/cloud-rules';
import {
  type HardeningExemption,
  type HardeningOptions,
  QCBM_HARDENING_OPTIONS,
  unexemptedViolations,
  type Violation,
} from '../policy/kubernetes-hardening';
import type { RegisteredResource } from './fake-tencent-cloud';
import { unwrapSecrets } from './redact';

/** A hardening violation in the manifests one ConfigGroup carries, with where they go. */
export interface KubernetesPlanViolation extends Violation {
  /** `cluster <name>` (direct delivery) or `hub` (the templates the hub distributes). */
  readonly target: string;
  readonly configGroup: string;
}

/** The cloud rules over every registration's inputs, secrets unwrapped (the policy pack sees them so). */
export function cloudViolations(resources: readonly RegisteredResource[]): CloudViolation[] {
  return resources.flatMap((r) =>
    checkCloudResource({
      type: r.type,
      name: r.name,
      props: unwrapSecrets(r.inputs) as Record<string, unknown>,
    }),
  );
}

/**
 * The Kubernetes hardening rules over the manifests each ConfigGroup carries, as the policy pack runs them, per
 * target: each cluster's manifests in direct delivery, the hub's templates in hub delivery. What the fleet's
 * exemptions allow is not a violation (on the hub's templates, only exemptions for every cluster apply).
 */
export function kubernetesViolations(
  resources: readonly RegisteredResource[],
  options: HardeningOptions = QCBM_HARDENING_OPTIONS,
  exemptions: readonly HardeningExemption[] = [],
): { targets: string[]; violations: KubernetesPlanViolation[] } {
  const targets = new Set<string>();
  const violations: KubernetesPlanViolation[] = [];
  for (const group of resources.filter((r) => r.type === KUBERNETES_TYPES.configGroup)) {
    const provider = resources.find((r) => r.type === KUBERNETES_TYPES.provider && r.name === group.provider);
    const identifier = provider?.inputs.clusterIdentifier;
    const cluster = typeof identifier === 'string' ? identifier : undefined;
    const target = cluster === undefined ? 'hub' : `cluster ${cluster}`;
    targets.add(target);
    const unwrapped = unwrapSecrets(group.inputs.objs);
    const objs: unknown[] = Array.isArray(unwrapped) ? unwrapped : [];
    for (const v of unexemptedViolations(objs, options, exemptions, cluster)) {
      violations.push({ ...v, target, configGroup: group.name });
    }
  }
  return { targets: [...targets], violations };
}
