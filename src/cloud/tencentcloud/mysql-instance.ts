import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** What TencentDB for MySQL instances of every kind (primary, read-only, DR) take. */
export interface MysqlCommonArgs {
  readonly instanceName: pulumi.Input<string>;
  /** Memory in MB. */
  readonly memSize: pulumi.Input<number>;
  /** Disk in GB. */
  readonly volumeSize: pulumi.Input<number>;
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** PREPAID or POSTPAID. @default - provider default */
  readonly chargeType?: pulumi.Input<string>;
  readonly intranetPort?: pulumi.Input<number>;
  readonly tags?: Tags;
}

export interface MysqlInstanceArgs extends MysqlCommonArgs {
  /** 5.7 or 8.0. @default - provider default (5.7) */
  readonly engineVersion?: pulumi.Input<string>;
  readonly availabilityZone?: pulumi.Input<string>;
  readonly firstSlaveZone?: pulumi.Input<string>;
  /** 0 single zone, 1 several zones (the standby in `firstSlaveZone`). @default 0 */
  readonly slaveDeployMode?: pulumi.Input<number>;
  /** 0 closes public access, 1 opens it. @default 0 */
  readonly internetService?: pulumi.Input<number>;
  /** 0 async, 1 semi-sync, 2 strong. @default - provider default */
  readonly slaveSyncMode?: pulumi.Input<number>;
  /** Kept secret in state. */
  readonly rootPassword?: pulumi.Input<string>;
  readonly parameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Outputs of every kind of MySQL instance. */
export const MYSQL_OUTPUTS = ['intranetIp', 'status', 'taskStatus', 'locked'] as const;

/** A TencentDB for MySQL instance (`tencentcloud_mysql_instance`). */
export class MysqlInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlInstance;
  declare public readonly intranetIp: pulumi.Output<string>;
  declare public readonly intranetPort: pulumi.Output<number>;
  declare public readonly internetHost: pulumi.Output<string>;

  constructor(name: string, args: MysqlInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = [...MYSQL_OUTPUTS, 'intranetPort', 'internetHost', 'internetPort', 'gtid'];
    const props = {
      ...args,
      ...(args.rootPassword === undefined ? {} : { rootPassword: pulumi.secret(args.rootPassword) }),
    };
    super(MysqlInstance.TYPE, name, withOutputs(props, outputs), bindingOptions(opts, ['rootPassword']));
  }
}
