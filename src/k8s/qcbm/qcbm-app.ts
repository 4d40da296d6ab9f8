import type { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { appSettings, imageReference } from '../../model/app-settings';
import { QCBM_COMPONENT_NAMES, QCBM_DEFAULTS, type QcbmComponentName } from '../../model/qcbm-components';
import { NacosRegistry } from './nacos-registry';
import { endpointConfig } from './qcbm-config';
import type { QcbmAppProps } from './qcbm-options';
import { QcbmSecrets } from './qcbm-secrets';
import { validateQcbmAppProps } from './qcbm-props-schema';
import { deploymentSpec, selectorLabels } from './qcbm-workloads';

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
  public readonly gatewayService: ApiObject;
  public readonly frontService: ApiObject;
  public readonly ingress: ApiObject;
  /** The app's own Nacos, where `nacos` asks for one. */
  public readonly nacos: NacosRegistry | undefined;
  private readonly deployments = new Map<QcbmComponentName, ApiObject>();
  private readonly disruptionBudgets = new Map<QcbmComponentName, ApiObject>();

  constructor(scope: Construct, id: string, props: QcbmAppProps) {
    super(scope, id);
    validateQcbmAppProps(id, props);
    const ns = props.namespace ?? QCBM_DEFAULTS.namespace;
    const secrets = props.secrets ?? QcbmSecrets.fromExistingSecret();
    const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: ns, ...extra });
    this.namespaceName = ns;
    this.secretName = secrets.secretName;

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
          imagePullSecret: props.imagePullSecret ?? QCBM_DEFAULTS.imagePullSecret,
          hostPathVolumes: props.hostPathVolumes ?? false,
          gatewayHealthCheckPath: props.gatewayHealthCheckPath,
        }),
      });
      this.deployments.set(name, deployment);
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
    this.ingress = new k8s.KubeIngress(this, 'Ingress', {
      metadata: meta(QCBM_DEFAULTS.ingressName, {
        annotations: {
          'kubernetes.io/ingress.class': 'qcloud',
          'ingress.cloud.tencent.com/direct-access': 'false',
          'kubernetes.io/ingress.extensiveParameters': '{"AddressIPVersion":"IPV4"}',
        },
      }),
      spec: {
        rules: [
          {
            host: props.ingressHost ?? QCBM_DEFAULTS.ingressHost,
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
  }

  /** The PodDisruptionBudget of one component, where it has one. */
  public disruptionBudget(name: QcbmComponentName): ApiObject | undefined {
    this.deployment(name);
    return this.disruptionBudgets.get(name);
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

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
