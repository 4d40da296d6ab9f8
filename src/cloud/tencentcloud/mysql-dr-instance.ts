import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import type { MysqlCommonArgs } from './mysql-instance';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlDrInstanceArgs extends MysqlCommonArgs {
  readonly masterInstanceId: pulumi.Input<string>;
  /** The primary's region; create the DR instance with its own region's provider. */
  readonly masterRegion: pulumi.Input<string>;
  readonly availabilityZone?: pulumi.Input<string>;
  readonly slaveSyncMode?: pulumi.Input<number>;
}

/** A disaster-recovery MySQL instance in another region (`tencentcloud_mysql_dr_instance`). */
export class MysqlDrInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlDrInstance;
  declare public readonly intranetIp: pulumi.Output<string>;
  declare public readonly intranetPort: pulumi.Output<number>;

  constructor(name: string, args: MysqlDrInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      MysqlDrInstance.TYPE,
      name,
      withOutputs(args, ['intranetIp', 'intranetPort']),
      bindingOptions(opts),
    );
  }
}
