import * as pulumi from '@pulumi/pulumi';
import type { ClusterRuntime } from '../../model/cluster-runtime';
import type { Fleet } from '../../model/fleet-schema';
import {
  type DataOutputs,
  type SiteOutputs,
  STACK_OUTPUTS_VERSION,
  type StackOutputs,
  type TrafficOutputs,
} from '../../model/stack-outputs';
import { accountWideRegion } from '../../model/topology/account-wide-region';
import { runtimeNeeds } from '../../model/runtime-needs';
import { apmRegion } from '../../model/tracing-plan';
import { stackConfigKey } from '../../model/stack-config';
import { clustersNeedingKubeconfigs } from '../../model/topology/site-layout';
import { sitePlans } from '../../model/topology/site-plan';
import { generatesNacosPassword, inClusterRegistries } from '../../model/topology/site-registry';
import { tencentCloudProviderName } from '../../model/resource-names';
import { sitesOf } from '../../model/topology/sites';
import { QcbmCredentials } from '../credentials/qcbm-credentials';
import { QcbmDataReplication } from '../data/qcbm-data-replication';
import { QcbmDelivery } from '../delivery/qcbm-delivery';
import { QcbmRegion } from '../region/qcbm-region';
import type { ApmInstance } from '../tencentcloud/apm-instance';
import { TencentCloudProvider } from '../tencentcloud/provider';
import { QcbmGlobalTraffic } from '../traffic/qcbm-global-traffic';
import { QCBM_TYPES } from '../type-tokens';
import { createCertificate } from '../entry/certificate';
import { dataReplicationArgs } from './data-args';
import { deliveryPrerequisites } from './delivery-prerequisites';
import { regionArgsFromFleet } from './region-args';
import { createTracing, withCollector } from './tracing';
import { createWriterName } from '../data/writer-name';
import { writerName } from '../../model/writer-name';

/** Arguments for `QcbmEnvironment`. */
export interface QcbmEnvironmentArgs {
  /** The validated fleet description (`parseFleet`, `loadFleetFromStackFile`). */
  readonly fleet: Fleet;
  /**
   * Tencent Cloud API credentials for the regions' providers (explicit providers do not read the
   * `tencentcloud:*` stack config themselves).
   * @default - the plugin reads TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY from the environment
   */
  readonly tencentcloud?: {
    readonly secretId?: pulumi.Input<string>;
    readonly secretKey?: pulumi.Input<string>;
  };
  /**
   * The TDCC hub's kubeconfig.
   * @default - none; required when the fleet is delivered through the hub
   */
  readonly hubKubeconfig?: pulumi.Input<string>;
  /**
   * Kubeconfigs of the clusters this environment does not create (`createsSite`), by cluster name; such a
   * cluster may stand in a region it builds.
   * @default - none; required for such clusters when the fleet is delivered directly
   */
  readonly kubeconfigs?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The MySQL account password.
   * @default - generated
   */
  readonly mysqlPassword?: pulumi.Input<string>;
  /**
   * The Redis password.
   * @default - generated
   */
  readonly redisPassword?: pulumi.Input<string>;
  /**
   * The SkyWalking token of declared collectors (`fleet.cloud.tracing.mode: external`); '' for a collector without
   * authentication. Where the stack creates the APM instance, its token is used.
   * @default - none; required where the app's Secret is built here (`fleet.app.secrets.source: pulumi`) and the
   * collectors are declared
   */
  readonly skywalkingToken?: pulumi.Input<string>;
  /**
   * The published name's certificate chain (PEM), where `fleet.app.tls.certificate` is `uploaded`.
   * @default - none; required then
   */
  readonly tlsCertificate?: pulumi.Input<string>;
  /**
   * Its private key (PEM), where `fleet.app.tls.certificate` is `uploaded`.
   * @default - none; required then
   */
  readonly tlsPrivateKey?: pulumi.Input<string>;
  /**
   * The registry account the pull secret is made of (`fleet.app.imagePullSecret.source: pulumi`).
   * @default - none; required for that source
   */
  readonly registryCredentials?: pulumi.Input<{ readonly username: string; readonly password: string }>;
  /**
   * The password the services log in to Nacos with (user `nacos`).
   * @default - generated where every registry is built by the stack and one runs in a cluster
   * (`generatesNacosPassword`), else Nacos's default `nacos`
   */
  readonly nacosPassword?: pulumi.Input<string>;
}

