import { placeholderNote } from '../cluster-manifests';
import { EXIT } from '../errors';
import { type FleetSourceOptions, loadBaseFleet, loadFleetSource } from '../fleet-source';
import type { CliIo } from '../io';
import { diffClusters, formatClusterDiffs } from '../manifest-diff';
import { renderBeside, startManifestWorker, WORKER_MIN_CLUSTERS } from '../manifests-beside';

/** Options of `qcbm-fleet diff`. */
export interface DiffOptions extends FleetSourceOptions {
  /** The version to compare with: a stack file, or a git revision of the same stack file. */
  readonly base: string;
  /** Print the diff as JSON: every cluster, each with its `kind` (`unchanged` among them). @default false */
  readonly json?: boolean;
  /** In text, print every cluster, a "no change" line for each unchanged one. @default - the changed ones */
  readonly all?: boolean;
}

/**
 * For each cluster that changes, what its effective manifests gain, lose and change from `base` to the current
 * fleet, then how many clusters are unchanged (`--all`: every cluster). A large fleet's two versions are rendered
 * at once, the base in a worker thread.
 */
export async function diffCommand(options: DiffOptions, io: CliIo): Promise<number> {
  const head = loadFleetSource(options, io);
  const worker = head.fleet.clusters.length >= WORKER_MIN_CLUSTERS ? startManifestWorker() : undefined;
  let base: ReturnType<typeof loadBaseFleet>;
  try {
    base = loadBaseFleet(options.base, head.stackFile, io);
  } catch (error) {
    void worker?.terminate();
    throw error;
  }
  const [before, after] = await renderBeside(base.fleet, head.fleet, worker);
  const diffs = diffClusters(before.clusters, after.clusters);
  io.err(placeholderNote([...new Set([...before.placeholders, ...after.placeholders])]));
  io.out(
    options.json ? `${JSON.stringify(diffs, null, 2)}\n` : formatClusterDiffs(diffs, { all: options.all }),
  );
  return EXIT.ok;
}
