import { Testing } from 'cdk8s';
import { NacosRegistry, type NacosRegistryProps, QcbmApp, type QcbmAppProps } from '../../../src/k8s';
import { inClusterNacosEndpoint, ValidationError } from '../../../src/model';
import { checkKubernetesHardening, QCBM_HARDENING_OPTIONS } from '../../../src/policy/kubernetes-hardening';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';

function synth(props: NacosRegistryProps = {}): any[] {
  const chart = Testing.chart();
  new NacosRegistry(chart, 'Nacos', props);
  return Testing.synth(chart);
}
const find = (objects: any[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const containerOf = (objects: any[]) =>
  find(objects, 'StatefulSet', 'nacos').spec.template.spec.containers[0];
const envOf = (objects: any[]) =>
  Object.fromEntries(containerOf(objects).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('NacosRegistry in cluster mode (the default)', () => {
  const objects = synth();

  test('a StatefulSet of three, a headless Service for the peers, a Service for the clients, a budget', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/qcbm/nacos-headless',
      'Service/qcbm/nacos',
      'StatefulSet/qcbm/nacos',
      'PodDisruptionBudget/qcbm/nacos',
    ]);
    const set = find(objects, 'StatefulSet', 'nacos').spec;
    expect(set).toMatchObject({
      replicas: 3,
      serviceName: 'nacos-headless',
      podManagementPolicy: 'Parallel',
    });
    expect(find(objects, 'PodDisruptionBudget', 'nacos').spec.maxUnavailable).toBe(1);
  });

  test('the official image, pinned', () => {
    expect(containerOf(objects).image).toBe('nacos/nacos-server:v2.3.2');
  });

  test('ports 8848, 9848, 7848 and 9849 between the peers; 8848 and 9848 for the clients', () => {
    const ports = (o: any) => o.spec.ports.map((p: any) => [p.name, p.port, p.targetPort]);
    expect(containerOf(objects).ports.map((p: any) => p.containerPort)).toEqual([8848, 9848, 7848, 9849]);
    const headless = find(objects, 'Service', 'nacos-headless');
    expect(headless.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(ports(headless)).toEqual([
      ['http', 8848, 8848],
      ['client-rpc', 9848, 9848],
      ['raft-rpc', 7848, 7848],
      ['peer-rpc', 9849, 9849],
    ]);
    const service = find(objects, 'Service', 'nacos');
    expect(service.spec.type).toBe('ClusterIP');
    expect(ports(service)).toEqual([
      ['http', 8848, 8848],
      ['client-rpc', 9848, 9848],
    ]);
    expect(service.spec.selector).toEqual(find(objects, 'StatefulSet', 'nacos').spec.selector.matchLabels);
  });

  test('cluster mode on embedded storage, the peers named under the headless Service', () => {
    const env = envOf(objects);
    expect(env).toMatchObject({
      MODE: 'cluster',
      PREFER_HOST_MODE: 'hostname',
      EMBEDDED_STORAGE: 'embedded',
      NACOS_SERVERS: [0, 1, 2].map((i) => `nacos-${i}.nacos-headless.qcbm.svc.cluster.local:8848`).join(' '),
    });
    expect(
      Object.keys(env).filter((k) => k.startsWith('MYSQL') || k === 'SPRING_DATASOURCE_PLATFORM'),
    ).toEqual([]);
  });

  test('the authentication Nacos 2.2+ requires, its keys from the Secret', () => {
    const env = envOf(objects);
    expect(env.NACOS_AUTH_ENABLE).toBe('true');
    for (const key of ['NACOS_AUTH_TOKEN', 'NACOS_AUTH_IDENTITY_KEY', 'NACOS_AUTH_IDENTITY_VALUE']) {
      expect(env[key]).toEqual({ secretKeyRef: { name: 'qcbm-keys', key, optional: false } });
    }
    expect(env.NACOS_PASSWORD).toEqual({
      secretKeyRef: { name: 'qcbm-keys', key: 'NACOS_PASSWORD', optional: true },
    });
    // No secret value is written into the manifests.
    expect(JSON.stringify(objects)).not.toMatch(/SecretKey0123|"value":"[A-Za-z0-9+/=]{40,}"/);
  });

  test("the Secret's password is set on the nacos user once the server answers, in the background", () => {
    const [shell, flag, script] = containerOf(objects).lifecycle.postStart.exec.command;
    expect([shell, flag]).toEqual(['/bin/sh', '-c']);
    expect(script).toMatch(/^\(\n/);
    expect(script).toMatch(/\n\) >\/dev\/null 2>&1 &$/);
    expect(script).toContain('/nacos/v1/console/health/readiness');
    expect(script).toContain('--data-urlencode "password=$1"');
    expect(script).toContain('-X PUT "http://127.0.0.1:8848/nacos/v1/auth/users?accessToken=$token"');
    expect(script).toContain('"newPassword=$NACOS_PASSWORD"');
  });

  test('probes on the health endpoints, a claim of 10 GB per replica for /home/nacos/data', () => {
    const container = containerOf(objects);
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/nacos/v1/console/health/readiness',
      port: 8848,
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/nacos/v1/console/health/liveness',
      port: 8848,
    });
    expect(container.volumeMounts).toEqual([{ name: 'data', mountPath: '/home/nacos/data' }]);
    const [claim] = find(objects, 'StatefulSet', 'nacos').spec.volumeClaimTemplates;
    expect(claim).toEqual({
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    });
  });

  test('every object validates against the Kubernetes schema', () => {
    expect(kubernetesSchemaErrors(objects)).toEqual([]);
    expect(kubernetesSchemaErrors(synth({ replicas: 1, storageGb: 20, storageClass: 'cbs-ssd' }))).toEqual(
      [],
    );
  });

  test('hardened but for root, which the image needs and the exemption states', () => {
    expect(checkKubernetesHardening(objects, QCBM_HARDENING_OPTIONS)).toEqual([]);
    expect(checkKubernetesHardening(objects).map((v) => `${v.rule} ${v.object}`)).toEqual([
      'run-as-non-root StatefulSet qcbm/nacos',
    ]);
    expect(containerOf(objects).securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });
});