/**
 * What the environment exports, one Pulumi Output per field of `StackOutputs` (src/model/stack-outputs.ts, the
 * shape `qcbm-fleet drill` and `failover` read back): a program exports it as it is, `export = env.outputs`.
 * Only `kubeconfigs` is a secret output.
 */
export type EnvironmentOutputs = {
  readonly [K in keyof StackOutputs]-?: pulumi.Output<StackOutputs[K]>;
};

/** `T` with any part of it a Pulumi Input: what `pulumi.output` makes an `Output<T>` of. */
type Inputs<T> = pulumi.Input<T> | (T extends object ? { readonly [K in keyof T]: Inputs<T[K]> } : never);

// These children were top-level resources before the environment became a component: the alias keeps their
// identity in existing state, so `pulumi up` does not replace them.
const FORMERLY_TOP_LEVEL = { aliases: [{ parent: pulumi.rootStackResource }] };

/**
 * A whole QCBM environment from a validated fleet description: one Tencent Cloud provider per region, one
 * `QcbmRegion` per site the fleet creates, the data across sites (`QcbmDataReplication`: the Cloud Connect
 * Network, the primary MySQL's disaster-recovery instances, Redis global replication), the global traffic layer
 * where the fleet has one (`QcbmGlobalTraffic`), the shared credentials, and app delivery (to the TDCC hub or
 * straight to each cluster) with every site's run-time values flowing into its cluster's manifests.
 */
