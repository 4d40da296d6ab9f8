import { runReadmeBlock } from '../support/readme';
import { underMocks } from './support/under-mocks';

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
  expect(Object.keys(result)).toEqual(['regions']);
  expect(cloud.ofType('qcbm:cloud:Environment')).toHaveLength(1);
  expect(cloud.ofType('qcbm:cloud:Region')).toHaveLength(3);
  expect(cloud.ofType('kubernetes:yaml/v2:ConfigGroup').map((g) => g.name)).toEqual([
    'qcbm-beijing-01-app',
    'qcbm-shanghai-01-app',
    'qcbm-guangzhou-01-app',
  ]);
});

test("the README's composition example registers every region, the data across them, traffic and delivery", async () => {
  const { cloud } = await underMocks(async () =>
    runReadmeBlock('Pulumi: composed from the parts', await entryPoints()),
  );
  expect(cloud.ofType('qcbm:cloud:Region')).toHaveLength(3);
  expect(cloud.ofType('tencentcloud:Mysql/instance:Instance').map((r) => r.provider)).toEqual([
    'tc-ap-beijing',
  ]);
  expect(cloud.ofType('tencentcloud:Mysql/drInstance:DrInstance').map((r) => r.provider)).toEqual([
    'tc-ap-shanghai',
    'tc-ap-guangzhou',
  ]);
  expect(cloud.ofType('tencentcloud:Ccn/attachmentV2:AttachmentV2')).toHaveLength(3);
  expect(cloud.ofType('tencentcloud:Igtm/addressPool:AddressPool')).toHaveLength(3);
  expect(cloud.ofType('kubernetes:yaml/v2:ConfigGroup').map((g) => g.name)).toEqual([
    'qcbm-beijing-01-app',
    'qcbm-shanghai-01-app',
    'qcbm-guangzhou-01-app',
  ]);
});
