import type { Fleet, FleetCluster } from '../../model/fleet-schema';
import { dataPlan } from '../../model/topology/data-plan';
import { sharesRegion, siteComponentName } from '../../model/topology/site-layout';
import { type ValidationIssue, ValidationError } from '../../model/validation-error';
import type { TencentApiOptions } from '../tencent/tencent-api';

/** Properties for `runFailover`. */
export interface FailoverOptions {
  /** The validated fleet (`loadFleetFromStackFile`, `parseFleet`); `data.mysql` names the primary. */
  readonly fleet: Fleet;
  /**
   * The site to promote: a cluster name, or a region id where the region holds one site with a
   * disaster-recovery copy of the primary.
   */
  readonly to: string;
  /** The primary's instance id (`cdb-…`). */
  readonly primaryInstanceId: string;
  /** The id (`cdb-…`) of the disaster-recovery instance at `to`. */
  readonly drInstanceId: string;
  /**
   * Make the changes. False is a dry run: the read-only calls of the check, then what would be done; it refuses
   * what a real run would refuse (not in sync, primary unreachable), so a dry run that passes means the real
   * run passes the check too.
   */
  readonly execute: boolean;
  /**
   * Promote although nothing confirms that the DR instance holds every committed write: it is not in sync, it
   * lags more than `maxLagSeconds`, or the primary's region does not answer.
   */
  readonly acceptDataLoss: boolean;
  /**
   * The most replication lag to promote with, in seconds, 0 to 86400: the DR instance's `SecondsBehindMaster`
   * as Cloud Monitor last reported it (the writes lost with the primary's region). Above it the check refuses
   * unless `acceptDataLoss`; where Cloud Monitor reports no value, the check says so and goes on.
   * @default 30
   */
  readonly maxLagSeconds?: number;
  /** Tencent Cloud API access. */
  readonly api: TencentApiOptions;
  /**
   * How often to re-read a state being waited for (the DR copy catching up, the promotion), in ms, 10 to 60000.
   * @default 5000
   */
  readonly pollIntervalMs?: number;
  /**
   * How long to wait for each of: the DR copy catching up once the primary is read-only, and the promotion;
   * in ms, from `pollIntervalMs` to 6 hours.
   * @default 900000 (15 minutes)
   */
  readonly timeoutMs?: number;
  /**
   * The Pulumi stack, for the URNs of the follow-up commands.
   * @default - the fleet's name
   */
  readonly stack?: string;
  /**
   * The Pulumi project, for the URNs of the follow-up commands.
   * @default 'qcbm' (Pulumi.yaml's name)
   */
  readonly project?: string;
  /**
   * The stack file the fleet was read from: after a promotion, the fleet change and the record of the promotion
   * are written into it (`applyStackFilePromotion`, comments and layout kept); a dry run only shows the lines.
   * @default - nothing is written: the follow-up lists the change to make by hand
   */
  readonly stackFile?: string;
  /**
   * Kubeconfigs (their text) by cluster name: after the retarget the runbook restarts the services that hold MySQL
   * connections in each of these clusters (not in lost regions) and waits for their rollouts, unless the fleet
   * lets the pools expire (`topology.writeFailover.reconnect: pool-lifetime`).
   * @default - none: the follow-up prints the restart, one kubectl command per cluster
   */
  readonly kubeconfigs?: Readonly<Record<string, string>>;
  /** The clock of the promotion record's `at` and of the lag reading's window. @default - the system clock */
  readonly now?: () => Date;
}

/** A site as the runbook uses it. */
export interface FailoverSite {
  readonly cluster: FleetCluster;
  readonly region: string;
  /** The site's logical name in the Pulumi program: the region id, or the cluster's name where the region holds two sites. */
  readonly componentName: string;
  /** The region holds more than one site of the fleet. */
  readonly sharedRegion: boolean;
}

