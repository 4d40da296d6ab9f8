import * as pulumi from '@pulumi/pulumi';
import { bindingOptions, type Tags, withOutputs } from './binding';
import { TENCENTCLOUD_TYPES } from './type-tokens';

export interface RouteTableArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly name?: pulumi.Input<string>;
  readonly tags?: Tags;
}

/** A VPC route table (`tencentcloud_route_table`); a subnet uses it once associated (`RouteTableAssociation`). */
export class RouteTable extends pulumi.CustomResource {
  public static readonly TYPE = TENCENTCLOUD_TYPES.routeTable;
  declare public readonly isDefault: pulumi.Output<boolean>;
  declare public readonly subnetIds: pulumi.Output<string[]>;
  declare public readonly routeEntryIds: pulumi.Output<string[]>;

  constructor(name: string, args: RouteTableArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      RouteTable.TYPE,
      name,
      withOutputs(args, ['isDefault', 'subnetIds', 'routeEntryIds', 'createTime']),
      bindingOptions(opts),
    );
  }
}
