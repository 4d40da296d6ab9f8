import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { STACK_OUTPUTS_VERSION, stackOutputsSchema } from '../../src/model/stack-outputs';
import { ValidationError } from '../../src/model/validation-error';
import { EXTERNAL_CLUSTER, sharedRegionFleetInput } from './support/shared-region-fleet';
import { isEnvelope, underMocks, valueOf } from './support/under-mocks';
import { repoPath } from '../support/repo-root';
import {
  KUBERNETES_TYPES,
  QCBM_TYPES,
  RANDOM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../../src/cloud/type-tokens';

function stackFleet(stack: string): any {
  const doc = parse(readFileSync(repoPath(`Pulumi.${stack}.yaml`), 'utf8'));
  return doc.config['qcbm:fleet'];
}

/** Runs the stack program (src/program/index.ts, as `pulumi up` does) under mocks with this config. */
async function runProgram(fleet: unknown, extra: Record<string, string> = {}) {
  const config = { 'qcbm:fleet': JSON.stringify(fleet), ...extra };
  const secretKeys = Object.keys(extra);
  return underMocks(
    async () => {
      const pulumi = await import('@pulumi/pulumi');
      try {
        let exported: Record<string, unknown> = {};
        jest.isolateModules(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program runs at require, afresh
          exported = require('../../src/program/index');
        });
        const outputs = pulumi.output({ ...exported });
        const secretOutputs: string[] = [];
        for (const [key, value] of Object.entries(exported)) {
          if (await pulumi.isSecret(pulumi.output(value))) secretOutputs.push(key);
        }
        return { outputs: await valueOf(outputs), secretOutputs, error: undefined };
      } catch (error) {
        // The program reports a user error as a RunError (printed without a trace) caused by the ValidationError.
        return { outputs: undefined, secretOutputs: [], error: ((error as Error).cause ?? error) as Error };
      }
    },
    config,
    secretKeys,
  );
}

