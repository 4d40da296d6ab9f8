import { Testing } from 'cdk8s';
import { QcbmApp, type QcbmAppProps, QcbmImagePullSecret, QcbmSecrets } from '../../../src/k8s';
import { MYSQL_CLIENT_COMPONENTS } from '../../../src/k8s/qcbm/qcbm-workloads';
import { ValidationError } from '../../../src/model';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';
import { thrownBy } from '../../support/thrown';

const ENDPOINTS: QcbmAppProps['endpoints'] = {
  mysql: { host: '10.0.1.10', port: 3306 },
  redis: { host: '10.0.1.20', port: 6379 },
  nacos: { host: '10.0.1.30', port: 8848 },
  skywalking: { host: 'ap-guangzhou.tsw.tencentcloudapi.com', port: 11800 },
};
const BASE: QcbmAppProps = { endpoints: ENDPOINTS, gatewaySubnetId: 'subnet-k8s00001' };

function synth(props: Partial<QcbmAppProps> = {}) {
  const chart = Testing.chart();
  new QcbmApp(chart, 'Qcbm', { ...BASE, ...props });
  return Testing.synth(chart);
}
const find = (objects: any[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('QcbmApp objects', () => {
  test('every object of the guide, in dependency order, with its names', () => {
    expect(synth({ schemaInit: false }).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/qcbm',
      'ConfigMap/qcbm-env',
      'Deployment/user-service',
      'Deployment/store-service',
      'Deployment/qcbm-gateway',
      'Deployment/qcbm-front',
      'Deployment/order-service',
      'Deployment/favorites-service',
      'Service/qcbm-front',
      'Service/api-gateway',
      'Ingress/qcbm-ingress',
    ]);
  });

  test('MYSQL_CLIENT_COMPONENTS: the Deployments whose pods read MYSQL_HOST, and no other', () => {
    const readers = synth({ schemaInit: false })
      .filter((o) => o.kind === 'Deployment')
      .filter((d) => d.spec.template.spec.containers[0].env?.some((e: any) => e.name === 'MYSQL_HOST'))
      .map((d) => d.metadata.name);
    expect(readers).toEqual(['user-service', 'store-service', 'order-service', 'favorites-service']);
    expect(MYSQL_CLIENT_COMPONENTS).toEqual(readers);
  });

  test('the ConfigMap holds the endpoints', () => {
    expect(find(synth(), 'ConfigMap', 'qcbm-env')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'qcbm-env', namespace: 'qcbm' },
      data: {
        MYSQL_HOST: '10.0.1.10',
        MYSQL_PORT: '3306',
        NACOS_HOST: '10.0.1.30',
        NACOS_PORT: '8848',
        REDIS_HOST: '10.0.1.20',
        REDIS_PORT: '6379',
        SW_AGENT_COLLECTOR_BACKEND_SERVICES: 'ap-guangzhou.tsw.tencentcloudapi.com:11800',
      },
    });
  });

  test('Services and Ingress as the guide has them, Ingress as networking.k8s.io/v1', () => {
    const objects = synth();
    expect(find(objects, 'Service', 'qcbm-front').spec).toEqual({
      type: 'NodePort',
      selector: { app: 'qcbm-front', version: 'v1' },
      ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }],
    });
    expect(find(objects, 'Service', 'api-gateway')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'api-gateway',
        namespace: 'qcbm',
        labels: { app: 'api-gateway' },
        annotations: { 'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid': 'subnet-k8s00001' },
      },
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        selector: { app: 'qcbm-gateway', version: 'v1' },
        ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP', nodePort: 32500 }],
      },
    });
    expect(find(objects, 'Ingress', 'qcbm-ingress')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'qcbm-ingress',
        namespace: 'qcbm',
        annotations: {
          'kubernetes.io/ingress.class': 'qcloud',
          'ingress.cloud.tencent.com/direct-access': 'false',
          'kubernetes.io/ingress.extensiveParameters': '{"AddressIPVersion":"IPV4"}',
        },
      },
      spec: {
        rules: [
          {
            host: 'qcbm.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'qcbm-front', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
  });

  test('a dubbo service reads every config and secret key, in the guide order', () => {
    const [container] = find(synth(), 'Deployment', 'user-service').spec.template.spec.containers;
    expect(container.image).toBe('ccr.ccs.tencentyun.com/qcbm/user-service:1.1.4');
    expect(container.ports).toEqual([{ name: 'dubbo', containerPort: 20880, protocol: 'TCP' }]);
    expect(container.env.map((e: any) => [e.name, Object.keys(e.valueFrom)[0]])).toEqual([
      ['NACOS_HOST', 'configMapKeyRef'],
      ['NACOS_PORT', 'configMapKeyRef'],
      ['MYSQL_HOST', 'configMapKeyRef'],
      ['MYSQL_PORT', 'configMapKeyRef'],
      ['REDIS_HOST', 'configMapKeyRef'],
      ['REDIS_PORT', 'configMapKeyRef'],
      ['MYSQL_ACCOUNT', 'secretKeyRef'],
      ['MYSQL_PASSWORD', 'secretKeyRef'],
      ['REDIS_PASSWORD', 'secretKeyRef'],
      ['SW_AGENT_COLLECTOR_BACKEND_SERVICES', 'configMapKeyRef'],
      ['SW_AGENT_AUTHENTICATION', 'secretKeyRef'],
      ['NACOS_ACCOUNT', 'secretKeyRef'],
      ['NACOS_PASSWORD', 'secretKeyRef'],
    ]);
    expect(container.env[6].valueFrom.secretKeyRef).toEqual({
      key: 'MYSQL_ACCOUNT',
      name: 'qcbm-keys',
      optional: false,
    });
    // The services fall back to nacos/nacos without them: a Secret made before these keys keeps working.
    expect(container.env[12].valueFrom.secretKeyRef).toEqual({
      key: 'NACOS_PASSWORD',
      name: 'qcbm-keys',
      optional: true,
    });
  });

  test('the gateway reads only Nacos (and its login) and SkyWalking; the front reads nothing', () => {
    const objects = synth();
    const gatewayEnv = find(objects, 'Deployment', 'qcbm-gateway').spec.template.spec.containers[0].env.map(
      (e: any) => e.name,
    );
    expect(gatewayEnv).toEqual([
      'NACOS_HOST',
      'NACOS_PORT',
      'SW_AGENT_COLLECTOR_BACKEND_SERVICES',
      'SW_AGENT_AUTHENTICATION',
      'NACOS_ACCOUNT',
      'NACOS_PASSWORD',
    ]);
    const front = find(objects, 'Deployment', 'qcbm-front').spec.template.spec.containers[0];
    expect(front.env).toBeUndefined();
    expect(front.image).toBe('ccr.ccs.tencentyun.com/qcbm/qcbm-front:1.1.3');
  });

  test('every object validates against the Kubernetes schema, with and without every option', () => {
    expect(kubernetesSchemaErrors(synth())).toEqual([]);
    const everything = synth({
      replicas: 3,
      hostPathVolumes: true,
      secrets: QcbmSecrets.fromValues({
        mysqlAccount: 'a',
        mysqlPassword: 'b',
        redisPassword: 'c',
        swAgentAuthentication: 'd',
      }),
      gatewayHealthCheckPath: '/health',
    });
    expect(kubernetesSchemaErrors(everything)).toEqual([]);
  });
});

