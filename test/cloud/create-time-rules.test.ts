import type { KubernetesApiInput, RegionConfig } from '../../src/model/cloud-schema';
import { loadFleetFromStackFile } from '../../src/model/load-fleet';
import { ValidationError } from '../../src/model/validation-error';
import { checkCloudResource } from '../../src/policy/cloud-rules';
import { underMocks, valueOf } from './support/under-mocks';
import { standaloneSite } from './support/standalone-site';
import { repoPath } from '../support/repo-root';
import { validationRejectionOf } from '../support/thrown';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

// What the provider enforces only when `pulumi up` creates a resource, checked under mocks on what the region
// component registers: the Redis edition, the API endpoint, CLB names, node pool security groups and image.

const prod = loadFleetFromStackFile(repoPath('Pulumi.prod.yaml'));
const shanghai = prod.cloud.regions.find((r) => r.region === 'ap-shanghai')!;

const T = {
  sg: TENCENTCLOUD_TYPES.securityGroup,
  rules: TENCENTCLOUD_TYPES.securityGroupRuleSet,
  pool: TENCENTCLOUD_TYPES.tkeNodePool,
  endpoint: TENCENTCLOUD_TYPES.tkeClusterEndpoint,
  clb: TENCENTCLOUD_TYPES.clbInstance,
  redis: TENCENTCLOUD_TYPES.redisInstance,
} as const;

interface Options {
  readonly layout?: RegionConfig;
  readonly environment?: string;
  readonly kubernetesApi?: KubernetesApiInput;
}

/** One region built from a fleet layout, as the environment builds it. */
async function region({ layout = shanghai, environment, kubernetesApi }: Options = {}) {
  return underMocks(async () => {
    const pulumi = await import('@pulumi/pulumi');
    const { TencentCloudProvider } = await import('../../src/cloud/tencentcloud/provider');
    const { QcbmRegion } = await import('../../src/cloud/region/qcbm-region');
    const { regionArgsFromFleet } = await import('../../src/cloud/environment/region-args');
    const provider = new TencentCloudProvider(`tencentcloud-${layout.region}`, { region: layout.region });
    const component = new QcbmRegion(
      layout.region,
      regionArgsFromFleet(standaloneSite(prod, layout), {
        provider,
        mysqlAccount: 'qcbm',
        mysqlPassword: pulumi.secret('Rules-Test-Mysql-1!'),
        redisPassword: pulumi.secret('Rules-Test-Redis-1!'),
        ...(environment === undefined ? {} : { environment }),
        ...(kubernetesApi === undefined ? {} : { kubernetesApi }),
      }),
    );
    return {
      kubeconfig: await valueOf(component.kubeconfig),
      kubeconfigSecret: await pulumi.isSecret(component.kubeconfig),
      nodeSubnetId: await valueOf(component.nodeSubnetId),
      apiSecurityGroupId: component.apiSecurityGroupId && (await valueOf(component.apiSecurityGroupId)),
    };
  });
}

/** The ValidationError a build throws, or a failure. */
function rejection(options: Options): Promise<ValidationError> {
  return validationRejectionOf(region(options));
}

describe('Redis: exactly one edition (typeId), from a typed version and architecture', () => {
  test('the default is Redis 5.0 standard (typeId 8) with 2 replicas, which global replication needs', async () => {
    const { cloud } = await region();
    const [redis] = cloud.ofType(T.redis);
    expect(redis.inputs).toMatchObject({ typeId: 8, redisReplicasNum: 2 });
    expect(redis.inputs.type).toBeUndefined();
    expect(redis.inputs.redisShardNum).toBeUndefined();
  });

  test.each([
    ['4.0', 'standard', 6],
    ['4.0', 'cluster', 7],
    ['5.0', 'cluster', 9],
    ['6.2', 'standard', 15],
    ['6.2', 'cluster', 16],
    ['7.0', 'standard', 17],
    ['7.0', 'cluster', 18],
  ] as const)('Redis %s %s is typeId %d', async (version, architecture, typeId) => {
    const shards = architecture === 'cluster' ? { shards: 3 } : {};
    const layout = {
      ...shanghai,
      redis: { mode: 'managed', memSizeMb: 1024, version, architecture, replicas: 3, ...shards },
    } as RegionConfig;
    const { cloud } = await region({ layout });
    const [redis] = cloud.ofType(T.redis);
    expect(redis.inputs).toMatchObject({ typeId, redisReplicasNum: 3 });
    expect(redis.inputs.redisShardNum).toBe(architecture === 'cluster' ? 3 : undefined);
  });

  test('an edition that does not exist fails with the versions that do', async () => {
    const { redisTypeId } = await import('../../src/cloud/tencentcloud/redis-instance');
    expect(() => redisTypeId('2.8' as never, 'standard')).toThrow(/version "2.8".*4\.0, 5\.0, 6\.2, 7\.0/);
  });
});

