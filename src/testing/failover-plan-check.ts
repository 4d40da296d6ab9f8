import { TENCENTCLOUD_TYPES as T } from '../cloud/type-tokens';
import type { Fleet } from '../model/fleet-schema';
import { siteResourceNames } from '../model/resource-names';
import { dataPlan } from '../model/topology/data-plan';
import { siteComponentName } from '../model/topology/site-layout';
import type { OfflinePlan } from './offline-plan';
import { planTransition, type ResourceTransition } from './plan-transition';

/** The data resources a failover must never destroy: removing or replacing one only forgets it. */
const DATA_TYPES = new Set<string>([
  T.mysqlInstance,
  T.mysqlDrInstance,
  T.mysqlDatabase,
  T.mysqlAccount,
  T.mysqlPrivilege,
]);

/**
 * What is wrong with `pulumi up` of `after` (the plan of the fleet a failover wrote, `afterFleet`) on a stack
 * holding `before`: the promoted instance is adopted (imported, never created, replaced or deleted) with its
 * database and account, the old primary and the old copies are forgotten, never deleted, every other managed site
 * outside the lost regions has a disaster-recovery instance of the new primary, and the writable name's record is
 * updated in place. Empty when the failover converges with one `pulumi up`.
 */
export function failoverPlanProblems(before: OfflinePlan, after: OfflinePlan, afterFleet: Fleet): string[] {
  const data = dataPlan(afterFleet);
  const promotion = data?.promotion;
  if (!data || !promotion) return ['the later fleet records no promotion (data.mysql.promotion)'];
  const steps = planTransition(before, after);
  const problems: string[] = [];
  const step = (type: string, name: string): ResourceTransition | undefined =>
    steps.find((s) => s.type === type && s.name === name);
  const names = siteResourceNames(siteComponentName(afterFleet, data.primary));

  const adopted = step(T.mysqlInstance, names.mysql);
  if (adopted?.op !== 'import' || adopted.after?.options?.import !== promotion.instanceId) {
    problems.push(
      `${names.mysql}: ${adopted?.op ?? 'absent'}${adopted?.after?.options?.import ? ` of ${adopted.after.options.import}` : ''}, not an import of the promoted ${promotion.instanceId}`,
    );
  }
  for (const [type, name] of [
    [T.mysqlDatabase, names.mysqlDatabase],
    [T.mysqlAccount, names.mysqlAccount],
  ] as const) {
    const s = step(type, name);
    if (s?.op !== 'import' || !s.after?.options?.import?.startsWith(`${promotion.instanceId}#`)) {
      problems.push(`${name}: ${s?.op ?? 'absent'}, not an import from ${promotion.instanceId}`);
    }
  }
  const promotedCopy = step(T.mysqlDrInstance, names.mysqlDr);
  if (promotedCopy?.op !== 'forget') {
    problems.push(`${names.mysqlDr} (the promoted copy): ${promotedCopy?.op ?? 'absent'}, not forgotten`);
  }
  for (const s of steps.filter((x) => DATA_TYPES.has(x.type))) {
    if (s.op === 'delete')
      problems.push(`${s.name}: deleted; it must be retained (retainOnDelete) and forgotten`);
    if (s.op === 'replace' && s.type !== T.mysqlDrInstance && s.type !== T.mysqlPrivilege) {
      problems.push(`${s.name}: replaced (${s.changed.join(', ')})`);
    }
  }
  const leftInstances = steps.filter((s) => s.type === T.mysqlInstance && s.before && !s.after);
  if (!leftInstances.some((s) => s.op === 'forget')) {
    problems.push(`the old primary (${promotion.fromInstanceId}) is not forgotten`);
  }

  const copies = after.groups.flatMap((g) => g.resources).filter((r) => r.type === T.mysqlDrInstance);
  const wanted = data.drCopies.map((c) => siteResourceNames(siteComponentName(afterFleet, c)).mysqlDr).sort();
  const found = copies.map((r) => r.name).sort();
  if (JSON.stringify(found) !== JSON.stringify(wanted)) {
    problems.push(
      `disaster-recovery instances ${found.join(', ') || 'none'}, expected ${wanted.join(', ') || 'none'}`,
    );
  }
  for (const r of copies) {
    if (r.inputs.masterInstanceId !== promotion.instanceId || r.inputs.masterRegion !== data.primary.region) {
      problems.push(
        `${r.name}: copies ${String(r.inputs.masterInstanceId)} in ${String(r.inputs.masterRegion)}, not the new primary ${promotion.instanceId} in ${data.primary.region}`,
      );
    }
  }
  for (const s of steps.filter((x) => x.type === T.privateDnsRecord)) {
    if (s.op !== 'update' && s.op !== 'same')
      problems.push(`${s.name}: ${s.op}; the writable name's record changes in place`);
  }
  return problems;
}
