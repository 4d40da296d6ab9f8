import { stringifyDocuments } from '../../k8s/yaml/fast-yaml';
import { EXIT, UserError } from '../errors';
import { oneClusterManifests, placeholderNote } from '../cluster-manifests';
import { type FleetSourceOptions, loadFleetSource } from '../fleet-source';
import type { CliIo } from '../io';

/** Options of `qcbm-fleet render`. */
export interface RenderOptions extends FleetSourceOptions {
  /** The cluster whose manifests to print. */
  readonly cluster: string;
}

/**
 * One cluster's effective manifests (every Globalization and Localization applied) as YAML on stdout. Only that
 * cluster is rendered and checked.
 */
export function renderCommand(options: RenderOptions, io: CliIo): number {
  const { fleet } = loadFleetSource(options, io);
  const names = fleet.clusters.map((c) => c.name);
  if (!names.includes(options.cluster)) {
    throw new UserError(
      `--cluster ${options.cluster} is not a cluster of fleet "${fleet.name}"`,
      `use one of ${names.join(', ')}`,
    );
  }
  const { manifests, placeholder } = oneClusterManifests(fleet, options.cluster);
  io.err(placeholderNote(placeholder ? [options.cluster] : []));
  io.out(stringifyDocuments(manifests));
  return EXIT.ok;
}
