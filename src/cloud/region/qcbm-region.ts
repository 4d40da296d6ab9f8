import * as pulumi from '@pulumi/pulumi';
import { RandomPassword } from '@pulumi/random/randomPassword';
import type { RegionConfig } from '../../model/cloud-schema';
import type { ClusterRuntimeValues } from '../delivery/qcbm-delivery';
import { ClbInstance } from '../tencentcloud/clb-instance';
import { MysqlAccount } from '../tencentcloud/mysql-account';
import { MysqlDatabase } from '../tencentcloud/mysql-database';
import { MysqlInstance } from '../tencentcloud/mysql-instance';
import { MysqlPrivilege } from '../tencentcloud/mysql-privilege';
import type { TencentCloudProvider } from '../tencentcloud/provider';
import { RedisInstance } from '../tencentcloud/redis-instance';
import { SecurityGroup } from '../tencentcloud/security-group';
import { SecurityGroupRuleSet } from '../tencentcloud/security-group-rule-set';
import { Subnet } from '../tencentcloud/subnet';
import { TkeCluster } from '../tencentcloud/tke-cluster';
import { TkeClusterEndpoint } from '../tencentcloud/tke-cluster-endpoint';
import { TkeNodePool } from '../tencentcloud/tke-node-pool';
import { Vpc } from '../tencentcloud/vpc';
import { ALLOW_ALL_EGRESS, dataIngressRules, nodeIngressRules } from './security-rules';

export interface QcbmRegionArgs {
  /** The region's layout from the fleet description (validated). */
  readonly region: RegionConfig;
  /** The fleet cluster that runs on this region's TKE cluster. */
  readonly clusterName: string;
  /** The Tencent Cloud provider of this region. */
  readonly provider: TencentCloudProvider;
  /** The MySQL account the services use. */
  readonly mysqlAccount: string;
  /** Its password (a secret); the same in every region so the app's one Secret works everywhere. */
  readonly mysqlPassword: pulumi.Input<string>;
  /** The Redis password (a secret). */
  readonly redisPassword: pulumi.Input<string>;
  /**
   * Source CIDRs allowed to reach the cluster's public API server (Pulumi deploys the app through it).
   * @default - the provider's default policy
   */
  readonly apiAllowedCidrs?: readonly string[];
  /** @default { app: 'qcbm' } */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * One region of the fleet: a VPC with a node subnet and a data subnet, security groups that open only what
 * QCBM needs, a managed TKE cluster with a node pool, an internal CLB for api-gateway and a public CLB for the
 * Ingress (TKE attaches both by annotation), and TencentDB for MySQL and Redis where the region manages them.
 */
export class QcbmRegion extends pulumi.ComponentResource {
  public static readonly TYPE = 'qcbm:cloud:Region';

  public readonly vpcId: pulumi.Output<string>;
  public readonly nodeSubnetId: pulumi.Output<string>;
  public readonly clusterId: pulumi.Output<string>;
  /** The TKE cluster's kubeconfig (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly ingressClbId: pulumi.Output<string>;
  public readonly ingressVip: pulumi.Output<string>;
  public readonly gatewayClbId: pulumi.Output<string>;
  public readonly gatewayVip: pulumi.Output<string>;
  /** Where this region's managed MySQL listens; undefined where MySQL is external. */
  public readonly mysqlEndpoint: pulumi.Output<Endpoint> | undefined;
  public readonly redisEndpoint: pulumi.Output<Endpoint> | undefined;

  constructor(name: string, args: QcbmRegionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmRegion.TYPE, name, {}, opts);
    const { region } = args;
    const tags = { app: 'qcbm', region: region.region, ...args.tags };
    const child = { parent: this, provider: args.provider };

    const vpc = new Vpc(
      `${name}-vpc`,
      { cidrBlock: region.vpcCidr, name: `qcbm-${region.region}`, isMulticast: false, tags },
      child,
    );
    const subnet = (role: string, cidrBlock: string) =>
      new Subnet(
        `${name}-${role}`,
        {
          vpcId: vpc.id,
          cidrBlock,
          availabilityZone: region.zone,
          name: `qcbm-${role}`,
          isMulticast: false,
          tags,
        },
        child,
      );
    const nodeSubnet = subnet('nodes', region.nodeSubnetCidr);
    const dataSubnet = subnet('data', region.dataSubnetCidr);

    const securityGroup = (
      role: string,
      description: string,
      ingresses: ReturnType<typeof nodeIngressRules>,
    ) => {
      const group = new SecurityGroup(
        `${name}-${role}-sg`,
        { name: `qcbm-${role}`, description, tags },
        child,
      );
      new SecurityGroupRuleSet(
        `${name}-${role}-rules`,
        { securityGroupId: group.id, ingresses, egresses: ALLOW_ALL_EGRESS },
        child,
      );
      return group;
    };
    const nodesSg = securityGroup('nodes', 'QCBM TKE nodes: VPC and pods only', nodeIngressRules(region));
    const dataSg = securityGroup(
      'data',
      'QCBM data stores: MySQL, Redis, Nacos from nodes and pods only',
      dataIngressRules(region),
    );

