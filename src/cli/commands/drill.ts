import { isIP } from 'net';
import { join, relative } from 'path';
import { UserError } from '../../model/user-error';
import type { DnsServer } from '../../ops/drill/dns-query';
import type { DrillOption } from '../../ops/drill/option-error';
import { formatDrillReport } from '../../ops/drill/drill-report';
import { runDrill } from '../../ops/drill/run-drill';
import type { TakeoutMethod } from '../../ops/drill/takeout';
import { readStackOutputs } from '../../ops/stack-outputs';
import { TENCENT_CREDENTIAL_VARIABLES, tencentApiOptionsFromEnv } from '../../ops/tencent/tencent-api';
import { EXIT, UsageError } from '../errors';
import { integer, pair, pathOf, readText } from '../flag-values';
import { type FleetSourceOptions, loadFleetSource } from '../fleet-source';
import type { CliIo } from '../io';
import { kubeconfigsOf } from '../kubeconfig-flags';
import { type OptionFlag, withFlagNames } from '../option-flags';
import { writeOutputFile } from '../output/write-output-file';
import { checkOutputPath } from '../output-path';

/** Options of `qcbm-fleet drill`, as the command line gives them. */
export interface DrillCommandOptions extends FleetSourceOptions {
  /** The region to take out; for the data method, the primary's (the default). */
  readonly region?: string;
  readonly method?: TakeoutMethod | 'data';
  readonly execute?: boolean;
  readonly outputs?: string;
  /** `NAME=PATH`, repeated. */
  readonly kubeconfig?: readonly string[];
  readonly hubKubeconfig?: string;
  /** `ADDRESS[:PORT]`. */
  readonly dnsServer?: string;
  /** `LINE` or `LINE=CIDR`, repeated. */
  readonly line?: readonly string[];
  readonly httpPath?: string;
  readonly httpPort?: string;
  readonly https?: boolean;
  /** Milliseconds. */
  readonly interval?: string;
  /** Seconds, per direction. */
  readonly duration?: string;
  /** Milliseconds. */
  readonly probeTimeout?: string;
  readonly report?: string;
  /** `HOST[:PORT]` of a Tencent Cloud API endpoint to use instead of Tencent's (tests, private endpoints). */
  readonly tencentcloudEndpoint?: string;
}

/**
 * Takes a region out and measures recovery (dry run unless `--execute`); writes the JSON report and prints the
 * table. Exit 1 when a phase took longer than its budget or was not observed.
 */
