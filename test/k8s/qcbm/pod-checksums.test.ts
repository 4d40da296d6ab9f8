import { createHash } from 'crypto';
import { Chart, Testing } from 'cdk8s';
import { QcbmApp, QcbmSecrets } from '../../../src/k8s';
import {
  CONFIG_CHECKSUM_ANNOTATION as CONFIG,
  hmacSecretChecksum,
  podChecksums,
  SECRET_CHECKSUM_ANNOTATION as SECRET,
} from '../../../src/k8s/qcbm/pod-checksums';
import { QCBM_COMPONENT_NAMES } from '../../../src/model';

const configMap = (name: string, data: Record<string, string>, namespace = 'shop') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const secret = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'keys', namespace: 'shop' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});
const ref = (kind: 'configMapKeyRef' | 'secretKeyRef', name: string, key: string) => ({
  name: key,
  valueFrom: { [kind]: { name, key } },
});

/** A Deployment reading env.HOST and (in an init container) env.PASSWORD, and all of `extra` through envFrom. */
const workload = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        initContainers: [{ name: 'init', env: [ref('secretKeyRef', 'keys', 'PASSWORD')] }],
        containers: [
          {
            name: 'web',
            env: [{ name: 'PLAIN', value: 'x' }, ref('configMapKeyRef', 'env', 'HOST')],
            envFrom: [{ configMapRef: { name: 'extra' } }],
          },
        ],
      },
    },
  },
};
const REVISION_ONLY = { revision: '1' };

function checksums(
  env: Record<string, string>,
  extra: Record<string, string> = {},
  secrets = REVISION_ONLY,
  values: Record<string, string> = { PASSWORD: 'Pw-1', OTHER: 'o' },
) {
  return podChecksums(workload, [configMap('env', env), configMap('extra', extra), secret(values)], secrets);
}

