import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { type MysqlCommonArgs, MYSQL_OUTPUTS } from './mysql-instance';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlReadonlyInstanceArgs extends MysqlCommonArgs {
  readonly masterInstanceId: pulumi.Input<string>;
  /** For a replica in another region: the primary's region (create it with the replica region's provider). */
  readonly masterRegion?: pulumi.Input<string>;
  readonly zone?: pulumi.Input<string>;
}

/** A read-only MySQL replica (`tencentcloud_mysql_readonly_instance`). */
export class MysqlReadonlyInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlReadonlyInstance;
  declare public readonly intranetIp: pulumi.Output<string>;
  declare public readonly intranetPort: pulumi.Output<number>;

  constructor(name: string, args: MysqlReadonlyInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      MysqlReadonlyInstance.TYPE,
      name,
      withOutputs(args, [...MYSQL_OUTPUTS, 'intranetPort']),
      bindingOptions(opts),
    );
  }
}
