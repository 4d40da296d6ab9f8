import { readFileSync } from 'fs';
import { repoPath } from '../support/repo-root';
import { ConfigGroup } from '@pulumi/kubernetes/yaml/v2';
import { Provider } from '@pulumi/kubernetes/provider';
import { RandomBytes } from '@pulumi/random/randomBytes';
import { RandomPassword } from '@pulumi/random/randomPassword';
import * as cloud from '../../src/cloud';
import * as tencentcloud from '../../src/cloud/tencentcloud';
import {
  KUBERNETES_TYPES,
  QCBM_TYPES,
  RANDOM_TYPES,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
} from '../../src/cloud/type-tokens';

/** The SDK classes keep their token in a static the typings do not declare. */
const sdkToken = (cls: unknown) => (cls as { __pulumiType: string }).__pulumiType;

describe('type tokens', () => {
  test('each Tencent Cloud binding registers one of the tokens, and each token has its binding', () => {
    const bindings = Object.values(tencentcloud).filter(
      (v): v is { TYPE: string } & typeof v => typeof v === 'function' && 'TYPE' in v,
    );
    const types = bindings.map((b) => b.TYPE);
    expect(types.filter((t) => t !== TENCENTCLOUD_PROVIDER_TYPE).sort()).toEqual(
      Object.values(TENCENTCLOUD_TYPES).sort(),
    );
    expect(tencentcloud.TencentCloudProvider.TYPE).toBe(TENCENTCLOUD_PROVIDER_TYPE);
  });

  test("the components' tokens are their classes' TYPE", () => {
    expect({
      environment: cloud.QcbmEnvironment.TYPE,
      region: cloud.QcbmRegion.TYPE,
      dataReplication: cloud.QcbmDataReplication.TYPE,
      globalTraffic: cloud.QcbmGlobalTraffic.TYPE,
      delivery: cloud.QcbmDelivery.TYPE,
      credentials: cloud.QcbmCredentials.TYPE,
    }).toEqual(QCBM_TYPES);
  });

  test('the Kubernetes and random tokens are those their SDKs register', () => {
    expect(KUBERNETES_TYPES).toEqual({
      provider: `pulumi:providers:${sdkToken(Provider)}`,
      configGroup: sdkToken(ConfigGroup),
    });
    expect(RANDOM_TYPES.password).toBe(sdkToken(RandomPassword));
    expect(RANDOM_TYPES.bytes).toBe(sdkToken(RandomBytes));
  });

  test('the token modules import nothing but each other, so that ops, policy and scripts load no Pulumi', () => {
    const imports = (file: string) =>
      [...readFileSync(repoPath(file), 'utf8').matchAll(/(?:from|require\()\s*'([^']+)'/g)].map((m) => m[1]);
    expect(imports('src/cloud/tencentcloud/type-tokens.ts')).toEqual([]);
    expect(imports('src/cloud/type-tokens.ts')).toEqual(['./tencentcloud/type-tokens']);
  });
});
