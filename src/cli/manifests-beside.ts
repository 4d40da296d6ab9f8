import { existsSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Fleet } from '../model/fleet-schema';
import { clusterManifests } from './cluster-manifests';
import { manifestDigests } from './manifest-digests';

type ClusterManifests = ReturnType<typeof clusterManifests>;

/**
 * From how many clusters on `diff` renders the base fleet in a worker thread beside the head one. A worker loads
 * the modules again (a few tenths of a second), which smaller fleets do not win back.
 */
export const WORKER_MIN_CLUSTERS = 100;

/**
 * Starts a worker thread that renders one fleet (`renderBeside`): started early, it loads the modules while the
 * caller reads the fleets.
 */
export function startManifestWorker(): Worker {
  const compiled = join(__dirname, 'diff-worker.js');
  // From the sources (the tests), the worker compiles them as this process does.
  return existsSync(compiled)
    ? new Worker(compiled)
    : new Worker(
        `require('ts-node/register/transpile-only'); require(${JSON.stringify(join(__dirname, 'diff-worker.ts'))});`,
        { eval: true },
      );
}

/**
 * `clusterManifests` of both fleets, as `[clusterManifests(first), clusterManifests(second)]` gives them for a diff,
 * or throws: with a worker, `first` is rendered there while this thread renders `second`. The worker answers with
 * a digest of each cluster's manifests; only the clusters whose digests differ from `second`'s are sent over, and
 * the others are given as `second`'s (equal manifests, the same objects). Where the worker fails (an invalid
 * fleet, or a worker that could not run), `first` is rendered here again, so that the error is the one a serial
 * run throws, and thrown before any error of `second`.
 */
export async function renderBeside(
  first: Fleet,
  second: Fleet,
  worker: Worker | undefined,
): Promise<[ClusterManifests, ClusterManifests]> {
  if (worker === undefined) return [clusterManifests(first), clusterManifests(second)];
  try {
    const rendering = exchange(worker, { fleet: first });
    let after: ClusterManifests | undefined;
    let secondError: { error: unknown } | undefined;
    try {
      after = clusterManifests(second);
    } catch (error) {
      secondError = { error };
    }
    const answer = (await rendering) as { digests?: Digests; placeholders?: string[] } | undefined;
    const digests = answer?.digests;
    if (digests === undefined || answer?.placeholders === undefined) {
      const before = clusterManifests(first);
      if (secondError) throw secondError.error;
      return [before, after as ClusterManifests];
    }
    if (secondError) throw secondError.error;
    const clusters = (after as ClusterManifests).clusters;
    const own = manifestDigests(clusters);
    const want = Object.keys(digests).filter((n) => digests[n] === undefined || own[n] !== digests[n]);
    const sent =
      want.length === 0 ? {} : ((await exchange(worker, { want })) as { manifests?: Manifests })?.manifests;
    if (sent === undefined) return [clusterManifests(first), after as ClusterManifests];
    const before = Object.fromEntries(
      Object.keys(digests).map((n) => [n, n in sent ? sent[n] : clusters[n]]),
    );
    return [{ clusters: before, placeholders: answer.placeholders }, after as ClusterManifests];
  } finally {
    void worker.terminate();
  }
}

type Manifests = ClusterManifests['clusters'];
type Digests = ReturnType<typeof manifestDigests>;

/** Sends `message` and waits for the worker's answer; undefined where it fails or stops first. */
function exchange(worker: Worker, message: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const settle = (value: unknown) => {
      worker.off('message', settle);
      worker.off('error', stopped);
      worker.off('exit', stopped);
      resolve(value);
    };
    const stopped = () => settle(undefined);
    worker.on('message', settle);
    worker.on('error', stopped);
    worker.on('exit', stopped);
    try {
      worker.postMessage(message);
    } catch {
      settle(undefined);
    }
  });
}
