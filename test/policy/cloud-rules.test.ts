import { checkCloudResource, portMatches } from '../../src/policy/cloud-rules';
import { TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

const RULES = TENCENTCLOUD_TYPES.securityGroupRuleSet;
const rule = (over: Record<string, unknown>) => ({
  type: RULES,
  name: 'data-rules',
  props: { ingresses: [{ action: 'ACCEPT', protocol: 'TCP', cidrBlock: '0.0.0.0/0', ...over }] },
});

describe('portMatches (Tencent port syntax)', () => {
  test.each([
    ['all', 3306, true],
    ['ALL', 1, true],
    ['3306', 3306, true],
    ['3307', 3306, false],
    ['80,6379', 6379, true],
    ['80, 443', 6379, false],
    ['3000-4000', 3306, true],
    ['8849-9000', 8848, false],
  ])('%s covers %d: %s', (spec, port, expected) => {
    expect(portMatches(spec, port)).toBe(expected);
  });
});

describe('checkCloudResource', () => {
  test('no-public-database: any MySQL kind with internetService on', () => {
    for (const type of [
      TENCENTCLOUD_TYPES.mysqlInstance,
      TENCENTCLOUD_TYPES.mysqlReadonlyInstance,
      TENCENTCLOUD_TYPES.mysqlDrInstance,
    ]) {
      expect(
        checkCloudResource({ type, name: 'db', props: { internetService: 1 } }).map((v) => v.rule),
      ).toEqual(['no-public-database']);
      expect(checkCloudResource({ type, name: 'db', props: { internetService: 0 } })).toEqual([]);
      expect(checkCloudResource({ type, name: 'db', props: {} })).toEqual([]);
    }
  });

  test("no-world-open-data-ports: ACCEPT from anywhere on 3306, 6379 or Nacos's 8848 and 9848", () => {
    expect(checkCloudResource(rule({ port: '3306' }))[0]).toMatchObject({
      rule: 'no-world-open-data-ports',
      message: expect.stringContaining('ingresses[0]'),
    });
    expect(checkCloudResource(rule({ port: 'all' }))[0].message).toContain('3306, 6379, 8848, 9848');
    expect(checkCloudResource(rule({ port: '9848' }))[0].message).toContain('9848');
    expect(checkCloudResource(rule({ port: '8000-9000' }))[0].message).toContain('8848');
    expect(
      checkCloudResource(rule({ ipv6CidrBlock: '::/0', cidrBlock: undefined, port: '6379' })),
    ).toHaveLength(1);
  });

  test('allows what QCBM needs: private sources, DROP rules, other ports, ICMP', () => {
    expect(checkCloudResource(rule({ port: '3306', cidrBlock: '10.0.0.0/20' }))).toEqual([]);
    expect(checkCloudResource(rule({ port: 'all', action: 'DROP' }))).toEqual([]);
    expect(checkCloudResource(rule({ port: '443' }))).toEqual([]);
    expect(checkCloudResource(rule({ port: 'all', protocol: 'ICMP' }))).toEqual([]);
    expect(checkCloudResource({ type: TENCENTCLOUD_TYPES.vpc, name: 'v', props: {} })).toEqual([]);
  });
});

describe('no-open-kubernetes-api', () => {
  const ENDPOINT = TENCENTCLOUD_TYPES.tkeClusterEndpoint;
  const rules = (type: string, props: Record<string, unknown>) =>
    checkCloudResource({ type, name: 'api', props }).map((v) => v.rule);

  test('a public endpoint without a security group, on the endpoint or the cluster resource', () => {
    expect(rules(ENDPOINT, { clusterId: 'cls-1', clusterInternet: true })).toEqual([
      'no-open-kubernetes-api',
    ]);
    expect(rules(TENCENTCLOUD_TYPES.tkeCluster, { clusterInternet: true })).toEqual([
      'no-open-kubernetes-api',
    ]);
    expect(rules(ENDPOINT, { clusterInternet: true, clusterInternetSecurityGroup: '' })).toEqual([
      'no-open-kubernetes-api',
    ]);
  });

  test('the deprecated allow-list does not count: the provider no longer reads it', () => {
    const [violation] = checkCloudResource({
      type: ENDPOINT,
      name: 'api',
      props: { clusterInternet: true, managedClusterInternetSecurityPolicies: ['203.0.113.0/24'] },
    });
    expect(violation).toMatchObject({
      rule: 'no-open-kubernetes-api',
      message: expect.stringContaining('managedClusterInternetSecurityPolicies is deprecated and not read'),
    });
  });

  test('passes a public endpoint behind a security group, and an intranet endpoint', () => {
    expect(rules(ENDPOINT, { clusterInternet: true, clusterInternetSecurityGroup: 'sg-1' })).toEqual([]);
    expect(rules(ENDPOINT, { clusterIntranet: true, clusterIntranetSubnetId: 'subnet-1' })).toEqual([]);
  });

  test("a group id not known yet (preview, through the policy pack's proxy) counts as given", () => {
    const props = { clusterInternet: true } as Record<string, unknown>;
    Object.defineProperty(props, 'clusterInternetSecurityGroup', {
      enumerable: true,
      get: () => {
        throw new Error('string value at .clusterInternetSecurityGroup can’t be known during preview');
      },
    });
    expect(rules(ENDPOINT, props)).toEqual([]);
  });
});
