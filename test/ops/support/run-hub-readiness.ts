// Runs waitForHubDeployments with the real @kubernetes/client-node (an ES module, which jest cannot load) in a
// process of its own: reads { kubeconfig, options } as JSON on stdin, prints { ready } or { error } as JSON.
import { readFileSync } from 'fs';
import { kubernetesClient } from '../../../src/ops/kubernetes/client';
import { type HubReadinessOptions, waitForHubDeployments } from '../../../src/ops/kubernetes/hub-readiness';

const input = JSON.parse(readFileSync(0, 'utf8')) as { kubeconfig: string; options: HubReadinessOptions };

async function main(): Promise<void> {
  try {
    await waitForHubDeployments(await kubernetesClient(input.kubeconfig, 'the hub'), input.options);
    process.stdout.write(JSON.stringify({ ready: true }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ ready: false, error: (e as Error).message }));
  }
}

void main();
