import type * as k8s from '@kubernetes/client-node';
import { UserError } from '../../model/user-error';

// @kubernetes/client-node is an ES module: TypeScript compiles `import()` to `require()` for CommonJS output,
// which cannot load ES modules on Node 20, so the import is built at run time.
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

/** The Kubernetes APIs the drill and the hub readiness check use, for one cluster (or the TDCC hub). */
export interface KubernetesClient {
  readonly apps: k8s.AppsV1Api;
  /** Jobs: the data drill's write probe. */
  readonly batch: k8s.BatchV1Api;
  /** Pods and their logs: what a write probe's pod said. */
  readonly core: k8s.CoreV1Api;
  readonly custom: k8s.CustomObjectsApi;
  /** The API server, for messages. */
  readonly server: string;
}

/** A client of the cluster a kubeconfig (its text) names in its current context. */
export async function kubernetesClient(kubeconfig: string, who: string): Promise<KubernetesClient> {
  let lib: typeof k8s;
  try {
    lib = (await importModule('@kubernetes/client-node')) as typeof k8s;
  } catch {
    throw new UserError(
      'the drill and the hub readiness check talk to Kubernetes through @kubernetes/client-node, which is not installed',
      'npm install @kubernetes/client-node@1',
    );
  }
  const config = new lib.KubeConfig();
  try {
    config.loadFromString(kubeconfig);
  } catch (e) {
    throw new UserError(
      `the kubeconfig of ${who} cannot be read: ${(e as Error).message}`,
      'give a valid kubeconfig',
    );
  }
  const server = config.getCurrentCluster()?.server;
  if (!server)
    throw new UserError(`the kubeconfig of ${who} has no current cluster`, 'set its current-context');
  return {
    apps: config.makeApiClient(lib.AppsV1Api),
    batch: config.makeApiClient(lib.BatchV1Api),
    core: config.makeApiClient(lib.CoreV1Api),
    custom: config.makeApiClient(lib.CustomObjectsApi),
    server,
  };
}

/** Runs one Kubernetes call; a failure becomes a user error naming the call, the server and what it answered. */
export async function kubernetesCall<T>(
  client: KubernetesClient,
  what: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw kubernetesError(client, what, e);
  }
}

/** The HTTP status a Kubernetes call failed with, if it got an answer. */
export function httpStatusOf(e: unknown): number | undefined {
  const status = (e as { code?: unknown } | undefined)?.code;
  return typeof status === 'number' ? status : undefined;
}

/** A failed Kubernetes call as a user error: the call, the server, the status and the first line of the answer. */
export function kubernetesError(
  client: KubernetesClient,
  what: string,
  e: unknown,
  fix = 'check the kubeconfig and that its user may do this',
): UserError {
  const status = httpStatusOf(e);
  const body = (e as { body?: unknown }).body;
  const reason = typeof body === 'string' ? (safeJson(body)?.message ?? body) : (e as Error).message;
  return new UserError(
    `${what} on ${client.server} failed${status ? ` (HTTP ${status})` : ''}: ${String(reason).split('\n')[0]}`,
    fix,
  );
}

function safeJson(text: string): { message?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string };
  } catch {
    return undefined;
  }
}
