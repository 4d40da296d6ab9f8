import type * as Pulumi from '@pulumi/pulumi';
import { underMocks, valueOf } from './support/under-mocks';
import { RANDOM_TYPES } from '../../src/cloud/type-tokens';

describe('QcbmCredentials', () => {
  test('generated passwords and the Secret values are secret Outputs', async () => {
    const { cloud, result } = await underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const { QcbmCredentials } = await import('../../src/cloud/credentials/qcbm-credentials');
      const c = new QcbmCredentials('creds', { skywalkingToken: 'Given-Token-1' });
      return {
        secret: await Promise.all(
          [c.mysqlPassword, c.redisPassword, c.skywalkingToken!, c.secretValues()].map(
            (o: Pulumi.Output<unknown>) => pulumi.isSecret(o),
          ),
        ),
        values: await valueOf(c.secretValues()),
        account: c.mysqlAccount,
      };
    });
    expect(result.secret).toEqual([true, true, true, true]);
    expect(result.account).toBe('qcbm');
    const passwords = cloud.ofType(RANDOM_TYPES.password);
    expect(passwords.map((p) => p.name)).toEqual(['creds-mysql', 'creds-redis']);
    for (const p of passwords) {
      expect(p.inputs).toMatchObject({ length: 16, special: true, minSpecial: 1 });
      expect(String(p.inputs.overrideSpecial)).toMatch(/^[-_!@#%^*]+$/);
    }
    expect(result.values).toEqual({
      mysqlAccount: 'qcbm',
      mysqlPassword: expect.stringMatching(/^planned-/),
      redisPassword: expect.stringMatching(/^planned-/),
      swAgentAuthentication: 'Given-Token-1',
    });
  });

  test('without a SkyWalking token the Secret values are refused, naming where the token comes from', async () => {
    const { result } = await underMocks(async () => {
      const { QcbmCredentials } = await import('../../src/cloud/credentials/qcbm-credentials');
      const c = new QcbmCredentials('creds', {});
      try {
        c.secretValues();
        return { token: c.skywalkingToken, error: undefined };
      } catch (e) {
        return { token: c.skywalkingToken, error: (e as Error).message };
      }
    });
    expect(result.token).toBeUndefined();
    expect(result.error).toMatch(
      /no SkyWalking token.*qcbm:skywalkingToken.*fleet\.cloud\.tracing\.mode "managed"/,
    );
  });

  test('passwords from config are used as given and nothing is generated', async () => {
    const { cloud, result } = await underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const { QcbmCredentials } = await import('../../src/cloud/credentials/qcbm-credentials');
      const c = new QcbmCredentials('creds', {
        mysqlPassword: 'Given-Mysql-1',
        redisPassword: 'Given-Redis-1',
        skywalkingToken: '',
        mysqlAccount: 'shop',
      });
      return { values: await valueOf(c.secretValues()), secret: await pulumi.isSecret(c.mysqlPassword) };
    });
    expect(cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    expect(result.secret).toBe(true);
    expect(result.values).toMatchObject({
      mysqlAccount: 'shop',
      mysqlPassword: 'Given-Mysql-1',
      redisPassword: 'Given-Redis-1',
    });
  });
});
