import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/** One request the fake API server received. */
export interface KubernetesRequest {
  readonly method: string;
  readonly path: string;
  /** The query parameters, where the request had any. */
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What the fake keeps of a Deployment besides its replicas (`replicas`); a test changes `status` at will. */
export interface FakeDeployment {
  generation: number;
  resourceVersion: number;
  template: Record<string, unknown>;
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
  };
}

/** What a test can watch and steer. */
export interface FakeKubernetesApi {
  /** `http://127.0.0.1:PORT`. */
  readonly server: string;
  /** A kubeconfig for it (plain HTTP, a bearer token). */
  readonly kubeconfig: string;
  readonly requests: KubernetesRequest[];
  /** Each Deployment's replicas, `namespace/name` → replicas. */
  readonly replicas: Map<string, number>;
  /** Localizations that exist, `namespace/name` → object. */
  readonly localizations: Map<string, unknown>;
  /** Subscriptions the hub serves (read only), `namespace/name` → object; a test sets their status. */
  readonly subscriptions: Map<string, unknown>;
  /**
   * Each Deployment of `replicas`, made on its first read or change: generation 1, rolled out. A change of its
   * spec (a replace or a scale) bumps its generation; its status moves only when the test says (`rollOut`).
   */
  readonly deployments: Map<string, FakeDeployment>;
  /** Jobs that exist, `namespace/name` → object; created and deleted through the API, ended by `finishJob`. */
  readonly jobs: Map<string, any>;
  /** The log of each Job's pod, `namespace/job` → text; a Job without one has no pod yet. */
  readonly jobLogs: Map<string, string>;
  /** Ends a Job as its controller would: succeeded, or failed with a Failed condition. */
  finishJob(key: string, outcome: 'succeeded' | { readonly reason: string; readonly message: string }): void;
  /** Completes a Deployment's rollout: its status reports its current generation and every replica updated. */
  rollOut(key: string): void;
  /** Called after each change (scale, Deployment, Localization, Job), e.g. to switch a fake DNS answer. */
  onChange(listener: (request: KubernetesRequest) => void): void;
  /** Called as each request arrives, before it is served, e.g. to change an object under a client's feet. */
  onRequest(listener: (request: KubernetesRequest) => void): void;
  close(): Promise<void>;
}

const SCALE = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/;
const LOCALIZATIONS =
  /^\/apis\/apps\.clusternet\.io\/v1alpha1\/namespaces\/([^/]+)\/localizations(?:\/([^/?]+))?$/;
const SUBSCRIPTION = /^\/apis\/apps\.clusternet\.io\/v1alpha1\/namespaces\/([^/]+)\/subscriptions\/([^/?]+)$/;
const DEPLOYMENT = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/;
const JOBS = /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs(?:\/([^/]+)(\/status)?)?$/;
const PODS = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/;
const POD_LOG = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/;
/** The name of a Job's one pod in the fake. */
const podOf = (job: string) => `${job}-fake0`;

/**
 * A Kubernetes API server on 127.0.0.1 with just what a drill and the hub readiness check use: Deployments (read,
 * replace with resourceVersion conflicts) and their scale (read, replace), Jobs (create, read, delete) and their
 * pods' logs, Clusternet Localizations (create, delete) and Subscriptions (read). Records every request.
 */
