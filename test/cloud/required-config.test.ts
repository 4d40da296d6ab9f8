import { checkStackConfig, findMissingConfig } from '../../src/cloud/environment/required-config';
import { parseFleet } from '../../src/model';
import { validationErrorOf } from '../support/thrown';
import { EXTERNAL_CLUSTER, sharedRegionFleetInput } from './support/shared-region-fleet';

describe('a cluster the stack does not create, in a region it builds', () => {
  const fleet = parseFleet(sharedRegionFleetInput());

  test('needs its kubeconfig for direct delivery, and the passwords of its own data services', () => {
    expect(findMissingConfig(fleet, {}, 'staging').map((m) => [m.key, m.entry, m.issue.path])).toEqual([
      ['qcbm:kubeconfigs', EXTERNAL_CLUSTER, `qcbm:kubeconfigs["${EXTERNAL_CLUSTER}"]`],
      ['qcbm:mysqlPassword', undefined, 'qcbm:mysqlPassword'],
      ['qcbm:redisPassword', undefined, 'qcbm:redisPassword'],
    ]);
    const [kubeconfig] = findMissingConfig(fleet, {}, 'staging');
    expect(kubeconfig.issue.message).toMatch(
      /direct delivery to shanghai-edge, a cluster this stack does not create/,
    );
    expect(kubeconfig.issue.fix).toContain(`--path 'qcbm:kubeconfigs.${EXTERNAL_CLUSTER}'`);
  });

  test('checkStackConfig refuses the stack without them, naming each, and accepts it with them', () => {
    const error = validationErrorOf(() => checkStackConfig(fleet, {}, 'staging'));
    expect(error.issues.map((i) => i.path)).toContain(`qcbm:kubeconfigs["${EXTERNAL_CLUSTER}"]`);
    const given = {
      kubeconfigs: { [EXTERNAL_CLUSTER]: 'apiVersion: v1' },
      mysqlPassword: 'Given-Mysql-Pass-1',
      redisPassword: 'Given-Redis-Pass-1',
    };
    expect(findMissingConfig(fleet, given, 'staging')).toEqual([]);
    expect(() => checkStackConfig(fleet, given, 'staging')).not.toThrow();
  });
});
