import type * as Pulumi from '@pulumi/pulumi';
import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { parseFleet } from '../../src/model';
import { offlineCertificateId, offlineRuntime } from '../../src/model/offline-runtime';
import type { Fleet } from '../../src/model/fleet-schema';
import type { FakeTencentCloud } from '../../src/testing/fake-tencent-cloud';
import { KUBERNETES_TYPES, TENCENTCLOUD_TYPES as T } from '../../src/cloud/type-tokens';
import { isEnvelope, underMocks, valueOf } from './support/under-mocks';
import { repoPath } from '../support/repo-root';

const CONFIG_GROUP = KUBERNETES_TYPES.configGroup;
const REGIONS = ['ap-beijing', 'ap-shanghai', 'ap-guangzhou'];

function input(stack: string): any {
  return parse(readFileSync(repoPath(`Pulumi.${stack}.yaml`), 'utf8')).config['qcbm:fleet'];
}

function objsOf(cloud: FakeTencentCloud, name: string): any[] {
  const objs = cloud.find(CONFIG_GROUP, name).inputs.objs;
  return (isEnvelope(objs) ? objs.value : objs) as any[];
}

/**
 * Builds the whole environment of a fleet under mocks, recording what every resource was made to depend on (by
 * logical name) and a few outputs.
 */
async function environment(fleet: Fleet) {
  return underMocks(async () => {
    const pulumi = await import('@pulumi/pulumi');
    const { QcbmEnvironment } = await import('../../src/cloud/environment/qcbm-environment');
    const dependsOn = new Map<string, Pulumi.Resource[]>();
    const capture: Pulumi.ResourceTransformation = (args) => {
      const deps = args.opts.dependsOn;
      if (Array.isArray(deps)) dependsOn.set(args.name, deps as Pulumi.Resource[]);
      return undefined;
    };
    const env = new QcbmEnvironment('qcbm', { fleet }, { transformations: [capture] });
    const nameOf = async (r: Pulumi.Resource) => (await valueOf(r.urn)).split('::').pop()!;
    const deps: Record<string, string[]> = {};
    for (const [name, resources] of dependsOn) deps[name] = (await Promise.all(resources.map(nameOf))).sort();
    const apm = env.apm;
    const token = env.credentials?.skywalkingToken;
    return {
      deps,
      apm: apm && {
        token: await valueOf(apm.token),
        tokenSecret: token !== undefined && (await pulumi.isSecret(token)),
        url: await valueOf(apm.publicCollectorUrl),
      },
      regions: Object.fromEntries(
        await Promise.all(
          Object.entries(env.regions).map(async ([k, r]) => [
            k,
            {
              vpcId: await valueOf(r.vpcId),
              nodeSubnetId: await valueOf(r.nodeSubnetId),
              dataSubnetId: await valueOf(r.dataSubnetId),
              natGatewayId: r.natGatewayId && (await valueOf(r.natGatewayId)),
            },
          ]),
        ),
      ),
    };
  });
}