/** The options, checked and resolved against the fleet. */
export interface FailoverPlan {
  readonly fleet: Fleet;
  readonly primary: FailoverSite & { readonly instanceId: string };
  readonly target: FailoverSite & { readonly instanceId: string };
  /** The other sites with a DR copy of the primary (their DR instances still replicate from the old primary). */
  readonly otherDrSites: readonly FailoverSite[];
  readonly execute: boolean;
  readonly acceptDataLoss: boolean;
  readonly maxLagSeconds: number;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly stack: string;
  /** The stack is the fleet's name because none was given. */
  readonly stackAssumed: boolean;
  readonly project: string;
  /** Where the fleet change goes (`FailoverOptions.stackFile`). */
  readonly stackFile?: string;
}

export const FAILOVER_DEFAULTS = {
  maxLagSeconds: 30,
  pollIntervalMs: 5000,
  timeoutMs: 15 * 60 * 1000,
  /** Pulumi.yaml's `name`. */
  project: 'qcbm',
} as const;

/** The bounds of `pollIntervalMs` (the command line's help prints them). */
export const POLL_INTERVAL_MS = { min: 10, max: 60_000 } as const;
/** The bounds of `maxLagSeconds` (the command line's help prints them). */
export const MAX_LAG_SECONDS = { min: 0, max: 86_400 } as const;
const TIMEOUT_MS_MAX = 6 * 60 * 60 * 1000;
const CDB_ID = /^cdb-[a-z0-9]+$/;
const PULUMI_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Checks the options against the fleet and resolves the sites.
 * @throws ValidationError listing every problem (path: the option's name)
 */
export function planFailover(options: FailoverOptions): FailoverPlan {
  const { fleet } = options;
  const issues: ValidationIssue[] = [];
  const data = dataPlan(fleet);
  if (!data) {
    throw new ValidationError('failover options', [
      {
        path: 'fleet.data.mysql',
        message: 'names no primary MySQL: there is nothing to fail over',
        value: fleet.data.mysql,
        fix: 'fail over a fleet whose data.mysql names the primary region (and primaryCluster where that region holds two sites)',
      },
    ]);
  }
  const siteOf = (cluster: FleetCluster): FailoverSite => ({
    cluster,
    region: cluster.region,
    componentName: siteComponentName(fleet, cluster),
    sharedRegion: sharesRegion(fleet, cluster),
  });
  const target = resolveTarget(options.to, data.drCopies, fleet, issues);
  checkInstanceIds(options, issues);
  const pollIntervalMs = options.pollIntervalMs ?? FAILOVER_DEFAULTS.pollIntervalMs;
  if (!isIntegerIn(pollIntervalMs, POLL_INTERVAL_MS.min, POLL_INTERVAL_MS.max)) {
    issues.push({
      path: 'pollIntervalMs',
      message: `must be a whole number of ms from ${POLL_INTERVAL_MS.min} to ${POLL_INTERVAL_MS.max}`,
      value: pollIntervalMs,
      fix: `leave it out for ${FAILOVER_DEFAULTS.pollIntervalMs} ms`,
    });
  }
  const maxLagSeconds = options.maxLagSeconds ?? FAILOVER_DEFAULTS.maxLagSeconds;
  if (!isIntegerIn(maxLagSeconds, MAX_LAG_SECONDS.min, MAX_LAG_SECONDS.max)) {
    issues.push({
      path: 'maxLagSeconds',
      message: `must be a whole number of seconds from ${MAX_LAG_SECONDS.min} to ${MAX_LAG_SECONDS.max} (a day)`,
      value: maxLagSeconds,
      fix: `leave it out for ${FAILOVER_DEFAULTS.maxLagSeconds} s`,
    });
  }
  const timeoutMs = options.timeoutMs ?? FAILOVER_DEFAULTS.timeoutMs;
  if (!isIntegerIn(timeoutMs, Math.max(1, pollIntervalMs), TIMEOUT_MS_MAX)) {
    issues.push({
      path: 'timeoutMs',
      message: `must be at least the poll interval (${pollIntervalMs} ms) and at most 6 hours (${TIMEOUT_MS_MAX} ms)`,
      value: timeoutMs,
      fix: `leave it out for ${FAILOVER_DEFAULTS.timeoutMs / 60_000} minutes`,
    });
  }
  for (const key of ['stack', 'project'] as const) {
    const value = options[key];
    if (value !== undefined && !PULUMI_NAME.test(value)) {
      issues.push({
        path: key,
        message: 'must be a Pulumi name: letters, digits, _, . and -',
        value,
        fix:
          key === 'stack' ? 'give the stack name as `pulumi stack ls` shows it' : "give Pulumi.yaml's name",
      });
    }
  }
  if (issues.length > 0 || !target) throw new ValidationError('failover options', issues);
  return {
    fleet,
    primary: { ...siteOf(data.primary), instanceId: options.primaryInstanceId },
    target: { ...siteOf(target), instanceId: options.drInstanceId },
    otherDrSites: data.drCopies.filter((c) => c !== target).map(siteOf),
    execute: options.execute,
    acceptDataLoss: options.acceptDataLoss,
    maxLagSeconds,
    pollIntervalMs,
    timeoutMs,
    stack: options.stack ?? fleet.name,
    stackAssumed: options.stack === undefined,
    project: options.project ?? FAILOVER_DEFAULTS.project,
    ...(options.stackFile !== undefined ? { stackFile: options.stackFile } : {}),
  };
}

/**
 * The site `--to` names for a failover: a cluster with a disaster-recovery copy of the primary, or the region of
 * exactly one such cluster. The one rule the command line and `planFailover` both use.
 * @throws ValidationError at `to`, with the value and the sites that could be promoted
 */
export function failoverTarget(fleet: Fleet, to: string): FleetCluster {
  const issues: ValidationIssue[] = [];
  const target = resolveTarget(to, dataPlan(fleet)?.drCopies ?? [], fleet, issues);
  if (!target) {
    throw new ValidationError(`failover of fleet "${fleet.name}"`, issues);
  }
  return target;
}

function resolveTarget(
  to: string,
  drCopies: readonly FleetCluster[],
  fleet: Fleet,
  issues: ValidationIssue[],
): FleetCluster | undefined {
  const choices = drCopies.map((c) => `"${c.name}" (${c.region})`).join(', ');
  const fix =
    drCopies.length > 0
      ? `use a site with a disaster-recovery copy of the primary: ${choices}`
      : 'the fleet has no disaster-recovery copy to promote: give a managed MySQL site in another region than the primary';
  const byName = fleet.clusters.find((c) => c.name === to);
  if (byName) {
    if (drCopies.includes(byName)) return byName;
    const why =
      byName.region === fleet.data.mysql?.primaryRegion
        ? `is in the primary's region (${byName.region}): it holds no disaster-recovery copy`
        : 'holds no disaster-recovery copy of the primary (its region has no managed MySQL site)';
    issues.push({ path: 'to', message: why, value: to, fix });
    return undefined;
  }
  const inRegion = drCopies.filter((c) => c.region === to);
  if (inRegion.length === 1) return inRegion[0];
  if (inRegion.length > 1) {
    issues.push({
      path: 'to',
      message: `holds ${inRegion.length} sites with a disaster-recovery copy: name the cluster`,
      value: to,
      fix: `use one of ${inRegion.map((c) => `"${c.name}"`).join(', ')}`,
    });
    return undefined;
  }
  const isRegion = fleet.clusters.some((c) => c.region === to);
  issues.push({
    path: 'to',
    message: isRegion
      ? "is the primary's region, or a region without a disaster-recovery copy"
      : 'is neither a cluster nor a region of the fleet',
    value: to,
    fix,
  });
  return undefined;
}

function checkInstanceIds(options: FailoverOptions, issues: ValidationIssue[]): void {
  const where = {
    primaryInstanceId:
      "the primary's (`pulumi stack --show-ids`, resource <site>-mysql, or the TencentDB console)",
    drInstanceId: "the DR instance's at the site promoted (`pulumi stack output data`: drInstances)",
  };
  for (const key of ['primaryInstanceId', 'drInstanceId'] as const) {
    if (!CDB_ID.test(options[key])) {
      issues.push({
        path: key,
        message: 'must be a TencentDB for MySQL instance id like cdb-c1nl9rpv',
        value: options[key],
        fix: `give ${where[key]}`,
      });
    }
  }
  if (options.primaryInstanceId === options.drInstanceId) {
    issues.push({
      path: 'drInstanceId',
      message: "is the primary's id",
      value: options.drInstanceId,
      fix: `give ${where.drInstanceId}`,
    });
  }
}

function isIntegerIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}
