import type * as pulumi from '@pulumi/pulumi';
import { consoleNames, siteResourceNames } from '../../model/resource-names';
import { EipInstance } from '../tencentcloud/eip-instance';
import { NatGateway } from '../tencentcloud/nat-gateway';
import { RouteTable } from '../tencentcloud/route-table';
import { RouteTableAssociation } from '../tencentcloud/route-table-association';
import { RouteTableEntry } from '../tencentcloud/route-table-entry';
import type { ChildOptions, RegionTags } from './child-options';

export interface CreateEgressArgs {
  readonly vpcId: pulumi.Input<string>;
  /** The subnet whose hosts get the way out: the TKE nodes'. */
  readonly nodeSubnetId: pulumi.Input<string>;
  readonly tags: RegionTags;
}

/** What `createEgress` creates. */
export interface RegionEgress {
  readonly eip: EipInstance;
  readonly natGateway: NatGateway;
  readonly routeTable: RouteTable;
  readonly defaultRoute: RouteTableEntry;
  /** The node subnet's switch to the route table: the last step, once the default route is in it. */
  readonly association: RouteTableAssociation;
}

/** The route everything not in the VPC takes from the nodes. */
export const DEFAULT_ROUTE = '0.0.0.0/0';

/**
 * A way out to the internet for the nodes, which have no public IPs: a NAT gateway (traditional, the provider's
 * default bandwidth) sending from one EIP, and a route table for the node subnet whose default route goes through
 * the gateway. The data subnet keeps the VPC's default route table, with no route out. The subnet is switched to
 * the table only once the route is in it.
 * Not rehearsed on a real account, in particular whether the routes the Cloud Connect Network brings (every site
 * writes to the primary MySQL over it) reach a route table of the VPC's other than its default one.
 */
export function createEgress(name: string, args: CreateEgressArgs, opts: ChildOptions): RegionEgress {
  const names = siteResourceNames(name);
  const { tags } = args;
  const eip = new EipInstance(names.natEip, { name: consoleNames.natGateway, tags }, opts);
  const natGateway = new NatGateway(
    names.natGateway,
    { vpcId: args.vpcId, assignedEipSets: [eip.publicIp], name: consoleNames.natGateway, tags },
    opts,
  );
  const routeTable = new RouteTable(
    names.nodeRouteTable,
    { vpcId: args.vpcId, name: consoleNames.nodeRouteTable, tags },
    opts,
  );
  const defaultRoute = new RouteTableEntry(
    names.nodeDefaultRoute,
    {
      routeTableId: routeTable.id,
      destinationCidrBlock: DEFAULT_ROUTE,
      nextType: 'NAT',
      nextHub: natGateway.id,
      description: 'QCBM nodes: the internet through the NAT gateway',
    },
    opts,
  );
  const association = new RouteTableAssociation(
    names.nodeRouteAssociation,
    { routeTableId: routeTable.id, subnetId: args.nodeSubnetId },
    { ...opts, dependsOn: [defaultRoute] },
  );
  return { eip, natGateway, routeTable, defaultRoute, association };
}
