import { z } from 'zod';
import { parseFleet } from '../../src/model/parse-fleet';
import {
  CLB_NAME_MAX_LENGTH,
  clbEnvironmentName,
  clbName,
  clbNamesFit,
  clbNameTooLong,
  clbSiteName,
  consoleNames,
  credentialNames,
  dataReplicationNames,
  deliveryNames,
  ENVIRONMENT_NAME,
  isNamedAfter,
  MAX_ENVIRONMENT_NAME_FOR_CLBS,
  siteComponentName,
  siteResourceNames,
  tencentCloudProviderName,
  trafficNames,
} from '../../src/model/resource-names';
import { drFleetInput, site } from '../support/dr-fleets';

// The names are spelled out here on purpose: a changed logical name moves a URN, and `pulumi up` would replace
// the resource. Change one only with an alias, and this test with it.
describe('logical names', () => {
  test('the environment and its regions’ providers', () => {
    expect(ENVIRONMENT_NAME).toBe('qcbm');
    expect(tencentCloudProviderName('ap-guangzhou')).toBe('tencentcloud-ap-guangzhou');
  });

  test("a site's resources carry the site", () => {
    const n = siteResourceNames('ap-shanghai');
    expect({
      vpc: n.vpc,
      subnets: [n.subnet('nodes'), n.subnet('data')],
      securityGroups: [n.securityGroup('nodes'), n.securityGroup('data'), n.securityGroup('api')],
      rules: [n.securityGroupRules('nodes'), n.securityGroupRules('data'), n.securityGroupRules('api')],
      tke: [n.tkeCluster, n.nodePool, n.apiEndpoint],
      clbs: [n.clb('ingress'), n.clb('gateway')],
      mysql: [n.mysql, n.mysqlRootPassword, n.mysqlDatabase, n.mysqlAccount, n.mysqlPrivilege, n.mysqlDr],
      redis: n.redis,
      nacos: n.nacos,
    }).toEqual({
      vpc: 'ap-shanghai-vpc',
      subnets: ['ap-shanghai-nodes', 'ap-shanghai-data'],
      securityGroups: ['ap-shanghai-nodes-sg', 'ap-shanghai-data-sg', 'ap-shanghai-api-sg'],
      rules: ['ap-shanghai-nodes-rules', 'ap-shanghai-data-rules', 'ap-shanghai-api-rules'],
      tke: ['ap-shanghai-tke', 'ap-shanghai-pool', 'ap-shanghai-api'],
      clbs: ['ap-shanghai-ingress-clb', 'ap-shanghai-gateway-clb'],
      mysql: [
        'ap-shanghai-mysql',
        'ap-shanghai-mysql-root',
        'ap-shanghai-mysql-db',
        'ap-shanghai-mysql-account',
        'ap-shanghai-mysql-privilege',
        'ap-shanghai-mysql-dr',
      ],
      redis: 'ap-shanghai-redis',
      nacos: 'ap-shanghai-nacos',
    });
  });

  test('the credentials, the data across sites, the traffic layer and delivery carry their component', () => {
    expect(credentialNames('qcbm')).toEqual({
      mysqlPassword: 'qcbm-mysql',
      redisPassword: 'qcbm-redis',
      nacosPassword: 'qcbm-nacos',
      nacosAuthToken: 'qcbm-nacos-token',
      nacosIdentity: 'qcbm-nacos-identity',
    });
    const data = dataReplicationNames('qcbm');
    expect([data.ccn, data.ccnAttachment('ap-beijing'), data.redisGroup]).toEqual([
      'qcbm-ccn',
      'qcbm-ccn-ap-beijing',
      'qcbm-redis-group',
    ]);
    const traffic = trafficNames('qcbm');
    expect([
      traffic.igtmInstance,
      traffic.igtmMonitor,
      traffic.igtmPool('beijing-01'),
      traffic.igtmStrategy('north'),
      traffic.cname,
      traffic.dnspodRecord('default', 'beijing-01'),
    ]).toEqual([
      'qcbm-instance',
      'qcbm-monitor',
      'qcbm-pool-beijing-01',
      'qcbm-strategy-north',
      'qcbm-cname',
      'qcbm-default-beijing-01',
    ]);
    const delivery = deliveryNames('qcbm');
    expect([
      delivery.hubProvider,
      delivery.hubApp,
      delivery.hubDistribution,
      delivery.clusterProvider('beijing-01'),
      delivery.clusterApp('beijing-01'),
      delivery.secretsChecksumKey,
    ]).toEqual([
      'qcbm-hub',
      'qcbm-hub-app',
      'qcbm-hub-distribution',
      'qcbm-beijing-01',
      'qcbm-beijing-01-app',
      'qcbm-secrets-checksum-key',
    ]);
  });

  test('a site is named after its region, or after its cluster where the region holds two sites', () => {
    const fleet = parseFleet(
      drFleetInput('active-active', [
        site('beijing-01', 'ap-beijing', 'ap-beijing-6'),
        site('shanghai-a', 'ap-shanghai', 'ap-shanghai-2'),
        site('shanghai-b', 'ap-shanghai', 'ap-shanghai-5'),
      ]),
      'names',
    );
    expect(fleet.clusters.map((c) => siteComponentName(fleet, c))).toEqual([
      'ap-beijing',
      'shanghai-a',
      'shanghai-b',
    ]);
  });

  test('isNamedAfter: the name itself or `<prefix>-…`, not a longer word', () => {
    expect(isNamedAfter('ap-beijing', 'ap-beijing')).toBe(true);
    expect(isNamedAfter('ap-beijing', 'ap-beijing-mysql')).toBe(true);
    expect(isNamedAfter('ap-beijing', 'ap-beijing2-mysql')).toBe(false);
    expect(isNamedAfter('ap-beijing', 'tencentcloud-ap-beijing')).toBe(false);
  });
});

