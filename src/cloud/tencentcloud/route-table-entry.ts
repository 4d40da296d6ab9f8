import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface RouteTableEntryArgs {
  readonly routeTableId: pulumi.Input<string>;
  /** e.g. 0.0.0.0/0 for the default route. */
  readonly destinationCidrBlock: pulumi.Input<string>;
  /** The next hop's type: NAT, CVM, VPN, DIRECTCONNECT, PEERCONNECTION, HAVIP, NORMAL_CVM, EIP, … */
  readonly nextType: pulumi.Input<string>;
  /** The next hop's id (a NAT gateway's, for NAT; "0" for EIP). */
  readonly nextHub: pulumi.Input<string>;
  readonly description?: pulumi.Input<string>;
  /** @default false */
  readonly disabled?: pulumi.Input<boolean>;
}

/** One route of a route table (`tencentcloud_route_table_entry`). */
export class RouteTableEntry extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.routeTableEntry;
  declare public readonly routeItemId: pulumi.Output<string>;

  constructor(name: string, args: RouteTableEntryArgs, opts?: pulumi.CustomResourceOptions) {
    super(RouteTableEntry.TYPE, name, withOutputs(args, ['routeItemId']), bindingOptions(opts));
  }
}
