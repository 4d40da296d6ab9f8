// What the real `pulumi preview` of the one `pulumi up` after a failover may show: the offline check of the same
// transition is src/testing/failover-plan-check.ts; this one reads the engine's own steps, by URN.
import type { Fleet } from '../../model/fleet-schema';
import { sitePlans } from '../../model/topology/site-plan';
import { UserError } from '../../model/user-error';
import {
  PULUMI_TYPES,
  primaryFollowerUrns,
  siteUrns,
  type StackRef,
  urnParts,
} from '../failover/pulumi-urns';
import type { PreviewStep, PulumiPreview } from './preview-json';

/** What the preview after a failover must show, derived from the fleet the failover wrote. */
export interface FailoverPreviewExpectation {
  /** The promoted instance (`data.mysql.promotion.instanceId`), for messages. */
  readonly promotedInstanceId: string;
  /**
   * The new primary site's `<site>-mysql`, its database and its account: adopted (`import`; `same` or `update`
   * where the state holds them already), never created, replaced or deleted.
   */
  readonly adopted: readonly string[];
  /** The resources the failover replaces or deletes, by URN, with why (`failoverChurn`). */
  readonly churn: ReadonlyMap<string, string>;
}

/** The steps that destroy a resource or make it anew: the engine's replacement steps (IsReplacementStep) and delete. */
const DESTRUCTIVE_OPS = new Set([
  'replace',
  'create-replacement',
  'delete-replaced',
  'import-replacement',
  'read-replacement',
  'discard-replaced',
  'remove-pending-replace',
  'delete',
]);
/** What may happen to an adopted resource. */
const ADOPTION_OPS = new Set(['import', 'same', 'update']);

/**
 * The expectation of the preview of `fleet` (as `qcbm-fleet failover --execute` wrote it) on the stack `ref`.
 * @throws UserError where the fleet records no promotion, or its primary's site adopts none
 */
export function failoverPreviewExpectation(fleet: Fleet, ref: StackRef): FailoverPreviewExpectation {
  const promotion = fleet.data.mysql?.promotion;
  if (!promotion) {
    throw new UserError(
      'the fleet records no promotion (data.mysql.promotion), so there is no failover to preview',
      'run `qcbm-fleet failover --execute` first (it writes data.mysql.promotion into the stack file), or give the stack file it wrote',
    );
  }
  const primary = sitePlans(fleet).find((p) => p.adoptsMysql);
  if (!primary) {
    throw new UserError(
      `data.mysql.primaryRegion ${fleet.data.mysql?.primaryRegion}: no site there adopts the promoted ${promotion.instanceId}`,
      'the primary region needs a site of this stack with mysql.mode: managed (cloud.regions[])',
    );
  }
  const urns = siteUrns(ref, primary.componentName, primary.layout.region);
  return {
    promotedInstanceId: promotion.instanceId,
    adopted: [urns.mysql, urns.database, urns.account],
    churn: failoverChurn(fleet, ref),
  };
}

/**
 * The resources the one `pulumi up` after a failover replaces or deletes, by URN, each with why. A retained
 * resource (`retained`, src/cloud/data/retained.ts: retainOnDelete) that leaves the program shows in the preview
 * as `delete`: the engine skips the provider's Delete and only forgets it, and the cloud keeps it.
 * - Every managed site's disaster-recovery instance (`<site>-mysql-dr`): replaced where the site keeps a copy,
 *   since `createDrCopies` (src/cloud/data/qcbm-data-replication.ts) gives it replaceOnChanges on
 *   masterInstanceId and masterRegion (the provider cannot change a copy's master in place); deleted where the copy
 *   leaves the program: the promoted copy, now adopted as the primary's `<site>-mysql`, and a copy in a lost region
 *   (data.mysql.lostRegions). Retained either way: the old copies are forgotten.
 * - The backup policy and the remote backup config: replaced to follow the new primary (the policy's mysqlId
 *   replaces at the provider, src/testing/provider-replacements.ts; the config has replaceOnChanges on
 *   instanceId; both move to the new primary region's provider), retained so the old ones are forgotten
 *   (`createMysqlBackups`: deleting them would call the old primary's region, maybe the lost one).
 * - The old primary's site (in promotion.fromRegion): its `<site>-mysql` with the database, account and privilege,
 *   which `createMysql` (src/cloud/region/data-stores.ts) retains, leave the program (only the primary's site has
 *   a MySQL), so they are deleted, that is forgotten; and its root RandomPassword, which only a created primary
 *   has (`createdInstance`; an adopted one has none, src/cloud/region/mysql-adoption.ts), is deleted: it is
 *   nothing in the cloud. Where that region holds two sites both are listed: a preview deletes only what the
 *   state holds, and it holds the old primary's.
 */
