import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface MysqlAccountArgs {
  readonly mysqlId: pulumi.Input<string>;
  readonly name: pulumi.Input<string>;
  /** Kept secret in state. */
  readonly password: pulumi.Input<string>;
  /** @default '%' */
  readonly host?: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
}

/** A MySQL account (`tencentcloud_mysql_account`). */
export class MysqlAccount extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.mysqlAccount;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly password: pulumi.Output<string>;

  constructor(name: string, args: MysqlAccountArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      MysqlAccount.TYPE,
      name,
      { ...args, password: pulumi.secret(args.password) },
      bindingOptions(opts, ['password']),
    );
  }
}
