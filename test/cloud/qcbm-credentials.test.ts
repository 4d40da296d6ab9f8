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
      // Nacos's default user, where nothing asks the stack to set another.
      nacosAccount: 'nacos',
      nacosPassword: 'nacos',
    });
  });

  test('an in-cluster Nacos gets a generated password, token key and server identity, all secret', async () => {
    const { cloud, result } = await underMocks(async () => {
      const pulumi = await import('@pulumi/pulumi');
      const { QcbmCredentials } = await import('../../src/cloud/credentials/qcbm-credentials');
      const c = new QcbmCredentials('creds', {
        generateNacosPassword: true,
        nacosServer: true,
        skywalkingToken: 'Given-Token-1',
      });
      return {
        secret: [await pulumi.isSecret(c.nacosPassword), await pulumi.isSecret(c.nacosServer!)],
        values: await valueOf(c.secretValues()),
      };
    });
    expect(result.secret).toEqual([true, true]);
    expect(
      cloud
        .ofType(RANDOM_TYPES.password)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['creds-mysql', 'creds-nacos', 'creds-nacos-identity', 'creds-redis']);
    expect(cloud.ofType(RANDOM_TYPES.bytes).map((b) => [b.name, b.inputs.length])).toEqual([
      ['creds-nacos-token', 32],
    ]);
    const { nacosPassword, nacosServer } = result.values;
    expect(nacosPassword).toMatch(/^planned-/);
    // Nacos takes a base64 key of at least 32 bytes.
    expect(Buffer.from(nacosServer!.authToken, 'base64').length).toBeGreaterThanOrEqual(32);
    expect(nacosServer).toEqual({
      authToken: expect.any(String),
      identityKey: 'qcbm-nacos-identity',
      identityValue: expect.stringMatching(/^planned-/),
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
        nacosPassword: 'Given-Nacos-1',
        generateNacosPassword: true,
      });
      return { values: await valueOf(c.secretValues()), secret: await pulumi.isSecret(c.mysqlPassword) };
    });
    expect(cloud.ofType(RANDOM_TYPES.password)).toEqual([]);
    expect(result.secret).toBe(true);
    expect(result.values).toMatchObject({
      mysqlAccount: 'shop',
      mysqlPassword: 'Given-Mysql-1',
      redisPassword: 'Given-Redis-1',
      nacosPassword: 'Given-Nacos-1',
    });
  });
});