export function failoverChurn(fleet: Fleet, ref: StackRef): Map<string, string> {
  const promotion = fleet.data.mysql?.promotion;
  const sites = sitePlans(fleet);
  const churn = new Map<string, string>();
  for (const site of sites.filter((s) => s.layout.mysql.mode === 'managed')) {
    churn.set(
      siteUrns(ref, site.componentName, site.layout.region).drInstance,
      site.adoptsMysql
        ? 'the promoted copy, adopted as the primary: forgotten (retainOnDelete)'
        : 'a disaster-recovery instance: replaced to copy the new primary (replaceOnChanges masterInstanceId, masterRegion), or forgotten (retainOnDelete) in a lost region',
    );
  }
  const followers = primaryFollowerUrns(ref);
  const follows = 'follows the new primary: replaced, the old one forgotten (retainOnDelete)';
  churn.set(followers.backupPolicy, `the backup policy ${follows}`);
  churn.set(followers.remoteBackup, `the remote backup config ${follows}`);
  for (const site of sites.filter((s) => s.layout.region === promotion?.fromRegion && !s.mysqlPrimary)) {
    const old = siteUrns(ref, site.componentName, site.layout.region);
    const forgotten = `the old primary's, gone from the program: forgotten (retainOnDelete)`;
    churn.set(old.mysql, `the old primary ${promotion?.fromInstanceId}: ${forgotten}`);
    churn.set(old.database, `its database, ${forgotten}`);
    churn.set(old.account, `its account, ${forgotten}`);
    churn.set(old.privilege, `its privilege, ${forgotten}`);
    churn.set(old.rootPassword, "the old primary's generated root password: deleted (nothing in the cloud)");
  }
  return churn;
}

/**
 * What is wrong with a preview of the stack after a failover, one sentence per step naming its URN and op: the
 * promoted instance, its database or account created, replaced or deleted instead of imported (or absent: a
 * JSON preview leaves out unchanged resources, and before the failover is applied the state cannot hold them); a
 * private DNS record replaced (the writable name's changes in place); a replacement or deletion of anything
 * outside `failoverChurn`. Empty when the preview shows the failover converging; everything else (creates,
 * updates) is allowed.
 */
export function failoverPreviewProblems(
  preview: PulumiPreview,
  expectation: FailoverPreviewExpectation,
): string[] {
  const problems: string[] = [];
  const promoted = expectation.promotedInstanceId;
  const adopted = new Set(expectation.adopted);
  for (const urn of expectation.adopted) {
    if (!preview.steps.some((s) => s.urn === urn)) {
      problems.push(
        `${urn}: absent from the preview; the promoted ${promoted} must be imported (was the failover applied already?)`,
      );
    }
  }
  for (const step of preview.steps) {
    const said = `${step.urn}: ${step.op}${reasonsOf(step)}`;
    if (adopted.has(step.urn)) {
      if (!ADOPTION_OPS.has(step.op)) {
        problems.push(
          `${said}; ${step.op === 'create' ? 'created anew, ' : ''}not an import of the promoted ${promoted}`,
        );
      }
    } else if (DESTRUCTIVE_OPS.has(step.op) && !expectation.churn.has(step.urn)) {
      problems.push(
        isPrivateDnsRecord(step.urn) && step.op !== 'delete'
          ? `${said}; a private DNS record changes in place (the writable name's follows the primary by an update)`
          : `${said}; a failover replaces or deletes only the disaster-recovery instances, the MySQL backups and the old primary's MySQL resources`,
      );
    }
  }
  return problems;
}

function isPrivateDnsRecord(urn: string): boolean {
  return urnParts(urn)?.types.at(-1) === PULUMI_TYPES.privateDnsRecord;
}

function reasonsOf(step: PreviewStep): string {
  const reasons = step.replaceReasons?.length ? step.replaceReasons : undefined;
  return reasons ? ` (replaceReasons: ${reasons.join(', ')})` : '';
}