describe('prod: tracing through an APM instance, a NAT gateway per site, delivery in order', () => {
  let cloud: FakeTencentCloud;
  let result: Awaited<ReturnType<typeof environment>>['result'];
  beforeAll(async () => {
    ({ cloud, result } = await environment(parseFleet(input('prod'))));
  });

  test('one APM instance, in the account-wide region, with the defaults', () => {
    const apm = cloud.ofType(T.apmInstance);
    expect(apm.map((a) => [a.name, a.provider])).toEqual([['qcbm-apm', 'tencentcloud-ap-beijing']]);
    expect(apm[0].inputs).toMatchObject({ name: 'qcbm-prod', traceDuration: 7, spanDailyCounters: 0 });
  });

  test("its collector is every cluster's, its token in every cluster's Secret, and the token stays secret", () => {
    const { apm } = result;
    expect(apm?.tokenSecret).toBe(true);
    const [, hostPort] = /^https:\/\/(.+)$/.exec(apm!.url)!;
    for (const cluster of ['beijing-01', 'shanghai-01', 'guangzhou-01']) {
      const raw = cloud.find(CONFIG_GROUP, `qcbm-${cluster}-app`).inputs.objs;
      expect(isEnvelope(raw)).toBe(true);
      const objs = objsOf(cloud, `qcbm-${cluster}-app`);
      const config = objs.find((o) => o.kind === 'ConfigMap');
      const secret = objs.find((o) => o.kind === 'Secret');
      expect([cluster, config.data.SW_AGENT_COLLECTOR_BACKEND_SERVICES]).toEqual([cluster, hostPort]);
      expect(Buffer.from(secret.data.SW_AGENT_AUTHENTICATION, 'base64').toString()).toBe(apm!.token);
      expect(apm!.token).not.toBe('');
    }
  });

  test('each site asked for egress gets an EIP, a NAT gateway on it and a default route for its node subnet', () => {
    for (const region of REGIONS) {
      const here = (type: string) =>
        cloud.ofType(type).filter((r) => r.provider === `tencentcloud-${region}`);
      const ids = result.regions[region];
      const [eip] = here(T.eipInstance);
      const [nat] = here(T.natGateway);
      const [table] = here(T.routeTable);
      const [route] = here(T.routeTableEntry);
      const [association] = here(T.routeTableAssociation);
      expect([region, here(T.eipInstance).length, here(T.natGateway).length]).toEqual([region, 1, 1]);
      expect(nat.inputs).toMatchObject({ vpcId: ids.vpcId, name: 'qcbm-nat' });
      expect(nat.inputs.assignedEipSets).toEqual([expect.stringMatching(/^203\.0\.113\.\d+$/)]);
      expect(eip.name).toBe(`${region}-nat-eip`);
      expect(table.inputs).toMatchObject({ vpcId: ids.vpcId });
      expect(route.inputs).toMatchObject({
        destinationCidrBlock: '0.0.0.0/0',
        nextType: 'NAT',
        nextHub: ids.natGatewayId,
      });
      expect(association.inputs).toEqual({
        routeTableId: route.inputs.routeTableId,
        subnetId: ids.nodeSubnetId,
      });
      expect(association.inputs.subnetId).not.toBe(ids.dataSubnetId);
      // The subnet moves to the table only once the route is in it.
      expect(result.deps[`${region}-nodes-routes-association`]).toEqual([`${region}-nodes-default-route`]);
    }
  });

  test("each cluster's app waits for its own site and, where it writes across regions, the primary's database and both CCN attachments", () => {
    const own = (site: string, mysql: boolean) => [
      ...(mysql ? [`${site}-mysql-account`, `${site}-mysql-db`, `${site}-mysql-privilege`] : []),
      `${site}-nacos`,
      `${site}-nodes-routes-association`,
      `${site}-redis`,
    ];
    expect(result.deps['qcbm-beijing-01-app']).toEqual(own('ap-beijing', true).sort());
    for (const [cluster, site] of [
      ['shanghai-01', 'ap-shanghai'],
      ['guangzhou-01', 'ap-guangzhou'],
    ]) {
      expect([cluster, result.deps[`qcbm-${cluster}-app`]]).toEqual([
        cluster,
        [...own(site, false), ...own('ap-beijing', true), `qcbm-ccn-${site}`, 'qcbm-ccn-ap-beijing'].sort(),
      ]);
    }
  });

  test("direct delivery relies on the Kubernetes provider's own await: skipAwait is false, no object opts out", () => {
    const groups = cloud.ofType(CONFIG_GROUP);
    expect(groups).toHaveLength(3);
    for (const g of groups) {
      expect([g.name, g.inputs.skipAwait]).toEqual([g.name, false]);
      const annotated = objsOf(cloud, g.name).filter(
        (o) => o.metadata?.annotations?.['pulumi.com/skipAwait'],
      );
      expect(annotated).toEqual([]);
    }
  });
});