export async function startFakeKubernetesApi(
  initialReplicas: Record<string, number>,
): Promise<FakeKubernetesApi> {
  const requests: KubernetesRequest[] = [];
  const replicas = new Map(Object.entries(initialReplicas));
  const localizations = new Map<string, unknown>();
  const subscriptions = new Map<string, unknown>();
  const deployments = new Map<string, FakeDeployment>();
  const jobs = new Map<string, any>();
  const jobLogs = new Map<string, string>();
  const listeners: ((r: KubernetesRequest) => void)[] = [];
  const arrivals: ((r: KubernetesRequest) => void)[] = [];
  const deployment = (key: string): FakeDeployment => {
    let d = deployments.get(key);
    if (!d) {
      const n = replicas.get(key) ?? 0;
      const name = key.split('/')[1];
      d = {
        generation: 1,
        resourceVersion: 1,
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name, image: `${name}:1` }] },
        },
        status: {
          observedGeneration: 1,
          replicas: n,
          updatedReplicas: n,
          readyReplicas: n,
          availableReplicas: n,
        },
      };
      deployments.set(key, d);
    }
    return d;
  };
  const deploymentObject = (namespace: string, name: string) => {
    const d = deployment(`${namespace}/${name}`);
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, generation: d.generation, resourceVersion: String(d.resourceVersion) },
      spec: {
        replicas: replicas.get(`${namespace}/${name}`),
        selector: { matchLabels: { app: name } },
        template: structuredClone(d.template),
      },
      status: { ...d.status },
    };
  };
  const changed = (request: KubernetesRequest) => listeners.forEach((l) => l(request));
  /** Sends a reply; true, so a handler can return it. */
  const send = (res: ServerResponse, status: number, body: unknown): true => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return true;
  };
  const failure = (res: ServerResponse, code: number, reason: string, message: string) =>
    send(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
  const notFound = (res: ServerResponse, what: string) => failure(res, 404, 'NotFound', `${what} not found`);

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '', 'http://fake');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const request: KubernetesRequest = {
      method: req.method ?? '',
      path,
      ...(Object.keys(query).length > 0 ? { query } : {}),
      ...(raw ? { body: JSON.parse(raw) } : {}),
    };
    requests.push(request);
    arrivals.forEach((l) => l(request));
    const served = deploymentsAndJobs(req, res, request);
    if (served) return;
    const scale = SCALE.exec(path);
    if (scale) {
      const key = `${scale[1]}/${scale[2]}`;
      if (!replicas.has(key)) return notFound(res, `deployments.apps "${scale[2]}"`);
      if (req.method === 'PUT') {
        const want = (request.body as { spec: { replicas: number } }).spec.replicas;
        const d = deployment(key);
        if (want !== replicas.get(key)) d.generation++;
        d.resourceVersion++;
        replicas.set(key, want);
        changed(request);
      }
      return send(res, 200, {
        apiVersion: 'autoscaling/v1',
        kind: 'Scale',
        metadata: { name: scale[2], namespace: scale[1] },
        spec: { replicas: replicas.get(key) },
        status: { replicas: replicas.get(key) },
      });
    }
    const subscription = SUBSCRIPTION.exec(path);
    if (subscription && req.method === 'GET') {
      const found = subscriptions.get(`${subscription[1]}/${subscription[2]}`);
      if (found === undefined) return notFound(res, `subscriptions.apps.clusternet.io "${subscription[2]}"`);
      return send(res, 200, found);
    }
    const loc = LOCALIZATIONS.exec(path);
    if (loc && req.method === 'POST') {
      const body = request.body as { metadata: { name: string } };
      localizations.set(`${loc[1]}/${body.metadata.name}`, body);
      changed(request);
      return send(res, 201, body);
    }
    if (loc && loc[2] && req.method === 'DELETE') {
      const key = `${loc[1]}/${loc[2]}`;
      if (!localizations.delete(key)) return notFound(res, `localizations.apps.clusternet.io "${loc[2]}"`);
      changed(request);
      return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    }
    return notFound(res, path);
  };

  /** Serves Deployments, Jobs and pod logs; false for any other path. */
  const deploymentsAndJobs = (req: IncomingMessage, res: ServerResponse, request: KubernetesRequest) => {
    const { path } = request;
    const dep = DEPLOYMENT.exec(path);
    if (dep) {
      const [, namespace, name] = dep;
      const key = `${namespace}/${name}`;
      if (!replicas.has(key)) return notFound(res, `deployments.apps "${name}"`);
      if (req.method === 'PUT') {
        const body = request.body as { metadata?: { resourceVersion?: string }; spec: any };
        const d = deployment(key);
        const given = body.metadata?.resourceVersion;
        if (given !== undefined && given !== String(d.resourceVersion)) {
          return failure(
            res,
            409,
            'Conflict',
            `Operation cannot be fulfilled on deployments.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          );
        }
        const specChanged =
          JSON.stringify(body.spec.template) !== JSON.stringify(d.template) ||
          body.spec.replicas !== replicas.get(key);
        if (specChanged) d.generation++;
        d.resourceVersion++;
        d.template = structuredClone(body.spec.template);
        replicas.set(key, body.spec.replicas);
        changed(request);
      }
      return send(res, 200, deploymentObject(namespace, name));
    }
    const job = JOBS.exec(path);
    if (job) {
      const [, namespace, name] = job;
      if (!name && req.method === 'POST') {
        const body = structuredClone(request.body) as any;
        const key = `${namespace}/${body.metadata.name}`;
        if (jobs.has(key)) {
          return failure(res, 409, 'AlreadyExists', `jobs.batch "${body.metadata.name}" already exists`);
        }
        body.metadata = { ...body.metadata, namespace, uid: `uid-${jobs.size}`, generation: 1 };
        body.status = {};
        jobs.set(key, body);
        changed(request);
        return send(res, 201, body);
      }
      const key = `${namespace}/${name}`;
      if (!name || !jobs.has(key)) return notFound(res, `jobs.batch "${name}"`);
      if (req.method === 'DELETE') {
        jobs.delete(key);
        jobLogs.delete(key);
        changed(request);
        return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
      }
      return send(res, 200, jobs.get(key));
    }
    const pods = PODS.exec(path);
    if (pods && req.method === 'GET') {
      const selected = /^job-name=(.+)$/.exec(request.query?.labelSelector ?? '')?.[1];
      const items = [...jobLogs.keys()]
        .filter((k) => k.startsWith(`${pods[1]}/`) && jobs.has(k))
        .map((k) => k.split('/')[1])
        .filter((j) => selected === undefined || j === selected)
        .map((j) => ({
          metadata: {
            name: podOf(j),
            namespace: pods[1],
            labels: { 'job-name': j },
            creationTimestamp: '2024-05-01T10:00:00Z',
          },
        }));
      return send(res, 200, { apiVersion: 'v1', kind: 'PodList', metadata: {}, items });
    }
    const log = POD_LOG.exec(path);
    if (log && req.method === 'GET') {
      const job = [...jobLogs.keys()].find(
        (k) => k.startsWith(`${log[1]}/`) && podOf(k.split('/')[1]) === log[2],
      );
      if (job === undefined) return notFound(res, `pods "${log[2]}"`);
      const lines = jobLogs.get(job)!.split('\n');
      const tail = Number(request.query?.tailLines ?? lines.length + 1);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(lines.slice(-tail).join('\n'));
      return true;
    }
    return false;
  };

  const http: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const server = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    // client-node refuses plain HTTP unless TLS verification is off: the fake speaks HTTP on loopback only.
    'clusters: [{ name: fake, cluster: { server: "' + server + '", insecure-skip-tls-verify: true } }]',
    'users: [{ name: drill, user: { token: fake-token } }]',
    'contexts: [{ name: fake, context: { cluster: fake, user: drill } }]',
    'current-context: fake',
    '',
  ].join('\n');
  return {
    server,
    kubeconfig,
    requests,
    replicas,
    localizations,
    subscriptions,
    deployments,
    jobs,
    jobLogs,
    finishJob(key, outcome) {
      const found = jobs.get(key);
      if (!found) throw new Error(`the fake has no Job ${key}`);
      found.status =
        outcome === 'succeeded'
          ? {
              succeeded: 1,
              completionTime: new Date().toISOString(),
              conditions: [{ type: 'Complete', status: 'True' }],
            }
          : {
              failed: 1,
              conditions: [
                { type: 'Failed', status: 'True', reason: outcome.reason, message: outcome.message },
              ],
            };
    },
    rollOut(key) {
      const d = deployment(key);
      const n = replicas.get(key) ?? 0;
      d.status = {
        observedGeneration: d.generation,
        replicas: n,
        updatedReplicas: n,
        readyReplicas: n,
        availableReplicas: n,
      };
      d.resourceVersion++;
    },
    onChange: (listener) => listeners.push(listener),
    onRequest: (listener) => arrivals.push(listener),
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