describe('the Kubernetes API endpoint is secure by default', () => {
  test('default: the intranet endpoint in the node subnet, no public endpoint, the intranet kubeconfig', async () => {
    const { cloud, result } = await region();
    const [endpoint] = cloud.ofType(T.endpoint);
    expect(endpoint.inputs).toEqual({
      clusterId: expect.stringMatching(/^cls-/),
      clusterIntranet: true,
      clusterIntranetSubnetId: result.nodeSubnetId,
    });
    expect(cloud.ofType(T.sg).map((g) => g.name)).toEqual(['ap-shanghai-nodes-sg', 'ap-shanghai-data-sg']);
    expect(result.kubeconfig).toContain('.intranet.planned.invalid');
    expect(result.kubeconfigSecret).toBe(true);
    expect(result.apiSecurityGroupId).toBeUndefined();
  });

  test('public: a security group that accepts HTTPS from the allow-list only, named by the endpoint', async () => {
    const allowedCidrs = ['203.0.113.0/24', '198.51.100.7/32'];
    const { cloud, result } = await region({ kubernetesApi: { access: 'public', allowedCidrs } });
    const group = cloud.find(T.sg, 'ap-shanghai-api-sg');
    const rules = cloud.find(T.rules, 'ap-shanghai-api-rules').inputs;
    expect(rules.securityGroupId).toBe(result.apiSecurityGroupId);
    expect(rules.ingresses).toEqual([
      expect.objectContaining({
        action: 'ACCEPT',
        protocol: 'TCP',
        port: '443',
        cidrBlock: '203.0.113.0/24',
      }),
      expect.objectContaining({
        action: 'ACCEPT',
        protocol: 'TCP',
        port: '443',
        cidrBlock: '198.51.100.7/32',
      }),
      expect.objectContaining({ action: 'DROP', protocol: 'ALL', cidrBlock: '0.0.0.0/0' }),
    ]);
    const endpoint = cloud.find(T.endpoint, 'ap-shanghai-api').inputs;
    expect(endpoint).toEqual({
      clusterId: expect.stringMatching(/^cls-/),
      clusterInternet: true,
      clusterInternetSecurityGroup: result.apiSecurityGroupId,
    });
    expect(group.inputs.name).toBe('qcbm-api');
    expect(result.kubeconfig).toContain('.public.planned.invalid');
    expect(result.kubeconfigSecret).toBe(true);
    const violations = cloud.resources.flatMap((r) =>
      checkCloudResource({ type: r.type, name: r.name, props: r.inputs }),
    );
    expect(violations).toEqual([]);
  });

  test('nothing sends the deprecated, ignored managedClusterInternetSecurityPolicies', async () => {
    const { cloud } = await region({ kubernetesApi: { access: 'public', allowedCidrs: ['203.0.113.0/24'] } });
    expect(cloud.resources.filter((r) => 'managedClusterInternetSecurityPolicies' in r.inputs)).toEqual([]);
  });

  test.each([
    ['an empty allow-list', [], 'props.kubernetes.api.allowedCidrs', /at least one network/],
    ['the whole internet', ['0.0.0.0/0'], 'props.kubernetes.api.allowedCidrs[0]', /whole internet/],
    ['the whole IPv6 internet', ['::/0'], 'props.kubernetes.api.allowedCidrs[0]', /whole internet/],
    ['not a CIDR', ['203.0.113.7'], 'props.kubernetes.api.allowedCidrs[0]', /IPv4 CIDR/],
  ])(
    'a public endpoint open to %s is refused before anything is registered',
    async (_l, cidrs, path, message) => {
      const error = await rejection({ kubernetesApi: { access: 'public', allowedCidrs: cidrs } });
      expect(error.issues).toEqual([
        expect.objectContaining({ path, message: expect.stringMatching(message) }),
      ]);
      expect(error.message).toContain("QcbmRegion 'ap-shanghai' is invalid");
    },
  );
});

describe('CLB names are unique per environment', () => {
  test('they carry the environment, so staging and prod can share a region and an account', async () => {
    const names = async (environment: string) =>
      (await region({ environment })).cloud.ofType(T.clb).map((c) => c.inputs.clbName);
    expect(await names('prod')).toEqual(['qcbm-prod-ingress', 'qcbm-prod-gateway']);
    expect(await names('staging')).toEqual(['qcbm-staging-ingress', 'qcbm-staging-gateway']);
  });

  test('the default environment is the Pulumi stack', async () => {
    const { cloud } = await region();
    expect(cloud.ofType(T.clb).map((c) => c.inputs.clbName)).toEqual([
      'qcbm-test-ingress',
      'qcbm-test-gateway',
    ]);
  });

  test('an environment too long for a CLB name is refused', async () => {
    const error = await rejection({ environment: 'e'.repeat(48) });
    expect(error.issues).toEqual([
      expect.objectContaining({ path: 'props.environment', fix: 'use at most 47 characters' }),
    ]);
  });
});

describe('node pools', () => {
  test('name their security group in order (orderlySecurityGroupIds) and an explicit image', async () => {
    const { cloud } = await region();
    const pool = cloud.find(T.pool, 'ap-shanghai-pool').inputs;
    const nodeGroup = cloud.find(T.rules, 'ap-shanghai-nodes-rules').inputs.securityGroupId;
    expect(pool.nodeOs).toBe('tlinux3.1x86_64');
    expect(pool.autoScalingConfig).toMatchObject({ orderlySecurityGroupIds: [nodeGroup] });
    expect((pool.autoScalingConfig as Record<string, unknown>).securityGroupIds).toBeUndefined();
  });

  test('take the image from the fleet', async () => {
    const layout = {
      ...shanghai,
      kubernetes: {
        ...shanghai.kubernetes,
        nodePool: { ...shanghai.kubernetes.nodePool, nodeOs: 'ubuntu22.04x86_64' },
      },
    };
    const { cloud } = await region({ layout });
    expect(cloud.find(T.pool, 'ap-shanghai-pool').inputs.nodeOs).toBe('ubuntu22.04x86_64');
  });
});
