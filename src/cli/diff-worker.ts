// A worker thread of `qcbm-fleet diff` (see manifests-beside.ts): it renders the fleet it is sent, every cluster,
// and answers with the manifests, or with `failed` (the caller renders it again itself, and reports the error).
import { parentPort } from 'worker_threads';
import type { Fleet } from '../model/fleet-schema';
import { clusterManifests } from './cluster-manifests';

parentPort?.once('message', (fleet: Fleet) => {
  let answer: { manifests: ReturnType<typeof clusterManifests> } | { failed: true };
  try {
    answer = { manifests: clusterManifests(fleet) };
  } catch {
    answer = { failed: true };
  }
  parentPort?.postMessage(answer);
});