describe('the program on prod', () => {
  let run: Awaited<ReturnType<typeof runProgram>>;
  beforeAll(async () => {
    run = await runProgram(stackFleet('prod'));
  });

  test('builds every region with its own provider and delivers to each cluster', () => {
    const { cloud, result } = run;
    expect(result.error).toBeUndefined();
    expect(cloud.ofType(TENCENTCLOUD_PROVIDER_TYPE).map((p) => p.inputs.region)).toEqual([
      'ap-beijing',
      'ap-shanghai',
      'ap-guangzhou',
    ]);
    expect(cloud.ofType(QCBM_TYPES.region).map((r) => r.name)).toEqual([
      'ap-beijing',
      'ap-shanghai',
      'ap-guangzhou',
    ]);
    const inRegion = (type: string, region: string) =>
      cloud.ofType(type).filter((r) => r.provider === `tencentcloud-${region}`).length;
    // One writable MySQL, in the primary region (Beijing); the others hold its disaster-recovery instances.
    const perRegion = (type: string) =>
      ['ap-beijing', 'ap-shanghai', 'ap-guangzhou'].map((r) => inRegion(type, r));
    expect(perRegion(TENCENTCLOUD_TYPES.tkeCluster)).toEqual([1, 1, 1]);
    expect(perRegion(TENCENTCLOUD_TYPES.redisInstance)).toEqual([1, 1, 1]);
    expect(perRegion(TENCENTCLOUD_TYPES.mysqlInstance)).toEqual([1, 0, 0]);
    expect(perRegion(TENCENTCLOUD_TYPES.mysqlDrInstance)).toEqual([0, 1, 1]);
    // The engine registers each ConfigGroup once its manifests are serialized: the order is not the program's.
    expect(
      cloud
        .ofType(KUBERNETES_TYPES.configGroup)
        .map((g) => g.name)
        .sort(),
    ).toEqual(['qcbm-beijing-01-app', 'qcbm-guangzhou-01-app', 'qcbm-shanghai-01-app']);
  });

  test("each cluster is deployed with its own region's kubeconfig, as a secret", () => {
    const providers = run.cloud.ofType(KUBERNETES_TYPES.provider);
    expect(providers.length).toBeGreaterThanOrEqual(3);
    for (const p of providers) {
      expect(isEnvelope(p.inputs.kubeconfig)).toBe(true);
      expect(String((p.inputs.kubeconfig as any).value)).toContain(p.name.replace('qcbm-', '').split('-')[0]);
    }
  });

  test("one generated MySQL password: the primary's account and every cluster's Secret; none in the outputs", () => {
    const accounts = run.cloud.ofType(TENCENTCLOUD_TYPES.mysqlAccount);
    expect(accounts.map((a) => a.provider)).toEqual(['tencentcloud-ap-beijing']);
    const password = (accounts[0].inputs.password as any).value as string;
    const primary = (run.result.outputs as any).sites['ap-beijing'].mysql;
    for (const cluster of ['beijing-01', 'shanghai-01', 'guangzhou-01']) {
      const objs = run.cloud.find(KUBERNETES_TYPES.configGroup, `qcbm-${cluster}-app`).inputs.objs as any;
      expect(isEnvelope(objs)).toBe(true);
      const secret = objs.value.find((o: any) => o.kind === 'Secret');
      expect(Buffer.from(secret.data.MYSQL_PASSWORD, 'base64').toString()).toBe(password);
      // Every cluster writes to the primary, whatever its own region holds, through its one private name.
      const config = objs.value.find((o: any) => o.kind === 'ConfigMap');
      expect([cluster, config.data.MYSQL_HOST]).toEqual([cluster, 'mysql.qcbm-prod.internal']);
    }
    const [record] = run.cloud.ofType(TENCENTCLOUD_TYPES.privateDnsRecord);
    expect(record.inputs.recordValue).toBe(primary.host);
    expect(JSON.stringify(run.result.outputs)).not.toContain(password);
  });

  test('stack outputs: per site the cluster id, VIPs and data endpoints, and the digest; only the kubeconfigs secret', () => {
    const outputs = run.result.outputs as any;
    // The drill reads the kubeconfigs with --show-secrets; everything else is shown as it is.
    expect(run.result.secretOutputs).toEqual(['kubeconfigs']);
    expect(Object.keys(outputs.kubeconfigs)).toEqual(['beijing-01', 'shanghai-01', 'guangzhou-01']);
    expect(outputs.version).toBe(STACK_OUTPUTS_VERSION);
    expect(outputs.delivery).toBe('direct');
    expect(Object.keys(outputs.sites)).toEqual(['ap-beijing', 'ap-shanghai', 'ap-guangzhou']);
    expect(outputs.sites['ap-shanghai']).toEqual({
      cluster: 'shanghai-01',
      region: 'ap-shanghai',
      role: 'active',
      clusterId: expect.stringMatching(/^cls-/),
      ingressVip: expect.any(String),
      gatewayVip: expect.stringMatching(/^10\.120\./),
      redis: { host: expect.stringMatching(/^10\.120\.16\./), port: 6379 },
      // Its TSE Nacos, in its data subnet.
      nacos: { host: expect.stringMatching(/^10\.120\.16\./), port: 8848 },
    });
    expect(outputs.sites['ap-beijing'].mysql).toEqual({
      host: expect.stringMatching(/^10\.110\.16\./),
      port: 3306,
    });
    expect(outputs.sites['ap-beijing'].mysqlInstanceId).toMatch(/^cdb-/);
    expect(Object.keys(outputs.data.drInstances)).toEqual(['ap-shanghai', 'ap-guangzhou']);
    expect(outputs.data.ccnId).toMatch(/^ccn-/);
    expect(outputs.traffic).toMatchObject({ mode: 'igtm', publishedName: 'www.qcbm.com' });
    expect(Object.keys(outputs.traffic.clusters)).toEqual(['beijing-01', 'shanghai-01', 'guangzhou-01']);
    expect(outputs.hubManifestsDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  test('what the program exports is the one shape of src/model/stack-outputs.ts, field for field', () => {
    // Strict: a field the component exports and the schema does not know fails here.
    expect(stackOutputsSchema.parse(run.result.outputs)).toEqual(run.result.outputs);
  });
});

describe('the program with DNSPod records in place of IGTM', () => {
  test('exports the same shape: each cluster with its record ids, no IGTM instance or strategies', async () => {
    const fleet = stackFleet('prod');
    fleet.traffic = {
      mode: 'dnspod',
      zone: 'qcbm.com',
      ttlSeconds: 60,
      operatorResponseSeconds: 120,
      lines: { default: '默认', 'north-china': '华北', 'east-china': '华东', 'south-china': '华南' },
    };
    const { result } = await runProgram(fleet);
    expect(result.error).toBeUndefined();
    const outputs = result.outputs as any;
    expect(stackOutputsSchema.parse(outputs)).toEqual(outputs);
    expect(outputs.traffic).toMatchObject({ mode: 'dnspod', publishedName: 'www.qcbm.com', strategyIds: {} });
    expect(outputs.traffic.instanceId).toBeUndefined();
    expect(outputs.traffic.clusters['beijing-01'].recordIds.default).toMatch(/^qcbm\.com#\d+$/);
  });
});

describe('Tencent Cloud credentials', () => {
  test('come from the tencentcloud:* config into every explicit provider, the key as a secret', async () => {
    const { cloud } = await runProgram(stackFleet('staging'), {
      'tencentcloud:secretId': 'AKIDexample',
      'tencentcloud:secretKey': 'Example-Secret-Key-1',
      'qcbm:skywalkingToken': 'Staging-Token-1',
    });
    const [provider] = cloud.ofType(TENCENTCLOUD_PROVIDER_TYPE);
    expect(provider.inputs).toMatchObject({ region: 'ap-shanghai', secretId: 'AKIDexample' });
    expect(isEnvelope(provider.inputs.secretKey)).toBe(true);
  });
});

describe('the program on dev (the guide: hub delivery, data services that already exist)', () => {
  test('needs the hub kubeconfig, and then registers only the delivery', async () => {
    const missing = await runProgram(stackFleet('dev'));
    expect(ValidationError.isValidationError(missing.result.error)).toBe(true);
    expect((missing.result.error as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'qcbm:hubKubeconfig',
        fix: expect.stringContaining('pulumi config set --secret'),
      }),
    ]);
    expect(missing.cloud.resources).toEqual([]);

    const ok = await runProgram(stackFleet('dev'), { 'qcbm:hubKubeconfig': 'apiVersion: v1' });
    expect(ok.result.error).toBeUndefined();
    expect(ok.cloud.resources.map((r) => r.type).filter((t) => t.startsWith('tencentcloud:'))).toEqual([]);
    expect(ok.cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    expect(ok.cloud.ofType(KUBERNETES_TYPES.configGroup).map((g) => g.name)).toEqual([
      'qcbm-hub-app',
      'qcbm-hub-distribution',
    ]);
  });
});

describe('config errors fail before any resource is registered, naming the path and the fix', () => {
  const prod = () => structuredClone(stackFleet('prod'));
  const cases: [string, (f: any) => void, string, RegExp][] = [
    [
      'unknown region',
      (f) => (f.cloud.regions[0].region = 'ap-atlantis'),
      'fleet.cloud.regions[0].region',
      /region/,
    ],
    [
      'external store without an endpoint',
      (f) => (f.cloud.regions[1].redis = { mode: 'external' }),
      'fleet.clusters[1].endpoints.redis',
      /./,
    ],
    [
      'bad CIDR',
      (f) => (f.cloud.regions[0].vpcCidr = '10.110.0.1/16'),
      'fleet.cloud.regions[0].vpcCidr',
      /CIDR/,
    ],
    [
      'overlapping VPC CIDRs between regions',
      (f) => {
        f.cloud.regions[1].vpcCidr = '10.110.0.0/16';
        f.cloud.regions[1].nodeSubnetCidr = '10.110.32.0/20';
        f.cloud.regions[1].dataSubnetCidr = '10.110.48.0/24';
      },
      'fleet.cloud.regions[1].vpcCidr',
      /overlap/,
    ],
  ];
  test.each(cases)('%s', async (_label, mutate, path, message) => {
    const fleet = prod();
    mutate(fleet);
    const { cloud, result } = await runProgram(fleet);
    expect(ValidationError.isValidationError(result.error)).toBe(true);
    const issue = (result.error as ValidationError).issues.find((i) => i.path === path);
    expect(issue).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(issue!.fix).toBeTruthy();
    expect(cloud.resources).toEqual([]);
  });

  test('the retired qcbm:apiAllowedCidrs is an error that says where the allow-list goes now', async () => {
    const { cloud, result } = await runProgram(prod(), { 'qcbm:apiAllowedCidrs': '["203.0.113.0/24"]' });
    expect((result.error as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'qcbm:apiAllowedCidrs',
        fix: expect.stringContaining('fleet.cloud.kubernetesApi'),
      }),
    ]);
    expect(cloud.resources).toEqual([]);
  });

  test('direct delivery with the API on the intranet, Pulumi outside the network, is refused', async () => {
    const fleet = prod();
    delete fleet.cloud.kubernetesApi;
    const { cloud, result } = await runProgram(fleet);
    expect((result.error as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: 'fleet.cloud.kubernetesApi',
        message: expect.stringContaining('intranet'),
      }),
    ]);
    expect(cloud.resources).toEqual([]);
  });

  test('an external store with source pulumi needs its password in config', async () => {
    const fleet = prod();
    fleet.cloud.regions[0].redis = { mode: 'external' };
    fleet.clusters[0].endpoints = {
      ...fleet.clusters[0].endpoints,
      redis: { host: '10.110.16.9', port: 6379 },
    };
    const { cloud, result } = await runProgram(fleet);
    expect((result.error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'qcbm:redisPassword', message: expect.stringContaining('beijing-01') }),
    ]);
    expect(cloud.resources).toEqual([]);
    const withPassword = await runProgram(fleet, { 'qcbm:redisPassword': 'Given-Redis-Pass-1' });
    expect(withPassword.result.error).toBeUndefined();
    const redis = withPassword.cloud.ofType(TENCENTCLOUD_TYPES.redisInstance);
    expect(redis.map((r) => r.provider)).toEqual(['tencentcloud-ap-shanghai', 'tencentcloud-ap-guangzhou']);
    expect(redis.map((r) => (r.inputs.password as any).value)).toEqual([
      'Given-Redis-Pass-1',
      'Given-Redis-Pass-1',
    ]);
  });
});

