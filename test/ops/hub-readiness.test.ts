import {
  type ExpectedDeployment,
  notReadyDeployments,
  waitForHubDeployments,
} from '../../src/ops/kubernetes/hub-readiness';
import type { KubernetesClient } from '../../src/ops/kubernetes/client';
import { type FakeKubernetesApi, startFakeKubernetesApi } from '../support/fake-kubernetes-api';
import { runJsonChild } from './support/json-child';

const SUBSCRIPTION = { name: 'qcbm-subscription', namespace: 'default' };
const SUBSCRIPTION_PATH =
  '/apis/apps.clusternet.io/v1alpha1/namespaces/default/subscriptions/qcbm-subscription';
const CLUSTERS = [
  { cluster: 'beijing-01', clusterId: '6f1c2a3b-4d5e-4f60-8a71-9b8c7d6e5f01' },
  { cluster: 'shanghai-01', clusterId: '7a2d3b4c-5e6f-4a71-9b82-0c9d8e7f6a02' },
];
const EXPECTED: ExpectedDeployment[] = CLUSTERS.flatMap((c) =>
  ['user-service', 'qcbm-gateway'].map((name) => ({ ...c, namespace: 'qcbm', name, replicas: 2 })),
);

type Counts = {
  replicas?: number;
  ready?: number;
  updated?: number;
  available?: number;
  unavailable?: number;
};
const allReady: Counts = { replicas: 2, ready: 2, updated: 2, available: 2, unavailable: 0 };

/** A Subscription whose status reports each cluster's Deployments with these counts (none where left out). */
function subscription(counts: (d: ExpectedDeployment) => Counts | undefined) {
  const names = [...new Set(EXPECTED.map((d) => d.name))];
  return {
    apiVersion: 'apps.clusternet.io/v1alpha1',
    kind: 'Subscription',
    metadata: SUBSCRIPTION,
    status: {
      aggregatedStatuses: [
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'qcbm-env', namespace: 'qcbm', feedStatusDetails: [] },
        ...names.map((name) => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name,
          namespace: 'qcbm',
          feedStatusDetails: EXPECTED.filter((d) => d.name === name).flatMap((d) => {
            const c = counts(d);
            if (!c) return [];
            return [
              {
                clusterId: d.clusterId,
                clusterName: d.cluster,
                available: true,
                replicaStatus: {
                  replicas: c.replicas,
                  readyReplicas: c.ready,
                  updatedReplicas: c.updated,
                  availableReplicas: c.available,
                  unavailableReplicas: c.unavailable,
                },
              },
            ];
          }),
        })),
      ],
    },
  };
}

describe('notReadyDeployments (what the hub reports)', () => {
  test('every Deployment ready in every cluster: nothing waits', () => {
    expect(
      notReadyDeployments(
        subscription(() => allReady),
        EXPECTED,
      ),
    ).toEqual([]);
  });

  test('each way of not being ready is reported for that cluster and Deployment alone', () => {
    const status = subscription((d) => {
      if (d.cluster === 'beijing-01' && d.name === 'user-service')
        return { ...allReady, ready: 1, unavailable: 1 };
      if (d.cluster === 'shanghai-01' && d.name === 'user-service') return { ...allReady, replicas: 3 }; // an old pod
      if (d.cluster === 'shanghai-01' && d.name === 'qcbm-gateway') return undefined;
      return allReady;
    });
    expect(
      notReadyDeployments(status, EXPECTED).map((w) => [w.deployment.cluster, w.deployment.name, w.reason]),
    ).toEqual([
      ['beijing-01', 'user-service', '1 of 2 ready, 2 updated, 2 available, 2 running'],
      ['shanghai-01', 'user-service', '2 of 2 ready, 2 updated, 2 available, 3 running'],
      ['shanghai-01', 'qcbm-gateway', 'the hub reports no status of it yet'],
    ]);
  });

  test('a Deployment scaled to zero is ready without a status; with pods still running it is not', () => {
    const stopped = EXPECTED.map((d) => ({ ...d, replicas: 0 }));
    expect(
      notReadyDeployments(
        subscription(() => undefined),
        stopped,
      ),
    ).toEqual([]);
    expect(
      notReadyDeployments(
        subscription(() => ({ replicas: 1, ready: 1 })),
        stopped,
      ),
    ).toHaveLength(4);
  });

  test('a status of another shape, or none, counts as not ready rather than failing', () => {
    for (const odd of [undefined, null, 'text', {}, { status: { aggregatedStatuses: 'x' } }]) {
      expect(notReadyDeployments(odd, EXPECTED)).toHaveLength(EXPECTED.length);
    }
  });
});

