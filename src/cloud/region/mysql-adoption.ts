// How the primary's site adopts a promoted disaster-recovery instance with one `pulumi up`: Pulumi's `import` of
// the instance, its database and its account, with the inputs they were created with. What the provider reads
// (terraform-provider-tencentcloud v1.82.42, services/cdb): the instance's Read sets name, sizes, network, tags,
// engine, zones and sync mode from the API and never the root password; its import stores every parameter of the
// instance, a later Read only the keys in state. An account's password is never read.
import * as pulumi from '@pulumi/pulumi';
import type { MysqlAdoption } from '../../model/topology/site-plan';
import { slaveSyncMode } from './data-stores';
import type { ChildOptions } from './child-options';

/** The import ids the provider's importers take (`#` separates the parts). */
export const mysqlImportIds = {
  database: (instanceId: string, databaseName: string) => `${instanceId}#${databaseName}`,
  /** The host is left out where it is `%`, as the provider's own ids do. */
  account: (instanceId: string, account: string, host: string) =>
    host === '%' ? `${instanceId}#${account}` : `${instanceId}#${account}#${host}`,
} as const;

/**
 * The import ids of the adopted database and account. An import id is a plain string: names given as Pulumi
 * outputs cannot be adopted.
 * @throws pulumi.ResourceError naming the input that is not a plain string
 */
export function importIdsOf(
  adopt: MysqlAdoption,
  names: {
    readonly databaseName: pulumi.Input<string>;
    readonly account: pulumi.Input<string>;
    readonly accountHost: pulumi.Input<string>;
  },
  parent: pulumi.Resource,
): { readonly database: string; readonly account: string } {
  const plain = (key: keyof typeof names): string => {
    const value = names[key];
    if (typeof value === 'string') return value;
    throw new pulumi.ResourceError(
      `mysql.${key} must be a plain string to adopt ${adopt.instanceId} (Pulumi's import takes the resource's id as a string); give the name itself, not an output`,
      parent,
    );
  };
  return {
    database: mysqlImportIds.database(adopt.instanceId, plain('databaseName')),
    account: mysqlImportIds.account(adopt.instanceId, plain('account'), plain('accountHost')),
  };
}

/**
 * The instance inputs that differ from a primary the stack creates: the console name and standby replication it
 * was created with as a copy. No root password (it replicated with the data and cannot be read) and no
 * parameters (the account, created on the old primary, keeps its authentication plugin).
 */
export function adoptedInstanceInputs(adopt: MysqlAdoption): {
  readonly instanceName: string;
  readonly slaveSyncMode: number;
} {
  return { instanceName: adopt.instanceName, slaveSyncMode: slaveSyncMode(adopt.standbySync) };
}

/**
 * Imports `id` into the resource; `parameters` ignored on the instance (the import reads all of them, the program
 * names none) and `password` on the account (never read).
 */
export function adoptionOptions(opts: ChildOptions, id: string, ignoreChanges: readonly string[] = []) {
  return {
    ...opts,
    import: id,
    ...(ignoreChanges.length > 0 ? { ignoreChanges: [...ignoreChanges] } : {}),
  } satisfies pulumi.CustomResourceOptions;
}

/** What each adopted resource leaves to what it is: the provider cannot read it, or reads it differently. */
export const ADOPTION_IGNORED = {
  instance: ['parameters'],
  account: ['password'],
} as const;
