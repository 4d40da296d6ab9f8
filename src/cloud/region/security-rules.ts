import * as pulumi from '@pulumi/pulumi';
import type { SecurityRule } from '../tencentcloud/security-group-rule-set';

/** The address blocks the security rules of a region are written for. */
export interface RegionAddressBlocks {
  readonly vpcCidr: pulumi.Input<string>;
  readonly nodeSubnetCidr: pulumi.Input<string>;
  /** The pod network of the region's TKE cluster. */
  readonly podCidr: pulumi.Input<string>;
}

/** A data service the data security group opens: its port and the name rules describe it by. */
export interface DataPort {
  readonly port: pulumi.Input<number>;
  readonly name: string;
}

const DROP_REST: SecurityRule = {
  action: 'DROP',
  protocol: 'ALL',
  port: 'all',
  cidrBlock: '0.0.0.0/0',
  description: 'everything else',
};

/**
 * Nodes: everything from inside the VPC and the pod network (kubelet, CLB health checks, pod traffic), nothing
 * from the internet: the CLBs pass traffic to their backends themselves (loadBalancerPassToTarget).
 */
export function nodeIngressRules(blocks: RegionAddressBlocks): pulumi.Output<SecurityRule[]> {
  return pulumi
    .all([blocks.vpcCidr, blocks.podCidr])
    .apply(([vpc, pods]): SecurityRule[] => [
      { action: 'ACCEPT', protocol: 'ALL', port: 'all', cidrBlock: vpc, description: 'inside the VPC' },
      { action: 'ACCEPT', protocol: 'ALL', port: 'all', cidrBlock: pods, description: 'pod network' },
      DROP_REST,
    ]);
}

/** Data stores: each data service's port from the nodes and pods only. */
export function dataIngressRules(
  blocks: RegionAddressBlocks,
  ports: readonly DataPort[],
): pulumi.Output<SecurityRule[]> {
  return pulumi
    .all([blocks.nodeSubnetCidr, blocks.podCidr, pulumi.all(ports.map((p) => p.port))])
    .apply(([nodes, pods, portNumbers]): SecurityRule[] => {
      const sources = [
        [nodes, 'nodes'],
        [pods, 'pods'],
      ] as const;
      const accepts = sources.flatMap(([cidrBlock, who]) =>
        ports.map((p, i): SecurityRule => ({
          action: 'ACCEPT',
          protocol: 'TCP',
          port: String(portNumbers[i]),
          cidrBlock,
          description: `${p.name} from ${who}`,
        })),
      );
      return [...accepts, DROP_REST];
    });
}

/** The port of a TKE cluster's public API endpoint. */
export const KUBERNETES_API_PORT = 443;

/** A public Kubernetes API endpoint: HTTPS from the allow-list, nothing else. */
export function apiIngressRules(allowedCidrs: readonly string[]): SecurityRule[] {
  return [
    ...allowedCidrs.map((cidrBlock): SecurityRule => ({
      action: 'ACCEPT',
      protocol: 'TCP',
      port: String(KUBERNETES_API_PORT),
      cidrBlock,
      description: `Kubernetes API from ${cidrBlock}`,
    })),
    DROP_REST,
  ];
}

export const ALLOW_ALL_EGRESS: SecurityRule[] = [
  { action: 'ACCEPT', protocol: 'ALL', port: 'all', cidrBlock: '0.0.0.0/0', description: 'outbound' },
];
