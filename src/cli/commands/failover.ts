import { existsSync } from 'fs';
import { join } from 'path';
import type { Fleet, FleetCluster } from '../../model/fleet-schema';
import { stackNameOf } from '../../model/load-fleet';
import type { PrintedStackOutputs } from '../../model/stack-outputs';
import { primaryCluster } from '../../model/topology/sites';
import { siteComponentName } from '../../model/topology/site-layout';
import { UserError } from '../../model/user-error';
import { type FailoverOptions, failoverTarget, runFailover } from '../../ops/failover';
import { readStackOutputs } from '../../ops/stack-outputs';
import { tencentApiOptionsFromEnv } from '../../ops/tencent/tencent-api';
import { readPulumiProject } from '../../testing/pulumi-project';
import { EXIT } from '../errors';
import { integer, pathOf } from '../flag-values';
import { type FleetSourceOptions, loadFleetSource } from '../fleet-source';
import type { CliIo } from '../io';
import { kubeconfigsOf } from '../kubeconfig-flags';
import { type OptionFlag, withFlagNames } from '../option-flags';

/** Options of `qcbm-fleet failover`, as the command line gives them. */
export interface FailoverCommandOptions extends FleetSourceOptions {
  /** The site to promote: a cluster, or a region holding one site. */
  readonly to: string;
  readonly outputs?: string;
  readonly primaryInstance?: string;
  readonly drInstance?: string;
  readonly execute?: boolean;
  readonly acceptDataLoss?: boolean;
  /** Seconds. */
  readonly maxLag?: string;
  /** Milliseconds. */
  readonly pollInterval?: string;
  /** Seconds. */
  readonly timeout?: string;
  /** The Pulumi stack of the follow-up commands. */
  readonly pulumiStack?: string;
  readonly tencentcloudEndpoint?: string;
  /** `NAME=PATH`, repeated: the clusters whose services the failover restarts. */
  readonly kubeconfig?: readonly string[];
}

/**
 * Promotes the disaster-recovery MySQL instance at `--to` (dry run unless `--execute`): checks it is in sync and
 * lags at most `--max-lag` seconds, fences the old primary, promotes, retargets the writable name, writes the
 * fleet change into the stack file the fleet was read from, and prints the follow-up (`pulumi up` without a
 * refresh).
 */
export async function failoverCommand(options: FailoverCommandOptions, io: CliIo): Promise<number> {
  const { fleet, stackFile } = loadFleetSource(options, io);
  const outputs = options.outputs ? readStackOutputs(pathOf(options.outputs, io)) : undefined;
  const kubeconfigs = kubeconfigsOf(options.kubeconfig, outputs, io);
  const failover = failoverOptionsOf(options, io, fleet, stackFile, outputs);
  const result = await runFailover({ ...failover, kubeconfigs }, (line) => io.err(`${line}\n`)).catch(
    (error: unknown) => {
      throw withFlagNames(error, failoverFlags(options));
    },
  );
  io.out(
    `${result.executed ? (result.promoted ? 'Promoted' : 'Not promoted') : 'Dry run'}: ${result.target.instanceId} in ${result.target.region}${result.executed ? '' : ' (nothing was changed; run again with --execute)'}\n`,
  );
  return EXIT.ok;
}

/**
 * The options of `runFailover` from the flags (the data drill's too): the instance ids from the flags or the
 * stack outputs (which must be this fleet's), the stack from `--pulumi-stack` or the stack file's name, the project
 * from the Pulumi.yaml in `projectDir`.
 * @throws UserError naming the flag where an id is missing or a value is not a number
 */
