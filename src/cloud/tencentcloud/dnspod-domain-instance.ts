import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface DnspodDomainInstanceArgs {
  /** The zone, e.g. qcbm.com; a new one answers only once the registrar delegates it to DNSPod. */
  readonly domain: pulumi.Input<string>;
  readonly groupId?: pulumi.Input<number>;
  /** `yes` or `no`. @default - the provider's */
  readonly isMark?: pulumi.Input<string>;
  readonly remark?: pulumi.Input<string>;
  /** `enable` or `disable`. @default - the provider's */
  readonly status?: pulumi.Input<string>;
}

/** A DNSPod zone (`tencentcloud_dnspod_domain_instance`); its `id` is the zone's name. */
export class DnspodDomainInstance extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.dnspodDomainInstance;
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly domainId: pulumi.Output<number>;
  /** The name servers to delegate the zone to at its registrar. */
  declare public readonly slaveDns: pulumi.Output<string>;

  constructor(name: string, args: DnspodDomainInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      DnspodDomainInstance.TYPE,
      name,
      withOutputs(args, ['domainId', 'slaveDns', 'createTime']),
      bindingOptions(opts),
    );
  }
}
