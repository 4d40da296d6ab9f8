import { CONFIG_NAMESPACE } from './load-fleet';

/** The names, within the `qcbm` namespace, of the stack config the program reads besides the fleet. */
export const STACK_CONFIG_NAMES = {
  /** The TDCC hub's kubeconfig (secret). */
  hubKubeconfig: 'hubKubeconfig',
  /** Kubeconfigs of the clusters the stack does not create, by cluster name (secret object). */
  kubeconfigs: 'kubeconfigs',
  mysqlPassword: 'mysqlPassword',
  redisPassword: 'redisPassword',
  /** The SkyWalking token of declared collectors (secret; set it to "" for a collector without authentication). */
  skywalkingToken: 'skywalkingToken',
  /** The published name's certificate chain, PEM, where `fleet.app.tls.certificate` is `uploaded` (secret). */
  tlsCertificate: 'tlsCertificate',
  /** Its private key, PEM (secret). */
  tlsPrivateKey: 'tlsPrivateKey',
  /** The registry account the pull secret is made of, where `fleet.app.imagePullSecret.source` is `pulumi`. */
  registryUsername: 'registryUsername',
  /** Its password (secret). */
  registryPassword: 'registryPassword',
  /** The password the services log in to Nacos with (secret). */
  nacosPassword: 'nacosPassword',
  /** No longer read; refused where set. */
  apiAllowedCidrs: 'apiAllowedCidrs',
} as const;

export type StackConfigName = keyof typeof STACK_CONFIG_NAMES;

/** A full config key as the stack file and `pulumi config set` spell it, e.g. `qcbm:mysqlPassword`. */
export type StackConfigKey<N extends StackConfigName = StackConfigName> =
  `${typeof CONFIG_NAMESPACE}:${(typeof STACK_CONFIG_NAMES)[N]}`;

/** The full key of one of the stack's config values. */
export function stackConfigKey<N extends StackConfigName>(name: N): StackConfigKey<N> {
  return `${CONFIG_NAMESPACE}:${STACK_CONFIG_NAMES[name]}` as StackConfigKey<N>;
}
