import type { Fleet } from '../fleet-schema';
import type { ValidationIssue } from '../validation-error';
import { belowPackageFloors } from './package-floors';
import { servingAfterLoss, trafficPlan } from './traffic-plan';
import type { IgtmTraffic, LineKey, Traffic } from './topology-schema';

export type BudgetTermName = 'detection' | 'publish' | 'TTL' | 'client cache';

/** One term of the worst-case time for users of a failed region to reach a healthy one. */
export interface BudgetTerm {
  readonly name: BudgetTermName;
  /** Undefined where nothing bounds it (plain DNS records with no operator allowance). */
  readonly seconds: number | undefined;
  /** How the figure is made, e.g. `a check every 60 s × (0 retries + 1) × 1 period + 2 s timeout`. */
  readonly how: string;
}

/**
 * The worst case for a user of a failed region, term by term: detection (IGTM's monitor, or an operator for
 * plain DNS records), the time IGTM takes to publish the change, the DNS TTL, and the client's own cache.
 */
export function budgetTerms(traffic: Traffic): BudgetTerm[] {
  const cache: BudgetTerm = {
    name: 'client cache',
    seconds: traffic.clientCacheSeconds,
    how: `an allowance for clients that keep what they resolved (traffic.clientCacheSeconds)`,
  };
  if (traffic.mode === 'dnspod') {
    return [
      {
        name: 'detection',
        seconds: traffic.operatorResponseSeconds,
        how:
          traffic.operatorResponseSeconds === undefined
            ? 'nothing detects a failure: plain DNS records have no health check'
            : 'an operator notices and switches the records (traffic.operatorResponseSeconds)',
      },
      { name: 'TTL', seconds: traffic.ttlSeconds, how: "the records' TTL (traffic.ttlSeconds)" },
      cache,
    ];
  }
  const m = traffic.monitor;
  return [
    {
      name: 'detection',
      seconds: m.checkIntervalSeconds * (m.failTimes + 1) * m.continuePeriod + m.timeoutSeconds,
      how: `a check every ${m.checkIntervalSeconds} s × (${m.failTimes} retries + 1) × ${m.continuePeriod} period(s) + ${m.timeoutSeconds} s timeout`,
    },
    {
      name: 'publish',
      seconds: traffic.publishAllowanceSeconds,
      how: 'an allowance for IGTM to write the change into DNS (traffic.publishAllowanceSeconds)',
    },
    {
      name: 'TTL',
      seconds: traffic.globalTtlSeconds,
      how: "the IGTM instance's TTL (traffic.globalTtlSeconds)",
    },
    cache,
  ];
}

/** Properties for `formatBudgetTerms`. */
export interface BudgetTermsFormat {
  /**
   * Follow each term with how its figure is made (the plan's report, a refused fleet's message).
   * @default false: names and figures only (the drill's one-line budget)
   */
  readonly how?: boolean;
}

/**
 * The terms of a budget as one line, the way every report writes them: `detection 62 s + publish 30 s + TTL 60 s +
 * client cache 30 s`, an unbounded term as `∞ s`, with `how` each followed by `(how its figure is made)`.
 */
export function formatBudgetTerms(
  terms: readonly { readonly name: string; readonly seconds: number | undefined; readonly how: string }[],
  format: BudgetTermsFormat = {},
): string {
  return terms.map((t) => `${t.name} ${t.seconds ?? '∞'} s${format.how ? ` (${t.how})` : ''}`).join(' + ');
}

export type BudgetVerdict =
  'meets the target' | 'misses the target' | 'no target' | 'unbounded' | 'not routed there';

/** One failed region and one DNS line: how long its users wait, and who serves them next. */
export interface BudgetRow {
  readonly region: string;
  readonly line: LineKey;
  /** False where the region serves none of the line's users at first. */
  readonly affected: boolean;
  readonly terms: readonly BudgetTerm[];
  /** Undefined when a term is unbounded. */
  readonly totalSeconds: number | undefined;
  readonly targetSeconds: number | undefined;
  readonly verdict: BudgetVerdict;
  /** The clusters that serve the line once the region is lost (empty: none is left). */
  readonly takesOver: readonly string[];
}

/** The budget of every region and line of a fleet with a traffic layer (empty without one). */
export function failoverBudget(fleet: Fleet): BudgetRow[] {
  const traffic = fleet.traffic;
  if (!traffic) return [];
  const terms = budgetTerms(traffic);
  const total = sum(terms);
  const target = fleet.topology?.rtoSeconds;
  const regions = [...new Set(fleet.clusters.map((c) => c.region))];
  return regions.flatMap((region) =>
    trafficPlan(fleet).map((plan): BudgetRow => {
      const affected = plan.tiers[0].some((s) => s.region === region);
      const verdict: BudgetVerdict = !affected
        ? 'not routed there'
        : total === undefined
          ? 'unbounded'
          : target === undefined
            ? 'no target'
            : total <= target
              ? 'meets the target'
              : 'misses the target';
      return {
        region,
        line: plan.line,
        affected,
        terms,
        totalSeconds: total,
        targetSeconds: target,
        verdict,
        takesOver: (servingAfterLoss(plan, region) ?? []).map((s) => s.name),
      };
    }),
  );
}

