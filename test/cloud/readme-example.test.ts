import { join } from 'path';
import { underMocks } from './support/under-mocks';

// The README's "in your own Pulumi program" example, with the package's entry points mapped to src/.
test("the README's Pulumi composition example registers every region and delivery", async () => {
  const { cloud } = await underMocks(async () => {
    const { QcbmCredentials, QcbmDelivery, QcbmRegion, tencentcloud } = await import('../../src/cloud');
    const { loadFleetFromStackFile } = await import('../../src/model');
    const fleet = loadFleetFromStackFile(join(__dirname, '../../Pulumi.prod.yaml'));
    const credentials = new QcbmCredentials('qcbm', {});
    const clusters: Record<string, ReturnType<InstanceType<typeof QcbmRegion>['runtimeValues']>> = {};
    const kubeconfigs: Record<string, InstanceType<typeof QcbmRegion>['kubeconfig']> = {};
    for (const layout of fleet.cloud.regions) {
      const cluster = fleet.clusters.find((c) => c.region === layout.region)!;
      const provider = new tencentcloud.TencentCloudProvider(`tc-${layout.region}`, {
        region: layout.region,
      });
      const region = new QcbmRegion(layout.region, {
        region: layout,
        clusterName: cluster.name,
        provider,
        mysqlAccount: credentials.mysqlAccount,
        mysqlPassword: credentials.mysqlPassword,
        redisPassword: credentials.redisPassword,
      });
      clusters[cluster.name] = region.runtimeValues();
      kubeconfigs[cluster.name] = region.kubeconfig;
    }
    new QcbmDelivery('qcbm', {
      fleet,
      mode: 'direct',
      clusters,
      kubeconfigs,
      secrets: credentials.secretValues(),
    });
  });
  expect(cloud.ofType('qcbm:cloud:Region')).toHaveLength(3);
  expect(cloud.ofType('kubernetes:yaml/v2:ConfigGroup').map((g) => g.name)).toEqual([
    'qcbm-beijing-01-app',
    'qcbm-shanghai-01-app',
    'qcbm-guangzhou-01-app',
  ]);
});
