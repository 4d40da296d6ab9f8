import type { RegionConfig } from '../../model/cloud-schema';
import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import type { SecurityRule } from '../tencentcloud/security-group-rule-set';

/**
 * Nodes: everything from inside the VPC and the pod network (kubelet, CLB health checks, pod traffic), nothing
 * from the internet: the CLBs pass traffic to their backends themselves (loadBalancerPassToTarget).
 */
export function nodeIngressRules(region: RegionConfig): SecurityRule[] {
  return [
    {
      action: 'ACCEPT',
      protocol: 'ALL',
      port: 'all',
      cidrBlock: region.vpcCidr,
      description: 'inside the VPC',
    },
    {
      action: 'ACCEPT',
      protocol: 'ALL',
      port: 'all',
      cidrBlock: region.kubernetes.clusterCidr,
      description: 'pod network',
    },
    { action: 'DROP', protocol: 'ALL', port: 'all', cidrBlock: '0.0.0.0/0', description: 'everything else' },
  ];
}

/** Data stores: MySQL, Redis and Nacos ports from the nodes and pods only. */
export function dataIngressRules(region: RegionConfig): SecurityRule[] {
  const { mysql, redis, nacos } = QCBM_DEFAULTS.ports;
  const sources = [
    [region.nodeSubnetCidr, 'nodes'],
    [region.kubernetes.clusterCidr, 'pods'],
  ] as const;
  const rules: SecurityRule[] = sources.flatMap(([cidrBlock, who]) =>
    [
      [mysql, 'MySQL'],
      [redis, 'Redis'],
      [nacos, 'Nacos'],
    ].map(([port, what]) => ({
      action: 'ACCEPT' as const,
      protocol: 'TCP' as const,
      port: String(port),
      cidrBlock,
      description: `${what} from ${who}`,
    })),
  );
  return [
    ...rules,
    { action: 'DROP', protocol: 'ALL', port: 'all', cidrBlock: '0.0.0.0/0', description: 'everything else' },
  ];
}

export const ALLOW_ALL_EGRESS: SecurityRule[] = [
  { action: 'ACCEPT', protocol: 'ALL', port: 'all', cidrBlock: '0.0.0.0/0', description: 'outbound' },
];
