import * as pulumi from '@pulumi/pulumi';
import type { DataPeer as ModelDataPeer, DataPort as ModelDataPort } from '../../model/topology/site-plan';
import type { SecurityRule } from '../tencentcloud/security-group-rule-set';

/** The address blocks the security rules of a region are written for. */
export interface RegionAddressBlocks {
  readonly vpcCidr: pulumi.Input<string>;
  readonly nodeSubnetCidr: pulumi.Input<string>;
  /** The pod network of the region's TKE cluster. */
  readonly podCidr: pulumi.Input<string>;
}

/** A data service the data security group opens (`DataPort` of src/model), its port a Pulumi input. */
export type DataPort = ModelDataPort<pulumi.Input<number>>;

/** Another site's network that reaches this site's data stores (`DataPeer` of src/model), as Pulumi inputs. */
export type DataPeer = ModelDataPeer<pulumi.Input<string>, pulumi.Input<number>>;

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

/** Data stores: each data service's port from the region's nodes and pods, and the named ones from its peers. */
export function dataIngressRules(
  blocks: RegionAddressBlocks,
  ports: readonly DataPort[],
  peers: readonly DataPeer[] = [],
): pulumi.Output<SecurityRule[]> {
  const sources: DataPeer[] = [
    { cidrBlock: blocks.nodeSubnetCidr, who: 'nodes', ports },
    { cidrBlock: blocks.podCidr, who: 'pods', ports },
    ...peers,
  ];
  return pulumi
    .all(sources.map((s) => pulumi.all([s.cidrBlock, pulumi.all(s.ports.map((p) => p.port))])))
    .apply((resolved): SecurityRule[] => {
      const accepts = sources.flatMap((source, i) => {
        const [cidrBlock, portNumbers] = resolved[i];
        return source.ports.map((p, j): SecurityRule => ({
          action: 'ACCEPT',
          protocol: 'TCP',
          port: String(portNumbers[j]),
          cidrBlock,
          description: `${p.name} from ${source.who}`,
        }));
      });
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