describe('waitForHubDeployments with a stand-in client and clock', () => {
  test('polls at the interval until the deadline, then fails naming every cluster and Deployment', async () => {
    let clock = 0;
    const reads: number[] = [];
    const hub = {
      server: 'https://hub.example',
      custom: {
        getNamespacedCustomObject: async () => {
          reads.push(clock);
          return subscription(() => ({ ...allReady, ready: 0 }));
        },
      },
    } as unknown as KubernetesClient;
    const error = await waitForHubDeployments(hub, {
      subscription: SUBSCRIPTION,
      expected: EXPECTED,
      timeoutMs: 25_000,
      intervalMs: 10_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    }).catch((e: Error) => e);
    expect(reads).toEqual([0, 10_000, 20_000, 25_000]);
    expect(String(error)).toMatch(/after 25 s/);
    for (const d of EXPECTED)
      expect(String(error)).toContain(`${d.cluster}: Deployment qcbm/${d.name}: 0 of 2 ready`);
  });
});

/** Runs the check in a process of its own (the real client-node), against the fake API. */
function runCheck(kube: FakeKubernetesApi, options: { timeoutMs: number; intervalMs: number }) {
  return runJsonChild<{ ready: boolean; error?: string }>('run-hub-readiness.ts', {
    kubeconfig: kube.kubeconfig,
    options: { subscription: SUBSCRIPTION, expected: EXPECTED, ...options },
  });
}

describe('the readiness check against a fake Kubernetes API on 127.0.0.1 (the real client)', () => {
  let kube: FakeKubernetesApi;
  beforeEach(async () => {
    kube = await startFakeKubernetesApi({});
  });
  afterEach(() => kube.close());
  const reads = () => kube.requests.filter((r) => r.method === 'GET' && r.path === SUBSCRIPTION_PATH).length;

  test('ready: resolves once the hub reports every Deployment ready, reading the Subscription', async () => {
    kube.subscriptions.set(
      'default/qcbm-subscription',
      subscription(() => ({ ...allReady, ready: 0 })),
    );
    // The members become ready after the check has read the Subscription twice.
    const timer = setInterval(() => {
      if (reads() >= 2)
        kube.subscriptions.set(
          'default/qcbm-subscription',
          subscription(() => allReady),
        );
    }, 20);
    const result = await runCheck(kube, { timeoutMs: 20_000, intervalMs: 100 }).finally(() =>
      clearInterval(timer),
    );
    expect(result).toMatchObject({ ready: true });
    expect(reads()).toBeGreaterThanOrEqual(3);
  }, 30_000);

  test('not ready: after the timeout, an error naming each cluster and Deployment that is not', async () => {
    kube.subscriptions.set(
      'default/qcbm-subscription',
      subscription((d) =>
        d.cluster === 'shanghai-01' && d.name === 'user-service'
          ? { ...allReady, ready: 1, available: 1, unavailable: 1 }
          : d.cluster === 'beijing-01' && d.name === 'qcbm-gateway'
            ? undefined
            : allReady,
      ),
    );
    const result = await runCheck(kube, { timeoutMs: 1_000, intervalMs: 100 });
    expect(result.ready).toBe(false);
    expect(result.error).toContain('not ready in every member cluster after 1 s');
    expect(result.error).toContain('shanghai-01: Deployment qcbm/user-service: 1 of 2 ready');
    expect(result.error).toContain(
      'beijing-01: Deployment qcbm/qcbm-gateway: the hub reports no status of it yet',
    );
    expect(result.error).not.toContain('beijing-01: Deployment qcbm/user-service');
    // It waited for the timeout, polling, and gave up then.
    expect(result.ms).toBeGreaterThanOrEqual(1_000);
    expect(reads()).toBeGreaterThanOrEqual(5);
  }, 30_000);

  test('a Subscription the hub does not have: a user error naming the call and the server', async () => {
    const result = await runCheck(kube, { timeoutMs: 60_000, intervalMs: 100 });
    expect(result.ready).toBe(false);
    expect(result.error).toContain(
      `reading Subscription default/qcbm-subscription on ${kube.server} failed (HTTP 404)`,
    );
    expect(reads()).toBe(1);
  }, 30_000);
});
