import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlDatabasePrivilege {
  readonly databaseName: pulumi.Input<string>;
  /** e.g. SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP. */
  readonly privileges: pulumi.Input<pulumi.Input<string>[]>;
}

export interface MysqlPrivilegeArgs {
  readonly mysqlId: pulumi.Input<string>;
  readonly accountName: pulumi.Input<string>;
  /** @default '%' */
  readonly accountHost?: pulumi.Input<string>;
  /** Server-wide privileges; may be empty. */
  readonly globals: pulumi.Input<pulumi.Input<string>[]>;
  readonly databases?: pulumi.Input<pulumi.Input<MysqlDatabasePrivilege>[]>;
}

/** What a MySQL account may do (`tencentcloud_mysql_privilege`). */
export class MysqlPrivilege extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlPrivilege;

  constructor(name: string, args: MysqlPrivilegeArgs, opts?: pulumi.CustomResourceOptions) {
    super(MysqlPrivilege.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
