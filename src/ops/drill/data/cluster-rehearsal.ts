import { WRITE_PROBE_NAME_PREFIX, writeProbeJob } from '../../../k8s/qcbm/drill/write-probe-job';
import { QCBM_DRILL_WRITE_TABLE } from '../../../k8s/qcbm/drill/write-probe-script';
import { MYSQL_CLIENT_COMPONENTS } from '../../../k8s/qcbm/qcbm-workloads';
import type { Fleet, FleetCluster } from '../../../model/fleet-schema';
import { UserError } from '../../../model/user-error';
import { restartMysqlClients } from '../../failover/restart-services';
import { type KubernetesClient, kubernetesCall } from '../../kubernetes/client';
import type { KubernetesWaitOptions } from '../../kubernetes/wait';
import { deleteWriteProbe, startWriteProbe, waitForWriteProbe } from '../../kubernetes/write-probe';

/** A site's first write through the writable name: when the drill saw it, and what the probe said. */
export interface FirstWrite {
  readonly atMs: number;
  readonly line: string;
}

/** What the data drill does in one cluster. */
export interface ClusterRehearsal {
  readonly name: string;
  /**
   * Creates the write probe Job, which retries every second until the database takes its write: started as soon
   * as the old primary is fenced, so that its pod is running by the time the name is retargeted.
   */
  startProbe(): void;
  /** Waits for the probe's first successful write. */
  firstWrite(wait: KubernetesWaitOptions): Promise<FirstWrite>;
  /** Restarts the MySQL clients' Deployments and waits for the last rollout. */
  restart(wait: KubernetesWaitOptions): Promise<number>;
  /**
   * Deletes the probe Job (and its pod) where its creation was tried; a Job already gone is fine.
   * @throws UserError where the delete fails: the Job is left
   */
  cleanUp(): Promise<void>;
}

/** The Job's own limit: long enough for a slow pull and the longest failover wait, then the cluster stops it. */
const PROBE_DEADLINE_SECONDS = 30 * 60;

/** What the drill does in the clusters, for the dry run and the log. */
export function rehearsalSteps(fleet: Fleet, sites: readonly FleetCluster[], restarts: boolean): string[] {
  const names = sites.map((c) => c.name).join(', ');
  return [
    `in ${names}, once the primary is fenced: a Job (${WRITE_PROBE_NAME_PREFIX}...) in ${fleet.app.namespace} that writes one row per site into ${QCBM_DRILL_WRITE_TABLE} through MYSQL_HOST every second until the promoted instance takes it; deleted after`,
    restarts
      ? `in each of ${names}, after its first write: restart ${MYSQL_CLIENT_COMPONENTS.join(', ')} (kubectl rollout restart) and wait for their rollouts: their pools reconnect through the name`
      : `no restart: the fleet lets the pools expire (topology.writeFailover.reconnect: pool-lifetime)`,
  ];
}

/**
 * Checks, before the failover changes anything, that the services the drill restarts are in the cluster.
 * @throws UserError naming the cluster and the Deployment missing
 */
export async function checkRehearsal(
  fleet: Fleet,
  cluster: FleetCluster,
  client: KubernetesClient,
): Promise<ClusterRehearsal> {
  const namespace = fleet.app.namespace;
  for (const name of MYSQL_CLIENT_COMPONENTS) {
    await kubernetesCall(client, `reading Deployment ${namespace}/${name} of ${cluster.name}`, () =>
      client.apps.readNamespacedDeployment({ namespace, name }),
    );
  }
  return rehearsal(fleet, cluster, client);
}

function rehearsal(fleet: Fleet, cluster: FleetCluster, client: KubernetesClient): ClusterRehearsal {
  const namespace = fleet.app.namespace;
  const schemaInit = fleet.app.schemaInit;
  const job = writeProbeJob({
    site: cluster.name,
    nameSuffix: nameSuffixOf(cluster.name),
    namespace,
    secretName: fleet.app.secrets.name,
    ...(schemaInit && schemaInit.image ? { image: schemaInit.image } : {}),
    activeDeadlineSeconds: PROBE_DEADLINE_SECONDS,
  });
  const name = job.metadata.name;
  let started: Promise<unknown> | undefined;
  return {
    name: cluster.name,
    startProbe() {
      started ??= startWriteProbe(client, job);
      // Its failure is the first write's to report; nothing waits on it before.
      started.catch(() => undefined);
    },
    async firstWrite(wait) {
      this.startProbe();
      await started;
      const outcome = await waitForWriteProbe(client, namespace, name, wait);
      if (outcome.status === 'failed') {
        throw new UserError(
          `Job ${namespace}/${name} failed (${outcome.reason}${outcome.message ? `: ${outcome.message}` : ''})${outcome.lastLogLine ? `; its last line: ${outcome.lastLogLine}` : ''}`,
          `see kubectl -n ${namespace} logs job/${name}: the services' account must be able to write through MYSQL_HOST`,
        );
      }
      const w = outcome.written;
      return {
        atMs: outcome.observedAt,
        line: w
          ? `wrote at ${w.writtenAt} (server time) to ${w.server}`
          : 'wrote (its log could not be read: which server took it is not known)',
      };
    },
    restart: (wait) => restartMysqlClients(client, namespace, wait),
    async cleanUp() {
      if (started) await deleteWriteProbe(client, namespace, name);
    },
  };
}

/** `<time>-<cluster>`, cut to fit `qcbm-drill-write-<suffix>` in a DNS-1123 label and ending alphanumeric. */
function nameSuffixOf(cluster: string): string {
  return `${Date.now().toString(36)}-${cluster}`
    .slice(0, 63 - WRITE_PROBE_NAME_PREFIX.length)
    .replace(/-+$/, '');
}
