import type { ResourceValidationArgs, ResourceValidationPolicy } from '@pulumi/policy';
import { KUBERNETES_TYPES } from '../src/cloud/type-tokens';
import { checkCloudResource, CLOUD_RULES } from '../src/policy/cloud-rules';
import {
  type HardeningOptions,
  KUBERNETES_HARDENING_RULES,
  QCBM_HARDENING_OPTIONS,
  unexemptedViolations,
} from '../src/policy/kubernetes-hardening';
import { type ExemptionSource, stackOfUrn } from './stack-exemptions';

/** Kubernetes kinds the workload rules look at, as `pulumi up` registers them (children of the ConfigGroups). */
const WORKLOAD_TYPES = new Set([
  'kubernetes:apps/v1:Deployment',
  'kubernetes:apps/v1:StatefulSet',
  'kubernetes:apps/v1:DaemonSet',
  'kubernetes:apps/v1:ReplicaSet',
  'kubernetes:batch/v1:Job',
  'kubernetes:batch/v1:CronJob',
]);
const CONFIG_GROUP = KUBERNETES_TYPES.configGroup;

/**
 * The policies of the pack: one per cloud rule and one per Kubernetes hardening rule, all mandatory. The rules
 * themselves are plain functions in src/policy, shared with the tests and the offline plan. By default only
 * qcbm-front and the in-cluster nacos may run as root (see QCBM_HARDENING_OPTIONS); pass other options for other
 * apps.
 * @param exemptionsOf the fleet's exemptions of a resource's stack, matched as synthesis matches them: an object a
 * cluster's provider (`clusterIdentifier`) sends may break what its exemptions allow there, the hub's templates
 * what they allow in every cluster (policy/index.ts reads them from the stack file) @default - none
 */
export function qcbmPolicies(
  options: HardeningOptions = QCBM_HARDENING_OPTIONS,
  exemptionsOf: ExemptionSource = () => ({ exemptions: [] }),
): ResourceValidationPolicy[] {
  const cloud = CLOUD_RULES.map((rule): ResourceValidationPolicy => ({
    name: `qcbm-${rule.id}`,
    description: rule.description,
    enforcementLevel: 'mandatory',
    validateResource: (args, report) => {
      for (const v of checkCloudResource({ type: args.type, name: args.name, props: args.props })) {
        if (v.rule === rule.id) report(v.message);
      }
    },
  }));
  const kubernetes = KUBERNETES_HARDENING_RULES.map((rule): ResourceValidationPolicy => ({
    name: `qcbm-${rule.id}`,
    description: rule.description,
    enforcementLevel: 'mandatory',
    validateResource: (args, report) => {
      const manifests = manifestsOf(args);
      if (manifests.length === 0) return;
      const read = exemptionsOf(stackOfUrn(args.urn));
      const [exemptions, unread] =
        'problem' in read ? [[], ` (no exemption applied: ${read.problem})`] : [read.exemptions, ''];
      for (const v of unexemptedViolations(manifests, options, exemptions, clusterOf(args))) {
        if (v.rule === rule.id) report(`${v.object} ${v.where}: ${v.message}${unread}`);
      }
    },
  }));
  return [...cloud, ...kubernetes];
}

/** The member cluster a resource goes to (the `clusterIdentifier` of its provider), or undefined: the hub. */
function clusterOf(args: ResourceValidationArgs): string | undefined {
  const identifier: unknown = args.provider?.props.clusterIdentifier;
  return typeof identifier === 'string' ? identifier : undefined;
}

/** The manifests a resource carries: a workload itself, or every object a ConfigGroup is given. */
function manifestsOf(args: ResourceValidationArgs): any[] {
  if (WORKLOAD_TYPES.has(args.type)) {
    const [group, version, kind] = args.type.replace(/^kubernetes:/, '').split(/[/:]/);
    return [{ apiVersion: `${group}/${version}`, kind, ...args.props }];
  }
  if (args.type === CONFIG_GROUP && Array.isArray(args.props.objs)) return args.props.objs;
  return [];
}
