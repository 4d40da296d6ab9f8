import { Provider } from '@pulumi/kubernetes/provider';
import { ConfigGroup } from '@pulumi/kubernetes/yaml/v2';
import * as pulumi from '@pulumi/pulumi';
import { RandomPassword } from '@pulumi/random/randomPassword';
import {
  checkFleetSynthesis,
  synthesizeFleet,
  type SynthesizedFleet,
} from '../../k8s/fleet/synthesize-fleet';
import { QcbmImagePullSecret } from '../../k8s/qcbm/qcbm-image-pull-secret';
import { QcbmSecrets, type QcbmSecretValues } from '../../k8s/qcbm/qcbm-secrets';
import type { ClusterRuntime } from '../../model/cluster-runtime';
import type { Fleet } from '../../model/fleet-schema';
import { registryHost } from '../../model/image-pull-secret';
import { deliveryNames } from '../../model/resource-names';
import { type HubReadinessCheck, hubReadinessOf, waitOnHub } from './hub-readiness-check';
import { manifestDigest } from './manifest-digest';
import { SHADOW_API_VERSION, toShadowTemplates } from './shadow-api';
import { QCBM_TYPES } from '../type-tokens';

/** Arguments for `QcbmDelivery`. */
export interface QcbmDeliveryArgs {
  /** The validated fleet description. */
  readonly fleet: Fleet;
  /**
   * `hub`: the templates go to the TDCC/Clusternet hub's shadow API and the distribution objects to the hub;
   * `direct`: each cluster's rendered manifests go to that cluster.
   */
  readonly mode: 'hub' | 'direct';
  /**
   * What each cluster's region produced (`QcbmRegion.runtime`), by cluster name; passed to fleet synthesis
   * unchanged.
   * @default - every cluster uses the fleet file as written
   */
  readonly clusters?: Readonly<Record<string, pulumi.Input<ClusterRuntime>>>;
  /**
   * The values of the app's Secret; pass secret Outputs. The Secret is then part of the app and every
   * manifest Output is secret.
   * @default - the workloads reference the existing Secret named in the fleet
   */
  readonly secrets?: pulumi.Input<QcbmSecretValues>;
  /**
   * The id of the certificate of `fleet.app.tls` the stack created (`free`, `uploaded`): each cluster's
   * `qcloud_cert_id` Secret holds it.
   * @default - the fleet's `app.tls.certificateId`; required where the stack creates the certificate
   */
  readonly tlsCertificateId?: pulumi.Input<string>;
  /**
   * The key of the HMAC-SHA256 each pod's `checksum/secret` annotation is made with (with `secrets`), so a changed
   * value restarts exactly the pods that read it; kept secret.
   * @default - generated once (a `RandomPassword` child of 32 letters and digits) and kept in the stack's state
   */
  readonly secretsChecksumKey?: pulumi.Input<string>;
  /**
   * The hub's kubeconfig (hub mode).
   * @default - none; required in hub mode
   */
  readonly hubKubeconfig?: pulumi.Input<string>;
  /**
   * Each cluster's kubeconfig, by cluster name (direct mode).
   * @default - none; required for every cluster in direct mode
   */
  readonly kubeconfigs?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * The apiVersion templates are submitted under in hub mode; `false` applies them with their own
   * apiVersion (only for hubs that intercept plain requests).
   * @default 'shadow/v1alpha1'
   */
  readonly shadowApiVersion?: string | false;
  /**
   * What each cluster's app needs before it starts, by cluster name: the database account, privileges and
   * database it writes to, its registry, the Cloud Connect attachments it writes across (see
   * `QcbmRegion.readiness`). In direct mode each cluster's manifests wait for its own; in hub mode the templates
   * wait for every cluster's.
   * @default - none
   */
  readonly prerequisites?: Readonly<Record<string, readonly pulumi.Resource[]>>;
  /**
   * The registry account the pull secret is made of, where `fleet.app.imagePullSecret.source` is `pulumi` (pass a
   * secret; the Secret then makes every manifest Output secret).
   * @default - none; required for that source
   */
  readonly registryCredentials?: pulumi.Input<{ readonly username: string; readonly password: string }>;
  /**
   * Hub mode: how `pulumi up` learns that the app became ready in the member clusters, which Pulumi does not see.
   * Resolving means ready; rejecting fails `pulumi up`.
   * @default - `waitOnHub`: the hub's Subscription status, for up to `readinessTimeoutSeconds`
   */
  readonly hubReadinessCheck?: HubReadinessCheck;
  /**
   * How long hub mode waits for the member clusters' Deployments.
   * @default 600
   */
  readonly readinessTimeoutSeconds?: number;
}

