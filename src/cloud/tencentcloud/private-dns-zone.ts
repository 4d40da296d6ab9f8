import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

/** A VPC a private zone resolves in. */
export interface PrivateDnsVpc {
  readonly region: pulumi.Input<string>;
  /** The VPC's id (`vpc-…`). */
  readonly uniqVpcId: pulumi.Input<string>;
}

export interface PrivateDnsZoneArgs {
  /** The zone's domain, e.g. `qcbm-prod.internal`. */
  readonly domain: pulumi.Input<string>;
  /** @default - none */
  readonly remark?: pulumi.Input<string>;
  /**
   * VPCs joined at creation. Leave unset where `PrivateDnsZoneVpcAttachment` joins them: the two would fight.
   * @default - none
   */
  readonly vpcSets?: pulumi.Input<pulumi.Input<PrivateDnsVpc>[]>;
  /** Subdomain recursive resolution, `ENABLED` or `DISABLED`. @default 'DISABLED' */
  readonly dnsForwardStatus?: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** CNAME acceleration, `ENABLED` or `DISABLED`. @default 'ENABLED' */
  readonly cnameSpeedupStatus?: pulumi.Input<'ENABLED' | 'DISABLED'>;
  /** @default - none */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A Private DNS zone (`tencentcloud_private_dns_zone`): names that resolve only in the VPCs joined to it. */
export class PrivateDnsZone extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.privateDnsZone;
  declare public readonly domain: pulumi.Output<string>;

  constructor(name: string, args: PrivateDnsZoneArgs, opts?: pulumi.CustomResourceOptions) {
    super(PrivateDnsZone.TYPE, name, withOutputs(args, ['domain']), bindingOptions(opts));
  }
}
