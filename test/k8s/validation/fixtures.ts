// Valid objects of every kind the validator knows: each rule test breaks one thing in one of them.

const labels = { app: 'web' };
const container = () => ({
  name: 'web',
  image: 'registry.example.com/web:1.0',
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '1Gi' } },
  readinessProbe: { httpGet: { path: '/health', port: 'http' } },
  livenessProbe: { tcpSocket: { port: 8080 } },
  volumeMounts: [{ name: 'logs', mountPath: '/logs' }],
});
const podTemplate = () => ({
  metadata: { labels: { ...labels }, annotations: { 'example.com/checksum': 'abc' } },
  spec: { containers: [container()], volumes: [{ name: 'logs', emptyDir: { sizeLimit: '1Gi' } }] },
});

export const validObjects = (): Record<string, any> => ({
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  ConfigMap: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web-env', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } },
    data: { 'application.yaml': 'a: 1', DB_HOST: '10.0.0.1' },
  },
  Secret: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'web-tls', namespace: 'shop' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
  },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      type: 'ClusterIP',
      selector: { ...labels },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'admin', port: 9000, targetPort: 9000, protocol: 'TCP' },
      ],
    },
  },
  Ingress: {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
  },
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 2, selector: { matchLabels: { ...labels } }, template: podTemplate() },
  },
  StatefulSet: {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'nacos', namespace: 'shop' },
    spec: {
      replicas: 3,
      serviceName: 'nacos-headless',
      selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'nacos'] }] },
      template: podTemplate(),
    },
  },
  Job: {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'schema-init', namespace: 'shop' },
    spec: {
      backoffLimit: 3,
      template: { ...podTemplate(), spec: { ...podTemplate().spec, restartPolicy: 'Never' } },
    },
  },
  CronJob: {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cleanup', namespace: 'shop' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: {
        spec: { template: { ...podTemplate(), spec: { ...podTemplate().spec, restartPolicy: 'OnFailure' } } },
      },
    },
  },
  PodDisruptionBudget: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { maxUnavailable: '25%', selector: { matchLabels: { ...labels } } },
  },
  Localization: {
    apiVersion: 'apps.clusternet.io/v1alpha1',
    kind: 'Localization',
    metadata: { name: 'web-override', namespace: 'clusternet-abcde' },
    spec: {
      priority: 300,
      overridePolicy: 'ApplyNow',
      feed: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' },
      overrides: [{ name: 'replicas', type: 'JSONPatch', value: '[]' }],
    },
  },
  Widget: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { anything: [1] } },
});
