import { promises as dns } from 'dns';
import { isIP } from 'net';
import { DRILL_SETTINGS } from '../../model/drill-settings';
import type { Fleet } from '../../model/fleet-schema';
import type { PrintedStackOutputs } from '../../model/stack-outputs';
import { budgetTerms, failoverBudget, formatBudgetTerms } from '../../model/topology/failover-budget';
import { UserError } from '../../model/user-error';
import { kubernetesClient } from '../kubernetes/client';
import { igtmApi, type TencentApiOptions } from '../tencent/tencent-api';
import type { DnsServer } from './dns-query';
import { type DrillReport, drillReport } from './drill-report';
import { type DrillTarget, drillTarget } from './drill-target';
import { directTakeout, hubTakeout, type Takeout, type TakeoutMethod, trafficTakeout } from './takeout';
import type { Timeline } from './timeline';
import { watchFailover } from './watch-failover';
import {
  checkWatchOptions,
  checkWatchSettings,
  type HttpCheck,
  type WatchFailoverOptions,
} from './watch-options';

/** Properties for `runDrill`. */
export interface DrillOptions {
  /** The validated fleet. */
  readonly fleet: Fleet;
  /** The region to take out. */
  readonly region: string;
  /** @default 'hub' for hub delivery, 'direct' for direct delivery */
  readonly method?: TakeoutMethod;
  /** False: print what would be done and the budget, change nothing. */
  readonly execute: boolean;
  /** `pulumi stack output --json --show-secrets`: addresses, IGTM pools, kubeconfigs. @default none */
  readonly outputs?: PrintedStackOutputs;
  /** Kubeconfigs (their text) by cluster name, over the outputs' own. @default none */
  readonly kubeconfigs?: Readonly<Record<string, string>>;
  /** The TDCC hub's kubeconfig (method `hub`). */
  readonly hubKubeconfig?: string;
  /** Tencent Cloud credentials: IGTM's monitor status (detection), and method `traffic`. @default none */
  readonly tencent?: TencentApiOptions;
  /**
   * The authoritative server to ask, by address.
   * @default - the first name server of the watched zone, looked up through the system resolver
   */
  readonly dnsServer?: DnsServer;
  /** The lines to probe, each with a client subnet of its users. @default the default line, without a subnet */
  readonly lines?: readonly { readonly line: string; readonly clientSubnet?: string }[];
  /** The HTTP probe of the addresses users are sent to. @default GET / over http, port 80 */
  readonly http?: Omit<HttpCheck, 'hostHeader'>;
  /** @default `DRILL_SETTINGS.intervalMs.default` (1000) */
  readonly intervalMs?: number;
  /** How long to watch each direction. @default `DRILL_SETTINGS.durationMs.default` (600000) */
  readonly durationMs?: number;
  /** @default `DRILL_SETTINGS.probeTimeoutMs.default` (2000) */
  readonly probeTimeoutMs?: number;
  /** Stops the watch early (the region is restored all the same). */
  readonly signal?: AbortSignal;
}

/** What `runDrill` did. */
export interface DrillResult {
  readonly target: DrillTarget;
  /** What it does (or would do) to take the region out, one line per change: the takeout's steps. */
  readonly steps: readonly string[];
  /** Undefined for a dry run. */
  readonly report?: DrillReport;
}

/**
 * Takes a region out, watches its users reach a healthy region (IGTM's monitor where credentials are given, each
 * line's authoritative DNS answer, then HTTP 200 from the new address), restores it, and watches them return; each
 * phase compared with the failover budget. A dry run (the default) prints the plan and the budget and changes
 * nothing. Whatever happens after the region is taken out, it is restored.
 */
