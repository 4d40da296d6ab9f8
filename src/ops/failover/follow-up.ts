import { MYSQL_CLIENT_COMPONENTS } from '../../k8s/qcbm/qcbm-workloads';
import { ENVIRONMENT_NAME, siteResourceNames, writerNameNames } from '../../model/resource-names';
import { layoutOf } from '../../model/topology/site-layout';
import { clustersOutsideLostRegions } from '../../model/topology/sites';
import { formatIssue } from '../../model/validation-error';
import { restartsOnFailover } from '../../model/topology/write-budget';
import { writerName } from '../../model/writer-name';
import { readOnlyCommand } from './fence-primary';
import type { FleetCluster } from '../../model/fleet-schema';
import type { FleetChange } from './fleet-change';
import type { FailoverPlan } from './failover-options';
import { siteUrns } from './pulumi-urns';
import type { StackFileEdit } from './stack-file-write';

/** What the runbook found and did that the follow-up depends on. */
export interface FollowUpFacts {
  /** The old primary's region answered. */
  readonly primaryReachable: boolean;
  /** The old primary was set read-only. */
  readonly fenced: boolean;
  /** The old primary's other DR instances, as its DrInfo listed them (empty where it did not answer). */
  readonly otherDrInstances: readonly { readonly instanceId: string; readonly region: string }[];
  /** The change of the fleet (`fleetChange`). */
  readonly change: FleetChange;
  /** The stack file changed (or, in a dry run, that would be); undefined where none was given. */
  readonly stackFile?: StackFileEdit;
  /** The clusters where the runbook restarted the services and saw them rolled out. @default none */
  readonly restarted?: readonly string[];
}

/** The clusters whose services must reconnect after the failover: every one outside a lost region. */
export function clustersToRestart(plan: FailoverPlan, change: FleetChange): FleetCluster[] {
  return clustersOutsideLostRegions(plan.fleet, change.change.lostRegions ?? []);
}

function lostRegionsOf(plan: FailoverPlan, change: FleetChange): Set<string> {
  return new Set([...(change.change.lostRegions ?? []), ...(plan.fleet.data.mysql?.lostRegions ?? [])]);
}

/** HikariCP's default `maxLifetime`: how long a pooled connection to the old primary can live. */
const POOL_LIFETIME = '30 min';

/**
 * Step 5: what is true after the promotion and what is left, as lines to print: the fleet file's change, the one
 * `pulumi preview` / `pulumi up` (without a refresh) that makes the stack follow and what the preview must show,
 * the check of retainOnDelete for stacks made before it existed, the restart that ends old sessions, the
 * instances left outside the stack, and what to do when a lost region returns.
 */
