import * as pulumi from '@pulumi/pulumi';
import type { ClusterRuntime } from '../../model/cluster-runtime';
import type { Endpoint } from '../../model/fields';
import type { Fleet } from '../../model/fleet-schema';
import { QcbmCredentials } from '../credentials/qcbm-credentials';
import { QcbmDelivery } from '../delivery/qcbm-delivery';
import { QcbmRegion } from '../region/qcbm-region';
import { TencentCloudProvider } from '../tencentcloud/provider';
import { regionArgsFromFleet } from './region-args';

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
   * Kubeconfigs of clusters whose region this environment does not create, by cluster name.
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
   * The SkyWalking / TSW token.
   * @default ''
   */
  readonly skywalkingToken?: pulumi.Input<string>;
}

/** Per region: what `pulumi stack output` shows (never a password). */
export interface RegionSummary {
  readonly cluster: string;
  readonly clusterId: pulumi.Output<string>;
  readonly ingressVip: pulumi.Output<string>;
  readonly gatewayVip: pulumi.Output<string>;
  readonly mysql?: pulumi.Output<Endpoint>;
  readonly redis?: pulumi.Output<Endpoint>;
}

// These children were top-level resources before the environment became a component: the alias keeps their
// identity in existing state, so `pulumi up` does not replace them.
const FORMERLY_TOP_LEVEL = { aliases: [{ parent: pulumi.rootStackResource }] };

/**
 * A whole QCBM environment from a validated fleet description: one Tencent Cloud provider and one `QcbmRegion`
 * per region the fleet creates, the shared credentials, and app delivery (to the TDCC hub or straight to each
 * cluster) with every region's run-time values flowing into its cluster's manifests.
 */
export class QcbmEnvironment extends pulumi.ComponentResource {
  public static readonly TYPE = 'qcbm:cloud:Environment';

  /** The regions created, by region id. */
  public readonly regions: Readonly<Record<string, QcbmRegion>>;
  /** The shared database credentials; undefined where nothing needs them. */
  public readonly credentials: QcbmCredentials | undefined;
  /** App delivery. */
  public readonly delivery: QcbmDelivery;
  /** Per region: the cluster, its id, the CLB addresses and the data endpoints (nothing secret). */
  public readonly regionSummaries: Readonly<Record<string, RegionSummary>>;
  /** SHA-256 of what the hub receives (Secret values excluded). */
  public readonly hubManifestsDigest: pulumi.Output<string>;
  /** Overrides the hub applies only through a leniency of its patch library (see `QcbmDelivery`). */
  public readonly overrideWarnings: pulumi.Output<string[]>;

  constructor(name: string, args: QcbmEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(QcbmEnvironment.TYPE, name, {}, opts);
    const { fleet } = args;
    const child = { parent: this, ...FORMERLY_TOP_LEVEL };

    // Passwords are only generated where something uses them: a data store created here, or the app's Secret.
    const needsCredentials = fleet.cloud.regions.length > 0 || fleet.app.secrets.source === 'pulumi';
    this.credentials = needsCredentials
      ? new QcbmCredentials(
          name,
          {
            mysqlPassword: args.mysqlPassword,
            redisPassword: args.redisPassword,
            skywalkingToken: args.skywalkingToken,
          },
          child,
        )
      : undefined;

    const regions: Record<string, QcbmRegion> = {};
    const runtime: Record<string, pulumi.Output<ClusterRuntime>> = {};
    const kubeconfigs: Record<string, pulumi.Input<string>> = {};
    const summaries: Record<string, RegionSummary> = {};
    for (const layout of fleet.cloud.regions) {
      const cluster = fleet.clusters.find((c) => c.region === layout.region);
      const credentials = this.credentials;
      if (!cluster || !credentials) {
        throw new pulumi.ResourceError(
          `fleet.cloud.regions has ${layout.region}, but fleet.clusters has no cluster there; validate the fleet with parseFleet() first`,
          this,
        );
      }
      const provider = new TencentCloudProvider(
        `tencentcloud-${layout.region}`,
        { region: layout.region, ...args.tencentcloud },
        child,
      );
      const region = new QcbmRegion(
        layout.region,
        regionArgsFromFleet(layout, {
          clusterName: cluster.name,
          provider,
          mysqlAccount: credentials.mysqlAccount,
          mysqlPassword: credentials.mysqlPassword,
          redisPassword: credentials.redisPassword,
          environment: fleet.name,
          kubernetesApi: fleet.cloud.kubernetesApi,
        }),
        child,
      );
      regions[layout.region] = region;
      runtime[cluster.name] = region.runtime;
      kubeconfigs[cluster.name] = region.kubeconfig;
      summaries[layout.region] = {
        cluster: cluster.name,
        clusterId: region.clusterId,
        ingressVip: region.ingressVip,
        gatewayVip: region.gatewayVip,
        ...(region.mysqlEndpoint ? { mysql: region.mysqlEndpoint } : {}),
        ...(region.redisEndpoint ? { redis: region.redisEndpoint } : {}),
      };
    }

    const given = args.kubeconfigs;
    const givenKubeconfigs = given
      ? Object.fromEntries(
          fleet.clusters.map((c) => [c.name, pulumi.secret(pulumi.output(given).apply((k) => k[c.name]))]),
        )
      : {};
    this.delivery = new QcbmDelivery(
      name,
      {
        fleet,
        mode: fleet.cloud.delivery,
        clusters: runtime,
        secrets: fleet.app.secrets.source === 'pulumi' ? this.credentials?.secretValues() : undefined,
        hubKubeconfig: args.hubKubeconfig,
        kubeconfigs: { ...givenKubeconfigs, ...kubeconfigs },
      },
      child,
    );

    this.regions = regions;
    this.regionSummaries = summaries;
    this.hubManifestsDigest = this.delivery.hubManifestsDigest;
    this.overrideWarnings = this.delivery.overrideWarnings;
    this.registerOutputs({
      regions: summaries,
      hubManifestsDigest: this.hubManifestsDigest,
      overrideWarnings: this.overrideWarnings,
    });
  }
}