export async function runDrill(options: DrillOptions, log: (line: string) => void): Promise<DrillResult> {
  const { fleet } = options;
  const target = drillTarget(fleet, options.region, options.method, options.outputs);
  const lines = options.lines ?? [{ line: 'default' }];
  for (const l of lines) {
    if (!target.lines.includes(l.line)) {
      throw new UserError(
        `--line ${l.line} is not a line fleet "${fleet.name}" publishes`,
        `use one of ${target.lines.join(', ')}`,
      );
    }
  }
  // The watch's settings, checked before anything else: a dry run refuses what --execute would.
  checkWatchSettings({
    name: target.watchedName,
    lines: lines.map((l) => ({ ...l, ...(options.dnsServer ? { server: options.dnsServer } : {}) })),
    http: { ...options.http, hostHeader: target.publishedName },
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
  });
  const kubeconfigs = { ...options.outputs?.kubeconfigs, ...options.kubeconfigs };
  const names = target.clusters.map((c) => c.name).join(', ');
  const budget = budgetTerms(fleet.traffic as NonNullable<Fleet['traffic']>);
  const rows = failoverBudget(fleet).filter((r) => r.region === target.region && r.affected);
  const total = rows[0]?.totalSeconds;
  log(
    `Drill of fleet "${fleet.name}": take ${target.region} (${names}) out by the ${target.method} method, watch ${target.watchedName} on line(s) ${lines.map((l) => l.line).join(', ')}, restore it, watch users return.`,
  );
  log(
    `Failover budget: ${formatBudgetTerms(budget)} = ${total === undefined ? 'unbounded' : `${total} s`}${fleet.topology?.rtoSeconds === undefined ? '' : ` (target ${fleet.topology.rtoSeconds} s)`}`,
  );

  const missing = missingInputs(target, options, kubeconfigs);
  const takeout = takeoutOf(target, options, kubeconfigs);
  if (!options.execute) {
    log('Would:');
    for (const s of [...takeout.steps, ...watchSteps(target, options)]) log(`  - ${s}`);
    for (const m of missing) log(`  (--execute needs ${m})`);
    log('Nothing was changed: run again with --execute to do it.');
    return { target, steps: takeout.steps };
  }
  if (missing.length > 0) {
    throw new UserError(
      `the drill cannot run: it needs ${missing.join('; ')}`,
      'give them, or use another --method',
    );
  }

  const outAddresses = target.clusters.map((c) => target.addresses[c.name] as string);
  await takeout.connect();
  const server = options.dnsServer ?? (await nameServerOf(target.watchedZone));
  const readMonitor = monitorReader(target, options);
  const watchOptions = (direction: 'out' | 'back'): Omit<WatchFailoverOptions, 't0'> => ({
    direction,
    name: target.watchedName,
    lines: lines.map((l) => ({
      line: l.line,
      server,
      ...(l.clientSubnet ? { clientSubnet: l.clientSubnet } : {}),
    })),
    outAddresses,
    ...(readMonitor ? { readMonitor } : {}),
    http: { ...options.http, hostHeader: target.publishedName },
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const watch = (direction: 'out' | 'back', t0: number): Promise<Timeline> =>
    watchFailover({ ...watchOptions(direction), t0 });
  // The settings were checked before the dry run; what is new here is the looked-up name server and the
  // addresses. Nothing is changed yet, and a DrillOptionError names its option, which the command line maps.
  checkWatchOptions(watchOptions('out'));

  let out: Timeline;
  try {
    await takeout.takeOut(log);
    log(
      `${target.region} is out; watching users leave it (every ${options.intervalMs ?? DRILL_SETTINGS.intervalMs.default} ms)`,
    );
    out = await watch('out', Date.now());
  } finally {
    await takeout.restore(log);
  }
  log(`${target.region} is restored; watching users return`);
  const back = await watch('back', Date.now());
  const report = drillReport({
    fleet: fleet.name,
    region: target.region,
    method: target.method,
    budget,
    out,
    back,
  });
  return { target, steps: takeout.steps, report };
}

/** What `--execute` needs that was not given, in words. */
function missingInputs(
  target: DrillTarget,
  options: DrillOptions,
  kubeconfigs: Record<string, string>,
): string[] {
  const missing: string[] = [];
  const noAddress = target.clusters.filter((c) => !isIP(target.addresses[c.name] ?? '')).map((c) => c.name);
  if (noAddress.length > 0) missing.push(`the public IP address of ${noAddress.join(', ')} (--outputs)`);
  if (target.method === 'hub' && !options.hubKubeconfig)
    missing.push("the TDCC hub's kubeconfig (--hub-kubeconfig)");
  if (target.method === 'direct') {
    const none = target.clusters.filter((c) => !kubeconfigs[c.name]).map((c) => c.name);
    if (none.length > 0)
      missing.push(`the kubeconfig of ${none.join(', ')} (--kubeconfig NAME=PATH, or --outputs)`);
  }
  if (target.method === 'traffic') {
    const none = target.clusters.filter((c) => target.pools[c.name] === undefined).map((c) => c.name);
    if (none.length > 0) missing.push(`the IGTM pool of ${none.join(', ')} (--outputs)`);
    if (!options.tencent)
      missing.push('Tencent Cloud credentials (TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY)');
  }
  return missing;
}

/** What the watch does besides the takeout's changes, for the dry run. */
function watchSteps(target: DrillTarget, options: DrillOptions): string[] {
  const monitored = monitorReader(target, options)
    ? "read IGTM's status of their addresses (detection)"
    : undefined;
  const server = options.dnsServer
    ? `${options.dnsServer.host}:${options.dnsServer.port}`
    : `the name servers of ${target.watchedZone}`;
  return [
    ...(monitored ? [monitored] : []),
    `ask ${server} for ${target.watchedName} until the answer leaves ${target.region}, then GET ${options.http?.path ?? DRILL_SETTINGS.httpPath} from the new address with Host ${target.publishedName}`,
    'restore: undo these changes, and watch the answers return',
  ];
}

/** The takeout of the drill's method, built from the target; nothing is contacted until its `connect`. */
function takeoutOf(target: DrillTarget, options: DrillOptions, kubeconfigs: Record<string, string>): Takeout {
  if (target.method === 'hub') {
    const clusters = target.clusters.map((c) => ({ name: c.name, hubNamespace: c.hubNamespace as string }));
    const connect = () => kubernetesClient(options.hubKubeconfig as string, 'the TDCC hub');
    return hubTakeout(connect, clusters, target.deployments, `d${Date.now().toString(36)}`);
  }
  if (target.method === 'direct') {
    const clusters = target.clusters.map((c) => ({
      name: c.name,
      connect: () => kubernetesClient(kubeconfigs[c.name], c.name),
    }));
    return directTakeout(clusters, target.deployments);
  }
  const pools = target.clusters.map((c) => ({
    cluster: c.name,
    poolId: target.pools[c.name],
    address: target.addresses[c.name],
  }));
  return trafficTakeout(() => igtmApi(options.tencent as TencentApiOptions), pools);
}

/**
 * Reads IGTM's status of the lost region's addresses: DOWN once every one is DOWN, OK once every one is OK. Only
 * where credentials and pools are known, and not with the traffic method (a disabled address is not checked).
 */
function monitorReader(target: DrillTarget, options: DrillOptions): (() => Promise<string>) | undefined {
  const pools = target.clusters.map((c) => ({
    poolId: target.pools[c.name],
    address: target.addresses[c.name],
  }));
  if (!options.tencent || target.method === 'traffic' || pools.some((p) => p.poolId === undefined))
    return undefined;
  const igtm = igtmApi(options.tencent);
  return async () => {
    const statuses = await Promise.all(
      pools.map(async (p) => {
        const detail = await igtm.describeAddressPoolDetail(p.poolId as number);
        const status = detail.AddressSet?.find((a) => a.Addr === p.address)?.Status;
        return (status ?? 'UNKNOWN').toUpperCase();
      }),
    );
    return statuses.every((s) => s === statuses[0])
      ? statuses[0]
      : (statuses.find((s) => s !== 'DOWN') ?? 'UNKNOWN');
  };
}

/** The first name server of a zone, by address, through the system resolver. */
async function nameServerOf(zone: string): Promise<DnsServer> {
  try {
    const [ns] = await dns.resolveNs(zone);
    const [address] = await dns.resolve4(ns);
    return { host: address, port: 53 };
  } catch (e) {
    throw new UserError(
      `the name servers of ${zone} cannot be looked up (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'give one with --dns-server ADDRESS[:PORT]',
    );
  }
}
