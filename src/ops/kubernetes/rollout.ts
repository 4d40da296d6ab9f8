// Restarting Deployments as `kubectl rollout restart` does, and waiting until their rollouts are done: after a
// MySQL failover this ends the services' sessions to the old primary, and the drill times their reconnection.
import type * as k8s from '@kubernetes/client-node';
import { UserError } from '../../model/user-error';
import { formatDuration } from '../failover/poll';
import { httpStatusOf, type KubernetesClient, kubernetesCall, kubernetesError } from './client';
import { type KubernetesWaitOptions, pollUntil } from './wait';

/** The pod template annotation `kubectl rollout restart` sets: a new value rolls every pod. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** A Deployment seen rolled out. */
export interface RolledOut {
  readonly name: string;
  /** When the read that saw it rolled out returned (`now()`). */
  readonly observedAt: number;
}

/** Replacing a Deployment another writer changed in between is retried this many times, reading it again. */
const CONFLICT_RETRIES = 3;

/**
 * Sets `spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']` of each Deployment to `at`
 * (ISO 8601), one after the other: read, then replace; a conflict (the controller updated it in between) reads
 * it again.
 * @throws UserError naming the Deployment that could not be read or replaced
 */
export async function restartDeployments(
  client: KubernetesClient,
  namespace: string,
  names: readonly string[],
  at: Date,
): Promise<void> {
  for (const name of names) {
    const what = `restarting Deployment ${namespace}/${name}`;
    for (let attempt = 0; ; attempt++) {
      const current = await kubernetesCall(client, `reading Deployment ${namespace}/${name}`, () =>
        client.apps.readNamespacedDeployment({ namespace, name }),
      );
      const body = restarted(current, at);
      try {
        await client.apps.replaceNamespacedDeployment({ namespace, name, body });
        break;
      } catch (e) {
        if (httpStatusOf(e) === 409 && attempt < CONFLICT_RETRIES) continue;
        throw kubernetesError(client, what, e);
      }
    }
  }
}

function restarted(deployment: k8s.V1Deployment, at: Date): k8s.V1Deployment {
  const template = deployment.spec?.template ?? {};
  return {
    ...deployment,
    spec: {
      ...(deployment.spec as k8s.V1DeploymentSpec),
      template: {
        ...template,
        metadata: {
          ...template.metadata,
          annotations: { ...template.metadata?.annotations, [RESTARTED_AT_ANNOTATION]: at.toISOString() },
        },
      },
    },
  };
}

/**
 * Reads each Deployment every `intervalMs` (default 2000) until it is rolled out: the controller has seen its
 * latest spec (`status.observedGeneration` >= `metadata.generation`) and `updatedReplicas`, `availableReplicas`
 * and `replicas` all equal `spec.replicas` (no old pod left). Resolves with each Deployment and when it was seen
 * so, in the order given.
 * @throws UserError naming each Deployment not rolled out and what its status says, once `timeoutMs` (default
 * 600000) has passed or the signal stopped the wait
 */
export async function waitForRollout(
  client: KubernetesClient,
  namespace: string,
  names: readonly string[],
  options: KubernetesWaitOptions = {},
): Promise<RolledOut[]> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const seen = new Map<string, number>();
  const waiting = new Map<string, string>();
  return pollUntil(
    { ...options, intervalMs: options.intervalMs ?? 2000, timeoutMs },
    async () => {
      for (const name of names.filter((n) => !seen.has(n))) {
        const deployment = await kubernetesCall(client, `reading Deployment ${namespace}/${name}`, () =>
          client.apps.readNamespacedDeployment({ namespace, name }),
        );
        const pending = notRolledOut(deployment);
        if (pending === undefined) {
          seen.set(name, now());
          waiting.delete(name);
        } else waiting.set(name, pending);
      }
      return seen.size === new Set(names).size
        ? names.map((name) => ({ name, observedAt: seen.get(name) as number }))
        : undefined;
    },
    (why) =>
      new UserError(
        [
          why === 'timeout'
            ? `not rolled out in ${formatDuration(timeoutMs)} on ${client.server}:`
            : `stopped waiting for the rollouts on ${client.server}; not rolled out yet:`,
          ...[...waiting].map(([name, status]) => `  Deployment ${namespace}/${name}: ${status}`),
        ].join('\n'),
        `see kubectl -n ${namespace} rollout status deployment/<name> and the pods' events`,
      ),
  );
}

/** What keeps a Deployment from being rolled out, or undefined where it is. */
function notRolledOut(deployment: k8s.V1Deployment): string | undefined {
  const want = deployment.spec?.replicas ?? 1;
  const generation = deployment.metadata?.generation ?? 0;
  const s = deployment.status ?? {};
  const n = (v: number | undefined) => v ?? 0;
  if (n(s.observedGeneration) < generation) {
    return `the controller has not seen its latest spec yet (generation ${generation}, observed ${n(s.observedGeneration)})`;
  }
  const counts = [n(s.updatedReplicas), n(s.availableReplicas), n(s.replicas)];
  if (counts.every((c) => c === want)) return undefined;
  return `${n(s.updatedReplicas)} of ${want} updated, ${n(s.availableReplicas)} available, ${n(s.replicas)} pods in all`;
}
