import { WRITE_PROBE_NAME_PREFIX, writeProbeJob } from '../../../k8s/qcbm/drill/write-probe-job';
import { QCBM_DRILL_WRITE_TABLE } from '../../../k8s/qcbm/drill/write-probe-script';
import { MYSQL_CLIENT_COMPONENTS } from '../../../k8s/qcbm/qcbm-workloads';
import type { Fleet, FleetCluster } from '../../../model/fleet-schema';
import { UserError } from '../../../model/user-error';
import { restartMysqlClients } from '../../failover/restart-services';
import { type KubernetesClient, kubernetesCall, kubernetesClient } from '../../kubernetes/client';
import type { KubernetesWaitOptions } from '../../kubernetes/wait';
import { deleteWriteProbe, startWriteProbe, waitForWriteProbe } from '../../kubernetes/write-probe';

/** A site's first write through the writable name: when the drill saw it, and what the probe said. */
export interface FirstWrite {
  readonly atMs: number;
  readonly line: string;
}

/** What the data drill does in one cluster once the writable name is retargeted. */
export interface ClusterRehearsal {
  readonly name: string;
  /** Creates the write probe Job and waits for its first successful write. */
  firstWrite(wait: KubernetesWaitOptions): Promise<FirstWrite>;
  /** Restarts the MySQL clients' Deployments and waits for the last rollout; undefined where none restarts. */
  restart(wait: KubernetesWaitOptions): Promise<number | undefined>;
  /** Deletes the probe Job (and its pod). */
  cleanUp(): Promise<void>;
}

/** The Job's own limit: long enough for a slow pull and the longest failover wait, then the cluster stops it. */
const PROBE_DEADLINE_SECONDS = 30 * 60;

/** What the drill does in the clusters, for the dry run and the log. */
export function rehearsalSteps(fleet: Fleet, sites: readonly FleetCluster[], restarts: boolean): string[] {
  const names = sites.map((c) => c.name).join(', ');
  return [
    `in ${names}: a Job (${WRITE_PROBE_NAME_PREFIX}...) in ${fleet.app.namespace} that writes one row per site into ${QCBM_DRILL_WRITE_TABLE} through MYSQL_HOST until the promoted instance takes it; deleted after`,
    restarts
      ? `in ${names}: restart ${MYSQL_CLIENT_COMPONENTS.join(', ')} (kubectl rollout restart) and wait for their rollouts: their pools reconnect through the name`
      : `no restart: the fleet lets the pools expire (topology.writeFailover.reconnect: pool-lifetime)`,
  ];
}

/**
 * Connects to a site's cluster and checks, before the failover changes anything, that the services the drill
 * restarts are there.
 * @throws UserError naming the cluster and what is missing
 */
export async function connectRehearsal(
  fleet: Fleet,
  cluster: FleetCluster,
  kubeconfig: string,
  restarts: boolean,
): Promise<ClusterRehearsal> {
  const client = await kubernetesClient(kubeconfig, cluster.name);
  const namespace = fleet.app.namespace;
  for (const name of MYSQL_CLIENT_COMPONENTS) {
    await kubernetesCall(client, `reading Deployment ${namespace}/${name} of ${cluster.name}`, () =>
      client.apps.readNamespacedDeployment({ namespace, name }),
    );
  }
  return rehearsal(fleet, cluster, client, restarts);
}

function rehearsal(
  fleet: Fleet,
  cluster: FleetCluster,
  client: KubernetesClient,
  restarts: boolean,
): ClusterRehearsal {
  const namespace = fleet.app.namespace;
  const schemaInit = fleet.app.schemaInit;
  const job = writeProbeJob({
    site: cluster.name,
    nameSuffix: `${Date.now().toString(36)}-${cluster.name}`.slice(0, 63 - WRITE_PROBE_NAME_PREFIX.length),
    namespace,
    secretName: fleet.app.secrets.name,
    ...(schemaInit && schemaInit.image ? { image: schemaInit.image } : {}),
    activeDeadlineSeconds: PROBE_DEADLINE_SECONDS,
  });
  let created = false;
  return {
    name: cluster.name,
    async firstWrite(wait) {
      await startWriteProbe(client, job);
      created = true;
      const outcome = await waitForWriteProbe(client, namespace, job.metadata.name, wait);
      if (outcome.status === 'failed') {
        throw new UserError(
          `Job ${namespace}/${job.metadata.name} failed (${outcome.reason}${outcome.message ? `: ${outcome.message}` : ''})${outcome.lastLogLine ? `; its last line: ${outcome.lastLogLine}` : ''}`,
          `see kubectl -n ${namespace} logs job/${job.metadata.name}: the services' account must reach ${fleet.app.namespace}'s MYSQL_HOST`,
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
    async restart(wait) {
      if (!restarts) return undefined;
      return restartMysqlClients(client, namespace, wait);
    },
    async cleanUp() {
      if (created) await deleteWriteProbe(client, namespace, job.metadata.name);
    },
  };
}