describe('a cluster the stack does not create, in a region it builds (direct delivery)', () => {
  const passwords = {
    'qcbm:mysqlPassword': 'Given-Mysql-Pass-1',
    'qcbm:redisPassword': 'Given-Redis-Pass-1',
    'qcbm:skywalkingToken': '',
  };

  test('without its kubeconfig: the missing config, named, before anything is registered', async () => {
    const { cloud, result } = await runProgram(sharedRegionFleetInput(), passwords);
    expect(ValidationError.isValidationError(result.error)).toBe(true);
    expect((result.error as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: `qcbm:kubeconfigs["${EXTERNAL_CLUSTER}"]`,
        fix: expect.stringContaining('pulumi config set --secret'),
      }),
    ]);
    expect(result.error?.message).not.toMatch(/lacks|bug/);
    expect(cloud.resources).toEqual([]);
  });

  test('with it: delivered through the given kubeconfig, beside the cluster the stack creates', async () => {
    const given = `apiVersion: v1\nkind: Config\n# ${EXTERNAL_CLUSTER}`;
    const { cloud, result } = await runProgram(sharedRegionFleetInput(), {
      ...passwords,
      'qcbm:kubeconfigs': JSON.stringify({ [EXTERNAL_CLUSTER]: given }),
    });
    expect(result.error).toBeUndefined();
    expect(cloud.ofType(QCBM_TYPES.region).map((r) => r.name)).toEqual(['ap-shanghai']);
    expect(
      cloud
        .ofType(KUBERNETES_TYPES.configGroup)
        .map((g) => g.name)
        .sort(),
    ).toEqual([`qcbm-${EXTERNAL_CLUSTER}-app`, 'qcbm-shanghai-staging-app']);
    const provider = cloud.find(KUBERNETES_TYPES.provider, `qcbm-${EXTERNAL_CLUSTER}`);
    expect(isEnvelope(provider.inputs.kubeconfig)).toBe(true);
    expect((provider.inputs.kubeconfig as any).value).toBe(given);
    // The created cluster keeps its own region's kubeconfig.
    const created = cloud.find(KUBERNETES_TYPES.provider, 'qcbm-shanghai-staging');
    expect((created.inputs.kubeconfig as any).value).not.toBe(given);
    const objs = cloud.find(KUBERNETES_TYPES.configGroup, `qcbm-${EXTERNAL_CLUSTER}-app`).inputs.objs as any;
    const config = objs.value.find((o: any) => o.kind === 'ConfigMap');
    expect(config.data.MYSQL_HOST).toBe('10.150.16.10');
  });
});
