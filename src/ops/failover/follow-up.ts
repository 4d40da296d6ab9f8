import type { Fleet, FleetFields } from '../../model/fleet-schema';
import { REGION_DEFAULTS } from '../../model/cloud-schema';
import { parseFleet } from '../../model/parse-fleet';
import { siteResourceNames } from '../../model/resource-names';
import { layoutOf } from '../../model/topology/site-layout';
import { formatIssue, ValidationError, type ValidationIssue } from '../../model/validation-error';
import { readOnlyCommand } from './fence-primary';
import type { FailoverPlan } from './failover-options';
import { PULUMI_TYPES, siteUrns } from './pulumi-urns';

/** The account QcbmCredentials creates by default, and the database createMysql names by default. */
const MYSQL_ACCOUNT = 'qcbm';
const MYSQL_DATABASE = REGION_DEFAULTS.mysql.databaseName;

/** What the runbook found that the follow-up depends on. */
export interface FollowUpFacts {
  /** The old primary's region answered. */
  readonly primaryReachable: boolean;
  /** The old primary was set read-only. */
  readonly fenced: boolean;
  /** The old primary's other DR instances, as its DrInfo listed them (empty where it did not answer). */
  readonly otherDrInstances: readonly { readonly instanceId: string; readonly region: string }[];
}

/** The fleet with the promoted site as the primary, and what its validation says. */
export interface FleetChange {
  /** The lines to change in the fleet file. */
  readonly lines: readonly string[];
  /** What else must change before the fleet validates (empty when it does). */
  readonly problems: readonly ValidationIssue[];
}

/** `data.mysql` naming the promoted site, checked with the fleet's own validation. */
export function fleetChange(plan: FailoverPlan): FleetChange {
  const { fleet, primary, target } = plan;
  const mysql = fleet.data.mysql;
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
  // `primaryCluster` names a cluster of the old primary's region: drop it, or name the promoted one.
  const promoted = { ...mysql, primaryRegion: target.region } as NonNullable<Fleet['data']['mysql']>;
  delete promoted.primaryCluster;
  if (target.sharedRegion) promoted.primaryCluster = target.cluster.name;
  const changed: FleetFields = { ...fleet, data: { ...fleet.data, mysql: promoted } };
  try {
    parseFleet(changed, 'fleet');
    return { lines, problems: [] };
  } catch (e) {
    if (!ValidationError.isValidationError(e)) throw e;
    return { lines, problems: e.issues };
  }
}

/**
 * Step 4: the fleet change to commit and what the Pulumi state needs before `pulumi up`, as lines to print.
 * Order matters: `pulumi up` with the fleet changed but the state not fixed would delete the promoted instance
 * (the state still holds it as a DR instance) and fail on the other DR instances, whose primary the provider
 * cannot change.
 */
