import { z } from 'zod';

/**
 * The Kubernetes hardening rules (src/policy/kubernetes-hardening.ts checks them): their ids, which a fleet's
 * `policy.exemptions` name, and what each requires.
 */
export const KUBERNETES_HARDENING_RULES = [
  { id: 'no-privileged', description: 'No container runs privileged.' },
  { id: 'no-privilege-escalation', description: 'Every container sets allowPrivilegeEscalation: false.' },
  {
    id: 'drop-all-capabilities',
    description: 'Every container drops ALL capabilities (and adds back only what it needs).',
  },
  { id: 'no-host-namespaces', description: 'No pod uses hostNetwork, hostPID or hostIPC.' },
  { id: 'no-host-path', description: 'No hostPath volume unless the workload is explicitly allowed one.' },
  { id: 'resources-set', description: 'Every container has CPU and memory requests and limits.' },
  {
    id: 'probes-set',
    description:
      'Every container has a readiness and a liveness probe, except in Jobs and CronJobs (they run to completion and serve nothing, so readiness means nothing and a liveness probe could only kill them mid-run) and in init containers (the API server refuses probes there, sidecars aside).',
  },
  { id: 'image-pinned', description: 'Every image names a tag other than latest, or a digest.' },
  { id: 'run-as-non-root', description: 'Pods run as non-root unless the workload is allowed root.' },
] as const satisfies readonly { readonly id: string; readonly description: string }[];

export type HardeningRuleId = (typeof KUBERNETES_HARDENING_RULES)[number]['id'];

export const HARDENING_RULE_IDS = KUBERNETES_HARDENING_RULES.map((r) => r.id) as [
  HardeningRuleId,
  ...HardeningRuleId[],
];

/** The rule ids, for a zod enum. */
export const hardeningRuleId = z.enum(HARDENING_RULE_IDS);
