// Runs the drill's Kubernetes steps (write probe, rollouts) with the real @kubernetes/client-node (an ES module,
// which jest cannot load) in a process of its own: reads { kubeconfig, steps, abortAfterMs? } as JSON on stdin,
// runs the steps in order and prints { results } or { results, error, fix } as JSON (the results before the error).
import { readFileSync } from 'fs';
import { kubernetesClient } from '../../../src/ops/kubernetes/client';
import { restartDeployments, waitForRollout } from '../../../src/ops/kubernetes/rollout';
import {
  deleteWriteProbe,
  startWriteProbe,
  waitForWriteProbe,
} from '../../../src/ops/kubernetes/write-probe';

/** One call, its arguments after the client as JSON (`at` as an ISO string; no signal: see `abortAfterMs`). */
export type KubernetesStep =
  | { readonly op: 'startWriteProbe'; readonly job: any }
  | {
      readonly op: 'waitForWriteProbe';
      readonly namespace: string;
      readonly name: string;
      readonly options?: any;
    }
  | { readonly op: 'deleteWriteProbe'; readonly namespace: string; readonly name: string }
  | {
      readonly op: 'restartDeployments';
      readonly namespace: string;
      readonly names: string[];
      readonly at: string;
    }
  | {
      readonly op: 'waitForRollout';
      readonly namespace: string;
      readonly names: string[];
      readonly options?: any;
    };

const input = JSON.parse(readFileSync(0, 'utf8')) as {
  kubeconfig: string;
  steps: KubernetesStep[];
  /** Aborts the signal the waits are given this long after the start. */
  abortAfterMs?: number;
};

async function main(): Promise<void> {
  const results: unknown[] = [];
  const abort = new AbortController();
  if (input.abortAfterMs !== undefined) setTimeout(() => abort.abort(), input.abortAfterMs).unref();
  try {
    const client = await kubernetesClient(input.kubeconfig, 'the fake cluster');
    for (const step of input.steps) {
      const signal = { signal: abort.signal };
      switch (step.op) {
        case 'startWriteProbe':
          results.push(await startWriteProbe(client, step.job));
          break;
        case 'waitForWriteProbe':
          results.push(
            await waitForWriteProbe(client, step.namespace, step.name, { ...step.options, ...signal }),
          );
          break;
        case 'deleteWriteProbe':
          results.push(await deleteWriteProbe(client, step.namespace, step.name));
          break;
        case 'restartDeployments':
          results.push(await restartDeployments(client, step.namespace, step.names, new Date(step.at)));
          break;
        case 'waitForRollout':
          results.push(
            await waitForRollout(client, step.namespace, step.names, { ...step.options, ...signal }),
          );
          break;
      }
    }
    process.stdout.write(JSON.stringify({ results }));
  } catch (e) {
    process.stdout.write(
      JSON.stringify({ results, error: (e as Error).message, fix: (e as { fix?: string }).fix }),
    );
  }
}

void main();
