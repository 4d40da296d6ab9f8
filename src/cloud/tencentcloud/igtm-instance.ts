import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface IgtmInstanceArgs {
  /** The business domain users resolve, e.g. shop.qcbm.com; it becomes a CNAME to the access name. */
  readonly domain: pulumi.Input<string>;
  /** CUSTOM: IGTM answers on `<accessSubDomain>.<accessDomain>`, a zone of this account's DNSPod; SYSTEM: a name IGTM picks. */
  readonly accessType: pulumi.Input<'CUSTOM' | 'SYSTEM'>;
  readonly accessDomain: pulumi.Input<string>;
  readonly accessSubDomain: pulumi.Input<string>;
  /** Seconds resolvers keep an answer; at least the package's minGlobalTtl. */
  readonly globalTtl: pulumi.Input<number>;
  /** FREE, STANDARD or ULTIMATE; changing it replaces the instance. */
  readonly packageType: pulumi.Input<'FREE' | 'STANDARD' | 'ULTIMATE'>;
  readonly instanceName: pulumi.Input<string>;
  /** The purchased package's resource id (no resource of provider 0.2.3 buys one); changing it replaces the instance. */
  readonly resourceId: pulumi.Input<string>;
  /** @default - none */
  readonly remark?: pulumi.Input<string>;
}

/**
 * An IGTM instance (`tencentcloud_igtm_instance`): one published name. The provider cannot delete it (Delete
 * always fails), so create it with `retainOnDelete: true`.
 */
export class IgtmInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.igtmInstance;
  /** `gtm-…`, also the resource's id. The instance exports no CNAME target: it is `<accessSubDomain>.<accessDomain>`. */
  declare public readonly instanceId: pulumi.Output<string>;

  constructor(name: string, args: IgtmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(IgtmInstance.TYPE, name, withOutputs(args, ['instanceId']), bindingOptions(opts));
  }
}
