import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlBackupPolicyArgs {
  readonly mysqlId: pulumi.Input<string>;
  /** Days full backups are kept, 7 to 1830. */
  readonly retentionPeriod?: pulumi.Input<number>;
  /** Days binlogs are kept, 7 to 1830, at most the retention period. */
  readonly binlogPeriod?: pulumi.Input<number>;
  /** `physical` (the only method for multi-node instances) or `snapshot`. */
  readonly backupModel?: pulumi.Input<string>;
  /** A four-hour window, e.g. `02:00-06:00`. */
  readonly backupTime?: pulumi.Input<string>;
}

/** The backup policy of a MySQL instance (`tencentcloud_mysql_backup_policy`). */
export class MysqlBackupPolicy extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlBackupPolicy;

  constructor(name: string, args: MysqlBackupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(MysqlBackupPolicy.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