describe('secrets', () => {
  test('by default no Secret is emitted and the workloads reference qcbm-keys', () => {
    const objects = synth();
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(objects)).toContain('"name":"qcbm-keys"');
  });

  test('fromValues emits an Opaque Secret with base64 data after the ConfigMap', () => {
    const objects = synth({
      secrets: QcbmSecrets.fromValues({
        mysqlAccount: 'qcbm',
        mysqlPassword: 'p@ss',
        redisPassword: 'r',
        swAgentAuthentication: 'tok',
      }),
    });
    expect(objects[2]).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'qcbm-keys', namespace: 'qcbm', labels: { 'qcloud-app': 'qcbm-keys' } },
      type: 'Opaque',
      data: {
        MYSQL_ACCOUNT: 'cWNibQ==',
        MYSQL_PASSWORD: 'cEBzcw==',
        REDIS_PASSWORD: 'cg==',
        SW_AGENT_AUTHENTICATION: 'dG9r',
      },
    });
  });
});

describe('production defaults', () => {
  test('probes, resources and a locked-down security context on every container', () => {
    const objects = synth();
    const spec = (name: string) => find(objects, 'Deployment', name).spec.template.spec;
    const user = spec('user-service');
    expect(user.containers[0].readinessProbe.tcpSocket).toEqual({ port: 20880 });
    expect(user.containers[0].resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(user.containers[0].securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(user.securityContext).toEqual({
      seccompProfile: { type: 'RuntimeDefault' },
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
    });
    expect(user.volumes).toEqual([
      { name: 'dumpath', emptyDir: {} },
      { name: 'logpath', emptyDir: {} },
    ]);
    expect(spec('qcbm-front').containers[0].livenessProbe.httpGet).toEqual({ path: '/', port: 80 });
    expect(spec('qcbm-front').securityContext.runAsNonRoot).toBeUndefined();
    // The gateway answers /api/sysinfo/backend by itself: a failing Dubbo service does not restart it.
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      expect(spec('qcbm-gateway').containers[0][probe].httpGet).toEqual({
        path: '/api/sysinfo/backend',
        port: 8080,
      });
    }
    for (const name of ['user-service', 'store-service', 'order-service', 'favorites-service']) {
      expect(spec(name).containers[0].livenessProbe).toMatchObject({ tcpSocket: { port: 20880 } });
      expect(spec(name).containers[0].livenessProbe.httpGet).toBeUndefined();
    }
  });

  test('the gateway can be probed on its TCP port instead (gatewayHealthCheckPath: false)', () => {
    const gateway = find(synth({ gatewayHealthCheckPath: false }), 'Deployment', 'qcbm-gateway').spec.template
      .spec.containers[0];
    expect(gateway.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(gateway.readinessProbe.httpGet).toBeUndefined();
    expect(() => synth({ gatewayHealthCheckPath: 'health' as string })).toThrow(
      /gatewayHealthCheckPath: must be an absolute HTTP path, or false for a TCP probe/,
    );
  });

  test('each default can be overridden', () => {
    const objects = synth({
      gatewayHealthCheckPath: '/health',
      components: {
        'order-service': {
          probes: false,
          runAsNonRoot: false,
          resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
        },
      },
      hostPathVolumes: true,
    });
    const order = find(objects, 'Deployment', 'order-service').spec.template.spec;
    expect(order.containers[0].readinessProbe).toBeUndefined();
    expect(order.securityContext.runAsNonRoot).toBeUndefined();
    expect(order.containers[0].resources.limits).toEqual({ cpu: '2', memory: '2Gi' });
    expect(order.volumes[0]).toEqual({
      name: 'dumpath',
      hostPath: { path: '/data/dumps/order-service', type: 'DirectoryOrCreate' },
    });
    expect(
      find(objects, 'Deployment', 'qcbm-gateway').spec.template.spec.containers[0].readinessProbe.httpGet,
    ).toEqual({ path: '/health', port: 8080 });
  });

  test('a PodDisruptionBudget and zone anti-affinity only where replicas > 1', () => {
    const objects = synth({ components: { 'store-service': { replicas: 3 } } });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).toEqual([
      'store-service',
    ]);
    expect(find(objects, 'PodDisruptionBudget', 'store-service').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { app: 'store-service', version: 'v1' } },
    });
    const store = find(objects, 'Deployment', 'store-service').spec.template.spec;
    expect(
      store.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm
        .topologyKey,
    ).toBe('topology.kubernetes.io/zone');
    expect(find(objects, 'Deployment', 'user-service').spec.template.spec.affinity).toBeUndefined();
  });

  test('disruptionBudgets names the components with a budget, whatever their replicas here', () => {
    const chart = Testing.chart();
    const app = new QcbmApp(chart, 'Qcbm', {
      ...BASE,
      replicas: 2,
      disruptionBudgets: ['order-service', 'user-service'],
    });
    const objects = Testing.synth(chart);
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name)).toEqual([
      'user-service',
      'order-service',
    ]);
    expect(app.disruptionBudget('user-service')?.kind).toBe('PodDisruptionBudget');
    expect(app.disruptionBudget('store-service')).toBeUndefined();
    expect(find(objects, 'Deployment', 'store-service').spec.template.spec.affinity).toBeDefined();
    expect(() => app.disruptionBudget('nope' as never)).toThrow(/'nope' is not a QCBM component/);
  });
});

