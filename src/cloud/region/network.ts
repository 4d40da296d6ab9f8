import type * as pulumi from '@pulumi/pulumi';
import { consoleNames, siteResourceNames, type SubnetRole } from '../../model/resource-names';
import { SecurityGroup } from '../tencentcloud/security-group';
import { SecurityGroupRuleSet, type SecurityRule } from '../tencentcloud/security-group-rule-set';
import { Subnet } from '../tencentcloud/subnet';
import { Vpc } from '../tencentcloud/vpc';
import type { ChildOptions, RegionTags } from './child-options';
import {
  ALLOW_ALL_EGRESS,
  type DataPeer,
  type DataPort,
  dataIngressRules,
  nodeIngressRules,
} from './security-rules';

/** The address plan of a region's network. */
export interface RegionNetworkArgs {
  /** The VPC's block, e.g. 10.110.0.0/16. */
  readonly vpcCidr: pulumi.Input<string>;
  /** The subnet of the TKE nodes and of the internal CLB in front of api-gateway; inside the VPC. */
  readonly nodeSubnetCidr: pulumi.Input<string>;
  /** The subnet of MySQL and Redis; inside the VPC, apart from the node subnet. */
  readonly dataSubnetCidr: pulumi.Input<string>;
}

export interface CreateNetworkArgs extends RegionNetworkArgs {
  /** Names the VPC `qcbm-<region>`. */
  readonly region: string;
  readonly zone: pulumi.Input<string>;
  /** The pod network of the region's TKE cluster: pods reach the data stores and nodes from it. */
  readonly podCidr: pulumi.Input<string>;
  /** The data services the data security group opens to nodes and pods. */
  readonly dataPorts: readonly DataPort[];
  /** Other regions' networks that reach the data stores over the Cloud Connect Network. @default - none */
  readonly dataPeers?: readonly DataPeer[];
  readonly tags: RegionTags;
}

/** What `createNetwork` creates. */
export interface RegionNetwork {
  readonly vpc: Vpc;
  readonly nodeSubnet: Subnet;
  readonly dataSubnet: Subnet;
  readonly nodeSecurityGroup: SecurityGroup;
  readonly dataSecurityGroup: SecurityGroup;
}

/** A VPC with a node subnet and a data subnet, and security groups that open only what QCBM needs. */
export function createNetwork(name: string, args: CreateNetworkArgs, opts: ChildOptions): RegionNetwork {
  const { tags } = args;
  const names = siteResourceNames(name);
  const vpc = new Vpc(
    names.vpc,
    { cidrBlock: args.vpcCidr, name: consoleNames.vpc(args.region), isMulticast: false, tags },
    opts,
  );
  const subnet = (role: SubnetRole, cidrBlock: pulumi.Input<string>) =>
    new Subnet(
      names.subnet(role),
      {
        vpcId: vpc.id,
        cidrBlock,
        availabilityZone: args.zone,
        name: consoleNames.subnet(role),
        isMulticast: false,
        tags,
      },
      opts,
    );
  const nodeSubnet = subnet('nodes', args.nodeSubnetCidr);
  const dataSubnet = subnet('data', args.dataSubnetCidr);

  const securityGroup = (role: SubnetRole, description: string, ingresses: pulumi.Input<SecurityRule[]>) => {
    const group = new SecurityGroup(
      names.securityGroup(role),
      { name: consoleNames.securityGroup(role), description, tags },
      opts,
    );
    new SecurityGroupRuleSet(
      names.securityGroupRules(role),
      { securityGroupId: group.id, ingresses, egresses: ALLOW_ALL_EGRESS },
      opts,
    );
    return group;
  };
  const blocks = { vpcCidr: args.vpcCidr, nodeSubnetCidr: args.nodeSubnetCidr, podCidr: args.podCidr };
  const nodeSecurityGroup = securityGroup(
    'nodes',
    'QCBM TKE nodes: VPC and pods only',
    nodeIngressRules(blocks),
  );
  const dataSecurityGroup = securityGroup(
    'data',
    'QCBM data stores: MySQL, Redis, Nacos from nodes and pods only',
    dataIngressRules(blocks, args.dataPorts, args.dataPeers),
  );
  return { vpc, nodeSubnet, dataSubnet, nodeSecurityGroup, dataSecurityGroup };
}
