import { stackOutputsSchema } from '../../src/model/stack-outputs';
import { runReadmeBlock } from '../support/readme';
import { underMocks } from './support/under-mocks';
import { KUBERNETES_TYPES, QCBM_TYPES, TENCENTCLOUD_TYPES } from '../../src/cloud/type-tokens';

// The README's Pulumi examples, run as they are written, with the package's entry points mapped to src/.
async function entryPoints() {
  return {
    '@qcbm/fleet/cloud': await import('../../src/cloud'),
    '@qcbm/fleet/model': await import('../../src/model'),
  };
}

test("the README's one-call example builds the whole environment", async () => {
  const { cloud, result } = await underMocks(async () =>
    runReadmeBlock('Pulumi: one environment', await entryPoints()),
  );
  // The example exports the environment's outputs as they are: the stack-output shape the operations read back.
  expect(Object.keys(result).sort()).toEqual(Object.keys(stackOutputsSchema.shape).sort());
  expect(cloud.ofType(QCBM_TYPES.environment)).toHaveLength(1);
  expect(cloud.ofType(QCBM_TYPES.region)).toHaveLength(3);
  // The engine registers each ConfigGroup once its manifests are serialized: the order is not the program's.
  expect(
    cloud
      .ofType(KUBERNETES_TYPES.configGroup)
      .map((g) => g.name)
      .sort(),
  ).toEqual(['qcbm-beijing-01-app', 'qcbm-guangzhou-01-app', 'qcbm-shanghai-01-app']);
});

test("the README's composition example registers every region, the data across them, traffic and delivery", async () => {
  const { cloud } = await underMocks(async () =>
    runReadmeBlock('Pulumi: composed from the parts', await entryPoints()),
  );
  expect(cloud.ofType(QCBM_TYPES.region)).toHaveLength(3);
  expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlInstance).map((r) => r.provider)).toEqual(['tc-ap-beijing']);
  expect(cloud.ofType(TENCENTCLOUD_TYPES.mysqlDrInstance).map((r) => r.provider)).toEqual([
    'tc-ap-shanghai',
    'tc-ap-guangzhou',
  ]);
  expect(cloud.ofType(TENCENTCLOUD_TYPES.ccnAttachmentV2)).toHaveLength(3);
  expect(cloud.ofType(TENCENTCLOUD_TYPES.igtmAddressPool)).toHaveLength(3);
  expect(cloud.ofType(TENCENTCLOUD_TYPES.sslFreeCertificate).map((c) => c.inputs.domain)).toEqual([
    'www.qcbm.com',
  ]);
  // The engine registers each ConfigGroup once its manifests are serialized: the order is not the program's.
  expect(
    cloud
      .ofType(KUBERNETES_TYPES.configGroup)
      .map((g) => g.name)
      .sort(),
  ).toEqual(['qcbm-beijing-01-app', 'qcbm-guangzhou-01-app', 'qcbm-shanghai-01-app']);
});
