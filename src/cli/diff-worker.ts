// A worker thread of `qcbm-fleet diff` (see manifests-beside.ts): it renders the fleet it is sent, every cluster,
// and answers with a digest of each cluster's manifests (or with `failed`: the caller renders that fleet again
// itself, and reports the error); then with the manifests of the clusters asked for.
import { parentPort } from 'worker_threads';
import type { Fleet } from '../model/fleet-schema';
import { clusterManifests } from './cluster-manifests';
import { manifestDigests } from './manifest-digests';

let rendered: ReturnType<typeof clusterManifests> | undefined;

parentPort?.on('message', (message: { fleet: Fleet } | { want: readonly string[] }) => {
  if ('fleet' in message) {
    try {
      rendered = clusterManifests(message.fleet);
      const { placeholders, clusters } = rendered;
      parentPort?.postMessage({ digests: manifestDigests(clusters), placeholders });
    } catch {
      parentPort?.postMessage({ failed: true });
    }
    return;
  }
  const clusters = rendered?.clusters ?? {};
  parentPort?.postMessage({ manifests: Object.fromEntries(message.want.map((n) => [n, clusters[n]])) });
});
