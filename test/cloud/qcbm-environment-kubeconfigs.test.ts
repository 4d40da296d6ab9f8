import { QCBM_TYPES } from '../../src/cloud/type-tokens';
import { parseFleet } from '../../src/model/parse-fleet';
import { EXTERNAL_CLUSTER, sharedRegionFleetInput } from './support/shared-region-fleet';
import { underMocks } from './support/under-mocks';
import { thrownBy } from '../support/thrown';

// A Use-2 caller builds the environment without the program's config check: a kubeconfig missing from what it
// passes must stop it, not leave the cluster's provider to the machine's own kubeconfig.
describe('direct delivery to a cluster the environment does not create', () => {
  const fleet = parseFleet(sharedRegionFleetInput());
  const passwords = {
    mysqlPassword: 'Given-Mysql-Pass-1',
    redisPassword: 'Given-Redis-Pass-1',
    skywalkingToken: '',
  };

  test.each([
    ['kubeconfigs of other clusters only', { kubeconfigs: { 'some-other-cluster': 'apiVersion: v1' } }],
    ['no kubeconfigs at all', {}],
    ['an empty kubeconfig', { kubeconfigs: { [EXTERNAL_CLUSTER]: '' } }],
  ])('%s: refused, naming the cluster and the argument, before anything is registered', async (_, given) => {
    const { cloud, result } = await underMocks(async () => {
      const { QcbmEnvironment } = await import('../../src/cloud');
      return thrownBy(() => new QcbmEnvironment('qcbm', { fleet, ...given, ...passwords }));
    });
    // Only the component itself, which registers as it starts: no provider, region or delivery.
    expect(cloud.resources.map((r) => r.type)).toEqual([QCBM_TYPES.environment]);
    expect((result as Error).message).toMatch(
      new RegExp(
        `kubeconfigs has no entry for ${EXTERNAL_CLUSTER}, a cluster this environment does not create, .*in the kubeconfigs argument`,
      ),
    );
  });

  test('with it: its provider is built', async () => {
    const { cloud } = await underMocks(async () => {
      const { QcbmEnvironment } = await import('../../src/cloud');
      new QcbmEnvironment('qcbm', {
        fleet,
        kubeconfigs: { [EXTERNAL_CLUSTER]: 'apiVersion: v1' },
        ...passwords,
      });
    });
    expect(cloud.resources.filter((r) => r.name === `qcbm-${EXTERNAL_CLUSTER}`).length).toBe(1);
  });
});