describe('invalid props', () => {
  const attempt = (props: Partial<QcbmAppProps>): ValidationError =>
    thrownBy(() => synth(props as QcbmAppProps)) as ValidationError;

  test.each([
    [{ components: { 'no-such': {} } as never }, 'QcbmApp.components["no-such"]', /is not a QCBM component/],
    [
      { components: { 'user-service': { imageTag: 'latest' } } },
      'QcbmApp.components["user-service"].imageTag',
      /pinned image tag/,
    ],
    [{ replicas: -1 }, 'QcbmApp.replicas', /from 0 to 1000/],
    [{ disruptionBudgets: ['no-such'] as never }, 'QcbmApp.disruptionBudgets[0]', /user-service/],
    [
      {
        components: {
          'qcbm-front': {
            resources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
          },
        },
      },
      'QcbmApp.components["qcbm-front"].resources.requests.cpu',
      /CPU quantity/,
    ],
    [{ nodePorts: { front: 80 } }, 'QcbmApp.nodePorts.front', /30000-32767/],
    [{ gatewaySubnetId: 'sub-1' }, 'QcbmApp.gatewaySubnetId', /subnet id/],
    [
      { endpoints: { ...ENDPOINTS, mysql: { host: 'http://db', port: 0 } } },
      'QcbmApp.endpoints.mysql.port',
      /TCP port/,
    ],
  ])('%j is refused at %s', (props, path, message) => {
    const error = attempt(props);
    expect(ValidationError.isValidationError(error)).toBe(true);
    const issue = error.issues.find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
    expect(issue?.fix.length).toBeGreaterThan(0);
  });

  test('every problem is reported at once', () => {
    expect(
      attempt({
        replicas: 1.5,
        gatewaySubnetId: 'x',
        endpoints: { ...ENDPOINTS, redis: { host: 'Bad Host', port: 6379 } },
      }).issues.map((i) => i.path),
    ).toEqual(['QcbmApp.endpoints.redis.host', 'QcbmApp.gatewaySubnetId', 'QcbmApp.replicas']);
  });
});

