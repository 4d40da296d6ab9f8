import { type StackConfigKey, stackConfigKey } from '../../model/stack-config';
import type { Fleet } from '../../model/fleet-schema';
import { clustersNeedingKubeconfigs, layoutOf } from '../../model/topology/site-layout';
import { ValidationError, type ValidationIssue } from '../../model/validation-error';

const HUB_KUBECONFIG = stackConfigKey('hubKubeconfig');
const KUBECONFIGS = stackConfigKey('kubeconfigs');

/** The stack config the program reads besides `qcbm:fleet`, all under the `qcbm` namespace. */
export interface StackSecrets {
  /** The TDCC hub's kubeconfig (`pulumi config set --secret qcbm:hubKubeconfig`). */
  readonly hubKubeconfig?: unknown;
  /** Kubeconfigs of the clusters this stack does not create (`createsSite`), by cluster name (secret object). */
  readonly kubeconfigs?: Readonly<Record<string, unknown>>;
  readonly mysqlPassword?: unknown;
  readonly redisPassword?: unknown;
  /** The uploaded certificate's chain and key (`fleet.app.tls.certificate: uploaded`). */
  readonly tlsCertificate?: unknown;
  readonly tlsPrivateKey?: unknown;
  /** The SkyWalking token of declared collectors. */
  readonly skywalkingToken?: unknown;
  /** The registry account of a pull secret Pulumi creates (`fleet.app.imagePullSecret.source: pulumi`). */
  readonly registryUsername?: unknown;
  readonly registryPassword?: unknown;
  /** No longer read: the allow-list of the Kubernetes API is `fleet.cloud.kubernetesApi`. Set, it is an error. */
  readonly apiAllowedCidrs?: unknown;
}

/** A secret config value the stack needs and does not have. */
export interface MissingConfig {
  /** The config key, e.g. `qcbm:hubKubeconfig`. */
  readonly key: StackConfigKey<
    | 'hubKubeconfig'
    | 'kubeconfigs'
    | 'mysqlPassword'
    | 'redisPassword'
    | 'tlsCertificate'
    | 'tlsPrivateKey'
    | 'skywalkingToken'
    | 'registryUsername'
    | 'registryPassword'
  >;
  /** For object-valued keys (`qcbm:kubeconfigs`): the entry that is missing, a cluster name. */
  readonly entry?: string;
  readonly issue: ValidationIssue;
}

/**
 * Every secret the fleet's delivery mode and data stores need that the stack config lacks. The offline plan
 * fills these with placeholders and lists them; the program refuses to start (see `checkStackConfig`).
 */
export function findMissingConfig(fleet: Fleet, config: StackSecrets, stack: string): MissingConfig[] {
  const missing: MissingConfig[] = [];
  const set = (key: string) => `pulumi config set --secret --stack ${stack} ${key} <value>`;
  if (fleet.cloud.delivery === 'hub' && config.hubKubeconfig === undefined) {
    missing.push({
      key: HUB_KUBECONFIG,
      issue: {
        path: HUB_KUBECONFIG,
        message: 'is required: the fleet is delivered through the TDCC hub',
        fix: `${set(HUB_KUBECONFIG)} (the hub's kubeconfig)`,
      },
    });
  }
  for (const c of clustersNeedingKubeconfigs(fleet)) {
    if (config.kubeconfigs?.[c.name] !== undefined) continue;
    missing.push({
      key: KUBECONFIGS,
      entry: c.name,
      issue: {
        path: `${KUBECONFIGS}["${c.name}"]`,
        message: `is required: direct delivery to ${c.name}, a cluster this stack does not create (no site in fleet.cloud.regions creates it)`,
        fix: `pulumi config set --secret --stack ${stack} --path '${KUBECONFIGS}.${c.name}' "$(cat kubeconfig)"`,
      },
    });
  }
  for (const [store, key] of [
    ['mysql', stackConfigKey('mysqlPassword')],
    ['redis', stackConfigKey('redisPassword')],
  ] as const) {
    const value = store === 'mysql' ? config.mysqlPassword : config.redisPassword;
    if (value !== undefined) continue;
    const external = fleet.clusters.filter((c) => {
      const site = layoutOf(fleet, c);
      return !site || site[store].mode === 'external';
    });
    const managedAnywhere = fleet.cloud.regions.some((r) => r[store].mode === 'managed');
    if (external.length > 0 && fleet.app.secrets.source === 'pulumi') {
      missing.push({
        key,
        issue: {
          path: key,
          message: `is required: ${store} of ${external.map((c) => c.name).join(', ')} is not created by this stack, so its password cannot be generated`,
          fix: set(key),
        },
      });
    } else if (managedAnywhere && fleet.app.secrets.source === 'existing') {
      missing.push({
        key,
        issue: {
          path: key,
          message: `is required: the app's Secret is created out of band (fleet.app.secrets.source "existing"), so whoever creates it must know the ${store} password`,
          fix: `${set(key)}, or set fleet.app.secrets.source to "pulumi"`,
        },
      });
    }
  }
  if (fleet.app.tls?.certificate === 'uploaded') {
    for (const [name, what] of [
      ['tlsCertificate', 'certificate chain'],
      ['tlsPrivateKey', 'private key'],
    ] as const) {
      if (config[name] !== undefined) continue;
      const key = stackConfigKey(name);
      missing.push({
        key,
        issue: {
          path: key,
          message: `is required: fleet.app.tls.certificate is "uploaded", and the stack uploads the ${what} of ${fleet.app.ingressHost} from it`,
          fix: `pulumi config set --secret --stack ${stack} ${key} -- "$(cat <${name === 'tlsCertificate' ? 'fullchain' : 'privkey'}.pem>)"`,
        },
      });
    }
  }
  missing.push(...missingRuntimeConfig(fleet, config, set));
  return missing;
}

