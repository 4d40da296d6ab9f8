import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface CcnAttachmentV2Args {
  readonly ccnId: pulumi.Input<string>;
  /** The VPC (or other network) joined to the CCN. */
  readonly instanceId: pulumi.Input<string>;
  /** The region of that network. */
  readonly instanceRegion: pulumi.Input<string>;
  readonly instanceType: pulumi.Input<'VPC' | 'DIRECTCONNECT' | 'BMVPC' | 'VPNGW'>;
  /** The account owning the CCN, when it is another account's (VPC only). @default - this account */
  readonly ccnUin?: pulumi.Input<string>;
  /** @default - none */
  readonly description?: pulumi.Input<string>;
  /** @default - the CCN's default route table */
  readonly routeTableId?: pulumi.Input<string>;
}

/** Joins one network to a CCN (`tencentcloud_ccn_attachment_v2`). */
export class CcnAttachmentV2 extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.ccnAttachmentV2;
  /** PENDING, ACTIVE, … */
  declare public readonly state: pulumi.Output<string>;
  declare public readonly cidrBlocks: pulumi.Output<string[]>;
  declare public readonly routeIds: pulumi.Output<string[]>;
  declare public readonly attachedTime: pulumi.Output<string>;

  constructor(name: string, args: CcnAttachmentV2Args, opts?: pulumi.CustomResourceOptions) {
    super(
      CcnAttachmentV2.TYPE,
      name,
      withOutputs(args, ['state', 'cidrBlocks', 'routeIds', 'attachedTime']),
      bindingOptions(opts),
    );
  }
}
