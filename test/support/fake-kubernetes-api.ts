import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

/** One request the fake API server received. */
export interface KubernetesRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
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
  /** Called after each change (scale or Localization), e.g. to switch a fake DNS answer. */
  onChange(listener: (request: KubernetesRequest) => void): void;
  close(): Promise<void>;
}

const SCALE = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)\/scale$/;
const LOCALIZATIONS =
  /^\/apis\/apps\.clusternet\.io\/v1alpha1\/namespaces\/([^/]+)\/localizations(?:\/([^/?]+))?$/;
const SUBSCRIPTION = /^\/apis\/apps\.clusternet\.io\/v1alpha1\/namespaces\/([^/]+)\/subscriptions\/([^/?]+)$/;

/**
 * A Kubernetes API server on 127.0.0.1 with just what a drill and the hub readiness check use: Deployment scale
 * (read, replace), Clusternet Localizations (create, delete) and Subscriptions (read). Records every request.
 */
export async function startFakeKubernetesApi(
  deployments: Record<string, number>,
): Promise<FakeKubernetesApi> {
  const requests: KubernetesRequest[] = [];
  const replicas = new Map(Object.entries(deployments));
  const localizations = new Map<string, unknown>();
  const subscriptions = new Map<string, unknown>();
  const listeners: ((r: KubernetesRequest) => void)[] = [];
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, what: string) =>
    send(res, 404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      message: `${what} not found`,
      code: 404,
    });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '').split('?')[0];
    const request: KubernetesRequest = {
      method: req.method ?? '',
      path,
      ...(raw ? { body: JSON.parse(raw) } : {}),
    };
    requests.push(request);
    const scale = SCALE.exec(path);
    if (scale) {
      const key = `${scale[1]}/${scale[2]}`;
      if (!replicas.has(key)) return notFound(res, `deployments.apps "${scale[2]}"`);
      if (req.method === 'PUT') {
        replicas.set(key, (request.body as { spec: { replicas: number } }).spec.replicas);
        listeners.forEach((l) => l(request));
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
      listeners.forEach((l) => l(request));
      return send(res, 201, body);
    }
    if (loc && loc[2] && req.method === 'DELETE') {
      const key = `${loc[1]}/${loc[2]}`;
      if (!localizations.delete(key)) return notFound(res, `localizations.apps.clusternet.io "${loc[2]}"`);
      listeners.forEach((l) => l(request));
      return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success' });
    }
    return notFound(res, path);
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
    onChange: (listener) => listeners.push(listener),
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
