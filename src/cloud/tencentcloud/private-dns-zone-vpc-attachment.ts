import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import type { PrivateDnsVpc } from './private-dns-zone';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface PrivateDnsZoneVpcAttachmentArgs {
  /** The zone (`zone-…`). */
  readonly zoneId: pulumi.Input<string>;
  /** The VPC of this account the zone then resolves in. */
  readonly vpcSet: pulumi.Input<PrivateDnsVpc>;
}

/** Joins one VPC to a Private DNS zone (`tencentcloud_private_dns_zone_vpc_attachment`). */
export class PrivateDnsZoneVpcAttachment extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.privateDnsZoneVpcAttachment;

  constructor(name: string, args: PrivateDnsZoneVpcAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(PrivateDnsZoneVpcAttachment.TYPE, name, withOutputs(args, []), bindingOptions(opts));
  }
}