export function failoverOptionsOf(
  options: FailoverCommandOptions,
  io: CliIo,
  fleet: Fleet,
  stackFile: string,
  outputs?: PrintedStackOutputs,
  projectDir: string = io.cwd,
): FailoverOptions {
  outputs ??= options.outputs ? readStackOutputs(pathOf(options.outputs, io)) : undefined;
  const primary = primaryCluster(fleet);
  if (!primary) {
    throw new UserError(
      `fleet "${fleet.name}" names no primary MySQL: there is nothing to fail over`,
      'set data.mysql.primaryRegion',
    );
  }
  const target = flagNamed(() => failoverTarget(fleet, options.to), failoverFlags(options));
  const primaryInstanceId = options.primaryInstance ?? primaryIdOf(outputs, primary);
  const drInstanceId = options.drInstance ?? drIdOf(outputs, fleet, target);
  const missing = [
    ...(primaryInstanceId ? [] : ["the primary's instance id (--primary-instance, or --outputs)"]),
    ...(drInstanceId
      ? []
      : [`the id of the disaster-recovery instance at ${target.name} (--dr-instance, or --outputs)`]),
  ];
  if (missing.length > 0) {
    throw new UserError(
      `the failover needs ${missing.join(' and ')}`,
      'pulumi stack output --json > outputs.json (the instance ids are not secret), then --outputs outputs.json',
    );
  }
  if (outputs?.environment !== undefined && outputs.environment !== fleet.name) {
    throw new UserError(
      `--outputs are the outputs of environment "${outputs.environment}", not of fleet "${fleet.name}"`,
      `give the outputs of this stack: pulumi stack output --stack <its stack> --json > outputs.json`,
    );
  }
  const project = existsSync(join(projectDir, 'Pulumi.yaml'))
    ? readPulumiProject(projectDir).name
    : undefined;
  return {
    fleet,
    to: options.to,
    primaryInstanceId: primaryInstanceId as string,
    drInstanceId: drInstanceId as string,
    execute: options.execute === true,
    acceptDataLoss: options.acceptDataLoss === true,
    ...(options.maxLag !== undefined ? { maxLagSeconds: integer(options.maxLag, '--max-lag', 0) } : {}),
    api: tencentApiOptionsFromEnv(io.env as NodeJS.ProcessEnv, options.tencentcloudEndpoint),
    ...(options.pollInterval ? { pollIntervalMs: integer(options.pollInterval, '--poll-interval') } : {}),
    ...(options.timeout ? { timeoutMs: integer(options.timeout, '--timeout') * 1000 } : {}),
    stackFile,
    ...(options.pulumiStack ? { stack: options.pulumiStack } : stackOfFile(stackFile)),
    ...(project ? { project } : {}),
  };
}

/** The stack a `Pulumi.<stack>.yaml` is the file of; none for another name (the fleet's name is assumed). */
function stackOfFile(path: string): { stack?: string } {
  const stack = stackNameOf(path);
  return stack ? { stack } : {};
}

/** What `check` returns; what it throws with its options renamed to their flags. */
function flagNamed<T>(check: () => T, flags: Record<string, OptionFlag>): T {
  try {
    return check();
  } catch (error) {
    throw withFlagNames(error, flags);
  }
}

/** The flag of each option `runFailover` checks (`planFailover`), with the text the user gave it. */
export function failoverFlags(o: FailoverCommandOptions): Record<string, OptionFlag> {
  const given = (text: string | undefined) => (text === undefined ? {} : { given: text });
  return {
    to: { flag: '--to', ...given(o.to) },
    maxLagSeconds: { flag: '--max-lag', unit: 's', ...given(o.maxLag) },
    pollIntervalMs: { flag: '--poll-interval', unit: 'ms', ...given(o.pollInterval) },
    timeoutMs: { flag: '--timeout', scale: 1000, unit: 's', ...given(o.timeout) },
    stack: { flag: '--pulumi-stack', ...given(o.pulumiStack) },
    primaryInstanceId: { flag: '--primary-instance', ...given(o.primaryInstance) },
    drInstanceId: { flag: '--dr-instance', ...given(o.drInstance) },
  };
}

function primaryIdOf(outputs: PrintedStackOutputs | undefined, primary: FleetCluster): string | undefined {
  return Object.values(outputs?.sites ?? {}).find((s) => s.cluster === primary.name)?.mysqlInstanceId;
}

/** The DR instance at a site: the outputs key it by the site's component name (the region, or the cluster). */
function drIdOf(
  outputs: PrintedStackOutputs | undefined,
  fleet: Fleet,
  cluster: FleetCluster,
): string | undefined {
  const copies = outputs?.data?.drInstances ?? {};
  return copies[siteComponentName(fleet, cluster)]?.instanceId;
}