/** The tracing token and the registry account, where the app's Secrets built by Pulumi need them. */
function missingRuntimeConfig(
  fleet: Fleet,
  config: StackSecrets,
  set: (key: string) => string,
): MissingConfig[] {
  const missing: MissingConfig[] = [];
  const token = stackConfigKey('skywalkingToken');
  if (
    fleet.cloud.tracing.mode === 'external' &&
    fleet.app.secrets.source === 'pulumi' &&
    config.skywalkingToken === undefined
  ) {
    missing.push({
      key: token,
      issue: {
        path: token,
        message:
          'is required: the services send traces to declared collectors (fleet.cloud.tracing.mode "external") and the app\'s Secret, which Pulumi builds, carries their token',
        fix: `${set(token)} (the collector's token; "" for a collector without authentication), or let the stack create an APM instance: fleet.cloud.tracing: { mode: managed }`,
      },
    });
  }
  if (fleet.app.imagePullSecret.source === 'pulumi') {
    for (const [name, value] of [
      ['registryUsername', config.registryUsername],
      ['registryPassword', config.registryPassword],
    ] as const) {
      if (value !== undefined) continue;
      const key = stackConfigKey(name);
      missing.push({
        key,
        issue: {
          path: key,
          message: `is required: the stack creates the pull secret ${fleet.app.imagePullSecret.name} (fleet.app.imagePullSecret.source "pulumi") from the registry account`,
          fix: `${set(key)} (the ${name === 'registryUsername' ? 'account' : 'password'} of ${fleet.app.registry}), or set fleet.app.imagePullSecret to { source: existing } or { source: none }`,
        },
      });
    }
  }
  return missing;
}

/**
 * Checks that the stack config has everything the fleet's delivery mode and data stores need, before any
 * resource is registered; every problem names the config key and the command that sets it.
 * @throws ValidationError listing every missing key
 */
export function checkStackConfig(fleet: Fleet, config: StackSecrets, stack: string): void {
  const issues = findMissingConfig(fleet, config, stack).map((m) => m.issue);
  if (config.apiAllowedCidrs !== undefined) {
    issues.push({
      path: stackConfigKey('apiAllowedCidrs'),
      message:
        'is no longer read: it fed managedClusterInternetSecurityPolicies, which the provider ignores; who reaches the Kubernetes API is part of the fleet description now',
      fix: `move it to fleet.cloud.kubernetesApi: { access: public, allowedCidrs: [...] } in Pulumi.${stack}.yaml, then pulumi config rm --stack ${stack} ${stackConfigKey('apiAllowedCidrs')}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(`stack "${stack}" config`, issues);
}