function sum(terms: readonly BudgetTerm[]): number | undefined {
  return terms.every((t) => t.seconds !== undefined)
    ? terms.reduce((n, t) => n + (t.seconds as number), 0)
    : undefined;
}

/**
 * What the traffic layer cannot deliver: IGTM settings below the package's floors, and a recovery time
 * objective the terms add up past, naming the term that dominates and the change that would fix it.
 */
export function checkFailoverBudget(fleet: Fleet): ValidationIssue[] {
  const traffic = fleet.traffic;
  if (!traffic) return [];
  const issues = traffic.mode === 'igtm' ? checkFloors(traffic) : [];
  const target = fleet.topology?.rtoSeconds;
  if (target === undefined || issues.length > 0) return issues;
  const terms = budgetTerms(traffic);
  const total = sum(terms);
  if (total !== undefined && total <= target) return issues;
  const breakdown = formatBudgetTerms(terms, { how: true });
  if (total === undefined) {
    issues.push({
      path: 'fleet.topology.rtoSeconds',
      message: `is ${target} s, but with plain DNS records nothing detects a failure, so users of a failed region wait until someone switches the records: ${breakdown}`,
      value: target,
      fix: 'use traffic mode "igtm" (health-checked failover), or state how fast an operator acts with traffic.operatorResponseSeconds',
    });
    return issues;
  }
  const dominant = terms.reduce((a, b) => ((b.seconds ?? 0) > (a.seconds ?? 0) ? b : a));
  issues.push({
    path: 'fleet.topology.rtoSeconds',
    message: `is ${target} s, but users of a failed region can take up to ${total} s to reach a healthy one = ${breakdown}. The largest term is the ${dominant.name} (${dominant.seconds} s)`,
    value: target,
    fix: fixFor(dominant.name, traffic, total, target),
  });
  return issues;
}

function checkFloors(traffic: IgtmTraffic): ValidationIssue[] {
  const type = traffic.package.type;
  return belowPackageFloors(traffic, traffic.package).map((b) => ({
    path: b.path,
    message: `is below the ${type} package's ${b.floorName} of ${b.floor} s`,
    value: b.value,
    fix: `use ${b.floor} or more, or a package with a lower floor (traffic.package)`,
  }));
}

/** What would bring the total under the target, or the honest answer that the product cannot. */
function fixFor(term: BudgetTermName, traffic: Traffic, total: number, target: number): string {
  const excess = total - target;
  if (traffic.mode === 'igtm') {
    const best = bestCaseIgtm(traffic);
    if (best > target) {
      return `even at this ${traffic.package.type} package's floors (a check every ${traffic.package.minCheckIntervalSeconds} s, TTL ${traffic.package.minGlobalTtlSeconds} s) the worst case is ${best} s, so it cannot deliver ${target} s: raise the target to at least ${best} s, or use a package whose floors are lower (read them on the console's IGTM instance packages, or with the provider's IGTM instance package list data source) and state them in traffic.package`;
    }
    if (term === 'TTL') {
      return `lower traffic.globalTtlSeconds by at least ${excess} s (the package allows ${traffic.package.minGlobalTtlSeconds} s), or raise the target to ${total} s`;
    }
    if (term === 'detection') {
      return `check more often or retry less (traffic.monitor: checkIntervalSeconds, failTimes, continuePeriod; the package allows a check every ${traffic.package.minCheckIntervalSeconds} s), or raise the target to ${total} s`;
    }
  } else if (term === 'TTL') {
    return `lower traffic.ttlSeconds by at least ${excess} s (DNSPod's floor depends on the plan), or raise the target to ${total} s`;
  }
  return `the ${term} allowance is a measured figure: shorten it only with a drill's measurements (qcbm-fleet drill), lower the other terms, or raise the target to ${total} s`;
}

/** IGTM's shortest monitor timeout. */
const MIN_TIMEOUT_SECONDS = 2;

/** The worst case with the check interval and TTL at the package's floors, no retries and the shortest timeout. */
function bestCaseIgtm(traffic: IgtmTraffic): number {
  const p = traffic.package;
  return (
    p.minCheckIntervalSeconds +
    MIN_TIMEOUT_SECONDS +
    traffic.publishAllowanceSeconds +
    p.minGlobalTtlSeconds +
    traffic.clientCacheSeconds
  );
}
