import type { Fleet } from '../fleet-schema';
import { formatPath } from '../issue-path';
import type { ValidationIssue } from '../validation-error';
import { layoutOf } from './site-layout';
import { primaryCluster } from './sites';

const at = (...p: PropertyKey[]) => formatPath('fleet', ['data', 'mysql', ...p]);

/**
 * The checks of `data.mysql.promotion` and `lostRegions` (a failover's record) that the schema cannot express: a
 * promotion moved the primary to another region's managed instance, and a lost region is a region of the fleet
 * other than the primary's. Runs once the primary itself is valid.
 */
export function checkPromotion(fleet: Fleet): ValidationIssue[] {
  const mysql = fleet.data.mysql;
  if (!mysql) return [];
  const issues: ValidationIssue[] = [];
  const promotion = mysql.promotion;
  if (promotion) {
    if (promotion.fromRegion === mysql.primaryRegion) {
      issues.push({
        path: at('promotion', 'fromRegion'),
        message: `is the primary's region (${mysql.primaryRegion}): a promotion moves the primary to a disaster-recovery instance in another region`,
        value: promotion.fromRegion,
        fix: "set primaryRegion to the promoted instance's region, or remove promotion if no failover happened",
      });
    }
    if (promotion.instanceId === promotion.fromInstanceId) {
      issues.push({
        path: at('promotion', 'instanceId'),
        message: 'is the old primary (fromInstanceId): the promoted instance is another one',
        value: promotion.instanceId,
        fix: 'give the id of the disaster-recovery instance that was promoted',
      });
    }
    const primary = primaryCluster(fleet);
    const layout = primary && layoutOf(fleet, primary);
    if (primary && layout?.mysql.mode !== 'managed') {
      issues.push({
        path: at('promotion'),
        message: `names a promoted instance, but the primary's site (${primary.name}) has no managed MySQL in cloud.regions to adopt it`,
        value: promotion.instanceId,
        fix: `give ${primary.region} in cloud.regions mysql: { mode: managed }, or remove promotion`,
      });
    }
  }
  const regions = new Set(fleet.clusters.map((c) => c.region));
  const seen = new Set<string>();
  (mysql.lostRegions ?? []).forEach((region, i) => {
    const problem =
      region === mysql.primaryRegion
        ? {
            message: "is the primary's region: the writable MySQL cannot be in a lost region",
            fix: 'remove it, or fail over to another region first',
          }
        : !regions.has(region)
          ? {
              message: "is no region of the fleet's clusters",
              fix: `use one of ${[...regions].join(', ')}, or remove it`,
            }
          : seen.has(region)
            ? { message: 'is listed twice', fix: 'list each lost region once' }
            : undefined;
    seen.add(region);
    if (problem) issues.push({ path: at('lostRegions', i), value: region, ...problem });
  });
  return issues;
}
