import type { Fleet, FleetFields } from '../../model/fleet-schema';
import { parseFleet } from '../../model/parse-fleet';
import type { MysqlPromotion } from '../../model/topology/topology-schema';
import { ValidationError, type ValidationIssue } from '../../model/validation-error';
import type { FailoverPlan } from './failover-options';
import type { StackFilePromotion } from './stack-file-promotion';

/** What the promotion left that the fleet records. */
export interface PromotionFacts {
  /** When the promotion ended, ISO 8601 UTC without fractions (`promotionTime`). */
  readonly at: string;
  /** SwitchDrInstanceToMaster's task. */
  readonly asyncRequestId?: string;
  /** The old primary's region answered (false: it is recorded in `lostRegions`). */
  readonly primaryReachable: boolean;
}

/** The fleet with the promoted site as the primary, and what its validation says. */
export interface FleetChange {
  /** The change to `data.mysql`, as `applyStackFilePromotion` writes it. */
  readonly change: StackFilePromotion;
  /** The change as lines to make by hand, where no stack file is written. */
  readonly lines: readonly string[];
  /** What else must change before the fleet validates (empty when it does). */
  readonly problems: readonly ValidationIssue[];
}

/** `Date` as the promotion record's `at`: ISO 8601 in UTC, to the second. */
export function promotionTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `data.mysql` naming the promoted site, with the record of the promotion and, where the old primary's region
 * did not answer, that region lost; checked with the fleet's own validation.
 */
export function fleetChange(plan: FailoverPlan, facts: PromotionFacts): FleetChange {
  const { fleet, primary, target } = plan;
  const mysql = fleet.data.mysql;
  const promotion: MysqlPromotion = {
    instanceId: target.instanceId,
    fromInstanceId: primary.instanceId,
    fromRegion: primary.region,
    at: facts.at,
    ...(facts.asyncRequestId ? { asyncRequestId: facts.asyncRequestId } : {}),
  };
  const lost = facts.primaryReachable ? [] : [primary.region];
  const lostRegions = [...new Set([...(mysql?.lostRegions ?? []), ...lost])];
  const change: StackFilePromotion = {
    primaryRegion: target.region,
    // `primaryCluster` names a cluster of the old primary's region: drop it, or name the promoted one.
    ...(target.sharedRegion ? { primaryCluster: target.cluster.name } : {}),
    promotion,
    lostRegions: lost,
  };

  const lines = [`data.mysql.primaryRegion: ${target.region}   # was ${primary.region}`];
  if (target.sharedRegion) {
    lines.push(
      `data.mysql.primaryCluster: ${target.cluster.name}   # ${target.region} holds more than one site`,
    );
  } else if (mysql?.primaryCluster !== undefined) {
    lines.push(
      `remove data.mysql.primaryCluster (was ${mysql.primaryCluster}): ${target.region} holds one site`,
    );
  }
  const record = Object.entries(promotion).map(([k, v]) => `${k}: ${k === 'at' ? `'${v}'` : v}`);
  lines.push(`data.mysql.promotion: { ${record.join(', ')} }`);
  if (lost.length > 0) {
    lines.push(`data.mysql.lostRegions: [${lostRegions.join(', ')}]   # ${primary.region} did not answer`);
  }

  const promoted = { ...mysql, primaryRegion: target.region, promotion } as NonNullable<
    Fleet['data']['mysql']
  >;
  delete promoted.primaryCluster;
  if (change.primaryCluster !== undefined) promoted.primaryCluster = change.primaryCluster;
  if (lostRegions.length > 0) promoted.lostRegions = lostRegions;
  const changed: FleetFields = { ...fleet, data: { ...fleet.data, mysql: promoted } };
  try {
    parseFleet(changed, 'fleet');
    return { change, lines, problems: [] };
  } catch (e) {
    if (!ValidationError.isValidationError(e)) throw e;
    return { change, lines, problems: e.issues };
  }
}
