import * as pulumi from '@pulumi/pulumi';
import type { RedisArchitecture, RedisVersion } from '../../model/cloud-schema';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** The `typeId` of each Redis version and architecture (the provider schema's description of `typeId`). */
export const REDIS_TYPE_IDS: Readonly<Record<RedisVersion, Readonly<Record<RedisArchitecture, number>>>> = {
  '4.0': { standard: 6, cluster: 7 },
  '5.0': { standard: 8, cluster: 9 },
  '6.2': { standard: 15, cluster: 16 },
  '7.0': { standard: 17, cluster: 18 },
};

/** The edition of a Redis version and architecture, as `typeId`. */
export function redisTypeId(version: RedisVersion, architecture: RedisArchitecture): number {
  const typeId = REDIS_TYPE_IDS[version]?.[architecture];
  if (typeId === undefined) {
    throw new Error(
      `no TencentDB for Redis edition for version ${JSON.stringify(version)} and architecture ${JSON.stringify(architecture)}: use a version of ${Object.keys(REDIS_TYPE_IDS).join(', ')} and "standard" or "cluster"`,
    );
  }
  return typeId;
}

export interface RedisInstanceArgs {
  readonly availabilityZone: pulumi.Input<string>;
  /** Memory in MB; per shard with the cluster architecture. */
  readonly memSize: pulumi.Input<number>;
  /**
   * The edition (see REDIS_TYPE_IDS). Required here although the schema has it optional: the provider refuses to
   * create an instance without exactly one of it and the deprecated `type`, which this binding does not offer.
   */
  readonly typeId: pulumi.Input<number>;
  readonly name?: pulumi.Input<string>;
  readonly vpcId?: pulumi.Input<string>;
  readonly subnetId?: pulumi.Input<string>;
  readonly securityGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** 8 to 16 characters; kept secret in state. */
  readonly password?: pulumi.Input<string>;
  /** @default 6379 */
  readonly port?: pulumi.Input<number>;
  /** Replicas of each master, 1 to 5 (Redis 2.8: 1). @default - provider default */
  readonly redisReplicasNum?: pulumi.Input<number>;
  /** Shards of a cluster-architecture edition. @default - none: standard architecture */
  readonly redisShardNum?: pulumi.Input<number>;
  readonly chargeType?: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** A TencentDB for Redis instance (`tencentcloud_redis_instance`). */
export class RedisInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.redisInstance;
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
