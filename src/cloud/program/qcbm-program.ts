import * as pulumi from '@pulumi/pulumi';
import { FLEET_CONFIG_KEY } from '../../model/load-fleet';
import { parseFleet } from '../../model/parse-fleet';
import { QcbmCredentials } from '../credentials/qcbm-credentials';
import { type ClusterRuntimeValues, QcbmDelivery } from '../delivery/qcbm-delivery';
import { QcbmRegion } from '../region/qcbm-region';
import { TencentCloudProvider } from '../tencentcloud/provider';
import { checkProgramConfig } from './program-config';

/** Per region: what `pulumi stack output` shows (never a password). */
export interface RegionOutputs {
  readonly cluster: string;
  readonly clusterId: pulumi.Output<string>;
  readonly ingressVip: pulumi.Output<string>;
  readonly gatewayVip: pulumi.Output<string>;
  readonly mysql?: pulumi.Output<{ host: string; port: number }>;
  readonly redis?: pulumi.Output<{ host: string; port: number }>;
}

/**
 * The whole environment from its stack config: validates the fleet and the config first (nothing is
 * registered when either is wrong), then regions, credentials and app delivery. Returns the stack outputs.
 */
export function qcbmProgram() {
  const config = new pulumi.Config('qcbm');
  // Explicit providers do not read the tencentcloud:* stack config themselves; unset, the plugin falls back to
  // TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY in the environment.
  const tencentcloud = new pulumi.Config('tencentcloud');
  const stack = pulumi.getStack();
  const fleet = parseFleet(config.requireObject('fleet'), `Pulumi.${stack}.yaml ${FLEET_CONFIG_KEY}`);
  const hubKubeconfig = config.getSecret('hubKubeconfig');
  const kubeconfigs = config.getSecretObject<Record<string, string>>('kubeconfigs');
  const mysqlPassword = config.getSecret('mysqlPassword');
  const redisPassword = config.getSecret('redisPassword');
  checkProgramConfig(
    fleet,
    { hubKubeconfig, kubeconfigs: config.getObject('kubeconfigs'), mysqlPassword, redisPassword },
    stack,
  );

  // Passwords are only generated where something uses them: a data store this stack creates, or the app's Secret.
  const needsCredentials = fleet.cloud.regions.length > 0 || fleet.app.secrets.source === 'pulumi';
  const credentials = needsCredentials
    ? new QcbmCredentials('qcbm', {
        mysqlPassword,
        redisPassword,
        skywalkingToken: config.getSecret('skywalkingToken'),
      })
    : undefined;

  const regions: Record<string, RegionOutputs> = {};
  const runtime: Record<string, pulumi.Output<ClusterRuntimeValues>> = {};
  const clusterKubeconfigs: Record<string, pulumi.Input<string>> = {};
  for (const region of fleet.cloud.regions) {
    const cluster = fleet.clusters.find((c) => c.region === region.region)!;
    const provider = new TencentCloudProvider(`tencentcloud-${region.region}`, {
      region: region.region,
      secretId: tencentcloud.get('secretId'),
      secretKey: tencentcloud.getSecret('secretKey'),
    });
    const component = new QcbmRegion(region.region, {
      region,
      clusterName: cluster.name,
      provider,
      mysqlAccount: credentials!.mysqlAccount,
      mysqlPassword: credentials!.mysqlPassword,
      redisPassword: credentials!.redisPassword,
      apiAllowedCidrs: config.getObject<string[]>('apiAllowedCidrs'),
    });
    runtime[cluster.name] = component.runtimeValues();
    clusterKubeconfigs[cluster.name] = component.kubeconfig;
    regions[region.region] = {
      cluster: cluster.name,
      clusterId: component.clusterId,
      ingressVip: component.ingressVip,
      gatewayVip: component.gatewayVip,
      ...(component.mysqlEndpoint ? { mysql: component.mysqlEndpoint } : {}),
      ...(component.redisEndpoint ? { redis: component.redisEndpoint } : {}),
    };
  }

  const delivery = new QcbmDelivery('qcbm', {
    fleet,
    mode: fleet.cloud.delivery,
    clusters: runtime,
    secrets: fleet.app.secrets.source === 'pulumi' ? credentials!.secretValues() : undefined,
    hubKubeconfig,
    kubeconfigs: {
      ...(kubeconfigs
        ? unwrap(
            kubeconfigs,
            fleet.clusters.map((c) => c.name),
          )
        : {}),
      ...clusterKubeconfigs,
    },
  });

  return {
    environment: fleet.name,
    delivery: fleet.cloud.delivery,
    regions,
    hubManifestsDigest: delivery.hubManifestsDigest,
  };
}

/** One secret Output per cluster name out of the secret kubeconfigs object. */
function unwrap(
  all: pulumi.Output<Record<string, string>>,
  names: readonly string[],
): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(names.map((n) => [n, pulumi.secret(all.apply((k) => k[n]))]));
}
