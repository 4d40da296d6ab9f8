import { checkStackConfig, findMissingConfig } from '../../src/cloud/environment/required-config';
import { parseFleet } from '../../src/model';
import { validationErrorOf } from '../support/thrown';
import { EXTERNAL_CLUSTER, sharedRegionFleetInput } from './support/shared-region-fleet';

describe('a cluster the stack does not create, in a region it builds', () => {
  const fleet = parseFleet(sharedRegionFleetInput());

  test('needs its kubeconfig for direct delivery, the passwords of its own data services, the tracing token', () => {
    expect(findMissingConfig(fleet, {}, 'staging').map((m) => [m.key, m.entry, m.issue.path])).toEqual([
      ['qcbm:kubeconfigs', EXTERNAL_CLUSTER, `qcbm:kubeconfigs["${EXTERNAL_CLUSTER}"]`],
      ['qcbm:mysqlPassword', undefined, 'qcbm:mysqlPassword'],
      ['qcbm:redisPassword', undefined, 'qcbm:redisPassword'],
      ['qcbm:skywalkingToken', undefined, 'qcbm:skywalkingToken'],
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
      skywalkingToken: '',
    };
    expect(findMissingConfig(fleet, given, 'staging')).toEqual([]);
    expect(() => checkStackConfig(fleet, given, 'staging')).not.toThrow();
  });
});

describe('the tracing token and the registry account', () => {
  const stackOf = (app: Record<string, unknown>, tracing?: Record<string, unknown>) => {
    const input = sharedRegionFleetInput() as any;
    input.app = { ...input.app, ...app };
    if (tracing) input.cloud.tracing = tracing;
    if (tracing?.mode === 'managed') for (const c of input.clusters) delete c.endpoints.skywalking;
    return parseFleet(input);
  };
  const keys = (fleet: ReturnType<typeof parseFleet>, config = {}) =>
    findMissingConfig(fleet, config, 'staging').map((m) => m.key);

  test('a missing token is listed like every missing secret, with the command that sets it and the other way', () => {
    const fleet = stackOf({ secrets: { source: 'pulumi' } });
    const token = findMissingConfig(fleet, {}, 'staging').find((m) => m.key === 'qcbm:skywalkingToken');
    expect(token?.issue.message).toMatch(/declared collectors/);
    expect(token?.issue.fix).toContain('pulumi config set --secret --stack staging qcbm:skywalkingToken');
    expect(token?.issue.fix).toContain('mode: managed');
    // An empty token is a token: a collector without authentication.
    expect(keys(fleet, { skywalkingToken: '' })).not.toContain('qcbm:skywalkingToken');
    const error = validationErrorOf(() => checkStackConfig(fleet, {}, 'staging'));
    expect(error.issues.map((i) => i.path)).toContain('qcbm:skywalkingToken');
  });

  test('no token is asked for where the APM instance gives it, or where the Secret is made out of band', () => {
    expect(keys(stackOf({ secrets: { source: 'pulumi' } }, { mode: 'managed' }))).not.toContain(
      'qcbm:skywalkingToken',
    );
    expect(keys(stackOf({ secrets: { source: 'existing' } }))).not.toContain('qcbm:skywalkingToken');
  });

  test('a pull secret the stack creates needs the registry account; the other sources need nothing', () => {
    const pulumiPull = stackOf({ imagePullSecret: { source: 'pulumi' } });
    expect(keys(pulumiPull)).toEqual(
      expect.arrayContaining(['qcbm:registryUsername', 'qcbm:registryPassword']),
    );
    const [user] = findMissingConfig(pulumiPull, {}, 'staging').filter(
      (m) => m.key === 'qcbm:registryUsername',
    );
    expect(user.issue.message).toContain('qcloudregistrykey');
    expect(user.issue.fix).toContain('ccr.ccs.tencentyun.com/qcbm');
    expect(keys(pulumiPull, { registryUsername: 'u', registryPassword: 'p' })).not.toContain(
      'qcbm:registryPassword',
    );
    for (const imagePullSecret of ['qcloudregistrykey', { source: 'none' }, { source: 'existing' }]) {
      expect(keys(stackOf({ imagePullSecret }))).not.toContain('qcbm:registryUsername');
    }
  });
});
