import { type Command, Option } from 'commander';
import { DRILL_SETTINGS } from '../../model/drill-settings';
import { FAILOVER_DEFAULTS, MAX_LAG_SECONDS, POLL_INTERVAL_MS } from '../../ops/failover/failover-options';
import type { CliIo } from '../io';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Another Tencent Cloud API endpoint (tests, private endpoints): plain HTTP, not in the help. */
const tencentcloudEndpoint = () =>
  new Option(
    '--tencentcloud-endpoint <host[:port]>',
    'a Tencent Cloud API endpoint to use instead (tests)',
  ).hideHelp();

// The help's figures come from the settings the commands check their flags against.
const { intervalMs, durationMs, probeTimeoutMs, httpPath, httpPort } = DRILL_SETTINGS;

/** Registers `drill` and `failover`: the commands that change a deployed environment (dry runs by default). */
export function registerOperations(
  program: Command,
  io: CliIo,
  run: (work: () => number | Promise<number>) => Promise<void>,
  fleetOptions: (command: Command) => Command,
): void {
  const drill = fleetOptions(program.command('drill'))
    .description(
      'take a region out, measure how long its users take to reach a healthy one (and to return), compare with the failover budget; a dry run unless --execute',
    )
    .option(
      '-r, --region <region>',
      "the region to take out (one of the fleet); method data: the primary's, the default",
    )
    .addOption(
      new Option(
        '-m, --method <method>',
        "how: a Localization on the TDCC hub, scaling directly, the IGTM address, or data: the primary MySQL's failover (fence, promote, retarget, a write from each site, pulumi preview)",
      ).choices(['hub', 'direct', 'traffic', 'data']),
    )
    .option('--execute', 'do it (the default only prints what it would do and the budget)')
    .option('--outputs <file>', 'the stack outputs: pulumi stack output --json --show-secrets > outputs.json')
    .option('--kubeconfig <name=path>', "a cluster's kubeconfig (repeatable; over --outputs)", collect)
    .option('--hub-kubeconfig <path>', "the TDCC hub's kubeconfig (method hub)")
    .option(
      '--dns-server <address[:port]>',
      'the authoritative name server to ask (default: the first of the zone)',
    )
    .option(
      '--line <line[=cidr]>',
      'a line to probe, with a client subnet of its users (repeatable; default: default)',
      collect,
    )
    .option('--http-path <path>', `the path probed through the new address (default: ${httpPath})`)
    .option('--http-port <port>', `its port (default: ${httpPort.http}, ${httpPort.https} with --https)`)
    .option('--https', 'probe over HTTPS')
    .option(
      '--interval <ms>',
      `time between probes, ${intervalMs.min} to ${intervalMs.max} (default: ${intervalMs.default})`,
    )
    .option(
      '--duration <s>',
      `how long to watch each direction, at most ${durationMs.max / 1000} (default: ${durationMs.default / 1000})`,
    )
    .option('--probe-timeout <ms>', `the longest one probe may take (default: ${probeTimeoutMs.default})`)
    .option(
      '--report <file>',
      'where the JSON report goes (default: dist/drill-<fleet>-<region>-<time>.json)',
    )
    .addOption(tencentcloudEndpoint())
    .option(
      '--to <cluster|region>',
      'method data: the site to promote (default: the first with a disaster-recovery copy)',
    )
    .option(
      '--confirm <stack>',
      'method data on a production stack: its name, typed in advance (else it is asked)',
    );
  promotionOptions(drill)
    .addHelpText(
      'after',
      "\nTencent Cloud credentials (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY), where set, let it read IGTM's status of the region (detection); the traffic and data methods need them. Method data runs `pulumi preview` (the Pulumi CLI on the PATH) and needs every cluster's kubeconfig.",
    )
    .action((opts) => run(async () => (await import('./drill')).drillCommand(opts, io)));

  promotionOptions(fleetOptions(program.command('failover')))
    .description(
      'promote the disaster-recovery MySQL instance at a site, in order: check it is in sync and its lag, fence the old primary, promote, point the writable name at it, write the change into the stack file, then print the follow-up (one pulumi up); a dry run unless --execute',
    )
    .requiredOption('--to <cluster|region>', 'the site whose disaster-recovery instance becomes the primary')
    .option('--outputs <file>', 'the stack outputs (instance ids): pulumi stack output --json > outputs.json')
    .option('--execute', 'do it (the default only reads and prints what it would do)')
    .option(
      '--kubeconfig <name=path>',
      "a cluster's kubeconfig (repeatable): after the retarget, restart its services that hold MySQL connections",
      collect,
    )
    .option(
      '--pulumi-stack <name>',
      'the Pulumi stack of the follow-up commands (default: <stack> of Pulumi.<stack>.yaml, else the fleet name)',
    )
    .addOption(tencentcloudEndpoint())
    .addHelpText(
      'after',
      '\nNeeds Tencent Cloud credentials: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY.',
    )
    .action((opts) => run(async () => (await import('./failover')).failoverCommand(opts, io)));
}

/** The options of a promotion, the failover's and the data drill's: which instances, the guards, the waits. */
function promotionOptions(command: Command): Command {
  return command
    .option('--primary-instance <id>', "the primary's instance id (cdb-...), over --outputs")
    .option('--dr-instance <id>', "the disaster-recovery instance's id (cdb-...), over --outputs")
    .option(
      '--accept-data-loss',
      'promote although nothing confirms every committed write reached the copy (not in sync, lag above --max-lag, primary unreachable)',
    )
    .option(
      '--max-lag <s>',
      `the most replication lag (Cloud Monitor SecondsBehindMaster) to promote with, ${MAX_LAG_SECONDS.min} to ${MAX_LAG_SECONDS.max} (default: ${FAILOVER_DEFAULTS.maxLagSeconds})`,
    )
    .option(
      '--poll-interval <ms>',
      `how often to re-read a state being waited for, ${POLL_INTERVAL_MS.min} to ${POLL_INTERVAL_MS.max} (default: ${FAILOVER_DEFAULTS.pollIntervalMs})`,
    )
    .option(
      '--timeout <s>',
      `how long to wait for the copy to catch up, and for the promotion (default: ${FAILOVER_DEFAULTS.timeoutMs / 1000})`,
    );
}
