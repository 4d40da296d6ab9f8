// Readiness of the app in hub delivery. Pulumi applies the templates and the Subscription to the TDCC hub only, so
// the Kubernetes provider's own await sees nothing of the member clusters; this reads what the hub reports of them:
// the Subscription's `status.aggregatedStatuses`, per feed and member cluster, with each Deployment's replica counts.
// Tested against a fake Kubernetes API only: it has not been rehearsed on a real hub, and a hub that does not
// aggregate feed statuses (Clusternet's status aggregation turned off) reports nothing, which reads as not ready.
import { type KubernetesClient, kubernetesCall } from './client';

const CLUSTERNET = { group: 'apps.clusternet.io', version: 'v1alpha1', plural: 'subscriptions' } as const;

/** One Deployment one member cluster must run, as delivery rendered it. */
export interface ExpectedDeployment {
  /** The member cluster's name (for messages) and its Clusternet id (what the hub reports it by). */
  readonly cluster: string;
  readonly clusterId: string;
  readonly namespace: string;
  readonly name: string;
  /** The replicas the cluster's rendering asks for. */
  readonly replicas: number;
}

/** Where the hub reports the Deployments and how long to wait for them. */
export interface HubReadinessOptions {
  /** The Subscription that distributes the Deployments. */
  readonly subscription: { readonly name: string; readonly namespace: string };
  readonly expected: readonly ExpectedDeployment[];
  /** How long to wait before failing. @default 600000 (ten minutes, the Kubernetes provider's own Deployment await) */
  readonly timeoutMs?: number;
  /** How often to read the Subscription. @default 10000 */
  readonly intervalMs?: number;
  /** @default - setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A Deployment that is not ready, and why. */
export interface NotReadyDeployment {
  readonly deployment: ExpectedDeployment;
  readonly reason: string;
}

interface ReplicaStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  unavailableReplicas?: number;
}

/**
 * The expected Deployments a Subscription's status does not report ready: every pod updated, ready and available,
 * none unavailable and no old pod left (`replicas` is the total of non-terminated pods). Reads the status
 * defensively: anything missing counts as not ready.
 */
export function notReadyDeployments(
  subscription: unknown,
  expected: readonly ExpectedDeployment[],
): NotReadyDeployment[] {
  const statuses = arrayAt(subscription, 'status', 'aggregatedStatuses');
  return expected.flatMap((deployment): NotReadyDeployment[] => {
    const feed = statuses.find(
      (s) =>
        field(s, 'kind') === 'Deployment' &&
        field(s, 'name') === deployment.name &&
        (field(s, 'namespace') ?? deployment.namespace) === deployment.namespace,
    );
    const detail = arrayAt(feed, 'feedStatusDetails').find(
      (d) => field(d, 'clusterId') === deployment.clusterId || field(d, 'clusterName') === deployment.cluster,
    );
    const status = (isObject(detail) ? detail.replicaStatus : undefined) as ReplicaStatus | undefined;
    const want = deployment.replicas;
    // A Deployment scaled to zero has nothing to wait for, whether or not the hub reports it.
    if (!status && want === 0) return [];
    if (!status) return [{ deployment, reason: 'the hub reports no status of it yet' }];
    const n = (v: number | undefined) => v ?? 0;
    const ready =
      n(status.updatedReplicas) >= want &&
      n(status.readyReplicas) >= want &&
      n(status.availableReplicas) >= want &&
      n(status.unavailableReplicas) === 0 &&
      n(status.replicas) === want;
    if (ready) return [];
    return [
      {
        deployment,
        reason: `${n(status.readyReplicas)} of ${want} ready, ${n(status.updatedReplicas)} updated, ${n(status.availableReplicas)} available, ${n(status.replicas)} running`,
      },
    ];
  });
}

/**
 * Waits until the hub reports every expected Deployment ready in its member cluster, reading the Subscription every
 * `intervalMs`.
 * @throws Error naming each cluster and Deployment still not ready when `timeoutMs` has passed, and a user error
 * when the hub cannot be read
 */
export async function waitForHubDeployments(
  hub: KubernetesClient,
  options: HubReadinessOptions,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const { name, namespace } = options.subscription;
  const deadline = now() + timeoutMs;
  for (;;) {
    const subscription = await kubernetesCall(hub, `reading Subscription ${namespace}/${name}`, () =>
      hub.custom.getNamespacedCustomObject({ ...CLUSTERNET, namespace, name }),
    );
    const waiting = notReadyDeployments(subscription, options.expected);
    if (waiting.length === 0) return;
    if (now() >= deadline) throw new Error(notReadyMessage(waiting, timeoutMs, `${namespace}/${name}`));
    await sleep(Math.max(0, Math.min(intervalMs, deadline - now())));
  }
}

function notReadyMessage(waiting: readonly NotReadyDeployment[], timeoutMs: number, subscription: string) {
  const lines = waiting.map(
    (w) =>
      `  ${w.deployment.cluster}: Deployment ${w.deployment.namespace}/${w.deployment.name}: ${w.reason}`,
  );
  return [
    `the app is not ready in every member cluster after ${Math.round(timeoutMs / 1000)} s (as the hub's Subscription ${subscription} reports):`,
    ...lines,
    "Look at the Deployments in those clusters (kubectl describe deployment, the pods' events); rerun `pulumi up` once they are fixed.",
  ].join('\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const found = path.reduce<unknown>((v, k) => field(v, k), value);
  return Array.isArray(found) ? found : [];
}
