import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';

export interface RedisInstanceArgs {
  readonly availabilityZone: pulumi.Input<string>;
  /** Memory in MB. */
  readonly memSize: pulumi.Input<number>;
  readonly name?: pulumi.Input<string>;
  /** The edition, e.g. 8 for Redis 5.0 standard. @default - provider default */
  readonly typeId?: pulumi.Input<number>;
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** 8 to 16 characters; kept secret in state. */
  readonly password?: pulumi.Input<string>;
  /** @default 6379 */
  readonly port?: pulumi.Input<number>;
  readonly redisReplicasNum?: pulumi.Input<number>;
  readonly chargeType?: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** A TencentDB for Redis instance (`tencentcloud_redis_instance`). */
export class RedisInstance extends pulumi.CustomResource {
  public static readonly TYPE = 'tencentcloud:Redis/instance:Instance';
  declare public readonly ip: pulumi.Output<string>;
  declare public readonly port: pulumi.Output<number>;
  declare public readonly password: pulumi.Output<string>;

  constructor(name: string, args: RedisInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props = withOutputs(
      { ...args, ...(args.password === undefined ? {} : { password: pulumi.secret(args.password) }) },
      ['ip', 'status', 'createTime', 'wanAddress'],
    );
    super(RedisInstance.TYPE, name, props, bindingOptions(opts, ['password']));
  }
}
