import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'fs';
import { basename, dirname, join, relative, resolve } from 'path';
import { synthEnvironment } from '../../k8s/fleet/synth-environment';
import { formatIssue } from '../../model/validation-error';
import { EXIT } from '../errors';
import { type FleetSourceOptions, readableStackFileOf } from '../fleet-source';
import type { CliIo } from '../io';
import { checkOutputPath } from '../output-path';

/** Options of `qcbm-fleet synth`. */
export interface SynthOptions extends FleetSourceOptions {
  /** Where the YAML goes. @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else `dist` */
  readonly out?: string;
}

const MANIFEST = /\.k8s\.yaml$/;

/**
 * `hub-app.k8s.yaml`, `hub-distribution.k8s.yaml` and one `cluster-<name>.k8s.yaml` per cluster, as `cdk8s synth`
 * writes them. Everything is validated and written to a directory beside the output first; only then are the
 * output's manifests replaced (other files there are left alone). A failure leaves the output as it was.
 */
export function synthCommand(options: SynthOptions, io: CliIo): number {
  const stackFile = readableStackFileOf(options, io);
  const out = resolve(io.cwd, options.out ?? io.env.CDK8S_OUTDIR ?? 'dist');
  checkOutputPath(
    out,
    options.out !== undefined
      ? '--out'
      : io.env.CDK8S_OUTDIR !== undefined
        ? '$CDK8S_OUTDIR'
        : 'the default --out',
    'folder',
    io,
  );
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(join(dirname(out), `.${basename(out)}-synth-`));
  try {
    const charts = synthEnvironment({ stackFile, outdir: staging });
    const written = readdirSync(staging).filter((f) => MANIFEST.test(f));
    mkdirSync(out, { recursive: true });
    for (const stale of readdirSync(out).filter((f) => MANIFEST.test(f) && !written.includes(f))) {
      rmSync(join(out, stale));
    }
    for (const file of written) renameSync(join(staging, file), join(out, file));
    for (const warning of charts.multiCluster.warnings) io.err(`Warning: ${formatIssue(warning)}\n`);
    const shown = relative(io.cwd, out) || '.';
    io.out(
      `Synthesized ${relative(io.cwd, stackFile)} to ${shown}/:\n${written.map((f) => `  - ${f}\n`).join('')}`,
    );
    return EXIT.ok;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
