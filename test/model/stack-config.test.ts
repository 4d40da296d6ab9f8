import { FLEET_CONFIG_KEY, STACK_CONFIG_NAMES, stackConfigKey } from '../../src/model';

test('every stack config key is spelled once: the qcbm namespace and its name', () => {
  const names = Object.keys(STACK_CONFIG_NAMES) as (keyof typeof STACK_CONFIG_NAMES)[];
  expect(names.map(stackConfigKey)).toEqual([
    'qcbm:hubKubeconfig',
    'qcbm:kubeconfigs',
    'qcbm:mysqlPassword',
    'qcbm:redisPassword',
    'qcbm:skywalkingToken',
    'qcbm:tlsCertificate',
    'qcbm:tlsPrivateKey',
    'qcbm:registryUsername',
    'qcbm:registryPassword',
    'qcbm:nacosPassword',
    'qcbm:apiAllowedCidrs',
  ]);
  expect(FLEET_CONFIG_KEY).toBe('qcbm:fleet');
});