export function followUp(plan: FailoverPlan, facts: FollowUpFacts): string[] {
  const { primary, target, stack } = plan;
  const ref = { stack, project: plan.project };
  const oldSite = siteUrns(ref, primary.componentName, primary.region);
  const newSite = siteUrns(ref, target.componentName, target.region);
  const names = siteResourceNames(target.componentName);
  const others = plan.otherDrSites.map((s) => ({ site: s, urns: siteUrns(ref, s.componentName, s.region) }));
  const on = `--stack ${stack}`;
  const change = fleetChange(plan);
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);

  say(
    `Follow-up, in this order: the cloud changed, the fleet and the Pulumi state must follow before any \`pulumi up\` (it would delete ${target.instanceId}, which the state still holds as a DR instance).`,
  );
  if (plan.stackAssumed) {
    say(`(Commands and URNs assume stack "${stack}", the fleet's name, and project "${plan.project}".)`);
  }
  say(`1. Change the fleet (Pulumi.${stack}.yaml, qcbm:fleet) and commit it:`);
  for (const line of change.lines) say(`     ${line}`);
  if (change.problems.length > 0) {
    say('   The changed fleet does not validate yet; change these too:');
    for (const issue of change.problems) say(`     - ${formatIssue(issue)}`);
  }

  say(
    `2. Forget the DR instances of the old primary: ${target.instanceId} is a primary now (a DR instance's Read fails without MasterInfo), and the provider cannot give a DR instance another primary, so \`pulumi up\` creates DR instances of the new one:`,
  );
  say(`     pulumi state delete ${on} '${newSite.drInstance}'`);
  for (const { urns } of others) say(`     pulumi state delete ${on} '${urns.drInstance}'`);

  say(
    `3. Import ${target.instanceId} as the new primary, with the database and account that replicated with the data:`,
  );
  const importOptions = `--parent 'region=${newSite.region}' --provider 'provider=${newSite.provider}' --protect=false --generate-code=false`;
  const imports: [string, string, string][] = [
    [PULUMI_TYPES.mysqlInstance, names.mysql, target.instanceId],
    [PULUMI_TYPES.mysqlDatabase, names.mysqlDatabase, `${target.instanceId}#${MYSQL_DATABASE}`],
    [PULUMI_TYPES.mysqlAccount, names.mysqlAccount, `${target.instanceId}#${MYSQL_ACCOUNT}`],
  ];
  for (const [type, name, id] of imports)
    say(`     pulumi import ${on} '${type}' ${name} '${id}' ${importOptions}`);
  say(
    `   The privilege (${names.mysqlPrivilege}) has no import: \`pulumi up\` creates it, granting the same privileges again; it also sets a new root password (${names.mysqlRootPassword}).`,
  );

  say(
    `4. Keep the old primary ${primary.instanceId} out of \`pulumi up\`'s deletes (it leaves the program; deleting it would destroy any write the copy missed, and fails while ${primary.region} is down): mark it and its database, account and privilege retainOnDelete, so \`pulumi up\` only forgets them:`,
  );
  const retained = [oldSite.mysql, oldSite.database, oldSite.account, oldSite.privilege];
  const state = `${stack}.state.json`;
  say(`     pulumi stack export ${on} --file ${state}`);
  say(
    `     jq '(.deployment.resources[] | select(.urn | IN(${retained.map((u) => `"${u}"`).join(', ')}))).retainOnDelete = true' ${state} > ${stack}.state.retained.json`,
  );
  say(`     pulumi stack import ${on} --file ${stack}.state.retained.json`);

  const drSites = plan.fleet.clusters
    .filter((c) => c.region !== target.region && layoutOf(plan.fleet, c)?.mysql.mode === 'managed')
    .map((c) => c.name)
    .join(', ');
  say(
    `5. pulumi preview ${on}: ${names.mysql} must be updated in place (name, root password), never replaced or deleted; then pulumi up ${on}${facts.primaryReachable ? '' : ` (with --continue-on-error while ${primary.region} is down)`}. It points every cluster's MYSQL_HOST at ${target.instanceId} and creates DR instances of it at ${drSites}: disaster recovery the other way.`,
  );

  const fenceState = facts.fenced
    ? 'is read-only (fenced)'
    : `was NOT fenced: set it read-only before it takes writes again (${readOnlyCommand(primary.region, primary.instanceId, 1)}); until \`pulumi up\` has repointed every cluster, clusters still write to it when its region comes back`;
  say(
    `6. Afterwards, outside the stack: the old primary ${primary.instanceId} (${primary.region}) ${fenceState}. Once ${primary.region} is back, compare it with ${target.instanceId} (writes it took after the last sync are not there), then delete it in the console.`,
  );
  if (others.length > 0) {
    const listed =
      facts.otherDrInstances.length > 0
        ? facts.otherDrInstances.map((d) => `${d.instanceId} (${d.region})`).join(', ')
        : `at ${others.map((o) => o.site.cluster.name).join(', ')} (their ids: \`pulumi stack output data\`, before step 2)`;
    say(
      `   The old DR instances ${listed} still replicate from it: delete them once the new DR instances report SyncStatus 2.`,
    );
  }
  return lines;
}
