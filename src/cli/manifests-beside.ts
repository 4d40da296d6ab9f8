import { existsSync } from 'fs';
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { Fleet } from '../model/fleet-schema';
import { clusterManifests } from './cluster-manifests';

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
 * `clusterManifests` of both fleets, exactly as `[clusterManifests(first), clusterManifests(second)]` gives them or
 * throws: with a worker, `first` is rendered there while this thread renders `second`. Where the worker fails (an
 * invalid fleet, or a worker that could not run), `first` is rendered here again, so that the error is the one a
 * serial run throws, and thrown before any error of `second`.
 */
export async function renderBeside(
  first: Fleet,
  second: Fleet,
  worker: Worker | undefined,
): Promise<[ClusterManifests, ClusterManifests]> {
  if (worker === undefined) return [clusterManifests(first), clusterManifests(second)];
  const answer = answerOf(worker, first);
  let after: ClusterManifests | undefined;
  let secondError: { error: unknown } | undefined;
  try {
    after = clusterManifests(second);
  } catch (error) {
    secondError = { error };
  }
  const before = (await answer) ?? clusterManifests(first);
  if (secondError) throw secondError.error;
  return [before, after as ClusterManifests];
}

function answerOf(worker: Worker, fleet: Fleet): Promise<ClusterManifests | undefined> {
  return new Promise((resolve) => {
    worker.once('message', (answer: { manifests?: ClusterManifests }) => {
      resolve(answer.manifests);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
    try {
      worker.postMessage(fleet);
    } catch {
      resolve(undefined);
    }
  });
}