export class QcbmEnvironment extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.environment;

  /** The sites created, by logical name: the region id, or the cluster's name where a region holds two. */
  public readonly regions: Readonly<Record<string, QcbmRegion>>;
  /** The shared database credentials; undefined where nothing needs them. */
  public readonly credentials: QcbmCredentials | undefined;
  /** The data across sites; undefined where the sites share nothing. */
  public readonly data: QcbmDataReplication | undefined;
  /** The global traffic layer; undefined where the fleet has none (`fleet.traffic`). */
  public readonly traffic: QcbmGlobalTraffic | undefined;
  /** App delivery. */
  public readonly delivery: QcbmDelivery;
  /** The APM instance every cluster reports traces to; undefined for declared collectors (`fleet.cloud.tracing`). */
  public readonly apm: ApmInstance | undefined;
  /** What a stack of this environment exports (`StackOutputs`): per site, data, traffic, digest, kubeconfigs. */
  public readonly outputs: EnvironmentOutputs;
  /** SHA-256 of what the hub receives (Secret values excluded). */
  public readonly hubManifestsDigest: pulumi.Output<string>;
  /** Overrides the hub applies only through a leniency of its patch library (see `QcbmDelivery`). */
  public readonly overrideWarnings: pulumi.Output<string[]>;

  constructor(name: string, args: QcbmEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmEnvironment.TYPE, name, {}, opts);
    const { fleet } = args;
    const child = { parent: this, ...FORMERLY_TOP_LEVEL };

    // Only direct delivery reads them. A missing (or empty) entry fails before anything is registered, or for an
    // Output when it resolves: a Kubernetes provider without a kubeconfig would deploy to whatever cluster the
    // machine's own kubeconfig points at.
    const given = args.kubeconfigs;
    const external = clustersNeedingKubeconfigs(fleet);
    const lacks = (k: Readonly<Record<string, unknown>> | undefined, c: { name: string }) => !k?.[c.name];
    const missing = (c: { name: string }) =>
      new pulumi.ResourceError(
        `kubeconfigs has no entry for ${c.name}, a cluster this environment does not create, so it cannot be delivered to directly: pass its kubeconfig in the kubeconfigs argument (the program reads it from ${stackConfigKey('kubeconfigs')}["${c.name}"])`,
        this,
      );
    if (!pulumi.Output.isInstance(given) && !(given instanceof Promise)) {
      const absent = external.find((c) => lacks(given, c));
      if (absent) throw missing(absent);
    }

    const providers: Record<string, TencentCloudProvider> = {};
    const providerOf = (region: string) =>
      (providers[region] ??= new TencentCloudProvider(
        tencentCloudProviderName(region),
        { region, ...args.tencentcloud },
        child,
      ));
    const plans = sitePlans(fleet);
    // One provider per region, in the order of the sites, whatever is created first.
    plans.forEach((p) => providerOf(p.layout.region));

    const tracing =
      fleet.cloud.tracing.mode === 'managed'
        ? createTracing(name, fleet, providerOf(apmRegion(fleet)), this)
        : undefined;
    for (const need of runtimeNeeds(fleet, { configured: new Set() })) {
      if (need.status === 'missing')
        pulumi.log.warn(`${need.cluster}: ${need.need}: ${need.provider}; ${need.fix}`, this);
    }

    // Passwords are only generated where something uses them: a data store created here, or the app's Secret.
    const needsCredentials = fleet.cloud.regions.length > 0 || fleet.app.secrets.source === 'pulumi';
    // Only a Secret the stack builds carries Nacos's login and keys; one created out of band has its own.
    const buildsSecret = fleet.app.secrets.source === 'pulumi';
    this.credentials = needsCredentials
      ? new QcbmCredentials(
          name,
          {
            mysqlPassword: args.mysqlPassword,
            redisPassword: args.redisPassword,
            skywalkingToken: tracing?.token ?? args.skywalkingToken,
            nacosPassword: args.nacosPassword,
            generateNacosPassword: buildsSecret && generatesNacosPassword(fleet),
            nacosServer: buildsSecret && inClusterRegistries(fleet).length > 0,
          },
          child,
        )
      : undefined;

    const roles = new Map(sitesOf(fleet).map((s) => [s.cluster, s.role]));
    const regions: Record<string, QcbmRegion> = {};
    const runtime: Record<string, pulumi.Output<ClusterRuntime>> = {};
    const kubeconfigs: Record<string, pulumi.Input<string>> = {};
    const sites: Record<string, pulumi.Output<SiteOutputs>> = {};
    for (const site of plans) {
      const { cluster, layout } = site;
      const credentials = this.credentials;
      if (!credentials) throw new pulumi.ResourceError('no credentials for the data stores', this);
      const region = new QcbmRegion(
        site.componentName,
        regionArgsFromFleet(site, {
          provider: providerOf(layout.region),
          mysqlAccount: credentials.mysqlAccount,
          mysqlPassword: credentials.mysqlPassword,
          redisPassword: credentials.redisPassword,
          environment: fleet.name,
          kubernetesApi: fleet.cloud.kubernetesApi,
        }),
        child,
      );
      regions[site.componentName] = region;
      runtime[cluster.name] = region.runtime;
      kubeconfigs[cluster.name] = region.kubeconfig;
      sites[site.componentName] = pulumi.output({
        cluster: cluster.name,
        region: layout.region,
        role: roles.get(cluster) ?? 'active',
        clusterId: region.clusterId,
        ingressVip: region.ingressVip,
        gatewayVip: region.gatewayVip,
        ...(region.mysqlInstanceId ? { mysqlInstanceId: region.mysqlInstanceId } : {}),
        ...(region.mysqlEndpoint ? { mysql: region.mysqlEndpoint } : {}),
        ...(region.redisEndpoint ? { redis: region.redisEndpoint } : {}),
        ...(region.nacosEndpoint ? { nacos: region.nacosEndpoint } : {}),
      } satisfies Inputs<SiteOutputs>);
    }

    // The writable MySQL's one name; the clusters' configuration (MYSQL_HOST) waits for its record.
    const writer = writerName(fleet);
    const writerSite = writer && plans.find((p) => p.cluster.name === writer.primaryCluster);
    const writerIp = writerSite && regions[writerSite.componentName].mysqlEndpoint?.apply((e) => e.host);
    if (writer && writerIp) {
      const { record } = createWriterName(
        name,
        {
          name: writer,
          networks: plans.map((p) => ({
            name: p.componentName,
            region: p.layout.region,
            vpcId: regions[p.componentName].vpcId,
          })),
          primaryIp: writerIp,
          provider: providerOf(accountWideRegion(fleet)),
        },
        this,
      );
      for (const cluster of Object.keys(runtime))
        runtime[cluster] = pulumi.all([runtime[cluster], record.id]).apply(([r]) => r);
    }

    const replication = dataReplicationArgs(fleet, plans, regions, providerOf);
    this.data = replication && new QcbmDataReplication(name, replication, { parent: this });
    // The APM instance's collector is every cluster's, created here or not.
    if (tracing) {
      for (const cluster of fleet.clusters)
        runtime[cluster.name] = withCollector(runtime[cluster.name], tracing);
    }
    this.traffic = fleet.traffic
      ? new QcbmGlobalTraffic(
          name,
          {
            fleet,
            addresses: Object.fromEntries(
              plans.map((p) => [p.cluster.name, regions[p.componentName].ingressAddress]),
            ),
            // IGTM and DNSPod are account-wide: one provider creates them, as it does the Cloud Connect Network.
            provider: providerOf(accountWideRegion(fleet)),
          },
          { parent: this },
        )
      : undefined;

    // After the traffic layer: a free certificate is validated through the zone it finds or creates.
    const tls = fleet.app.tls;
    const tlsCertificateId =
      tls &&
      createCertificate(
        name,
        {
          fleet,
          certificate: args.tlsCertificate,
          privateKey: args.tlsPrivateKey,
          zone: fleet.traffic && this.traffic?.zones[fleet.traffic.zone],
          provider: tls.certificate === 'existing' ? undefined : providerOf(accountWideRegion(fleet)),
        },
        this,
      );

    const givenKubeconfigs = given
      ? Object.fromEntries(
          external.map((c) => [
            c.name,
            pulumi.secret(
              pulumi.output(given).apply((k) => {
                if (lacks(k, c)) throw missing(c);
                return k[c.name];
              }),
            ),
          ]),
        )
      : {};
    this.delivery = new QcbmDelivery(
      name,
      {
        fleet,
        mode: fleet.cloud.delivery,
        clusters: runtime,
        secrets: fleet.app.secrets.source === 'pulumi' ? this.credentials?.secretValues() : undefined,
        tlsCertificateId,
        hubKubeconfig: args.hubKubeconfig,
        kubeconfigs: { ...givenKubeconfigs, ...kubeconfigs },
        prerequisites: deliveryPrerequisites(fleet, plans, regions, this.data),
        ...(args.registryCredentials === undefined ? {} : { registryCredentials: args.registryCredentials }),
      },
      child,
    );

    this.regions = regions;
    this.apm = tracing?.instance;
    this.hubManifestsDigest = this.delivery.hubManifestsDigest;
    this.overrideWarnings = this.delivery.overrideWarnings;
    this.outputs = environmentOutputs(fleet, {
      sites,
      data: this.data,
      traffic: this.traffic,
      delivery: this.delivery,
      kubeconfigs,
    });
    this.registerOutputs(this.outputs);
  }
}

