import { type ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { appSettings, imageReference } from '../../model/app-settings';
import { QCBM_COMPONENT_NAMES, QCBM_DEFAULTS, type QcbmComponentName } from '../../model/qcbm-components';
import { DEFAULT_TLS_SECRET_NAME } from '../../model/tls-schema';
import { escapePointerToken } from '../patch/json-pointer';
import { podChecksums, type SecretChecksum } from './pod-checksums';
import { NacosRegistry } from './nacos-registry';
import { endpointConfig } from './qcbm-config';
import type { QcbmAppProps } from './qcbm-options';
import { QcbmImagePullSecret } from './qcbm-image-pull-secret';
import { QcbmSecrets } from './qcbm-secrets';
import { validateQcbmAppProps, validateSchemaJobOptions } from './qcbm-props-schema';
import { certificateSecretData, redirectAnnotations } from './qcbm-tls';
import { deploymentSpec, selectorLabels } from './qcbm-workloads';
import {
  QcbmSchemaJob,
  type QcbmSchemaJobOptions,
  schemaJobInputs,
  schemaJobName,
} from './schema/schema-job';
import type { Endpoint } from '../../model/fields';

export const INTERNAL_SUBNET_ANNOTATION = 'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid';

/**
 * Q Cloud Book Mall: every object of the TDCC guide, with its names, labels, ports, env wiring and TKE
 * annotations, plus the production defaults it lacks (probes, resources, non-root, no hostPath, a
 * PodDisruptionBudget and zone anti-affinity when a component has more than one replica).
 */
export class QcbmApp extends Construct {
  /** The image of a component: `<registry>/<component>:<tag>`. */
  public static imageFor(registry: string, component: QcbmComponentName, tag: string): string {
    return imageReference({ registry, component, tag });
  }

  public readonly namespaceName: string;
  public readonly namespace: ApiObject;
  public readonly configMap: ApiObject;
  /** The Secret, when values were given; otherwise the workloads reference `secretName`. */
  public readonly secret: ApiObject | undefined;
  public readonly secretName: string;
  /** The Secret naming the certificate (`qcloud_cert_id`), where `tls` is set. */
  public readonly tlsSecret: ApiObject | undefined;
  /** The pull secret, when credentials were given (`QcbmImagePullSecret.fromCredentials`). */
  public readonly imagePullSecret: ApiObject | undefined;
  /** The pull secret the pods reference; undefined where they reference none. */
  public readonly imagePullSecretName: string | undefined;
  public readonly gatewayService: ApiObject;
  public readonly frontService: ApiObject;
  public readonly ingress: ApiObject;
  /** The app's own Nacos, where `nacos` asks for one. */
  public readonly nacos: NacosRegistry | undefined;
  private readonly deployments = new Map<QcbmComponentName, ApiObject>();
  private readonly disruptionBudgets = new Map<QcbmComponentName, ApiObject>();
  private readonly secretChecksum: SecretChecksum;
  private readonly schemaJobList: QcbmSchemaJob[] = [];
  private readonly mysqlEndpoint: Endpoint;

  constructor(scope: Construct, id: string, props: QcbmAppProps) {
    super(scope, id);
    validateQcbmAppProps(id, props);
    const ns = props.namespace ?? QCBM_DEFAULTS.namespace;
    const secrets = props.secrets ?? QcbmSecrets.fromExistingSecret();
    const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: ns, ...extra });
    this.namespaceName = ns;
    this.secretName = secrets.secretName;
    this.secretChecksum = secrets._checksum();
    this.mysqlEndpoint = props.endpoints.mysql;

    this.namespace = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: ns } });
    this.configMap = new k8s.KubeConfigMap(this, 'Config', {
      metadata: meta(QCBM_DEFAULTS.configMapName),
      data: endpointConfig(props.endpoints),
    });
    const data = secrets._data();
    this.secret = data
      ? new k8s.KubeSecret(this, 'Keys', {
          metadata: meta(secrets.secretName, { labels: { 'qcloud-app': secrets.secretName } }),
          type: 'Opaque',
          data,
        })
      : undefined;
    const tlsSecretName = props.tls && (props.tls.secretName ?? DEFAULT_TLS_SECRET_NAME);
    this.tlsSecret =
      props.tls && tlsSecretName
        ? new k8s.KubeSecret(this, 'Tls', {
            metadata: meta(tlsSecretName, { labels: { 'qcloud-app': tlsSecretName } }),
            type: 'Opaque',
            data: certificateSecretData(props.tls.certificateId),
          })
        : undefined;

    const pull =
      typeof props.imagePullSecret === 'string'
        ? QcbmImagePullSecret.fromExistingSecret(props.imagePullSecret)
        : (props.imagePullSecret ?? QcbmImagePullSecret.fromExistingSecret());
    this.imagePullSecretName = pull.secretName;
    const pullData = pull._data();
    this.imagePullSecret =
      pullData && pull.secretName
        ? new k8s.KubeSecret(this, 'PullSecret', {
            metadata: meta(pull.secretName),
            type: 'kubernetes.io/dockerconfigjson',
            data: pullData,
          })
        : undefined;

    this.nacos = props.nacos
      ? new NacosRegistry(this, 'Nacos', { ...props.nacos, namespace: ns, secretName: secrets.secretName })
      : undefined;

    const settings = appSettings(props);
    for (const name of QCBM_COMPONENT_NAMES) {
      const deployment = new k8s.KubeDeployment(this, pascal(name), {
        metadata: meta(name, { labels: selectorLabels(name) }),
        spec: deploymentSpec({
          name,
          image: imageReference(settings[name].image),
          replicas: settings[name].replicas,
          spread: settings[name].spread,
          options: props.components?.[name] ?? {},
          configMapName: QCBM_DEFAULTS.configMapName,
          secretName: secrets.secretName,
          imagePullSecret: this.imagePullSecretName,
          hostPathVolumes: props.hostPathVolumes ?? false,
          gatewayHealthCheckPath: props.gatewayHealthCheckPath,
        }),
      });
      this.deployments.set(name, deployment);
    }
    // A container reads its env only at start: the checksum of what each pod reads makes a change roll it out.
    const sources = [this.configMap.toJson(), this.secret?.toJson()];
    for (const deployment of this.deployments.values()) {
      const json = deployment.toJson();
      annotatePods(deployment, json, podChecksums(json, sources, this.secretChecksum));
    }
    const budgets = new Set(
      props.disruptionBudgets ?? QCBM_COMPONENT_NAMES.filter((n) => settings[n].spread),
    );
    for (const name of QCBM_COMPONENT_NAMES.filter((n) => budgets.has(n))) {
      const budget = new k8s.KubePodDisruptionBudget(this, `${pascal(name)}Disruption`, {
        metadata: meta(name, { labels: selectorLabels(name) }),
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selectorLabels(name) },
        },
      });
      this.disruptionBudgets.set(name, budget);
    }

    this.frontService = new k8s.KubeService(this, 'FrontService', {
      metadata: meta(QCBM_DEFAULTS.frontServiceName),
      spec: {
        type: 'NodePort',
        selector: selectorLabels('qcbm-front'),
        ports: [
          {
            name: 'http',
            port: 80,
            targetPort: k8s.IntOrString.fromNumber(80),
            nodePort: props.nodePorts?.front ?? 30080,
          },
        ],
      },
    });
    this.gatewayService = new k8s.KubeService(this, 'GatewayService', {
      metadata: meta(QCBM_DEFAULTS.gatewayServiceName, {
        labels: { app: QCBM_DEFAULTS.gatewayServiceName },
        annotations: { [INTERNAL_SUBNET_ANNOTATION]: props.gatewaySubnetId },
      }),
      spec: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        selector: selectorLabels('qcbm-gateway'),
        ports: [
          {
            name: 'http',
            port: 8080,
            targetPort: k8s.IntOrString.fromNumber(8080),
            protocol: 'TCP',
            nodePort: props.nodePorts?.gateway ?? 32500,
          },
        ],
      },
    });
    const host = props.ingressHost ?? QCBM_DEFAULTS.ingressHost;
    this.ingress = new k8s.KubeIngress(this, 'Ingress', {
      metadata: meta(QCBM_DEFAULTS.ingressName, {
        annotations: {
          'kubernetes.io/ingress.class': 'qcloud',
          'ingress.cloud.tencent.com/direct-access': 'false',
          'kubernetes.io/ingress.extensiveParameters': '{"AddressIPVersion":"IPV4"}',
          ...(tlsSecretName ? redirectAnnotations() : {}),
        },
      }),
      spec: {
        ...(tlsSecretName ? { tls: [{ hosts: [host], secretName: tlsSecretName }] } : {}),
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: QCBM_DEFAULTS.frontServiceName, port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    if (props.schemaInit !== false) this.addSchemaJob(props.schemaInit ?? {});
  }

  /** The schema Jobs (`schemaInit`, `addSchemaJob()`). */
  public get schemaJobs(): readonly QcbmSchemaJob[] {
    return [...this.schemaJobList];
  }

  /**
   * Adds a Job that creates QCBM's schema and seed rows, reading the endpoint from the app's
   * ConfigMap and the account from its Secret, and returns it. `mysql` is the endpoint that ConfigMap holds where
   * the Job runs (a cluster whose overrides change it); it names the Job.
   * @throws Error when a Job with the same inputs exists already
   */
  public addSchemaJob(options: QcbmSchemaJobOptions & { readonly mysql?: Endpoint } = {}): QcbmSchemaJob {
    validateSchemaJobOptions(this.node.id, options);
    const props = {
      ...options,
      mysql: options.mysql ?? this.mysqlEndpoint,
      namespace: this.namespaceName,
      configMapName: QCBM_DEFAULTS.configMapName,
      secretName: this.secretName,
    };
    const name = schemaJobName(schemaJobInputs(props));
    if (this.schemaJobList.some((j) => j.jobName === name)) {
      throw new Error(
        `QcbmApp: a schema Job with the same inputs exists already (${name}); add one per database`,
      );
    }
    const job = new QcbmSchemaJob(this, `Schema${this.schemaJobList.length}`, props);
    this.schemaJobList.push(job);
    return job;
  }

  /** The PodDisruptionBudget of one component, where it has one. */
  public disruptionBudget(name: QcbmComponentName): ApiObject | undefined {
    this.deployment(name);
    return this.disruptionBudgets.get(name);
  }

  /** How the pods' `checksum/secret` annotation follows the Secret (see `podChecksums`). @internal */
  public _secretChecksum(): SecretChecksum {
    return this.secretChecksum;
  }

  /** The Deployment of one component. */
  public deployment(name: QcbmComponentName): ApiObject {
    const d = this.deployments.get(name);
    if (!d)
      throw new Error(
        `QcbmApp: '${name}' is not a QCBM component; use one of ${QCBM_COMPONENT_NAMES.join(', ')}`,
      );
    return d;
  }
}

/** Adds annotations to a workload's pod template (which has labels, so its metadata exists). */
function annotatePods(workload: ApiObject, json: unknown, annotations: Readonly<Record<string, string>>) {
  if (Object.keys(annotations).length === 0) return;
  const path = '/spec/template/metadata/annotations';
  const { metadata } = (json as { spec: { template: { metadata: Record<string, unknown> } } }).spec.template;
  if (metadata.annotations === undefined) {
    workload.addJsonPatch(JsonPatch.add(path, { ...annotations }));
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    workload.addJsonPatch(JsonPatch.add(`${path}/${escapePointerToken(key)}`, value));
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