    const cluster = new TkeCluster(
      `${name}-tke`,
      {
        vpcId: vpc.id,
        clusterName: `qcbm-${args.clusterName}`,
        clusterDesc: `QCBM cluster ${args.clusterName}`,
        clusterVersion: region.kubernetes.version,
        clusterDeployType: 'MANAGED_CLUSTER',
        networkType: 'GR',
        clusterCidr: region.kubernetes.clusterCidr,
        serviceCidr: region.kubernetes.serviceCidr,
        containerRuntime: 'containerd',
        tags,
      },
      child,
    );
    const pool = region.kubernetes.nodePool;
    const nodePool = new TkeNodePool(
      `${name}-pool`,
      {
        clusterId: cluster.id,
        vpcId: vpc.id,
        name: 'qcbm-workers',
        subnetIds: [nodeSubnet.id],
        minSize: pool.minSize,
        maxSize: pool.maxSize,
        desiredCapacity: pool.desiredSize,
        enableAutoScale: true,
        deleteKeepInstance: false,
        autoScalingConfig: {
          instanceType: pool.instanceType,
          systemDiskSize: pool.systemDiskGb,
          securityGroupIds: [nodesSg.id],
          publicIpAssigned: false,
        },
        tags,
      },
      child,
    );
    const endpoint = new TkeClusterEndpoint(
      `${name}-api`,
      {
        clusterId: cluster.id,
        clusterInternet: true,
        ...(args.apiAllowedCidrs
          ? { managedClusterInternetSecurityPolicies: [...args.apiAllowedCidrs] }
          : {}),
      },
      { ...child, dependsOn: [nodePool] },
    );

    const clb = (role: string, networkType: 'OPEN' | 'INTERNAL') =>
      new ClbInstance(
        `${name}-${role}-clb`,
        {
          clbName: `qcbm-${role}`,
          networkType,
          vpcId: vpc.id,
          ...(networkType === 'INTERNAL' ? { subnetId: nodeSubnet.id } : {}),
          loadBalancerPassToTarget: true,
          tags,
        },
        child,
      );
    const ingressClb = clb('ingress', 'OPEN');
    const gatewayClb = clb('gateway', 'INTERNAL');

    const data = { vpcId: vpc.id, subnetId: dataSubnet.id, securityGroups: [dataSg.id], tags };
    if (region.mysql.mode === 'managed') {
      const rootPassword = new RandomPassword(
        `${name}-mysql-root`,
        { length: 20, special: true, overrideSpecial: '-_!@#%^*' },
        { parent: this },
      );
      const mysql = new MysqlInstance(
        `${name}-mysql`,
        {
          ...data,
          instanceName: `qcbm-${region.region}`,
          engineVersion: region.mysql.engineVersion,
          memSize: region.mysql.memSizeMb,
          volumeSize: region.mysql.volumeSizeGb,
          availabilityZone: region.zone,
          internetService: 0,
          rootPassword: pulumi.secret(rootPassword.result),
        },
        child,
      );
      new MysqlDatabase(
        `${name}-mysql-db`,
        { instanceId: mysql.id, dbName: 'qcbm', characterSetName: 'utf8' },
        child,
      );
      const account = new MysqlAccount(
        `${name}-mysql-account`,
        {
          mysqlId: mysql.id,
          name: args.mysqlAccount,
          password: args.mysqlPassword,
          host: '%',
          description: 'QCBM services',
        },
        child,
      );
      new MysqlPrivilege(
        `${name}-mysql-privilege`,
        {
          mysqlId: mysql.id,
          accountName: account.name,
          accountHost: '%',
          globals: [],
          databases: [
            {
              databaseName: 'qcbm',
              privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'ALTER', 'INDEX', 'DROP'],
            },
          ],
        },
        child,
      );
      this.mysqlEndpoint = pulumi
        .all([mysql.intranetIp, mysql.intranetPort])
        .apply(([host, port]) => ({ host, port }));
    }
    if (region.redis.mode === 'managed') {
      const redis = new RedisInstance(
        `${name}-redis`,
        {
          ...data,
          availabilityZone: region.zone,
          memSize: region.redis.memSizeMb,
          name: `qcbm-${region.region}`,
          password: args.redisPassword,
          port: 6379,
        },
        child,
      );
      this.redisEndpoint = pulumi.all([redis.ip, redis.port]).apply(([host, port]) => ({ host, port }));
    }

    this.vpcId = vpc.id;
    this.nodeSubnetId = nodeSubnet.id;
    this.clusterId = cluster.id;
    this.kubeconfig = pulumi.secret(endpoint.kubeConfig);
    this.ingressClbId = ingressClb.id;
    this.ingressVip = ingressClb.clbVips.apply((v) => v?.[0] ?? '');
    this.gatewayClbId = gatewayClb.id;
    this.gatewayVip = gatewayClb.clbVips.apply((v) => v?.[0] ?? '');
    this.registerOutputs({
      clusterId: this.clusterId,
      ingressVip: this.ingressVip,
      gatewayVip: this.gatewayVip,
      mysqlEndpoint: this.mysqlEndpoint,
      redisEndpoint: this.redisEndpoint,
    });
  }

  /** What the app needs from this region: data endpoints, the gateway subnet and the CLBs. */
  public runtimeValues(): pulumi.Output<ClusterRuntimeValues> {
    return pulumi
      .all([this.mysqlEndpoint, this.redisEndpoint, this.nodeSubnetId, this.ingressClbId, this.gatewayClbId])
      .apply(([mysql, redis, gatewaySubnetId, ingressClbId, gatewayClbId]) => ({
        endpoints: { ...(mysql ? { mysql } : {}), ...(redis ? { redis } : {}) },
        gatewaySubnetId,
        loadBalancers: { ingressClbId, gatewayClbId },
      }));
  }
}
