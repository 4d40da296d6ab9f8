// Every Pulumi type token this library registers, in plain constants with no Pulumi import, so that src/ops,
// src/policy, src/testing, src/plan and scripts read the very tokens the components and bindings register. The
// Tencent Cloud tokens live beside their bindings (tencentcloud/type-tokens.ts); the components' own and those of
// the other Pulumi packages the components use live here.
export {
  TENCENTCLOUD_INVOKES,
  TENCENTCLOUD_PACKAGE,
  TENCENTCLOUD_PROVIDER_TYPE,
  TENCENTCLOUD_TYPES,
  type TencentCloudType,
} from './tencentcloud/type-tokens';

/** The components' type tokens (`qcbm:<module>:<Name>`), by component. */
export const QCBM_TYPES = {
  environment: 'qcbm:cloud:Environment',
  region: 'qcbm:cloud:Region',
  dataReplication: 'qcbm:cloud:DataReplication',
  globalTraffic: 'qcbm:cloud:GlobalTraffic',
  delivery: 'qcbm:cloud:AppDelivery',
  credentials: 'qcbm:cloud:Credentials',
} as const;

/** The tokens of the @pulumi/kubernetes resources app delivery registers. */
export const KUBERNETES_TYPES = {
  provider: 'pulumi:providers:kubernetes',
  configGroup: 'kubernetes:yaml/v2:ConfigGroup',
} as const;

/** The tokens of the @pulumi/random resources the passwords and keys are generated with. */
export const RANDOM_TYPES = {
  password: 'random:index/randomPassword:RandomPassword',
  bytes: 'random:index/randomBytes:RandomBytes',
} as const;
