import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface RedisBackupConfigArgs {
  readonly redisId: pulumi.Input<string>;
  /** The daily backup's one-hour window, e.g. `03:00-04:00`. */
  readonly backupTime: pulumi.Input<string>;
}

/** The daily backup of a Redis instance (`tencentcloud_redis_backup_config`). */
export class RedisBackupConfig extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.redisBackupConfig;

  constructor(name: string, args: RedisBackupConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(RedisBackupConfig.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