describe('HTTPS on the published name (tls)', () => {
  const REDIRECT = 'ingress.cloud.tencent.com/auto-rewrite';

  test('a Secret with the certificate id under qcloud_cert_id, the Ingress tls naming it, HTTP redirected', () => {
    const objects = synth({ ingressHost: 'www.qcbm.com', tls: { certificateId: 'Kx7pQ2mZ' } });
    const secret = find(objects, 'Secret', 'qcbm-tls');
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'qcbm-tls', namespace: 'qcbm', labels: { 'qcloud-app': 'qcbm-tls' } },
      type: 'Opaque',
      data: { qcloud_cert_id: Buffer.from('Kx7pQ2mZ').toString('base64') },
    });
    const ingress = find(objects, 'Ingress', 'qcbm-ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: ['www.qcbm.com'], secretName: 'qcbm-tls' }]);
    expect(ingress.metadata.annotations).toMatchObject({
      [REDIRECT]: 'true',
      'ingress.cloud.tencent.com/rewrite-support': 'true',
    });
    // The rules still serve the published name; the controller makes them HTTPS rules because of tls.
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['www.qcbm.com']);
  });

  test('the Secret can be named; without tls there is neither Secret nor tls nor redirect', () => {
    const named = synth({ tls: { certificateId: 'Kx7pQ2mZ', secretName: 'shop-cert' } });
    expect(find(named, 'Secret', 'shop-cert').data.qcloud_cert_id).toBe(
      Buffer.from('Kx7pQ2mZ').toString('base64'),
    );
    expect(find(named, 'Ingress', 'qcbm-ingress').spec.tls[0].secretName).toBe('shop-cert');

    const plain = synth();
    expect(plain.filter((o: any) => o.kind === 'Secret')).toEqual([]);
    const ingress = find(plain, 'Ingress', 'qcbm-ingress');
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations[REDIRECT]).toBeUndefined();
  });

  test('a certificate id that is not one is refused, naming the field', () => {
    for (const certificateId of ['', 'not an id']) {
      expect(() => synth({ tls: { certificateId } })).toThrow(
        /QcbmApp\.tls\.certificateId: must be an SSL certificate id/,
      );
    }
  });
});

describe('QcbmApp image pull secret', () => {
  const pullOf = (objects: any[]) =>
    objects.filter((o) => o.kind === 'Deployment').map((d) => d.spec.template.spec.imagePullSecrets);

  test("by default the guide's qcloudregistrykey is referenced, and a name is short for an existing Secret", () => {
    expect(new Set(pullOf(synth()).map((p) => JSON.stringify(p)))).toEqual(
      new Set(['[{"name":"qcloudregistrykey"}]']),
    );
    expect(pullOf(synth({ imagePullSecret: 'tcr-pull' }))[0]).toEqual([{ name: 'tcr-pull' }]);
    expect(synth().some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('none: no pod references a pull secret', () => {
    const objects = synth({ imagePullSecret: QcbmImagePullSecret.none() });
    expect(pullOf(objects)).toEqual(Array(6).fill(undefined));
  });

  test('from credentials: a dockerconfigjson Secret in the namespace, before the workloads, referenced by each', () => {
    const objects = synth({
      imagePullSecret: QcbmImagePullSecret.fromCredentials(
        { server: 'ccr.ccs.tencentyun.com', username: 'u-1', password: 'Pull-Pass-1' },
        'pull',
      ),
    });
    const secret = find(objects, 'Secret', 'pull');
    expect(secret).toMatchObject({ type: 'kubernetes.io/dockerconfigjson', metadata: { namespace: 'qcbm' } });
    expect(JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString())).toEqual({
      auths: {
        'ccr.ccs.tencentyun.com': {
          username: 'u-1',
          password: 'Pull-Pass-1',
          auth: Buffer.from('u-1:Pull-Pass-1').toString('base64'),
        },
      },
    });
    expect(objects.indexOf(secret)).toBeLessThan(objects.findIndex((o) => o.kind === 'Deployment'));
    expect(pullOf(objects)).toEqual(Array(6).fill([{ name: 'pull' }]));
    expect(kubernetesSchemaErrors(objects)).toEqual([]);
  });
});
