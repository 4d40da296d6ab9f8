import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { kubernetesApiSchema } from '../../model/cloud-schema';
import type { ClusterRuntime } from '../../model/cluster-runtime';
import type { Endpoint } from '../../model/fields';
import { parseInput } from '../../model/parse-input';
import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import { clbEnvironmentName, clbNamesFit, clbSiteName, consoleNames } from '../../model/resource-names';
import type { TencentCloudProvider } from '../tencentcloud/provider';
import type { RegionTags } from './child-options';
import { createMysql, createRedis, type RegionMysqlArgs, type RegionRedisArgs } from './data-stores';
import { createKubernetes, type RegionKubernetesArgs } from './kubernetes';
import { createLoadBalancers } from './load-balancers';
import type { DataPeer } from './security-rules';
import { createNetwork, type RegionNetworkArgs } from './network';
import { createEgress } from './egress';
import type { EgressMode } from '../../model/tracing-schema';
import { createNacos, type RegionNacosArgs } from './registry';
import { NACOS_PORTS } from '../../model/registry-schema';
import { QCBM_TYPES } from '../type-tokens';

/** Arguments for `QcbmRegion`. */
export interface QcbmRegionArgs {
  /** The Tencent Cloud region id, e.g. ap-guangzhou. Resource names and tags carry it. */
  readonly region: string;
  /** The availability zone of the nodes and data stores, e.g. ap-guangzhou-6. */
  readonly zone: pulumi.Input<string>;
  /** The fleet cluster that runs on this region's TKE cluster; the TKE cluster is named `qcbm-<clusterName>`. */
  readonly clusterName: string;
  /**
   * The environment (the fleet's `name`). Names the provider requires unique in a region and account carry it
   * (the CLBs: `qcbm-<environment>-ingress`, `qcbm-<environment>-gateway`), so environments can share both.
   * @default - the Pulumi stack's name
   */
  readonly environment?: string;
  /**
   * Where the region holds two sites of the environment (two-sites-three-centers' A and B): this site's name,
   * which its CLB names then also carry (`qcbm-<environment>-<site>-ingress`).
   * @default - none: the environment has one site in the region
   */
  readonly site?: string;
  /** The Tencent Cloud provider of this region; every resource is created with it. */
  readonly provider: TencentCloudProvider;
  /** The VPC's address plan. */
  readonly network: RegionNetworkArgs;
  /** The TKE cluster. */
  readonly kubernetes: RegionKubernetesArgs;
  /**
   * TencentDB for MySQL created in this region.
   * @default - none: the region's clusters use a MySQL this component does not create
   */
  readonly mysql?: RegionMysqlArgs;
  /**
   * TencentDB for Redis created in this region.
   * @default - none: the region's clusters use a Redis this component does not create
   */
  readonly redis?: RegionRedisArgs;
  /**
   * A TSE Nacos (managed Nacos) created in this region, in the data subnet; its intranet address becomes the
   * cluster's NACOS_HOST and NACOS_PORT.
   * @default - none: the cluster's Nacos runs in the cluster, or elsewhere
   */
  readonly nacos?: RegionNacosArgs;
  /**
   * Other regions' networks that reach this region's data stores over the Cloud Connect Network: where this
   * region holds the one writable MySQL (or the Redis master) every region uses.
   * @default - none: only this region's nodes and pods reach them
   */
  readonly dataPeers?: readonly DataPeer[];
  /**
   * How the nodes reach the internet: `nat` creates a NAT gateway with its EIP and gives the node subnet a route
   * table whose default route goes through it (a public tracing collector needs it); `none` creates no way out.
   * @default 'none'
   */
  readonly egress?: EgressMode;
  /**
   * Tags on every resource, added to `app` and `region`.
   * @default { app: 'qcbm', region: <region> }
   */
  readonly tags?: RegionTags;
}

/** The props checked before anything is registered, with the fleet file's rules. */
const checkedProps = z
  .object({
    environment: clbEnvironmentName,
    site: clbSiteName.optional(),
    kubernetes: z.object({ api: kubernetesApiSchema.prefault({ access: 'intranet' }) }),
  })
  .superRefine(clbNamesFit);

/**
 * One region of the fleet: a VPC with a node subnet and a data subnet, security groups that open only what
 * QCBM needs, a managed TKE cluster with a node pool and its API endpoint (intranet, or public behind an
 * allow-list), an internal CLB for api-gateway and a public CLB for the Ingress (TKE attaches both by
 * annotation), and TencentDB for MySQL and Redis and a TSE Nacos where asked for.
 */
