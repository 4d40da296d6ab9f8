import type { Fleet } from '../../model/fleet-schema';
import { ValidationError, type ValidationIssue } from '../../model/validation-error';

/** The stack config the program reads besides `qcbm:fleet`, all under the `qcbm` namespace. */
export interface ProgramSecrets {
  /** The TDCC hub's kubeconfig (`pulumi config set --secret qcbm:hubKubeconfig`). */
  readonly hubKubeconfig?: unknown;
  /** Kubeconfigs of clusters this stack does not create, by cluster name (secret object). */
  readonly kubeconfigs?: Readonly<Record<string, unknown>>;
  readonly mysqlPassword?: unknown;
  readonly redisPassword?: unknown;
}

/**
 * Checks that the stack config has everything the fleet's delivery mode and data stores need, before any
 * resource is registered; every problem names the config key and the command that sets it.
 */
export function checkProgramConfig(fleet: Fleet, config: ProgramSecrets, stack: string): void {
  const issues: ValidationIssue[] = [];
  const set = (key: string) => `pulumi config set --secret --stack ${stack} ${key} <value>`;
  const provisioned = new Set(fleet.cloud.regions.map((r) => r.region));
  if (fleet.cloud.delivery === 'hub' && config.hubKubeconfig === undefined) {
    issues.push({
      path: 'qcbm:hubKubeconfig',
      message: 'is required: the fleet is delivered through the TDCC hub',
      fix: `${set('qcbm:hubKubeconfig')} (the hub's kubeconfig)`,
    });
  }
  if (fleet.cloud.delivery === 'direct') {
    for (const c of fleet.clusters) {
      if (!provisioned.has(c.region) && config.kubeconfigs?.[c.name] === undefined) {
        issues.push({
          path: `qcbm:kubeconfigs["${c.name}"]`,
          message: `is required: direct delivery to ${c.name}, whose region ${c.region} this stack does not create`,
          fix: `set the secret object qcbm:kubeconfigs with a kubeconfig for "${c.name}" (pulumi config set --secret --path 'qcbm:kubeconfigs.${c.name}' ...)`,
        });
      }
    }
  }
  const needsKnownPasswords = fleet.app.secrets.source === 'existing';
  for (const [store, key] of [
    ['mysql', 'qcbm:mysqlPassword'],
    ['redis', 'qcbm:redisPassword'],
  ] as const) {
    const value = store === 'mysql' ? config.mysqlPassword : config.redisPassword;
    if (value !== undefined) continue;
    const external = fleet.clusters.filter((c) => {
      const region = fleet.cloud.regions.find((r) => r.region === c.region);
      return !region || region[store].mode === 'external';
    });
    const managedAnywhere = fleet.cloud.regions.some((r) => r[store].mode === 'managed');
    if (external.length > 0 && fleet.app.secrets.source === 'pulumi') {
      issues.push({
        path: key,
        message: `is required: ${store} of ${external.map((c) => c.name).join(', ')} is not created by this stack, so its password cannot be generated`,
        fix: set(key),
      });
    } else if (managedAnywhere && needsKnownPasswords) {
      issues.push({
        path: key,
        message: `is required: the app's Secret is created out of band (fleet.app.secrets.source "existing"), so whoever creates it must know the ${store} password`,
        fix: `${set(key)}, or set fleet.app.secrets.source to "pulumi"`,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(`stack "${stack}" config`, issues);
}
