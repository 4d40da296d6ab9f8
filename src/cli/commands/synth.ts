import { mkdirSync, readdirSync, rmSync } from 'fs';
import { join, relative, resolve } from 'path';
import { synthEnvironment } from '../../k8s/fleet/synth-environment';
import { formatIssue } from '../../model/validation-error';
import { EXIT } from '../errors';
import { type FleetSourceOptions, readableStackFileOf } from '../fleet-source';
import type { CliIo } from '../io';
import { carryEntries } from '../output/carry-files';
import { replaceOutputFolder } from '../output/replace-output-folder';
import { checkOutputPath } from '../output-path';

/** Options of `qcbm-fleet synth`. */
export interface SynthOptions extends FleetSourceOptions {
  /** Where the YAML goes. @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else `dist` */
  readonly out?: string;
}

const MANIFEST = /\.k8s\.yaml$/;

/**
 * `hub-app.k8s.yaml`, `hub-distribution.k8s.yaml` and one `cluster-<name>.k8s.yaml` per cluster, as `cdk8s synth`
 * writes them, replacing the set in the output folder as one (`replaceOutputFolder`): everything is validated and
 * written beside the output first, a failure or a signal leaves the output as it was, and files synth did not
 * write stay. Where `cdk8s synth` runs it with `--out` (as this project's `cdk8s.yaml` does), the files are also
 * linked into `$CDK8S_OUTDIR`, the scratch folder cdk8s-cli empties before it runs the app and lists after.
 */
export async function synthCommand(options: SynthOptions, io: CliIo): Promise<number> {
  const stackFile = readableStackFileOf(options, io);
  const out = resolve(io.cwd, options.out ?? io.env.CDK8S_OUTDIR ?? 'dist');
  const flag =
    options.out !== undefined
      ? '--out'
      : io.env.CDK8S_OUTDIR !== undefined
        ? '$CDK8S_OUTDIR'
        : 'the default --out';
  checkOutputPath(out, flag, 'folder', io);
  const cdk8sOut = io.env.CDK8S_OUTDIR !== undefined ? resolve(io.cwd, io.env.CDK8S_OUTDIR) : undefined;
  const mirror = cdk8sOut !== undefined && cdk8sOut !== out ? cdk8sOut : undefined;
  if (mirror !== undefined) checkOutputPath(mirror, '$CDK8S_OUTDIR', 'folder', io);
  const result = await replaceOutputFolder(out, io, (staging) => {
    const charts = synthEnvironment({ stackFile, outdir: staging });
    return { value: charts, files: readdirSync(staging).filter((f) => MANIFEST.test(f)) };
  });
  if (mirror !== undefined) {
    mkdirSync(mirror, { recursive: true });
    for (const file of result.files) rmSync(join(mirror, file), { force: true });
    carryEntries(result.folder, mirror, result.files);
  }
  for (const warning of result.value.multiCluster.warnings) io.err(`Warning: ${formatIssue(warning)}\n`);
  const shown = relative(io.cwd, out) || '.';
  io.out(
    `Synthesized ${relative(io.cwd, stackFile)} to ${shown}/:\n${result.files.map((f) => `  - ${f}\n`).join('')}` +
      removedLine(result.removed),
  );
  return EXIT.ok;
}

/** The files an earlier synth wrote that this one does not (a cluster that left the fleet), briefly. */
function removedLine(removed: readonly string[]): string {
  if (removed.length === 0) return '';
  const named =
    removed.length <= 5
      ? removed.join(', ')
      : `${removed.slice(0, 3).join(', ')} and ${removed.length - 3} more`;
  return `Removed ${removed.length === 1 ? 'a file' : `${removed.length} files`} an earlier synth wrote there: ${named}\n`;
}
