import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlDatabaseArgs {
  readonly instanceId: pulumi.Input<string>;
  readonly dbName: pulumi.Input<string>;
  /** utf8, utf8mb4, gbk or latin1. */
  readonly characterSetName: pulumi.Input<string>;
}

/** A database in a MySQL instance (`tencentcloud_mysql_database`). */
export class MysqlDatabase extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlDatabase;
  declare public readonly dbName: pulumi.Output<string>;

  constructor(name: string, args: MysqlDatabaseArgs, opts?: pulumi.CustomResourceOptions) {
    super(MysqlDatabase.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