describe('a site without a way out', () => {
  test('gets no NAT gateway and no route table; its app does not wait for one', async () => {
    const raw = input('prod');
    raw.cloud.regions[1].egress = 'none';
    const pulumiLog = await import('@pulumi/pulumi');
    const warned = jest.spyOn(pulumiLog.log, 'warn').mockResolvedValue(undefined);
    const { cloud, result } = await environment(parseFleet(raw));
    const inShanghai = (type: string) =>
      cloud.ofType(type).filter((r) => r.provider === 'tencentcloud-ap-shanghai');
    expect(
      [T.eipInstance, T.natGateway, T.routeTable, T.routeTableEntry, T.routeTableAssociation].map(
        (t) => inShanghai(t).length,
      ),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(cloud.ofType(T.natGateway)).toHaveLength(2);
    expect(result.deps['qcbm-shanghai-01-app']).not.toContain('ap-shanghai-nodes-routes-association');
    // `pulumi up` says that this cluster's traces go nowhere.
    expect(warned.mock.calls.map(([m]) => m)).toEqual([
      expect.stringMatching(
        /^shanghai-01: tracing: .*cannot be reached.*fleet\.cloud\.regions\[1\]\.egress: nat/,
      ),
    ]);
    warned.mockRestore();
  });
});

describe('the pull secret', () => {
  const ACCOUNT = { username: '100012345678', password: 'Registry-Pass-55' };
  const prodWith = (imagePullSecret?: unknown) => {
    const raw = input('prod');
    if (imagePullSecret !== undefined) raw.app.imagePullSecret = imagePullSecret;
    return parseFleet(raw);
  };
  async function deliver(fleet: Fleet, registryCredentials?: { username: string; password: string }) {
    return underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const { QcbmDelivery } = await import('../../src/cloud/delivery/qcbm-delivery');
      const runtime = offlineRuntime(fleet).runtime;
      new QcbmDelivery('qcbm', {
        fleet,
        mode: 'direct',
        clusters: runtime,
        tlsCertificateId: offlineCertificateId(fleet),
        kubeconfigs: Object.fromEntries(fleet.clusters.map((c) => [c.name, `kubeconfig-of-${c.name}`])),
        ...(registryCredentials ? { registryCredentials: pulumi.secret(registryCredentials) } : {}),
      });
    });
  }
  const deployments = (objs: any[]) => objs.filter((o) => o.kind === 'Deployment');
  const pullSecrets = (objs: any[]) => objs.filter((o) => o.type === 'kubernetes.io/dockerconfigjson');

  test('source pulumi: a dockerconfigjson Secret for the registry host in every cluster, referenced by every pod', async () => {
    const { cloud } = await deliver(prodWith({ source: 'pulumi' }), ACCOUNT);
    for (const cluster of ['beijing-01', 'shanghai-01', 'guangzhou-01']) {
      expect(isEnvelope(cloud.find(CONFIG_GROUP, `qcbm-${cluster}-app`).inputs.objs)).toBe(true);
      const objs = objsOf(cloud, `qcbm-${cluster}-app`);
      const [secret] = pullSecrets(objs);
      expect(secret.metadata).toEqual({ name: 'qcloudregistrykey', namespace: 'qcbm' });
      const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString());
      expect(config.auths['ccr.ccs.tencentyun.com']).toEqual({
        ...ACCOUNT,
        auth: Buffer.from(`${ACCOUNT.username}:${ACCOUNT.password}`).toString('base64'),
      });
      // The Secret is applied before the workloads that pull with it.
      expect(objs.indexOf(secret)).toBeLessThan(objs.indexOf(deployments(objs)[0]));
      for (const d of deployments(objs)) {
        expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: 'qcloudregistrykey' }]);
      }
    }
  });

  test('source pulumi without the account is refused before anything is registered', async () => {
    const { checkDeliveryArgs } = await import('../../src/cloud/delivery/qcbm-delivery');
    expect(() =>
      checkDeliveryArgs('qcbm', { fleet: prodWith({ source: 'pulumi' }), mode: 'direct', kubeconfigs: {} }),
    ).toThrow(/'registryCredentials' is required.*qcbm:registryUsername and qcbm:registryPassword/);
  });

  test('none (the default): no pod references a pull secret and none is made', async () => {
    const { cloud } = await deliver(prodWith());
    const objs = objsOf(cloud, 'qcbm-beijing-01-app');
    expect(deployments(objs)).toHaveLength(6);
    expect(deployments(objs).filter((d) => 'imagePullSecrets' in d.spec.template.spec)).toEqual([]);
    expect(pullSecrets(objs)).toEqual([]);
  });

  test('existing, and synth of source pulumi: referenced by name, never emitted (no credentials in files)', async () => {
    const { cloud } = await deliver(prodWith('tcr-pull'));
    const objs = objsOf(cloud, 'qcbm-shanghai-01-app');
    expect(pullSecrets(objs)).toEqual([]);
    expect(deployments(objs).map((d) => d.spec.template.spec.imagePullSecrets)).toEqual(
      Array(6).fill([{ name: 'tcr-pull' }]),
    );
    const fleet = prodWith({ source: 'pulumi' });
    const synthesized = synthesizeFleet(fleet, {
      runtime: offlineRuntime(fleet).runtime,
      tlsCertificateId: offlineCertificateId(fleet),
    });
    for (const objects of [synthesized.hubApp, ...Object.values(synthesized.clusters)]) {
      expect(pullSecrets(objects)).toEqual([]);
      expect(deployments(objects)[0].spec.template.spec.imagePullSecrets).toEqual([
        { name: 'qcloudregistrykey' },
      ]);
    }
  });
});