/**
 * Delivers the QCBM app: synthesizes the fleet's manifests once the regions' outputs are known (inside
 * `apply`, creating no resources there) and hands them to `@pulumi/kubernetes` `yaml.v2.ConfigGroup`s.
 */
export class QcbmDelivery extends pulumi.ComponentResource {
  public static readonly TYPE = QCBM_TYPES.delivery;

  /** SHA-256 of the hub manifests (Secret values excluded): changes whenever what the hub receives changes. */
  public readonly hubManifestsDigest: pulumi.Output<string>;
  /**
   * Overrides the hub applies only through a leniency of its patch library that the RFC forbids (also logged as
   * warnings during `pulumi up`); refused outright with the fleet's `distribution.strict`.
   */
  public readonly overrideWarnings: pulumi.Output<string[]>;
  /** The Kubernetes providers created, by target: "hub" or a cluster name. */
  public readonly providers: Readonly<Record<string, Provider>>;
  /**
   * Hub mode: resolves once the hub reports the app ready in every member cluster (`hubReadinessCheck`), and fails
   * `pulumi up` otherwise. Undefined in direct mode, where each cluster's ConfigGroup awaits its Deployments (the
   * Kubernetes provider's own await: `skipAwait` is false) and fails `pulumi up` itself.
   */
  public readonly hubReadiness: pulumi.Output<string> | undefined;

  constructor(name: string, args: QcbmDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    checkDeliveryArgs(name, args);
    // An override that cannot apply fails here, with the fleet's paths, not later inside an Output.
    checkFleetSynthesis(args.fleet);
    super(QcbmDelivery.TYPE, name, {}, opts);
    const { fleet } = args;
    const runtime = pulumi.output(args.clusters ?? {}) as pulumi.Output<Record<string, ClusterRuntime>>;
    const names = deliveryNames(name);
    const checksumKey =
      args.secrets === undefined
        ? undefined
        : pulumi.secret(
            args.secretsChecksumKey ??
              new RandomPassword(names.secretsChecksumKey, { length: 32, special: false }, { parent: this })
                .result,
          );
    const registry =
      args.registryCredentials === undefined ? undefined : pulumi.secret(args.registryCredentials);
    const pull = fleet.app.imagePullSecret;
    const synthesized: pulumi.Output<SynthesizedFleet> = pulumi
      .all([
        runtime,
        pulumi.output(args.secrets),
        pulumi.output(args.tlsCertificateId),
        pulumi.output(checksumKey),
        pulumi.output(registry),
      ])
      .apply(([values, secrets, tlsCertificateId, key, account]) =>
        synthesizeFleet(fleet, {
          runtime: values,
          tlsCertificateId,
          secrets: secrets
            ? QcbmSecrets.fromValues(secrets as QcbmSecretValues, fleet.app.secrets.name, {
                checksumKey: key,
                revision: fleet.app.secrets.revision,
              })
            : undefined,
          ...(account && pull.source === 'pulumi'
            ? {
                imagePullSecret: QcbmImagePullSecret.fromCredentials(
                  { server: registryHost(fleet.app.registry), ...account },
                  pull.name,
                ),
              }
            : {}),
        }),
      );
    const needs = args.prerequisites ?? {};
    const allNeeds = [...new Set(Object.values(needs).flat())];

    const providers: Record<string, Provider> = {};
    if (args.mode === 'hub') {
      const provider = new Provider(
        names.hubProvider,
        { kubeconfig: args.hubKubeconfig, enableServerSideApply: true },
        { parent: this },
      );
      providers.hub = provider;
      const apiVersion = args.shadowApiVersion ?? SHADOW_API_VERSION;
      const templates = new ConfigGroup(
        names.hubApp,
        {
          objs: synthesized.apply((s) =>
            apiVersion === false ? s.hubApp : toShadowTemplates(s.hubApp, apiVersion),
          ),
        },
        { parent: this, provider, dependsOn: allNeeds },
      );
      const distribution = new ConfigGroup(
        names.hubDistribution,
        { objs: synthesized.apply((s) => s.hubDistribution) },
        { parent: this, provider, dependsOn: [templates] },
      );
      this.hubReadiness = hubReadinessOf({
        fleet,
        after: distribution,
        hubKubeconfig: args.hubKubeconfig,
        synthesized,
        check: args.hubReadinessCheck ?? waitOnHub,
        timeoutMs: (args.readinessTimeoutSeconds ?? 600) * 1000,
      });
    } else {
      this.hubReadiness = undefined;
      for (const cluster of fleet.clusters) {
        const provider = new Provider(
          names.clusterProvider(cluster.name),
          {
            kubeconfig: args.kubeconfigs?.[cluster.name],
            enableServerSideApply: true,
            clusterIdentifier: cluster.name,
          },
          { parent: this },
        );
        providers[cluster.name] = provider;
        // skipAwait false, stated: the provider waits for every object (a Deployment until its rollout is
        // complete), and a cluster whose app does not become ready fails `pulumi up`.
        new ConfigGroup(
          names.clusterApp(cluster.name),
          { objs: synthesized.apply((s) => s.clusters[cluster.name]), skipAwait: false },
          { parent: this, provider, dependsOn: [...(needs[cluster.name] ?? [])] },
        );
      }
    }
    this.providers = providers;
    this.hubManifestsDigest = pulumi.unsecret(
      synthesized.apply((s) => manifestDigest([...s.hubApp, ...s.hubDistribution])),
    );
    // Warnings name clusters, objects, operations and paths, never values, so they are published in the clear.
    this.overrideWarnings = pulumi.unsecret(
      synthesized.apply((s) => {
        for (const warning of s.warnings) pulumi.log.warn(warning, this);
        return [...s.warnings];
      }),
    );
    this.registerOutputs({
      hubManifestsDigest: this.hubManifestsDigest,
      overrideWarnings: this.overrideWarnings,
      hubReadiness: this.hubReadiness,
    });
  }
}

