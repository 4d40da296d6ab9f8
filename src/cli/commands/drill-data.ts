import { existsSync } from 'fs';
import { basename, dirname, join, relative } from 'path';
import { stackNameOf } from '../../model/load-fleet';
import { dataPlan } from '../../model/topology/data-plan';
import { UserError } from '../../model/user-error';
import { dataDrillFailed, formatDataDrillReport } from '../../ops/drill/data/data-drill-report';
import { runDataDrill } from '../../ops/drill/data/run-data-drill';
import { readStackOutputs } from '../../ops/stack-outputs';
import { EXIT, UsageError } from '../errors';
import { integer, pathOf } from '../flag-values';
import { loadFleetSource } from '../fleet-source';
import type { CliIo } from '../io';
import { kubeconfigsOf } from '../kubeconfig-flags';
import { withFlagNames } from '../option-flags';
import { writeOutputFile } from '../output/write-output-file';
import { checkOutputPath } from '../output-path';
import type { DrillCommandOptions } from './drill';
import { type FailoverCommandOptions, failoverFlags, failoverOptionsOf } from './failover';

/** Options of `qcbm-fleet drill --method data`: the drill's, the failover's, and the confirmation. */
export interface DataDrillCommandOptions
  extends
    DrillCommandOptions,
    Omit<FailoverCommandOptions, 'to' | 'outputs' | 'stack' | 'file' | 'tencentcloudEndpoint'> {
  /** The site to promote. @default the first site with a disaster-recovery copy of the primary */
  readonly to?: string;
  /** The stack's name, typed in advance (production stacks). */
  readonly confirm?: string;
}

/**
 * Rehearses the write path's failover on the stack the user names (`runDataDrill`): dry run unless `--execute`;
 * on a production stack only after its name is typed (`--confirm`, or at the prompt). Writes the JSON report and
 * prints the table; exit 1 when a phase is over its budget or not observed, a site failed, or the preview is not
 * clean.
 */
export async function dataDrillCommand(options: DataDrillCommandOptions, io: CliIo): Promise<number> {
  const { fleet, stackFile } = loadFleetSource(options, io);
  const primaryRegion = fleet.data.mysql?.primaryRegion;
  if (options.region !== undefined && options.region !== primaryRegion) {
    throw new UsageError(
      `--region ${options.region}: the data drill rehearses the loss of the primary's region (${primaryRegion ?? 'none: the fleet names no primary MySQL'})`,
      primaryRegion ? `leave --region out, or give --region ${primaryRegion}` : 'describe data.mysql first',
    );
  }
  const stack = options.pulumiStack ?? stackNameOf(stackFile);
  const projectDir = dirname(stackFile);
  if (
    !stack ||
    basename(stackFile) !== `Pulumi.${stack}.yaml` ||
    !existsSync(join(projectDir, 'Pulumi.yaml'))
  ) {
    throw new UserError(
      `drill --method data needs the stack's own file beside Pulumi.yaml (it previews the stack as the failover wrote it), not ${stackFile}`,
      'name the stack with --stack S (Pulumi.S.yaml in the project directory)',
    );
  }
  const reportFile = options.report === undefined ? undefined : pathOf(options.report, io);
  if (reportFile) checkOutputPath(reportFile, '--report', 'file', io, 'report.json');
  const outputs = options.outputs ? readStackOutputs(pathOf(options.outputs, io)) : undefined;
  const to = options.to ?? dataPlan(fleet)?.drCopies[0]?.name;
  if (to === undefined) {
    throw new UserError(
      `fleet "${fleet.name}" has no disaster-recovery copy of its primary MySQL to promote`,
      'give the fleet a managed MySQL site in another region than data.mysql.primaryRegion',
    );
  }
  const flags = {
    ...failoverFlags({ ...options, to }),
    stack: { flag: '--stack', given: stack },
    kubeconfigs: { flag: '--kubeconfig' },
    intervalMs: { flag: '--interval', unit: 'ms', ...(options.interval ? { given: options.interval } : {}) },
  };
  const failover = {
    ...failoverOptionsOf({ ...options, to, pulumiStack: stack }, io, fleet, stackFile, outputs, projectDir),
    execute: options.execute === true,
    stackFile,
    stack,
  };
  const kubeconfigs = kubeconfigsOf(options.kubeconfig, outputs, io);
  const intervalMs = options.interval ? integer(options.interval, '--interval') : undefined;
  const { readLine } = io;
  const controller = new AbortController();
  const stop = () => {
    io.err(
      'Interrupted: before the fence nothing changes; after it the promotion stays, the write probes are deleted and the report is written.\n',
    );
    controller.abort();
  };
  process.once('SIGINT', stop);
  let result;
  try {
    result = await runDataDrill(
      {
        failover,
        ...(options.confirm === undefined ? {} : { confirmation: options.confirm }),
        ...(readLine
          ? {
              askConfirmation: (name: string) =>
                readLine(`Type the stack's name (${name}) to fence and promote its MySQL for real: `),
            }
          : {}),
        kubeconfigs,
        pulumi: { cwd: projectDir, env: io.env as NodeJS.ProcessEnv },
        ...(intervalMs === undefined ? {} : { intervalMs }),
        signal: controller.signal,
      },
      (line) => io.err(`${line}\n`),
    );
  } catch (error) {
    throw withFlagNames(error, flags);
  } finally {
    process.removeListener('SIGINT', stop);
  }
  if (!result.report) return EXIT.ok;
  const file = reportFile ?? pathOf(join('dist', `drill-data-${stack}-${Date.now()}.json`), io);
  writeOutputFile(file, `${JSON.stringify(result.report, null, 2)}\n`);
  io.out(`${formatDataDrillReport(result.report)}Wrote ${relative(io.cwd, file)}\n`);
  return dataDrillFailed(result.report) ? EXIT.failed : EXIT.ok;
}
