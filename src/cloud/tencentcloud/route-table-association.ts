import * as pulumi from '@pulumi/pulumi';
import { bindingOptions } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface RouteTableAssociationArgs {
  readonly routeTableId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
}

/** Makes a subnet use a route table (`tencentcloud_route_table_association`) instead of its VPC's default one. */
export class RouteTableAssociation extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.routeTableAssociation;

  constructor(name: string, args: RouteTableAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    super(RouteTableAssociation.TYPE, name, { ...args }, bindingOptions(opts));
  }
}
