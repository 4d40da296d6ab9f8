import { offlineCertificateId } from '../../src/model/offline-runtime';
import type { QcbmDeliveryArgs } from '../../src/cloud/delivery/qcbm-delivery';
import type { ClusterRuntime } from '../../src/model/cluster-runtime';
import type { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { isEnvelope, underMocks, valueOf } from './support/under-mocks';
import { repoPath } from '../support/repo-root';
import { KUBERNETES_TYPES, RANDOM_TYPES } from '../../src/cloud/type-tokens';

const CONFIG_GROUP = KUBERNETES_TYPES.configGroup;
const K8S_PROVIDER = KUBERNETES_TYPES.provider;
const prod = loadFleetFromStackFile(repoPath('Pulumi.prod.yaml'));
const dev = loadFleetFromStackFile(repoPath('Pulumi.dev.yaml'));

/** Distinct values per cluster, as the regions would report them. */
function runtimeFor(names: readonly string[]): Record<string, ClusterRuntime> {
  return Object.fromEntries(
    names.map((name, i) => [
      name,
      {
        endpoints: {
          mysql: { host: `10.9${i}.16.5`, port: 3306 },
          redis: { host: `10.9${i}.16.6`, port: 6379 },
          skywalking: { host: 'apm.collector.example.com', port: 11800 },
          nacos: { host: `10.9${i}.16.7`, port: 8848 },
        },
        gatewaySubnetId: `subnet-run0000${i}`,
        loadBalancers: { ingressClbId: `lb-ingress0${i}`, gatewayClbId: `lb-gateway0${i}` },
      },
    ]),
  );
}

const SECRETS = {
  mysqlAccount: 'qcbm',
  mysqlPassword: 'Delivery-Mysql-Secret-7',
  redisPassword: 'Delivery-Redis-Secret-7',
  swAgentAuthentication: 'Delivery-Token-Secret-7',
};

async function deliver(args: Omit<QcbmDeliveryArgs, 'secrets'> & { withSecrets?: boolean }) {
  return underMocks(async () => {
    const pulumi = await import('@pulumi/pulumi');
    const { QcbmDelivery } = await import('../../src/cloud/delivery/qcbm-delivery');
    const clusters = Object.fromEntries(
      Object.entries(args.clusters ?? {}).map(([k, v]) => [k, pulumi.output(v)]),
    );
    const delivery = new QcbmDelivery('qcbm', {
      tlsCertificateId: offlineCertificateId(args.fleet),
      ...args,
      clusters,
      secrets: args.withSecrets ? pulumi.secret(SECRETS) : undefined,
    });
    return {
      digest: await valueOf(delivery.hubManifestsDigest),
      digestSecret: await pulumi.isSecret(delivery.hubManifestsDigest),
      warnings: await valueOf(delivery.overrideWarnings),
    };
  });
}

function objsOf(cloud: FakeTencentCloud, name: string): any[] {
  const objs = cloud.find(CONFIG_GROUP, name).inputs.objs;
  return (isEnvelope(objs) ? objs.value : objs) as any[];
}

describe('direct delivery (prod: three regions)', () => {
  const names = prod.clusters.map((c) => c.name);
  const runtime = runtimeFor(names);
  let cloud: FakeTencentCloud;
  let digestSecret: boolean;
  beforeAll(async () => {
    ({
      cloud,
      result: { digestSecret },
    } = await deliver({
      fleet: prod,
      mode: 'direct',
      clusters: runtime,
      kubeconfigs: Object.fromEntries(names.map((n) => [n, `kubeconfig-of-${n}`])),
      withSecrets: true,
    }));
  });

  test('one Kubernetes provider and one ConfigGroup per cluster, with names that cannot collide', () => {
    expect(cloud.ofType(K8S_PROVIDER).map((r) => r.name)).toEqual(names.map((n) => `qcbm-${n}`));
    // The engine registers each ConfigGroup once its manifests are serialized: the order is not the program's.
    const byName = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
    expect(
      cloud
        .ofType(CONFIG_GROUP)
        .map((r) => [r.name, r.provider as string])
        .sort(byName),
    ).toEqual(names.map((n) => [`qcbm-${n}-app`, `qcbm-${n}`]).sort(byName));
    for (const n of names) {
      expect(cloud.find(K8S_PROVIDER, `qcbm-${n}`).inputs).toMatchObject({ clusterIdentifier: n });
    }
  });

  test("each region's cache, subnet and CLBs reach only its own cluster; every cluster writes to the primary", () => {
    expect(names).not.toHaveLength(0);
    names.forEach((name, i) => {
      const own = JSON.stringify(objsOf(cloud, `qcbm-${name}-app`));
      const configMap = objsOf(cloud, `qcbm-${name}-app`).find((o) => o.kind === 'ConfigMap');
      // prod's data.mysql.primaryRegion is ap-beijing: beijing-01's MySQL is the one writable, and every cluster
      // writes to it through its private name, not its address (10.90.16.5 here).
      expect(configMap.data).toMatchObject({
        MYSQL_HOST: 'mysql.qcbm-prod.internal',
        REDIS_HOST: `10.9${i}.16.6`,
      });
      expect(own).not.toContain('10.90.16.5');
      expect(own).toContain(`subnet-run0000${i}`);
      expect(own).toContain(`lb-ingress0${i}`);
      expect(own).toContain(`lb-gateway0${i}`);
      names.forEach((_other, j) => {
        if (j === i) return;
        expect([name, own.includes(`10.9${j}.16.6`)]).toEqual([name, false]);
        expect([name, own.includes(`lb-gateway0${j}`)]).toEqual([name, false]);
      });
    });
  });

  test('the manifests, Secret included, reach the engine as a secret; the Secret holds the values', () => {
    expect(names).not.toHaveLength(0);
    for (const name of names) {
      const raw = cloud.find(CONFIG_GROUP, `qcbm-${name}-app`).inputs.objs;
      expect(isEnvelope(raw)).toBe(true);
      const secret = objsOf(cloud, `qcbm-${name}-app`).find((o) => o.kind === 'Secret');
      expect(Buffer.from(secret.data.MYSQL_PASSWORD, 'base64').toString()).toBe(SECRETS.mysqlPassword);
    }
    const providers = cloud.ofType(K8S_PROVIDER);
    expect(providers).toHaveLength(names.length);
    for (const p of providers) expect(typeof p.inputs.kubeconfig).toBe('string');
  });

  test('the manifests digest is published in the clear and holds no secret', () => {
    expect(digestSecret).toBe(false);
  });
});

describe('hub delivery (dev: the guide, two clusters with hub namespaces)', () => {
  const names = dev.clusters.map((c) => c.name);
  const runtime = runtimeFor(names);
  let cloud: FakeTencentCloud;
  beforeAll(async () => {
    ({ cloud } = await deliver({
      fleet: dev,
      mode: 'hub',
      clusters: runtime,
      hubKubeconfig: 'hub-kubeconfig',
    }));
  });

  test('templates go to the shadow API and the distribution objects to the hub, through one provider', () => {
    expect(cloud.ofType(K8S_PROVIDER).map((r) => r.name)).toEqual(['qcbm-hub']);
    const templates = objsOf(cloud, 'qcbm-hub-app');
    expect(new Set(templates.map((o) => o.apiVersion))).toEqual(new Set(['shadow/v1alpha1']));
    expect(templates.map((o) => o.kind)).toContain('Deployment');
    const distribution = objsOf(cloud, 'qcbm-hub-distribution');
    expect(new Set(distribution.map((o) => o.kind))).toEqual(new Set(['Subscription', 'Localization']));
    expect(cloud.ofType(CONFIG_GROUP).every((g) => g.provider === 'qcbm-hub')).toBe(true);
  });

  test("the second cluster's MySQL host appears only in its own Localization; the first's only in the templates", () => {
    const [first, second] = dev.clusters;
    const templates = JSON.stringify(objsOf(cloud, 'qcbm-hub-app'));
    const localizations = objsOf(cloud, 'qcbm-hub-distribution').filter((o) => o.kind === 'Localization');
    const holding = (host: string) =>
      localizations.filter((l) => JSON.stringify(l).includes(host)).map((l) => l.metadata.namespace);
    expect(templates).toContain('10.90.16.5');
    expect(holding('10.90.16.5')).toEqual([]);
    expect(templates).not.toContain('10.91.16.5');
    expect([...new Set(holding('10.91.16.5'))]).toEqual([second.hubNamespace]);
    expect(first.hubNamespace).not.toEqual(second.hubNamespace);
  });

  test('without secrets the Secret is referenced, not emitted', () => {
    expect(objsOf(cloud, 'qcbm-hub-app').some((o) => o.kind === 'Secret')).toBe(false);
  });
});

describe("the pods' checksum of the Secret values", () => {
  const names = prod.clusters.map((c) => c.name);
  const direct = (secretsChecksumKey?: string) =>
    deliver({
      fleet: prod,
      mode: 'direct',
      clusters: runtimeFor(names),
      kubeconfigs: Object.fromEntries(names.map((n) => [n, `kubeconfig-of-${n}`])),
      withSecrets: true,
      secretsChecksumKey,
    });
  const secretChecksums = (cloud: FakeTencentCloud) =>
    names.flatMap((n) =>
      objsOf(cloud, `qcbm-${n}-app`)
        .filter((o) => o.kind === 'Deployment' && o.metadata.name !== 'qcbm-front')
        .map((d) => d.spec.template.metadata.annotations['checksum/secret'] as string),
    );

  test('is an HMAC under a key the delivery generates once and keeps secret, found in no manifest', async () => {
    const { cloud } = await direct();
    const keys = cloud.ofType(RANDOM_TYPES.password);
    expect(keys.map((k) => [k.name, k.inputs.length, k.inputs.special])).toEqual([
      ['qcbm-secrets-checksum-key', 32, false],
    ]);
    const checksums = secretChecksums(cloud);
    expect(checksums).toHaveLength(names.length * 5);
    for (const c of checksums) expect(c).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    // The mocks' generated values all start so; none reaches the clusters.
    for (const n of names) expect(JSON.stringify(objsOf(cloud, `qcbm-${n}-app`))).not.toContain('planned-');
  });

  test('a given key is used instead: nothing is generated, and another key gives other checksums', async () => {
    const a = await direct('Given-Checksum-Key-A');
    const b = await direct('Given-Checksum-Key-B');
    expect(a.cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    expect(secretChecksums(a.cloud)).toEqual(secretChecksums((await direct('Given-Checksum-Key-A')).cloud));
    expect(secretChecksums(b.cloud)[0]).not.toBe(secretChecksums(a.cloud)[0]);
    expect(JSON.stringify(objsOf(a.cloud, `qcbm-${names[0]}-app`))).not.toContain('Given-Checksum-Key-A');
  });

  test('without the values nothing is generated, and the checksum is the revision', async () => {
    const { cloud } = await deliver({ fleet: dev, mode: 'hub', hubKubeconfig: 'k' });
    expect(cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    const deployment = objsOf(cloud, 'qcbm-hub-app').find((o) => o.metadata.name === 'user-service');
    expect(deployment.spec.template.metadata.annotations['checksum/secret']).toBe('revision:1');
  });
});

describe('the hub manifests digest', () => {
  const names = dev.clusters.map((c) => c.name);
  test('is stable for the same inputs and changes with an endpoint', async () => {
    const args = { fleet: dev, mode: 'hub' as const, hubKubeconfig: 'k' };
    const a = await deliver({ ...args, clusters: runtimeFor(names) });
    const b = await deliver({ ...args, clusters: runtimeFor(names) });
    const changed = runtimeFor(names);
    const c = await deliver({
      ...args,
      clusters: {
        ...changed,
        [names[1]]: { ...changed[names[1]], endpoints: { mysql: { host: '10.77.0.1', port: 3306 } } },
      },
    });
    expect(a.result.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.result.digest).toBe(a.result.digest);
    expect(c.result.digest).not.toBe(a.result.digest);
  });
});

describe('overrides the hub applies only through a leniency', () => {
  test('are published as overrideWarnings and logged as warnings of the delivery', async () => {
    const fleet = JSON.parse(JSON.stringify(dev));
    fleet.differences = {
      'guangzhou-02': {
        components: {},
        annotations: [],
        patches: [
          {
            type: 'JSONPatch',
            target: { kind: 'ConfigMap', name: 'qcbm-env' },
            operations: [{ op: 'replace', path: '/data/FEATURE_FLAGS', value: 'beta' }],
          },
        ],
      },
    };
    const pulumi = await import('@pulumi/pulumi');
    const logged = jest.spyOn(pulumi.log, 'warn').mockResolvedValue(undefined);
    const { result } = await deliver({ fleet, mode: 'hub', hubKubeconfig: 'kubeconfig-of-hub' });
    expect(result.warnings).toEqual([
      expect.stringContaining('replaces the missing key /data/FEATURE_FLAGS: the hub adds it'),
    ]);
    expect(logged.mock.calls.map(([message]) => message)).toEqual(result.warnings);
    logged.mockRestore();
  });
});

describe('checkDeliveryArgs', () => {
  test('rejects a mode without what it needs, and unknown clusters, before registering anything', async () => {
    const { checkDeliveryArgs } = await import('../../src/cloud/delivery/qcbm-delivery');
    expect(() => checkDeliveryArgs('qcbm', { fleet: dev, mode: 'hub' })).toThrow(
      /'hubKubeconfig' is required/,
    );
    expect(() =>
      checkDeliveryArgs('qcbm', { fleet: prod, mode: 'direct', kubeconfigs: { 'beijing-01': 'k' } }),
    ).toThrow(/'kubeconfigs' lacks shanghai-01, guangzhou-01/);
    expect(() =>
      checkDeliveryArgs('qcbm', {
        fleet: dev,
        mode: 'hub',
        hubKubeconfig: 'k',
        clusters: { 'nowhere-01': {} },
      }),
    ).toThrow(/'clusters' names nowhere-01/);
  });
});
