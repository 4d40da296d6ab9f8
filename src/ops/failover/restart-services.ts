// Ending the old sessions after a failover: a rollout restart of the services that hold MySQL connections, in
// each cluster whose kubeconfig is given, waited for. HikariCP keeps a pooled connection up to 30 minutes and
// the services' JDBC URL sets no socketTimeout, so without it pods keep writing to the old primary.
import { MYSQL_CLIENT_COMPONENTS } from '../../k8s/qcbm/qcbm-workloads';
import type { Fleet, FleetCluster } from '../../model/fleet-schema';
import { ValidationError } from '../../model/validation-error';
import { type KubernetesClient, kubernetesClient } from '../kubernetes/client';
import { restartDeployments, waitForRollout } from '../kubernetes/rollout';
import type { KubernetesWaitOptions } from '../kubernetes/wait';

/** What the restart did in each cluster. */
export interface ServiceRestarts {
  /** The clusters whose services were restarted and rolled out. */
  readonly restarted: readonly string[];
  /** The clusters where it failed, each with why. */
  readonly failed: readonly { readonly cluster: string; readonly error: string }[];
}

/**
 * Every cluster a kubeconfig is given for is one of the fleet's (the dry run checks this much).
 * @throws ValidationError naming `kubeconfigs` and each name the fleet does not have
 */
export function checkKubeconfigNames(fleet: Fleet, kubeconfigs: Readonly<Record<string, string>>): void {
  const names = new Set(fleet.clusters.map((c) => c.name));
  const unknown = Object.keys(kubeconfigs).filter((name) => !names.has(name));
  if (unknown.length === 0) return;
  throw new ValidationError(
    'kubeconfigs',
    unknown.map((name) => ({
      path: 'kubeconfigs',
      message: `names no cluster of fleet "${fleet.name}"`,
      value: name,
      fix: `use a cluster's name: ${[...names].join(', ')}`,
    })),
  );
}

/**
 * A client of each cluster a kubeconfig is given for, before anything changes: the names checked
 * (`checkKubeconfigNames`), every kubeconfig read (nothing is contacted yet).
 * @throws ValidationError for a name the fleet does not have; UserError for a kubeconfig that cannot be read
 */
export async function clusterClients(
  fleet: Fleet,
  kubeconfigs: Readonly<Record<string, string>>,
): Promise<Map<string, KubernetesClient>> {
  checkKubeconfigNames(fleet, kubeconfigs);
  const entries = await Promise.all(
    Object.entries(kubeconfigs).map(
      async ([name, text]) => [name, await kubernetesClient(text, name)] as const,
    ),
  );
  return new Map(entries);
}

/**
 * Restarts the services that hold MySQL connections (`MYSQL_CLIENT_COMPONENTS`) in one cluster, as `kubectl
 * rollout restart` does, and waits until every one is rolled out.
 * @returns when the last rollout was seen done (`Date.now()`, or the wait's clock)
 * @throws UserError naming the Deployment that could not be restarted or did not roll out in time
 */
export async function restartMysqlClients(
  client: KubernetesClient,
  namespace: string,
  wait: KubernetesWaitOptions,
): Promise<number> {
  await restartDeployments(client, namespace, MYSQL_CLIENT_COMPONENTS, new Date());
  const rolled = await waitForRollout(client, namespace, MYSQL_CLIENT_COMPONENTS, wait);
  return Math.max(...rolled.map((r) => r.observedAt));
}

/**
 * Restarts the MySQL clients in every one of `clusters` that has a client, all at once, logging each outcome; a
 * cluster's failure is reported, never thrown (the promotion is done: the rest still restart).
 */
export async function restartServices(
  fleet: Fleet,
  clusters: readonly FleetCluster[],
  clients: ReadonlyMap<string, KubernetesClient>,
  wait: KubernetesWaitOptions,
  log: (line: string) => void,
): Promise<ServiceRestarts> {
  const namespace = fleet.app.namespace;
  const outcomes = await Promise.all(
    clusters
      .filter((c) => clients.has(c.name))
      .map(async (cluster) => {
        try {
          await restartMysqlClients(clients.get(cluster.name) as KubernetesClient, namespace, wait);
          log(`Restarted ${MYSQL_CLIENT_COMPONENTS.join(', ')} in ${cluster.name}: rolled out.`);
          return { cluster: cluster.name };
        } catch (e) {
          const error = (e as Error).message;
          log(`NOT RESTARTED in ${cluster.name}: ${error}`);
          return { cluster: cluster.name, error };
        }
      }),
  );
  return {
    restarted: outcomes.filter((o) => o.error === undefined).map((o) => o.cluster),
    failed: outcomes.flatMap((o) => (o.error === undefined ? [] : [{ cluster: o.cluster, error: o.error }])),
  };
}
