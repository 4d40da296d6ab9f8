import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface RedisReplicateAttachmentArgs {
  /** An existing global replication group (`crs-rpl-…`): no resource creates one. */
  readonly groupId: pulumi.Input<string>;
  /** The writable master; changing it promotes another member (ChangeMasterInstance). */
  readonly masterInstanceId: pulumi.Input<string>;
  /** Every member of the group, the master included (Redis 4.0/5.0, same spec, at most four). */
  readonly instanceIds: pulumi.Input<pulumi.Input<string>[]>;
}

/** Redis instances joined to a global replication group (`tencentcloud_redis_replicate_attachment`); its id is the group id. */
export class RedisReplicateAttachment extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.redisReplicateAttachment;

  constructor(name: string, args: RedisReplicateAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(RedisReplicateAttachment.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