describe('hub mode: readiness read from the hub', () => {
  const dev = () => parseFleet(input('dev'));

  test('the check is given every member Deployment each cluster runs, and the Subscription that sends them', async () => {
    const calls: { expected: unknown[]; subscription: unknown; timeoutMs: number }[] = [];
    const { cloud, result } = await underMocks(async () => {
      const { QcbmDelivery } = await import('../../src/cloud/delivery/qcbm-delivery');
      const delivery = new QcbmDelivery('qcbm', {
        fleet: dev(),
        mode: 'hub',
        hubKubeconfig: 'hub-kubeconfig',
        readinessTimeoutSeconds: 120,
        hubReadinessCheck: async (input) => {
          calls.push({
            expected: [...input.expected],
            subscription: input.subscription,
            timeoutMs: input.timeoutMs,
          });
        },
      });
      return valueOf(delivery.hubReadiness!);
    });
    expect(result).toBe('ready');
    expect(calls).toHaveLength(1);
    expect(calls[0].subscription).toEqual({ name: 'qcbm-subscription', namespace: 'default' });
    expect(calls[0].timeoutMs).toBe(120_000);
    expect(calls[0].expected).toHaveLength(12);
    expect(calls[0].expected).toContainEqual({
      cluster: 'guangzhou-02',
      clusterId: '3c1a52d6-5d0e-4f4b-9a0c-7c2b8e6f1d42',
      namespace: 'qcbm',
      name: 'user-service',
      replicas: 1,
    });
    expect(cloud.ofType(CONFIG_GROUP).map((g) => g.name)).toEqual(['qcbm-hub-app', 'qcbm-hub-distribution']);
  });

  // The delivery registers this Output as its own output, so its rejection fails `pulumi up`; here it is read alone.
  test('a check that fails makes the readiness Output fail, with its message', async () => {
    const { result } = await underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const { RandomPassword } = await import('@pulumi/random/randomPassword');
      const { hubReadinessOf } = await import('../../src/cloud/delivery/hub-readiness-check');
      const fleet = dev();
      const readiness = hubReadinessOf({
        fleet,
        after: new RandomPassword('stand-in-for-the-distribution', { length: 8 }),
        hubKubeconfig: 'hub-kubeconfig',
        synthesized: pulumi.output(synthesizeFleet(fleet)),
        timeoutMs: 1000,
        check: async () => {
          throw new Error('guangzhou-02: Deployment qcbm/user-service: 0 of 1 ready');
        },
      });
      // An Output keeps more promises than its value's (whether it is known, secret); each rejects alike.
      const output = readiness as any;
      for (const p of [output.isKnown, output.isSecret, output.allResources?.()]) p?.catch(() => undefined);
      return output.promise().then(
        () => 'resolved',
        (e: Error) => e.message,
      );
    });
    expect(result).toBe('guangzhou-02: Deployment qcbm/user-service: 0 of 1 ready');
  });
});