/** The parts of an environment its outputs are read from. */
interface OutputSources {
  readonly sites: Readonly<Record<string, pulumi.Output<SiteOutputs>>>;
  readonly data: QcbmDataReplication | undefined;
  readonly traffic: QcbmGlobalTraffic | undefined;
  readonly delivery: QcbmDelivery;
  /** The kubeconfig of each cluster created, by cluster name. */
  readonly kubeconfigs: Readonly<Record<string, pulumi.Input<string>>>;
}

function environmentOutputs(fleet: Fleet, from: OutputSources): EnvironmentOutputs {
  const { data, traffic } = from;
  return {
    version: pulumi.output(STACK_OUTPUTS_VERSION),
    environment: pulumi.output(fleet.name),
    delivery: pulumi.output(fleet.cloud.delivery),
    sites: pulumi.all(from.sites),
    data: pulumi.output(
      data &&
        ({
          ccnId: data.ccnId,
          drInstances: data.drInstances,
          redisGroupId: data.redisGroupId,
        } satisfies Inputs<DataOutputs>),
    ),
    traffic: pulumi.output(
      traffic &&
        ({
          mode: traffic.mode,
          publishedName: traffic.publishedName,
          cnameTarget: traffic.cnameTarget,
          instanceId: traffic.instanceId,
          clusters: traffic.clusters,
          strategyIds: traffic.strategyIds,
        } satisfies Inputs<TrafficOutputs>),
    ),
    hubManifestsDigest: from.delivery.hubManifestsDigest,
    kubeconfigs: pulumi.secret(pulumi.all(from.kubeconfigs)),
    overrideWarnings: from.delivery.overrideWarnings,
  };
}