export class QcbmRegion extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.region;

  /** The VPC. */
  public readonly vpcId: pulumi.Output<string>;
  /** The subnet of the nodes and of the internal CLB. */
  public readonly nodeSubnetId: pulumi.Output<string>;
  /** The subnet of the data stores. */
  public readonly dataSubnetId: pulumi.Output<string>;
  /** The security group of the data stores (MySQL, Redis, Nacos ports from nodes and pods only). */
  public readonly dataSecurityGroupId: pulumi.Output<string>;
  /** The TKE cluster. */
  public readonly clusterId: pulumi.Output<string>;
  /** The TKE cluster's kubeconfig (secret): of the public endpoint, or of the intranet one. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** The security group of the public API endpoint; undefined where the API is on the intranet. */
  public readonly apiSecurityGroupId: pulumi.Output<string> | undefined;
  /** The public CLB in front of the Ingress. */
  public readonly ingressClbId: pulumi.Output<string>;
  /** Its VIP; empty where the CLB has none (a domain-based CLB, the default for accounts since March 2023). */
  public readonly ingressVip: pulumi.Output<string>;
  /**
   * What the global traffic layer sends users of this region to: the public CLB's VIP, else its domain (IGTM pools
   * and DNSPod CNAMEs take either); empty where it has neither.
   */
  public readonly ingressAddress: pulumi.Output<string>;
  /** The internal CLB in front of api-gateway. */
  public readonly gatewayClbId: pulumi.Output<string>;
  public readonly gatewayVip: pulumi.Output<string>;
  /** The MySQL instance; undefined where MySQL is not created here. */
  public readonly mysqlInstanceId: pulumi.Output<string> | undefined;
  /** Where the region's MySQL listens; undefined where MySQL is not created here. */
  public readonly mysqlEndpoint: pulumi.Output<Endpoint> | undefined;
  /** The Redis instance; undefined where Redis is not created here. */
  public readonly redisInstanceId: pulumi.Output<string> | undefined;
  /** Where the region's Redis listens; undefined where Redis is not created here. */
  public readonly redisEndpoint: pulumi.Output<Endpoint> | undefined;
  /** The TSE Nacos instance; undefined where no managed Nacos is created here. */
  public readonly nacosInstanceId: pulumi.Output<string> | undefined;
  /** Its intranet address; undefined where no managed Nacos is created here. */
  public readonly nacosEndpoint: pulumi.Output<Endpoint> | undefined;
  /** What the cluster of this region receives at run time: data endpoints, the gateway subnet and the CLBs. */
  public readonly runtime: pulumi.Output<ClusterRuntime>;
  /** The NAT gateway of `egress: nat`; undefined without one. */
  public readonly natGatewayId: pulumi.Output<string> | undefined;
  /**
   * What the app needs of this site before it starts: the MySQL database, account and privileges, the Redis
   * instance, the way out (`egress: nat`). App delivery depends on it, for this site's cluster and for every
   * cluster writing here. Code that adds a run-time need to a site (a registry, a schema) appends its resources.
   */
  public readonly readiness: pulumi.Resource[] = [];

  constructor(name: string, args: QcbmRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    const checked = parseInput(
      checkedProps,
      {
        environment: args.environment ?? pulumi.getStack(),
        site: args.site,
        kubernetes: { api: args.kubernetes.api },
      },
      `QcbmRegion '${name}'`,
      'props',
    );
    super(QcbmRegion.TYPE, name, {}, opts);
    const tags = { app: 'qcbm', region: args.region, ...args.tags };
    const child = { parent: this, provider: args.provider };
    const redisPort = args.redis?.port ?? QCBM_DEFAULTS.ports.redis;

    const network = createNetwork(
      name,
      {
        ...args.network,
        region: args.region,
        zone: args.zone,
        podCidr: args.kubernetes.clusterCidr,
        dataPorts: [
          { port: QCBM_DEFAULTS.ports.mysql, name: 'MySQL' },
          { port: redisPort, name: 'Redis' },
          { port: NACOS_PORTS.http, name: 'Nacos' },
          { port: NACOS_PORTS.clientGrpc, name: 'Nacos gRPC' },
        ],
        dataPeers: args.dataPeers,
        tags,
      },
      child,
    );
    const kubernetes = createKubernetes(
      name,
      {
        ...args.kubernetes,
        api: checked.kubernetes.api,
        clusterName: args.clusterName,
        vpcId: network.vpc.id,
        nodeSubnetId: network.nodeSubnet.id,
        nodeSecurityGroupId: network.nodeSecurityGroup.id,
        tags,
      },
      child,
    );
    const clbs = createLoadBalancers(
      name,
      {
        environment: checked.environment,
        ...(checked.site === undefined ? {} : { site: checked.site }),
        vpcId: network.vpc.id,
        internalSubnetId: network.nodeSubnet.id,
        tags,
      },
      child,
    );
    const placement = {
      instanceName: consoleNames.dataInstance(args.region, checked.site),
      zone: args.zone,
      vpcId: network.vpc.id,
      subnetId: network.dataSubnet.id,
      securityGroupId: network.dataSecurityGroup.id,
      tags,
    };
    const mysql = args.mysql && createMysql(name, args.mysql, placement, child);
    const redis = args.redis && createRedis(name, args.redis, placement, child);
    const egress =
      args.egress === 'nat'
        ? createEgress(name, { vpcId: network.vpc.id, nodeSubnetId: network.nodeSubnet.id, tags }, child)
        : undefined;
    const nacos =
      args.nacos &&
      createNacos(
        name,
        args.nacos,
        {
          region: args.region,
          instanceName: placement.instanceName,
          vpcId: placement.vpcId,
          subnetId: placement.subnetId,
          tags,
        },
        child,
      );
    if (mysql) this.readiness.push(mysql.database, mysql.account, mysql.privilege);
    if (redis) this.readiness.push(redis.instance);
    if (egress) this.readiness.push(egress.association);
    if (nacos) this.readiness.push(nacos.instance);

    this.vpcId = network.vpc.id;
    this.nodeSubnetId = network.nodeSubnet.id;
    this.dataSubnetId = network.dataSubnet.id;
    this.dataSecurityGroupId = network.dataSecurityGroup.id;
    this.clusterId = kubernetes.cluster.id;
    this.kubeconfig = kubernetes.kubeconfig;
    this.apiSecurityGroupId = kubernetes.apiSecurityGroup?.id;
    this.ingressClbId = clbs.ingress.id;
    this.ingressVip = clbs.ingress.clbVips.apply((v) => v?.[0] ?? '');
    this.ingressAddress = pulumi
      .all([this.ingressVip, clbs.ingress.domain])
      .apply(([vip, domain]) => vip || domain || '');
    this.gatewayClbId = clbs.gateway.id;
    this.gatewayVip = clbs.gateway.clbVips.apply((v) => v?.[0] ?? '');
    this.mysqlInstanceId = mysql?.instance.id;
    this.mysqlEndpoint = mysql?.endpoint;
    this.redisInstanceId = redis?.instance.id;
    this.redisEndpoint = redis?.endpoint;
    this.natGatewayId = egress?.natGateway.id;
    this.nacosInstanceId = nacos?.instance.id;
    this.nacosEndpoint = nacos?.endpoint;
    this.runtime = pulumi
      .all([
        this.mysqlEndpoint,
        this.redisEndpoint,
        this.nacosEndpoint,
        this.nodeSubnetId,
        this.ingressClbId,
        this.gatewayClbId,
      ])
      .apply(
        ([mysqlEndpoint, redisEndpoint, nacosEndpoint, gatewaySubnetId, ingressClbId, gatewayClbId]) => ({
          endpoints: {
            ...(mysqlEndpoint ? { mysql: mysqlEndpoint } : {}),
            ...(redisEndpoint ? { redis: redisEndpoint } : {}),
            ...(nacosEndpoint ? { nacos: nacosEndpoint } : {}),
          },
          gatewaySubnetId,
          loadBalancers: { ingressClbId, gatewayClbId },
        }),
      );
    this.registerOutputs({
      vpcId: this.vpcId,
      nodeSubnetId: this.nodeSubnetId,
      dataSubnetId: this.dataSubnetId,
      dataSecurityGroupId: this.dataSecurityGroupId,
      clusterId: this.clusterId,
      kubeconfig: this.kubeconfig,
      apiSecurityGroupId: this.apiSecurityGroupId,
      ingressClbId: this.ingressClbId,
      ingressVip: this.ingressVip,
      ingressAddress: this.ingressAddress,
      gatewayClbId: this.gatewayClbId,
      gatewayVip: this.gatewayVip,
      mysqlInstanceId: this.mysqlInstanceId,
      mysqlEndpoint: this.mysqlEndpoint,
      redisInstanceId: this.redisInstanceId,
      redisEndpoint: this.redisEndpoint,
      nacosInstanceId: this.nacosInstanceId,
      nacosEndpoint: this.nacosEndpoint,
      runtime: this.runtime,
      natGatewayId: this.natGatewayId,
    });
  }
}