describe('podChecksums', () => {
  test('changes with a value the pod reads and with nothing else', () => {
    const base = checksums({ HOST: 'a', UNREAD: '1' }, { FLAG: 'on' });
    expect(base[CONFIG]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(checksums({ HOST: 'a', UNREAD: '2' }, { FLAG: 'on' })).toEqual(base);
    expect(checksums({ UNREAD: '1', HOST: 'a' }, { FLAG: 'on' })).toEqual(base);
    expect(checksums({ HOST: 'b', UNREAD: '1' }, { FLAG: 'on' })[CONFIG]).not.toBe(base[CONFIG]);
    // envFrom reads every key of its ConfigMap, one added too.
    expect(checksums({ HOST: 'a', UNREAD: '1' }, { FLAG: 'off' })[CONFIG]).not.toBe(base[CONFIG]);
    expect(checksums({ HOST: 'a', UNREAD: '1' }, { FLAG: 'on', MORE: '1' })[CONFIG]).not.toBe(base[CONFIG]);
    // A missing key is a value of its own.
    expect(checksums({ UNREAD: '1' }, { FLAG: 'on' })[CONFIG]).not.toBe(base[CONFIG]);
  });

  test("reads the workload's own namespace only", () => {
    const here = podChecksums(workload, [configMap('env', { HOST: 'a' })], REVISION_ONLY);
    const elsewhere = [configMap('env', { HOST: 'a' }), configMap('env', { HOST: 'b' }, 'other')];
    expect(podChecksums(workload, elsewhere, REVISION_ONLY)).toEqual(here);
  });

  test('a pod that reads nothing gets no annotation; one that reads no Secret gets no secret annotation', () => {
    const plain = { ...workload, spec: { template: { spec: { containers: [{ name: 'web' }] } } } };
    expect(podChecksums(plain, [configMap('env', { HOST: 'a' })], REVISION_ONLY)).toEqual({});
    const configOnly = {
      ...workload,
      spec: {
        template: { spec: { containers: [{ name: 'web', env: [ref('configMapKeyRef', 'env', 'HOST')] }] } },
      },
    };
    expect(Object.keys(podChecksums(configOnly, [], REVISION_ONLY))).toEqual([CONFIG]);
  });

  test('without a key the secret annotation is the revision, whatever the values', () => {
    expect(checksums({ HOST: 'a' })[SECRET]).toBe('revision:1');
    expect(checksums({ HOST: 'a' }, {}, REVISION_ONLY, { PASSWORD: 'changed' })[SECRET]).toBe('revision:1');
    expect(checksums({ HOST: 'a' }, {}, { revision: '2026-11-24' })[SECRET]).toBe('revision:2026-11-24');
  });

  test('with a key: an HMAC of the values read, never their plain hash, that follows value, key and revision', () => {
    const signed = (values: Record<string, string>, key = 'Key-A', revision = '1') =>
      checksums({ HOST: 'a' }, {}, hmacSecretChecksum(key, revision), values)[SECRET];
    const base = signed({ PASSWORD: 'Pw-1', OTHER: 'o' });
    expect(base).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(signed({ PASSWORD: 'Pw-1', OTHER: 'unread' })).toBe(base);
    expect(signed({ PASSWORD: 'Pw-2', OTHER: 'o' })).not.toBe(base);
    expect(signed({ PASSWORD: 'Pw-1', OTHER: 'o' }, 'Key-B')).not.toBe(base);
    expect(signed({ PASSWORD: 'Pw-1', OTHER: 'o' }, 'Key-A', '2')).not.toBe(base);
    const plainHashes = ['Pw-1', Buffer.from('Pw-1').toString('base64')].map((v) =>
      createHash('sha256').update(v).digest('hex'),
    );
    for (const h of plainHashes) expect(base).not.toContain(h);
    expect(base).not.toContain('Key-A');
    expect(() => hmacSecretChecksum('', '1')).toThrow(/key is empty/);
  });
});

describe("QcbmApp's Deployments carry the checksums of what they read", () => {
  const ENDPOINTS = {
    mysql: { host: '10.0.1.10', port: 3306 },
    redis: { host: '10.0.1.20', port: 6379 },
    nacos: { host: '10.0.1.30', port: 8848 },
    skywalking: { host: 'collector.example.com', port: 11800 },
  };
  const VALUES = {
    mysqlAccount: 'qcbm',
    mysqlPassword: 'App-Mysql-Pw-1',
    redisPassword: 'App-Redis-Pw-1',
    swAgentAuthentication: 'App-Token-1',
  };
  function annotations(change: (e: typeof ENDPOINTS) => void = () => {}, secrets?: QcbmSecrets) {
    const endpoints = structuredClone(ENDPOINTS);
    change(endpoints);
    const chart = new Chart(Testing.app(), 'test');
    new QcbmApp(chart, 'Qcbm', { endpoints, gatewaySubnetId: 'subnet-00000001', secrets });
    const objects = chart.toJson();
    return Object.fromEntries(
      objects
        .filter((o) => o.kind === 'Deployment')
        .map((d) => [d.metadata.name, d.spec.template.metadata.annotations ?? {}]),
    ) as Record<string, Record<string, string>>;
  }
  const changed = (a: Record<string, Record<string, string>>, b: typeof a, key: string) =>
    QCBM_COMPONENT_NAMES.filter((n) => a[n][key] !== b[n][key]);

  test('the front reads nothing; a MySQL change reaches the services, not the gateway', () => {
    const base = annotations();
    expect(base['qcbm-front']).toEqual({});
    expect(Object.keys(base['qcbm-gateway']).sort()).toEqual([CONFIG, SECRET]);
    expect(
      changed(
        base,
        annotations((e) => (e.mysql.host = '10.0.9.10')),
        CONFIG,
      ),
    ).toEqual(['user-service', 'store-service', 'order-service', 'favorites-service']);
    expect(
      changed(
        base,
        annotations((e) => (e.nacos.port = 8849)),
        CONFIG,
      ),
    ).toEqual(QCBM_COMPONENT_NAMES.filter((n) => n !== 'qcbm-front'));
    expect(changed(base, annotations(), CONFIG)).toEqual([]);
  });

  test('with the values and a key, a Redis password change reaches the services, the token the gateway too', () => {
    const signed = (values: typeof VALUES) =>
      annotations(undefined, QcbmSecrets.fromValues(values, 'qcbm-keys', { checksumKey: 'App-Key-1' }));
    const base = signed(VALUES);
    expect(base['user-service'][SECRET]).toMatch(/^hmac-sha256:/);
    expect(changed(base, signed({ ...VALUES, redisPassword: 'App-Redis-Pw-2' }), SECRET)).toEqual([
      'user-service',
      'store-service',
      'order-service',
      'favorites-service',
    ]);
    expect(changed(base, signed({ ...VALUES, swAgentAuthentication: 'App-Token-2' }), SECRET)).toEqual(
      QCBM_COMPONENT_NAMES.filter((n) => n !== 'qcbm-front'),
    );
    expect(JSON.stringify(base)).not.toContain('App-Key-1');
  });

  test('a referenced Secret carries its revision', () => {
    const revised = annotations(undefined, QcbmSecrets.fromExistingSecret('qcbm-keys', { revision: '7' }));
    expect(revised['order-service'][SECRET]).toBe('revision:7');
    expect(annotations()['order-service'][SECRET]).toBe('revision:1');
  });
});