export async function drillCommand(options: DrillCommandOptions, io: CliIo): Promise<number> {
  checkMethodFlags(options);
  if (options.method === 'data') return (await import('./drill-data')).dataDrillCommand(options, io);
  const region = options.region;
  if (region === undefined) {
    throw new UsageError(
      `drill --method ${options.method ?? '(the fleet default)'} needs --region: the region to take out`,
      'give --region REGION (one of the fleet), or --method data to rehearse the loss of the primary region',
    );
  }
  const { stackFile, fleet } = loadFleetSource(options, io);
  // Where the report goes is checked first, in the dry run too: never after a drill that cannot write it.
  const reportFile = options.report === undefined ? undefined : pathOf(options.report, io);
  if (reportFile) checkOutputPath(reportFile, '--report', 'file', io, 'report.json');
  const log = (line: string) => io.err(`${line}\n`);
  const controller = new AbortController();
  const stop = () => {
    log('Interrupted: restoring the region and finishing the report.');
    controller.abort();
  };
  process.once('SIGINT', stop);
  try {
    const result = await runDrill(
      {
        fleet,
        region,
        ...(options.method ? { method: options.method } : {}),
        execute: options.execute === true,
        ...(options.outputs ? { outputs: readStackOutputs(pathOf(options.outputs, io)) } : {}),
        kubeconfigs: kubeconfigsOf(options.kubeconfig, undefined, io),
        ...(options.hubKubeconfig
          ? { hubKubeconfig: readText(pathOf(options.hubKubeconfig, io), '--hub-kubeconfig') }
          : {}),
        ...tencent(options, io),
        ...(options.dnsServer ? { dnsServer: server(options.dnsServer) } : {}),
        lines: (options.line ?? ['default']).map((entry) => {
          const [line, clientSubnet] = entry.includes('=')
            ? pair(entry, '--line', 'LINE=CIDR')
            : [entry, undefined];
          return { line, ...(clientSubnet ? { clientSubnet } : {}) };
        }),
        http: {
          ...(options.httpPath ? { path: options.httpPath } : {}),
          ...(options.httpPort ? { port: integer(options.httpPort, '--http-port') } : {}),
          scheme: options.https ? 'https' : 'http',
        },
        ...(options.interval ? { intervalMs: integer(options.interval, '--interval') } : {}),
        ...(options.duration ? { durationMs: integer(options.duration, '--duration') * 1000 } : {}),
        ...(options.probeTimeout ? { probeTimeoutMs: integer(options.probeTimeout, '--probe-timeout') } : {}),
        signal: controller.signal,
      },
      log,
    ).catch((error: unknown) => {
      throw withFlagNames(error, drillFlags(options));
    });
    if (!result.report) return EXIT.ok;
    const file = reportFile ?? pathOf(join('dist', `drill-${fleet.name}-${region}-${Date.now()}.json`), io);
    writeOutputFile(file, `${JSON.stringify(result.report, null, 2)}\n`);
    io.out(
      `${formatDrillReport(result.report)}\nWrote ${relative(io.cwd, file)} (fleet ${relative(io.cwd, stackFile)})\n`,
    );
    const legs = [result.report.out, ...(result.report.back ? [result.report.back] : [])];
    const failed = legs.some((leg) =>
      leg.comparison.some((row) => row.verdict === 'over' || row.verdict === 'not observed'),
    );
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

/**
 * The flag of each option `runDrill` checks, with the text the user gave it: its errors name the flags. The
 * flags' values are only parsed here (a whole number, ADDRESS[:PORT]); their bounds are checked in `ops`.
 */
function drillFlags(o: DrillCommandOptions): Record<DrillOption, OptionFlag> {
  const interval = { flag: '--interval', unit: 'ms', ...(o.interval ? { given: o.interval } : {}) };
  return {
    intervalMs: interval,
    monitorIntervalMs: interval,
    durationMs: { flag: '--duration', scale: 1000, unit: 's', ...(o.duration ? { given: o.duration } : {}) },
    probeTimeoutMs: {
      flag: '--probe-timeout',
      unit: 'ms',
      ...(o.probeTimeout ? { given: o.probeTimeout } : {}),
    },
    lines: { flag: '--line', given: (v) => (typeof v === 'number' ? `given ${v} times` : undefined) },
    clientSubnet: {
      flag: '--line',
      given: (cidr) => o.line?.find((entry) => entry.endsWith(`=${String(cidr)}`)),
    },
    server: { flag: '--dns-server', ...(o.dnsServer ? { given: o.dnsServer } : {}) },
    'http.path': { flag: '--http-path', ...(o.httpPath ? { given: o.httpPath } : {}) },
    'http.port': { flag: '--http-port', ...(o.httpPort ? { given: o.httpPort } : {}) },
  };
}

/** Credentials where either variable is set (the monitor's status, the traffic method); none otherwise. */
function tencent(options: DrillCommandOptions, io: CliIo) {
  const env = io.env as NodeJS.ProcessEnv;
  const given = env[TENCENT_CREDENTIAL_VARIABLES.secretId] || env[TENCENT_CREDENTIAL_VARIABLES.secretKey];
  return given ? { tencent: tencentApiOptionsFromEnv(env, options.tencentcloudEndpoint) } : {};
}

function server(text: string): DnsServer {
  const match = /^([0-9.]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(text);
  if (!match || isIP(match[1].replace(/^\[|\]$/g, '')) === 0)
    throw new UserError(
      `--dns-server ${text} is not ADDRESS[:PORT]`,
      'give the name server by its IP address, e.g. 119.29.29.29 or 127.0.0.1:5353',
    );
  return { host: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 53 };
}

/** Flags only the data method reads, and flags only the takeout methods (hub, direct, traffic) read. */
const DATA_FLAGS: Readonly<Record<string, string>> = {
  to: '--to',
  confirm: '--confirm',
  primaryInstance: '--primary-instance',
  drInstance: '--dr-instance',
  acceptDataLoss: '--accept-data-loss',
  maxLag: '--max-lag',
  pollInterval: '--poll-interval',
  timeout: '--timeout',
};
const TAKEOUT_FLAGS: Readonly<Record<string, string>> = {
  hubKubeconfig: '--hub-kubeconfig',
  dnsServer: '--dns-server',
  line: '--line',
  httpPath: '--http-path',
  httpPort: '--http-port',
  https: '--https',
  duration: '--duration',
  probeTimeout: '--probe-timeout',
};

/**
 * A flag the chosen method does not read is refused, not ignored.
 * @throws UsageError naming the flag and the method that reads it
 */
function checkMethodFlags(options: DrillCommandOptions): void {
  const data = options.method === 'data';
  const unused = Object.entries(data ? TAKEOUT_FLAGS : DATA_FLAGS).find(
    ([key]) => (options as unknown as Record<string, unknown>)[key] !== undefined,
  );
  if (!unused) return;
  throw new UsageError(
    data
      ? `${unused[1]} is not read by --method data (it watches no published name)`
      : `${unused[1]} is read by --method data only`,
    data ? `leave ${unused[1]} out` : `add --method data, or leave ${unused[1]} out`,
  );
}
