import { ApiObject, type Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { fleetAppSettings, imageReference, spreadComponents } from '../../model/app-settings';
import { type ClusterRuntime, type ResolvedCluster, resolveClusters } from '../../model/cluster-runtime';
import type { Fleet } from '../../model/fleet-schema';
import { pullSecretName } from '../../model/image-pull-secret';
import { QCBM_COMPONENT_NAMES } from '../../model/qcbm-components';
import { formatPath } from '../../model/issue-path';
import { schemaInitTargets } from '../../model/schema-init';
import { ValidationError, type ValidationIssue } from '../../model/validation-error';
import { Feed } from '../clusternet/feed';
import { checksumDifferences } from './checksum-differences';
import { ClusterDifference } from '../multi-cluster/cluster-difference';
import { MultiClusterApp } from '../multi-cluster/multi-cluster-app';
import { RenderedClusterChart } from '../multi-cluster/rendered-cluster-chart';
import { INTERNAL_SUBNET_ANNOTATION, QcbmApp } from '../qcbm/qcbm-app';
import { changedConfig } from '../qcbm/qcbm-config';
import { QcbmImagePullSecret } from '../qcbm/qcbm-image-pull-secret';
import { QcbmSecrets } from '../qcbm/qcbm-secrets';
import { zoneAntiAffinity } from '../qcbm/qcbm-workloads';
import { fleetTls } from './fleet-tls';
import { QCBM_HARDENING_OPTIONS } from '../../policy/kubernetes-hardening';
import { hardeningCheck } from '../validation/hardening-check';
import type { ManifestCheck } from '../validation/manifest-validator';
import { ValidatedChart } from '../validation/validated-chart';
import { distributeNacos, nacosDifferences, writtenNacos } from './registry-distribution';
import { apiObjectsOf, resolveTarget } from './resolve-target';

/** Properties for `addQcbmFleetCharts`. */
export interface QcbmFleetChartsProps {
  /** The validated fleet description (see `parseFleet` / `loadFleetFromStackFile`). */
  readonly fleet: Fleet;
  /**
   * Where the app's Secret comes from.
   * @default - a reference to the existing Secret named in fleet.app.secrets, at its `revision` (nothing secret
   * is synthesized)
   */
  readonly secrets?: QcbmSecrets;
  /**
   * What the pods pull their images with.
   * @default - as fleet.app.imagePullSecret says: no pull secret for `none`, a reference to the named Secret
   * otherwise (nothing secret is synthesized; the Pulumi program passes `QcbmImagePullSecret.fromCredentials` for
   * `pulumi`)
   */
  readonly imagePullSecret?: QcbmImagePullSecret;
  /**
   * What each cluster's region produced, by cluster name: the Pulumi program passes the endpoints, gateway
   * subnet and CLBs it created; they replace the fleet file's values.
   * @default - every value comes from the fleet description
   */
  readonly runtime?: Readonly<Record<string, ClusterRuntime>>;
  /**
   * Add one chart per cluster with the manifests it will run.
   * @default true
   */
  readonly renderClusters?: boolean;
  /**
   * The id of the certificate of `fleet.app.tls` where the stack creates it (certificate `free` or `uploaded`): the
   * Pulumi program passes it once known.
   * @default - the fleet's `app.tls.certificateId` (certificate `existing`); with another source synthesis fails
   */
  readonly tlsCertificateId?: string;
  /**
   * The only clusters the charts are built to render (`renderFleetCluster`): the schema Jobs of other clusters
   * are left out, their differences are checked as they are added but held by no override object, and their
   * checksums are not computed. Such charts render these clusters only, and are never synthesized.
   * @default - every cluster
   * @internal
   */
  readonly _onlyClusters?: readonly string[];
}

/** The pull secret a fleet's pods reference, as `fleet.app.imagePullSecret` says, without credentials. */
export function fleetImagePullSecret(fleet: Fleet): QcbmImagePullSecret {
  const name = pullSecretName(fleet.app.imagePullSecret);
  return name === undefined ? QcbmImagePullSecret.none() : QcbmImagePullSecret.fromExistingSecret(name);
}

export const INGRESS_EXISTING_LB_ANNOTATION = 'kubernetes.io/ingress.existLbId';
export const SERVICE_EXISTING_LB_ANNOTATION = 'service.kubernetes.io/tke-existed-lbid';

/**
 * What every cluster's effective manifests are checked with besides the Kubernetes API's rules: the hardening rules
 * QCBM holds itself to (QCBM_HARDENING_OPTIONS), with the fleet's `policy.exemptions`.
 */
export function fleetManifestChecks(fleet: Fleet): ManifestCheck[] {
  return [hardeningCheck(QCBM_HARDENING_OPTIONS, fleet.policy.exemptions, 'fleet.policy.exemptions')];
}

/** The charts one environment synthesizes to. */
export interface QcbmFleetCharts {
  /** `hub-app`: the app's templates, submitted to the hub through Clusternet's shadow API. */
  readonly appChart: Chart;
  /** `hub-distribution`: the Subscription, Localizations and Globalizations, applied to the hub. */
  readonly distributionChart: Chart;
  /** `cluster-<name>`: what each cluster runs once overrides are applied. */
  readonly clusterCharts: readonly RenderedClusterChart[];
  readonly app: QcbmApp;
  readonly multiCluster: MultiClusterApp;
}

/**
 * Builds an environment's charts from its fleet description: the first cluster's endpoints and subnet are
 * the base the app is written with; every other cluster gets a Localization for what differs (the TDCC
 * guide's `qcbm-config-override` and `qcbm-svc-gateway-override`) plus its declared differences. Each cluster's
 * replicas decide its PodDisruptionBudgets and zone anti-affinity: a budget that only some clusters need is sent
 * to them by a Subscription of its own, and the anti-affinity is added or removed by the cluster's override. Last,
 * each Deployment whose ConfigMap or Secret values differ in a cluster gets that cluster's checksums on its pods
 * (`checksumDifferences`), so a changed value restarts exactly the pods that read it.
 * @throws ValidationError when a difference names an object the app does not emit
 */
export function addQcbmFleetCharts(scope: Construct, props: QcbmFleetChartsProps): QcbmFleetCharts {
  const { fleet } = props;
  const resolved = resolveClusters(fleet, props.runtime);
  const [base] = resolved;
  const written = fleetAppSettings(fleet);
  const budgets = spreadComponents(resolved.map((r) => r.app));
  const secretsConfig = fleet.app.secrets;

  const appChart = new ValidatedChart(scope, 'hub-app', { disableResourceNameHashes: true });
  const app = new QcbmApp(appChart, 'Qcbm', {
    endpoints: base.endpoints,
    gatewaySubnetId: base.gatewaySubnetId,
    namespace: fleet.app.namespace,
    registry: fleet.app.registry,
    imageTag: fleet.app.imageTag,
    imagePullSecret: props.imagePullSecret ?? fleetImagePullSecret(fleet),
    ingressHost: fleet.app.ingressHost,
    replicas: fleet.app.replicas,
    components: fleet.app.components,
    disruptionBudgets: budgets,
    hostPathVolumes: fleet.app.hostPathVolumes,
    secrets:
      props.secrets ??
      QcbmSecrets.fromExistingSecret(secretsConfig.name, { revision: secretsConfig.revision }),
    tls: fleetTls(fleet, props.tlsCertificateId),
    // Added below, one per database, with the endpoint of the cluster that runs it.
    schemaInit: false,
    nacos: writtenNacos(resolved),
  });
  const only = props._onlyClusters === undefined ? undefined : new Set(props._onlyClusters);
  const rendered = (cluster: ResolvedCluster) => only === undefined || only.has(cluster.cluster.name);
  // Another cluster's Job (sent to that cluster only) changes nothing of these clusters' manifests.
  const targets = schemaInitTargets(fleet, resolved).filter(
    (t) => resolved.length === 1 || rendered(t.cluster),
  );
  const schemaJobs = targets.map((target) => ({
    target,
    job: app.addSchemaJob({
      mysql: target.mysql,
      ...(fleet.app.schemaInit === false ? {} : { image: fleet.app.schemaInit.image }),
    }),
  }));

  const distributesExistingSecret = app.secret === undefined && secretsConfig.distribute;
  const distributionChart = new ValidatedChart(scope, 'hub-distribution', {
    disableResourceNameHashes: true,
  });
  const multiCluster = new MultiClusterApp(distributionChart, 'Distribution', {
    app,
    subscriptionName: fleet.distribution.subscriptionName,
    subscriptionNamespace: fleet.distribution.subscriptionNamespace,
    basePriority: fleet.distribution.basePriority,
    strict: fleet.distribution.strict,
    checks: fleetManifestChecks(fleet),
    extraFeeds: distributesExistingSecret
      ? [
          Feed.fromReference({
            apiVersion: 'v1',
            kind: 'Secret',
            name: app.secretName,
            namespace: app.namespaceName,
          }),
        ]
      : [],
    clusters: fleet.clusters.map((c) => ({
      name: c.name,
      clusterId: c.clusterId,
      hubNamespace: c.hubNamespace,
      labels: c.labels,
    })),
  });

  // A budget only where the component runs spread: a Localization cannot take an object away from a cluster.
  for (const component of budgets) {
    const receivers = resolved.filter((r) => r.app[component].spread).map((r) => r.cluster.name);
    if (receivers.length < resolved.length) {
      multiCluster.distributeOnlyTo(app.disruptionBudget(component) as ApiObject, receivers);
    }
  }
  distributeNacos(app, multiCluster, resolved);

  // The schema Job only where it writes first (README "The schema and its seed rows"): hub delivery by a Subscription of its own.
  for (const { target, job } of schemaJobs) {
    if (resolved.length === 1) continue;
    multiCluster.distributeOnlyTo(job.job, [target.cluster.cluster.name]);
  }

  const issues: ValidationIssue[] = [];
  // Read once where the differences are added (the app's objects do not change there).
  let appObjects: readonly ApiObject[] | undefined;
  // The app's objects are complete here and no difference changes them.
  multiCluster._addingDifferences(() => {
    appObjects = apiObjectsOf(app);
    for (const cluster of resolved) {
      for (const difference of differencesOf(cluster)) {
        if (rendered(cluster)) multiCluster.addDifference(cluster.cluster.name, difference);
        else multiCluster._checkDifference(cluster.cluster.name, difference);
      }
    }
    if (issues.length > 0) throw new ValidationError(`fleet "${fleet.name}"`, issues);
    // Last: each cluster's checksums follow from what the differences above made of its ConfigMap, Secret and pods.
    const checksums = checksumDifferences(app, multiCluster, props._onlyClusters);
    for (const [cluster, difference] of checksums) multiCluster.addDifference(cluster, difference);
  });

  const clusterCharts =
    props.renderClusters === false
      ? []
      : fleet.clusters.map(
          (c) =>
            new RenderedClusterChart(scope, `cluster-${c.name}`, { source: multiCluster, cluster: c.name }),
        );
  return { appChart, distributionChart, clusterCharts, app, multiCluster };

  function differencesOf(resolvedCluster: ResolvedCluster): ClusterDifference[] {
    const { cluster } = resolvedCluster;
    const out: ClusterDifference[] = [];
    const config = changedConfig(base.endpoints, resolvedCluster.endpoints);
    if (Object.keys(config).length > 0) {
      out.push(
        ClusterDifference.data(app.configMap, config, {
          localizationName: 'qcbm-config-override',
          overrideName: 'config-override',
        }),
      );
    }
    if (resolvedCluster.gatewaySubnetId !== base.gatewaySubnetId) {
      out.push(
        ClusterDifference.replaceAnnotation(
          app.gatewayService,
          INTERNAL_SUBNET_ANNOTATION,
          resolvedCluster.gatewaySubnetId,
          {
            localizationName: 'qcbm-svc-gateway-override',
            overrideName: 'svc-override',
          },
        ),
      );
    }
    const lbs = resolvedCluster.loadBalancers;
    if (lbs.ingressClbId) {
      out.push(
        ClusterDifference.annotations(
          app.ingress,
          { [INGRESS_EXISTING_LB_ANNOTATION]: lbs.ingressClbId },
          { localizationName: 'qcbm-ingress-clb-override' },
        ),
      );
    }
    if (lbs.gatewayClbId) {
      out.push(
        ClusterDifference.annotations(
          app.gatewayService,
          { [SERVICE_EXISTING_LB_ANNOTATION]: lbs.gatewayClbId },
          {
            localizationName: 'qcbm-svc-gateway-override',
            overrideName: 'clb-override',
          },
        ),
      );
    }
    for (const component of QCBM_COMPONENT_NAMES) {
      const [here, asWritten] = [resolvedCluster.app[component], written[component]];
      const deployment = app.deployment(component);
      const options = { localizationName: `qcbm-${component}-override` };
      if (imageReference(here.image) !== imageReference(asWritten.image)) {
        out.push(ClusterDifference.image(deployment, imageReference(here.image), options));
      }
      if (here.replicas !== asWritten.replicas) {
        out.push(ClusterDifference.replicas(deployment, here.replicas, options));
      }
      if (here.spread !== asWritten.spread) {
        const affinity = here.spread ? zoneAntiAffinity(component) : undefined;
        out.push(ClusterDifference.affinity(deployment, affinity, options));
      }
    }
    out.push(...nacosDifferences(app, resolvedCluster));
    const declared = fleet.differences[cluster.name];
    if (!declared) return out;
    const at = (...p: PropertyKey[]) => formatPath('fleet', ['differences', cluster.name, ...p]);
    declared.annotations.forEach((a, i) => {
      const target = resolveTarget(app, a.target, at('annotations', i, 'target'), appObjects);
      if (ApiObject.isApiObject(target)) out.push(ClusterDifference.annotations(target, a.annotations));
      else issues.push(target);
    });
    declared.patches.forEach((p, i) => {
      const target = resolveTarget(app, p.target, at('patches', i, 'target'), appObjects);
      if (!ApiObject.isApiObject(target)) {
        issues.push(target);
        return;
      }
      const options = { overrideName: p.name };
      out.push(
        p.type === 'JSONPatch'
          ? ClusterDifference.jsonPatch(target, p.operations, options)
          : ClusterDifference.mergePatch(target, p.patch, options),
      );
    });
    return out;
  }
}