describe('console names', () => {
  test('carry the region, the role, the cluster or the environment', () => {
    const n = consoleNames;
    expect([n.vpc('ap-beijing'), n.subnet('nodes'), n.subnet('data'), n.securityGroup('api')]).toEqual([
      'qcbm-ap-beijing',
      'qcbm-nodes',
      'qcbm-data',
      'qcbm-api',
    ]);
    expect([n.tkeCluster('beijing-01'), n.nodePool]).toEqual(['qcbm-beijing-01', 'qcbm-workers']);
    expect([n.dataInstance('ap-shanghai'), n.dataInstance('ap-shanghai', 'shanghai-a')]).toEqual([
      'qcbm-ap-shanghai',
      'qcbm-ap-shanghai-shanghai-a',
    ]);
    expect([n.drInstance('ap-shanghai'), n.ccn('prod')]).toEqual(['qcbm-ap-shanghai-dr', 'qcbm-prod']);
    expect([n.igtm('prod'), n.igtm('prod', 'beijing-01'), n.igtm('prod', 'north')]).toEqual([
      'qcbm-prod',
      'qcbm-prod-beijing-01',
      'qcbm-prod-north',
    ]);
  });
});

describe('CLB names', () => {
  test('carry the environment, and the site where the region holds two', () => {
    expect(clbName('prod', 'ingress')).toBe('qcbm-prod-ingress');
    expect(clbName('prod', 'gateway', 'shanghai-a')).toBe('qcbm-prod-shanghai-a-gateway');
  });

  test('the longest environment name is the one whose gateway CLB name is 60 characters', () => {
    expect(CLB_NAME_MAX_LENGTH).toBe(60);
    expect(clbName('x'.repeat(MAX_ENVIRONMENT_NAME_FOR_CLBS), 'gateway')).toHaveLength(CLB_NAME_MAX_LENGTH);
    expect(clbEnvironmentName.safeParse('x'.repeat(MAX_ENVIRONMENT_NAME_FOR_CLBS)).success).toBe(true);
    const tooLong = clbEnvironmentName.safeParse('x'.repeat(MAX_ENVIRONMENT_NAME_FOR_CLBS + 1));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0].message).toContain('is too long for the CLB names');
  });

  test('take letters, digits, "-" and "_" only', () => {
    expect(clbEnvironmentName.safeParse('prod_1-a').success).toBe(true);
    expect(clbEnvironmentName.safeParse('prod.1').success).toBe(false);
    expect(clbSiteName.safeParse('shanghai a').success).toBe(false);
  });

  test('clbNameTooLong says by how much, and which name to shorten', () => {
    expect(clbNameTooLong('prod', 'shanghai-a')).toBeUndefined();
    const env = 'e'.repeat(40);
    expect(clbNameTooLong(env, 's'.repeat(20))).toEqual({
      message: `makes a CLB name of 74 characters ("qcbm-${env}-${'s'.repeat(20)}-gateway"), longer than the 60 Tencent Cloud accepts`,
      fix: 'shorten the site (cluster) or environment name by 14 characters',
    });
    expect(clbNameTooLong('e'.repeat(60))?.fix).toBe('shorten the environment name by 13 characters');
  });

  test('clbNamesFit refines a site whose CLB names would be too long, at `site`', () => {
    const schema = z
      .object({ environment: z.string(), site: z.string().optional() })
      .superRefine(clbNamesFit);
    expect(schema.safeParse({ environment: 'e'.repeat(60) }).success).toBe(true);
    const result = schema.safeParse({ environment: 'e'.repeat(40), site: 's'.repeat(20) });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['site']]);
  });
});