describe('NacosRegistry in standalone mode', () => {
  const objects = synth({ replicas: 1, namespace: 'shop', secretName: 'shop-keys', storageGb: 20 });

  test('one replica, MODE=standalone, no peers, no budget, no spreading', () => {
    const set = find(objects, 'StatefulSet', 'nacos');
    expect(set.metadata.namespace).toBe('shop');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.template.spec.affinity).toBeUndefined();
    const env = envOf(objects);
    expect(env.MODE).toBe('standalone');
    expect(env.NACOS_SERVERS).toBeUndefined();
    expect(env.EMBEDDED_STORAGE).toBeUndefined();
    expect(env.NACOS_AUTH_TOKEN).toEqual({
      secretKeyRef: { name: 'shop-keys', key: 'NACOS_AUTH_TOKEN', optional: false },
    });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(set.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
  });

  test('its spec is what a cluster with these settings is given', () => {
    expect(
      NacosRegistry.specFor({ replicas: 1, namespace: 'shop', secretName: 'shop-keys', storageGb: 20 }),
    ).toEqual(find(objects, 'StatefulSet', 'nacos').spec);
  });

  test('replicas other than 1 or 3 are refused, naming the prop', () => {
    expect(() => synth({ replicas: 2 })).toThrow(ValidationError);
    expect(() => synth({ replicas: 2 })).toThrow(/props\.replicas: must be 1 \(standalone\) or 3/);
  });
});

describe('QcbmApp with its own Nacos', () => {
  const props: QcbmAppProps = {
    endpoints: {
      mysql: { host: '10.0.1.10', port: 3306 },
      redis: { host: '10.0.1.20', port: 6379 },
      nacos: inClusterNacosEndpoint('qcbm'),
      skywalking: { host: 'ap-guangzhou.tsw.tencentcloudapi.com', port: 11800 },
    },
    gatewaySubnetId: 'subnet-k8s00001',
    nacos: { replicas: 3 },
  };

  test('the registry is in the app, in its namespace, and the ConfigMap names its Service', () => {
    const chart = Testing.chart();
    const app = new QcbmApp(chart, 'Qcbm', props);
    const objects = Testing.synth(chart);
    expect(app.nacos?.host).toBe('nacos.qcbm.svc.cluster.local');
    expect(find(objects, 'ConfigMap', 'qcbm-env').data).toMatchObject({
      NACOS_HOST: 'nacos.qcbm.svc.cluster.local',
      NACOS_PORT: '8848',
    });
    expect(find(objects, 'StatefulSet', 'nacos').metadata.namespace).toBe('qcbm');
    expect(kubernetesSchemaErrors(objects)).toEqual([]);
    expect(checkKubernetesHardening(objects, QCBM_HARDENING_OPTIONS)).toEqual([]);
  });

  test('without it, the app has no Nacos', () => {
    const chart = Testing.chart();
    const app = new QcbmApp(chart, 'Qcbm', { ...props, nacos: undefined });
    expect(app.nacos).toBeUndefined();
    expect(Testing.synth(chart).filter((o: any) => o.kind === 'StatefulSet')).toEqual([]);
  });
});