export function followUp(plan: FailoverPlan, facts: FollowUpFacts): string[] {
  const { fleet, primary, target, stack } = plan;
  const on = `--stack ${stack}`;
  const lost = lostRegionsOf(plan, facts.change);
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);

  say(
    'Follow-up: the cloud changed and the fleet records it; one `pulumi up` without a refresh makes the stack follow (no `pulumi state` or `pulumi import` by hand).',
  );
  if (plan.stackAssumed) {
    say(`(Commands and URNs assume stack "${stack}", the fleet's name, and project "${plan.project}".)`);
  }
  let step = 0;
  const next = (line: string) => say(`${++step}. ${line}`);

  const restarted = new Set(facts.restarted ?? []);
  const byHand = clustersToRestart(plan, facts.change).filter((c) => !restarted.has(c.name));
  if (restarted.size > 0) {
    say(
      `The old sessions are ended in ${[...restarted].join(', ')}: the services were restarted there and rolled out.`,
    );
  }
  if (byHand.length > 0) next(restartLine(plan, lost, restarted.size > 0));
  for (const cluster of byHand) {
    say(
      `     kubectl --context ${cluster.name} -n ${fleet.app.namespace} rollout restart deployment ${MYSQL_CLIENT_COMPONENTS.join(' ')}`,
    );
  }

  const file = facts.stackFile;
  if (file) {
    next(
      file.written
        ? `The fleet file ${file.path} was changed (qcbm:fleet data.mysql); review and commit it:`
        : `[dry run] The fleet file ${file.path} would be changed (qcbm:fleet data.mysql):`,
    );
    for (const line of file.changedLines) say(`     ${line}`);
  } else {
    next(`Change the fleet (Pulumi.${stack}.yaml, qcbm:fleet) and commit it:`);
    for (const line of facts.change.lines) say(`     ${line}`);
  }
  if (facts.change.problems.length > 0) {
    say(
      '   The changed fleet does not validate yet (the record is written all the same: the cloud changed); change these too before the preview:',
    );
    for (const issue of facts.change.problems) say(`     - ${formatIssue(issue)}`);
  }

  retainedCheck(plan, on, next, say);

  const newSite = siteResourceNames(target.componentName);
  const drSites = fleet.clusters.filter(
    (c) => c.region !== target.region && !lost.has(c.region) && layoutOf(fleet, c)?.mysql.mode === 'managed',
  );
  const oldDrs = [target, ...plan.otherDrSites].map((s) => siteResourceNames(s.componentName).mysqlDr);
  const writer = writerName(fleet);
  next(`pulumi preview ${on} --refresh=false. It must show:`);
  say(`     - ${newSite.mysql} (${target.instanceId}) imported: no replacement or deletion of it;`);
  say(
    `     - the old primary ${siteResourceNames(primary.componentName).mysql} and the DR instances ${oldDrs.join(', ')} deleted from the stack only: they are retainOnDelete, so the instances stay (forgotten, not deleted);`,
  );
  say(
    drSites.length > 0
      ? `     - new DR instances of ${target.instanceId} at ${drSites.map((c) => c.name).join(', ')}: an old copy there is replaced (created anew, the old one forgotten: a copy's master cannot change in place)${lost.size > 0 ? `; none in ${[...lost].join(', ')}: lost` : ''};`
      : `     - no new DR instance (no other site has a managed MySQL${lost.size > 0 ? ` outside ${[...lost].join(', ')}` : ''});`,
  );
  if (writer) {
    say(
      `     - ${writerNameNames(ENVIRONMENT_NAME).record} (${writer.host}) updated in place to the address the failover set (the state still holds the old one): no replacement.`,
    );
  }
  say(
    `   Never \`pulumi refresh\` or \`--refresh\` before this \`pulumi up\`: a refresh reads the retained DR instances, whose Read can fail now that ${target.instanceId} is no DR instance.`,
  );
  next(
    `pulumi up ${on} --refresh=false${facts.primaryReachable ? '' : ` --continue-on-error: while ${primary.region} is down, the changes to its own resources (its data security group stops admitting the other sites) fail and the rest converges; run the same command again once it answers`}`,
  );

  const fenceState = facts.fenced
    ? 'is read-only (fenced)'
    : `was NOT fenced: set it read-only before anything can write to it (${readOnlyCommand(primary.region, primary.instanceId, 1)})`;
  next(
    `Left outside the stack for cleanup (retained): the old primary ${primary.instanceId} (${primary.region}), which ${fenceState}. Compare it with ${target.instanceId} once it answers (writes it took after the last sync are not there), then delete it in the console.`,
  );
  if (plan.otherDrSites.length > 0) {
    const listed =
      facts.otherDrInstances.length > 0
        ? facts.otherDrInstances.map((d) => `${d.instanceId} (${d.region})`).join(', ')
        : `at ${plan.otherDrSites.map((s) => s.cluster.name).join(', ')} (their ids: \`pulumi stack output data\`, before the up)`;
    say(
      `   The old DR instances ${listed} still replicate from it: delete them once the new DR instances report SyncStatus 2.`,
    );
  }

  for (const region of lost) {
    const returning = fleet.clusters.filter((c) => c.region === region).map((c) => c.name);
    next(`When ${region} returns, before anything can write to the old primary there, fence it:`);
    say(
      `     ${readOnlyCommand(region, region === primary.region ? primary.instanceId : '<old primary id>', 1)}`,
    );
    say(
      `   Then restart the services in ${returning.join(', ')} (the command above), remove ${region} from data.mysql.lostRegions and run \`pulumi up ${on} --refresh=false\`: it creates the DR instance there.`,
    );
  }
  return lines;
}

function restartLine(plan: FailoverPlan, lost: ReadonlySet<string>, somewhere: boolean): string {
  const skipped = lost.size > 0 ? ` (not in ${[...lost].join(', ')}: lost)` : '';
  const why = `pooled connections keep going to the old primary: HikariCP keeps one up to ${POOL_LIFETIME}`;
  return !restartsOnFailover(plan.fleet)
    ? `End the old sessions: the fleet lets them expire (topology.writeFailover.reconnect: pool-lifetime), but ${why}; to end them now, restart the services in every cluster${skipped}:`
    : somewhere
      ? `Now, end the old sessions in the other clusters (${why}): restart the services there:`
      : `Now, end the old sessions (${why}): restart the services in every cluster${skipped}:`;
}

/** The check that the resources `pulumi up` forgets carry retainOnDelete, and the state fix where they do not. */
function retainedCheck(
  plan: FailoverPlan,
  on: string,
  next: (line: string) => void,
  say: (line: string) => void,
): void {
  const { primary, target, stack } = plan;
  const ref = { stack, project: plan.project };
  const old = siteUrns(ref, primary.componentName, primary.region);
  const forgotten = [
    old.mysql,
    old.database,
    old.account,
    old.privilege,
    ...[target, ...plan.otherDrSites].map((s) => siteUrns(ref, s.componentName, s.region).drInstance),
  ];
  const select = `select(.urn | IN(${forgotten.map((u) => `"${u}"`).join(', ')}))`;
  next(
    `Only for a stack made before retainOnDelete existed: check that what the up forgets carries it (every line must start with true):`,
  );
  say(
    `     pulumi stack export ${on} | jq -r '.deployment.resources[] | ${select} | "\\(.retainOnDelete // false) \\(.urn)"'`,
  );
  say(
    `   Where one says false, \`pulumi up\` would delete it (${target.instanceId} among them: the primary now); set it in the state first:`,
  );
  const state = `${stack}.state.json`;
  say(`     pulumi stack export ${on} --file ${state}`);
  say(
    `     jq '(.deployment.resources[] | ${select}).retainOnDelete = true' ${state} > ${stack}.state.retained.json`,
  );
  say(`     pulumi stack import ${on} --file ${stack}.state.retained.json`);
}
