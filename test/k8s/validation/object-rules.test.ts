import { formatIssue } from '../../../src/model/validation-error';
import { ManifestValidator } from '../../../src/k8s/validation/manifest-validator';
import { validObjects } from './fixtures';

/** The issues of one object as cluster "c1" receives it, formatted as users read them. */
function issuesOf(object: unknown): string[] {
  return new ManifestValidator().issues(new Map([['c1', [object]]])).map(formatIssue);
}

/** [kind, what breaks, the change, the one issue expected (from the start of the line)]. */
type Case = [kind: string, label: string, change: (o: any) => void, expected: string];

const CASES: Case[] = [
  // Names and metadata, every kind
  [
    'Deployment',
    'a name that is not a DNS-1123 subdomain',
    (o) => (o.metadata.name = '../../x'),
    'cluster "c1", Deployment shop/../../x, /metadata/name: must be a DNS-1123 subdomain',
  ],
  [
    'Service',
    'a Service name that starts with a digit (DNS-1035 label)',
    (o) => (o.metadata.name = '1web'),
    'cluster "c1", Service shop/1web, /metadata/name: must be a DNS-1035 label',
  ],
  [
    'Namespace',
    'a Namespace name with a dot (DNS-1123 label)',
    (o) => (o.metadata.name = 'shop.eu'),
    'cluster "c1", Namespace shop.eu, /metadata/name: must be a DNS-1123 label',
  ],
  [
    'ConfigMap',
    'a namespace that is not a DNS-1123 label',
    (o) => (o.metadata.namespace = 'Shop'),
    'cluster "c1", ConfigMap Shop/web-env, /metadata/namespace: must be a DNS-1123 label',
  ],
  [
    'Widget',
    'an unknown kind still needs a name',
    (o) => delete o.metadata.name,
    'cluster "c1", Widget (no name), /metadata/name: is required',
  ],
  [
    'Widget',
    'an unknown kind gets the metadata rules: label key',
    (o) => (o.metadata.labels = { 'a~2b': 'x' }),
    'cluster "c1", Widget w1, /metadata/labels/a~02b: key must be a Kubernetes label or annotation key',
  ],
  [
    'ConfigMap',
    'a label key with a prefix longer than 253',
    (o) => (o.metadata.labels = { [`${'a'.repeat(254)}/x`]: 'v' }),
    `cluster "c1", ConfigMap shop/web-env, /metadata/labels/${'a'.repeat(254)}~1x: key must be a Kubernetes label`,
  ],
  [
    'ConfigMap',
    'a label name longer than 63',
    (o) => (o.metadata.labels = { ['n'.repeat(64)]: 'v' }),
    `cluster "c1", ConfigMap shop/web-env, /metadata/labels/${'n'.repeat(64)}: key must be a Kubernetes label`,
  ],
  [
    'ConfigMap',
    'a label value with a space',
    (o) => (o.metadata.labels = { tier: 'front end' }),
    'cluster "c1", ConfigMap shop/web-env, /metadata/labels/tier: must be a Kubernetes label value',
  ],
  [
    'Deployment',
    'an annotation key with two slashes',
    (o) => (o.metadata.annotations = { 'a/b/c': 'x' }),
    'cluster "c1", Deployment shop/web, /metadata/annotations/a~1b~1c: key must be a Kubernetes label or annotation key',
  ],
  [
    'Deployment',
    'annotations over 256 KiB',
    (o) => (o.metadata.annotations = { big: 'x'.repeat(256 * 1024) }),
    'cluster "c1", Deployment shop/web, /metadata/annotations: hold 262147 bytes',
  ],
  // Schemas
  [
    'Deployment',
    'replicas as a string',
    (o) => (o.spec.replicas = 'three'),
    'cluster "c1", Deployment shop/web, /spec/replicas: must be a whole number (32-bit) (found "three")',
  ],
  [
    'Deployment',
    'replicas 1.5',
    (o) => (o.spec.replicas = 1.5),
    'cluster "c1", Deployment shop/web, /spec/replicas: must be a whole number (32-bit) (found 1.5)',
  ],
  [
    'Deployment',
    'a misspelt field',
    (o) => (o.spec.replica = 3),
    'cluster "c1", Deployment shop/web, /spec/replica: is not a field of DeploymentSpec in Kubernetes 1.34.0 (the API server refuses unknown fields). Fix: did you mean replicas?',
  ],
  [
    'Deployment',
    'a container without a name (required)',
    (o) => delete o.spec.template.spec.containers[0].name,
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/name: is required in Container',
  ],
  [
    'Deployment',
    'a memory limit that is not a quantity',
    (o) => (o.spec.template.spec.containers[0].resources.limits.memory = '1 GB'),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/resources/limits/memory: must be a Kubernetes quantity',
  ],
  [
    'Secret',
    'data that is not base64',
    (o) => (o.data['tls.key'] = 'not base64!'),
    'cluster "c1", Secret shop/web-tls, /data/tls.key: must be base64-encoded',
  ],
  [
    'Localization',
    'a Clusternet override type its CRD does not have',
    (o) => (o.spec.overrides[0].type = 'StrategicMergePatch'),
    'cluster "c1", Localization clusternet-abcde/web-override, /spec/overrides/0/type: must be one of Helm, JSONPatch, MergePatch, FieldJSONPatch, FieldMergePatch',
  ],
  [
    'Localization',
    'a Clusternet field its CRD does not have',
    (o) => (o.spec.overidePolicy = 'ApplyNow'),
    'cluster "c1", Localization clusternet-abcde/web-override, /spec/overidePolicy: is not a field of LocalizationSpec',
  ],
  [
    'Localization',
    'a Clusternet override without its value (required)',
    (o) => delete o.spec.overrides[0].value,
    'cluster "c1", Localization clusternet-abcde/web-override, /spec/overrides/0/value: is required in LocalizationSpecOverrides',
  ],
  // Replicas and selectors
  [
    'Deployment',
    'negative replicas',
    (o) => (o.spec.replicas = -5),
    'cluster "c1", Deployment shop/web, /spec/replicas: must be 0 or more (found -5)',
  ],
  [
    'StatefulSet',
    'negative replicas',
    (o) => (o.spec.replicas = -1),
    'cluster "c1", StatefulSet shop/nacos, /spec/replicas: must be 0 or more (found -1)',
  ],
  [
    'Job',
    'negative backoffLimit',
    (o) => (o.spec.backoffLimit = -1),
    'cluster "c1", Job shop/schema-init, /spec/backoffLimit: must be 0 or more (found -1)',
  ],
  [
    'Deployment',
    'a selector that does not match the template labels',
    (o) => (o.spec.template.metadata.labels = { app: 'other' }),
    'cluster "c1", Deployment shop/web, /spec/selector: does not match the labels of its pod template (/spec/template/metadata/labels)',
  ],
  [
    'StatefulSet',
    'a matchExpressions selector that does not match',
    (o) => (o.spec.selector.matchExpressions[0].operator = 'NotIn'),
    'cluster "c1", StatefulSet shop/nacos, /spec/selector: does not match the labels of its pod template',
  ],
  [
    'Deployment',
    'an empty selector',
    (o) => (o.spec.selector = {}),
    'cluster "c1", Deployment shop/web, /spec/selector: must select something',
  ],
  [
    'PodDisruptionBudget',
    'an In requirement without values',
    (o) => (o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }),
    'cluster "c1", PodDisruptionBudget shop/web, /spec/selector/matchExpressions/0/values: must not be empty with operator In',
  ],
  [
    'PodDisruptionBudget',
    'an unknown selector operator',
    (o) => (o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Equals' }] }),
    'cluster "c1", PodDisruptionBudget shop/web, /spec/selector/matchExpressions/0/operator: must be one of In, NotIn, Exists, DoesNotExist',
  ],
  [
    'PodDisruptionBudget',
    'maxUnavailable that is not a percentage',
    (o) => (o.spec.maxUnavailable = 'half'),
    'cluster "c1", PodDisruptionBudget shop/web, /spec/maxUnavailable: must be 0 or more, or a percentage',
  ],
  [
    'PodDisruptionBudget',
    'minAvailable and maxUnavailable together',
    (o) => (o.spec.minAvailable = 1),
    'cluster "c1", PodDisruptionBudget shop/web, /spec/maxUnavailable: cannot be set together with minAvailable',
  ],
  // Pods
  [
    'Deployment',
    'a container port 0',
    (o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 0),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/ports/0/containerPort: must be a port from 1 to 65535 (found 0)',
  ],
  [
    'StatefulSet',
    'a container port 70000',
    (o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 70000),
    'cluster "c1", StatefulSet shop/nacos, /spec/template/spec/containers/0/ports/0/containerPort: must be a port from 1 to 65535 (found 70000)',
  ],
  [
    'Deployment',
    'a port name longer than 15',
    (o) => (o.spec.template.spec.containers[0].ports[0].name = 'http-management-port'),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/ports/0/name: must be a port name',
  ],
  [
    'Deployment',
    'a probe on port 0',
    (o) => (o.spec.template.spec.containers[0].livenessProbe.tcpSocket.port = 0),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/livenessProbe/tcpSocket/port: must be a port from 1 to 65535',
  ],
  [
    'Deployment',
    'a container name that is not a DNS-1123 label',
    (o) => (o.spec.template.spec.containers[0].name = 'Web_1'),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/name: must be a DNS-1123 label',
  ],
  [
    'Deployment',
    'two containers of one name',
    (o) => o.spec.template.spec.containers.push({ ...o.spec.template.spec.containers[0], ports: [] }),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/1/name: repeats the container name "web"',
  ],
  [
    'Deployment',
    'a container without an image',
    (o) => delete o.spec.template.spec.containers[0].image,
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/image: is required',
  ],
  [
    'Deployment',
    'a mount of a volume the pod does not have',
    (o) => (o.spec.template.spec.volumes = []),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/volumeMounts/0/name: names a volume the pod does not have',
  ],
  [
    'Deployment',
    'an unknown image pull policy',
    (o) => (o.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes'),
    'cluster "c1", Deployment shop/web, /spec/template/spec/containers/0/imagePullPolicy: must be one of Always, IfNotPresent, Never',
  ],
  [
    'Deployment',
    'a Deployment pod that does not always restart',
    (o) => (o.spec.template.spec.restartPolicy = 'Never'),
    'cluster "c1", Deployment shop/web, /spec/template/spec/restartPolicy: must be Always for this kind',
  ],
  [
    'Job',
    'a Job pod left to restart Always',
    (o) => delete o.spec.template.spec.restartPolicy,
    'cluster "c1", Job shop/schema-init, /spec/template/spec/restartPolicy: must be OnFailure or Never for this kind (left out, it is Always)',
  ],
  [
    'CronJob',
    'a CronJob pod template label value with a slash',
    (o) => (o.spec.jobTemplate.spec.template.metadata.labels.app = 'a/b'),
    'cluster "c1", CronJob shop/cleanup, /spec/jobTemplate/spec/template/metadata/labels/app: must be a Kubernetes label value',
  ],
  // Services and Ingresses
  [
    'Service',
    'a port 0',
    (o) => (o.spec.ports[0].port = 0),
    'cluster "c1", Service shop/web, /spec/ports/0/port: must be a port from 1 to 65535 (found 0)',
  ],
  [
    'Service',
    'a target port 65536',
    (o) => (o.spec.ports[1].targetPort = 65536),
    'cluster "c1", Service shop/web, /spec/ports/1/targetPort: must be a port from 1 to 65535 (found 65536)',
  ],
  [
    'Service',
    'an unnamed port among two',
    (o) => delete o.spec.ports[1].name,
    'cluster "c1", Service shop/web, /spec/ports/1/name: is required where a Service has more than one port',
  ],
  [
    'Service',
    'a type that does not exist',
    (o) => (o.spec.type = 'Internal'),
    'cluster "c1", Service shop/web, /spec/type: must be one of ClusterIP, NodePort, LoadBalancer, ExternalName',
  ],
  [
    'Service',
    'a selector label value too long',
    (o) => (o.spec.selector.app = 'x'.repeat(64)),
    'cluster "c1", Service shop/web, /spec/selector/app: must be a Kubernetes label value',
  ],
  [
    'Ingress',
    'a host with a port',
    (o) => (o.spec.rules[0].host = 'shop.example.com:443'),
    'cluster "c1", Ingress shop/web, /spec/rules/0/host: must be a DNS-1123 subdomain, optionally starting with "*."',
  ],
  [
    'Ingress',
    'a TLS host in upper case',
    (o) => (o.spec.tls[0].hosts[0] = 'Shop.example.com'),
    'cluster "c1", Ingress shop/web, /spec/tls/0/hosts/0: must be a DNS-1123 subdomain',
  ],
  [
    'Ingress',
    'a TLS secret name with an underscore',
    (o) => (o.spec.tls[0].secretName = 'web_tls'),
    'cluster "c1", Ingress shop/web, /spec/tls/0/secretName: must be a DNS-1123 subdomain',
  ],
  [
    'Ingress',
    'a backend port 0',
    (o) => (o.spec.rules[0].http.paths[0].backend.service.port.number = 0),
    'cluster "c1", Ingress shop/web, /spec/rules/0/http/paths/0/backend/service/port/number: must be a port from 1 to 65535',
  ],
  [
    'Ingress',
    'a path without a path type',
    (o) => delete o.spec.rules[0].http.paths[0].pathType,
    'cluster "c1", Ingress shop/web, /spec/rules/0/http/paths/0/pathType: is required in HTTPIngressPath',
  ],
  [
    'Ingress',
    'an unknown path type',
    (o) => (o.spec.rules[0].http.paths[0].pathType = 'Regex'),
    'cluster "c1", Ingress shop/web, /spec/rules/0/http/paths/0/pathType: must be one of Exact, Prefix, ImplementationSpecific',
  ],
  [
    'Ingress',
    'a relative Prefix path',
    (o) => (o.spec.rules[0].http.paths[0].path = 'api'),
    'cluster "c1", Ingress shop/web, /spec/rules/0/http/paths/0/path: must be an absolute path with pathType Prefix',
  ],
  // Data
  [
    'ConfigMap',
    'a data key with a slash',
    (o) => (o.data['conf/app.yaml'] = 'x'),
    'cluster "c1", ConfigMap shop/web-env, /data/conf~1app.yaml: key must be a data key',
  ],
  [
    'ConfigMap',
    'a key in data and binaryData',
    (o) => (o.binaryData = { DB_HOST: 'eA==' }),
    'cluster "c1", ConfigMap shop/web-env, /binaryData/DB_HOST: is a key of data and of binaryData',
  ],
  [
    'Secret',
    'more than 1 MiB of data',
    (o) => (o.stringData = { big: 'x'.repeat(1024 * 1024) }),
    'cluster "c1", Secret shop/web-tls: holds',
  ],
];

describe('every valid object of every kind passes', () => {
  test.each(Object.entries(validObjects()))('%s', (_kind, object) => {
    expect(issuesOf(object)).toEqual([]);
  });
});

describe('each rule refuses one broken field, naming the cluster, the object and the JSON path', () => {
  test.each(CASES)('%s: %s', (kind, _label, change, expected) => {
    const object = validObjects()[kind];
    change(object);
    const issues = issuesOf(object);
    expect(issues).toHaveLength(1);
    expect(issues[0].startsWith(expected)).toBe(true);
    expect(issues[0]).toMatch(/\. Fix: \S/);
  });

  test('the kinds the app and its neighbours render are all covered', () => {
    const kinds = new Set(CASES.map(([kind]) => kind));
    for (const kind of Object.keys(validObjects())) expect([kind, kinds.has(kind)]).toEqual([kind, true]);
  });

  test('null reads as "not set", as the API server reads it; a wrong type is reported once', () => {
    const deployment = validObjects().Deployment;
    deployment.spec.strategy = null;
    deployment.spec.template.spec.containers[0].ports[0].hostPort = null;
    expect(issuesOf(deployment)).toEqual([]);
    deployment.metadata.labels = { app: 7 };
    expect(issuesOf(deployment)).toEqual([
      'cluster "c1", Deployment shop/web, /metadata/labels/app: must be a string (found 7). Fix: quote the value',
    ]);
  });

  test('an object that is not one, and an object without apiVersion or kind', () => {
    expect(issuesOf('kind: Deployment')).toEqual([
      'cluster "c1", (no kind) (no name): must be a Kubernetes object (found "kind: Deployment"). Fix: give an object with apiVersion, kind and metadata',
    ]);
    expect(issuesOf({ metadata: { name: 'x' } }).map((i) => i.replace(/:.*/, ''))).toEqual([
      'cluster "c1", (no kind) x, /apiVersion',
      'cluster "c1", (no kind) x, /kind',
    ]);
  });
});
