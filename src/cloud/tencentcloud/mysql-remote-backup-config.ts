import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlRemoteBackupConfigArgs {
  readonly instanceId: pulumi.Input<string>;
  /** `on` copies the data backups to the remote regions. */
  readonly remoteBackupSave: pulumi.Input<'on' | 'off'>;
  /** `on` copies the binlogs too (only with remoteBackupSave `on`). */
  readonly remoteBinlogSave: pulumi.Input<'on' | 'off'>;
  readonly remoteRegions: pulumi.Input<pulumi.Input<string>[]>;
  /** Days the remote copies are kept. */
  readonly expireDays: pulumi.Input<number>;
}

/** Cross-region copies of a MySQL instance's backups and binlogs (`tencentcloud_mysql_remote_backup_config`). */
export class MysqlRemoteBackupConfig extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlRemoteBackupConfig;

  constructor(name: string, args: MysqlRemoteBackupConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(MysqlRemoteBackupConfig.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