/** Fails before any resource is registered when a mode lacks what it needs. */
export function checkDeliveryArgs(name: string, args: QcbmDeliveryArgs): void {
  const problems: string[] = [];
  if (args.mode === 'hub' && args.hubKubeconfig === undefined) {
    problems.push(
      "'hubKubeconfig' is required in hub mode: set the secret config qcbm:hubKubeconfig to the TDCC hub's kubeconfig",
    );
  }
  if (args.mode === 'direct') {
    const missing = args.fleet.clusters
      .filter((c) => args.kubeconfigs?.[c.name] === undefined)
      .map((c) => c.name);
    if (missing.length > 0) {
      problems.push(
        `'kubeconfigs' lacks ${missing.join(', ')} in direct mode: create their sites in this stack (fleet.cloud.regions) or pass their kubeconfigs`,
      );
    }
  }
  for (const key of ['clusters', 'prerequisites'] as const) {
    const unknown = Object.keys(args[key] ?? {}).filter(
      (n) => !args.fleet.clusters.some((c) => c.name === n),
    );
    if (unknown.length > 0)
      problems.push(`'${key}' names ${unknown.join(', ')}, which the fleet does not list`);
  }
  const tls = args.fleet.app.tls;
  if (tls && tls.certificate !== 'existing' && args.tlsCertificateId === undefined) {
    problems.push(
      `'tlsCertificateId' is required: fleet.app.tls.certificate is "${tls.certificate}", so the certificate is created by the stack (createCertificate) and each cluster's ${tls.secretName} Secret needs its id`,
    );
  }
  const pull = args.fleet.app.imagePullSecret;
  if (pull.source === 'pulumi' && args.registryCredentials === undefined) {
    problems.push(
      `'registryCredentials' is required: fleet.app.imagePullSecret.source is "pulumi", so the pull secret ${pull.name} is made here: set the secret config qcbm:registryUsername and qcbm:registryPassword`,
    );
  }
  if (problems.length > 0) throw new Error(`QcbmDelivery '${name}': ${problems.join('; ')}`);
}
