// The data drill's write probe in one cluster: the Job `writeProbeJob` builds, created, watched until it ends
// and deleted. What its pod logged is read where the kubeconfig's user may (pods/log); a drill does not fail
// because it may not.
import type * as k8s from '@kubernetes/client-node';
import type { WriteProbeJob } from '../../k8s/qcbm/drill/write-probe-job';
import { writtenRow, type WrittenRow } from '../../k8s/qcbm/drill/write-probe-script';
import { UserError } from '../../model/user-error';
import { formatDuration } from '../failover/poll';
import { httpStatusOf, type KubernetesClient, kubernetesCall, kubernetesError } from './client';
import { type KubernetesWaitOptions, pollUntil } from './wait';

/** A Job in a namespace. */
export interface JobRef {
  readonly namespace: string;
  readonly name: string;
}

/** How a write probe ended, and when the drill saw it. */
export type WriteProbeOutcome =
  | {
      readonly status: 'succeeded';
      /** When the read that saw the Job succeeded returned (`now()`). */
      readonly observedAt: number;
      /** The row its pod reports written (server, time); undefined where its log cannot be read. */
      readonly written?: WrittenRow;
    }
  | {
      readonly status: 'failed';
      readonly observedAt: number;
      /** The Job's Failed condition: `BackoffLimitExceeded` (the script gave up), `DeadlineExceeded`, ... */
      readonly reason: string;
      readonly message: string;
      /** The last line its pod logged (the script's last error); undefined where it cannot be read. */
      readonly lastLogLine?: string;
    };

/**
 * Creates the write probe Job in its namespace.
 * @throws UserError when it exists already (a drill with the same name suffix) or the cluster refuses it
 */
export async function startWriteProbe(client: KubernetesClient, job: WriteProbeJob): Promise<JobRef> {
  const { namespace, name } = job.metadata;
  const what = `creating Job ${namespace}/${name}`;
  try {
    await client.batch.createNamespacedJob({ namespace, body: job as k8s.V1Job });
  } catch (e) {
    throw kubernetesError(
      client,
      what,
      e,
      httpStatusOf(e) === 409
        ? `a Job of that name is left from an earlier drill: delete it (kubectl -n ${namespace} delete job ${name}) or use another name suffix`
        : undefined,
    );
  }
  return { namespace, name };
}

/**
 * Reads the Job every `intervalMs` (default 1000) until it succeeded (`status.succeeded` >= 1) or failed (a
 * Failed condition), then what its pod logged.
 * @throws UserError naming the Job, its pods and the last line its pod logged when `timeoutMs` (default 600000)
 * has passed, or when the signal stopped the wait
 */
export async function waitForWriteProbe(
  client: KubernetesClient,
  namespace: string,
  name: string,
  options: KubernetesWaitOptions = {},
): Promise<WriteProbeOutcome> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 600_000;
  let last: k8s.V1Job | undefined;
  const ended = await pollUntil(
    { ...options, intervalMs: options.intervalMs ?? 1000, timeoutMs },
    async () => {
      last = await kubernetesCall(client, `reading Job ${namespace}/${name}`, () =>
        client.batch.readNamespacedJob({ namespace, name }),
      );
      const observedAt = now();
      const failed = last.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      if ((last.status?.succeeded ?? 0) >= 1) return { observedAt, failed: undefined };
      return failed ? { observedAt, failed } : undefined;
    },
    async (why) => {
      const tail = await podLogTail(client, namespace, name);
      const status = last?.status;
      const pods = `${status?.active ?? 0} pod(s) running, ${status?.failed ?? 0} failed`;
      return new UserError(
        why === 'timeout'
          ? `Job ${namespace}/${name} on ${client.server} neither succeeded nor failed in ${formatDuration(timeoutMs)} (${pods})${said(tail)}`
          : `stopped waiting for Job ${namespace}/${name} on ${client.server} (${pods})${said(tail)}`,
        `see kubectl -n ${namespace} describe job ${name}; it stops itself at its activeDeadlineSeconds, and the drill deletes it`,
      );
    },
  );
  const tail = await podLogTail(client, namespace, name);
  if (!ended.failed) {
    const written = tail
      .map(writtenRow)
      .filter((r) => r !== undefined)
      .pop();
    return { status: 'succeeded', observedAt: ended.observedAt, ...(written ? { written } : {}) };
  }
  const lastLogLine = tail[tail.length - 1];
  return {
    status: 'failed',
    observedAt: ended.observedAt,
    reason: ended.failed.reason ?? 'Failed',
    message: ended.failed.message ?? '',
    ...(lastLogLine === undefined ? {} : { lastLogLine }),
  };
}

/**
 * Deletes the Job and, in the background, its pod.
 * @returns false where it was not there (already deleted, or its TTL ran out)
 */
export async function deleteWriteProbe(
  client: KubernetesClient,
  namespace: string,
  name: string,
): Promise<boolean> {
  try {
    await client.batch.deleteNamespacedJob({ namespace, name, propagationPolicy: 'Background' });
    return true;
  } catch (e) {
    if (httpStatusOf(e) === 404) return false;
    throw kubernetesError(client, `deleting Job ${namespace}/${name}`, e);
  }
}

/** The last lines of the newest pod of a Job (empty lines dropped); none where they cannot be read. */
async function podLogTail(client: KubernetesClient, namespace: string, job: string): Promise<string[]> {
  try {
    const pods = await client.core.listNamespacedPod({ namespace, labelSelector: `job-name=${job}` });
    const newest = [...pods.items]
      .sort((a, b) => stamp(a.metadata?.creationTimestamp) - stamp(b.metadata?.creationTimestamp))
      .pop()?.metadata?.name;
    if (newest === undefined) return [];
    const log = await client.core.readNamespacedPodLog({ namespace, name: newest, tailLines: 20 });
    return String(log)
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '');
  } catch {
    return [];
  }
}

function stamp(time: Date | string | undefined): number {
  return time === undefined ? 0 : new Date(time).getTime();
}

function said(tail: readonly string[]): string {
  return tail.length > 0 ? `; its pod's log ends: ${tail[tail.length - 1]}` : '';
}
