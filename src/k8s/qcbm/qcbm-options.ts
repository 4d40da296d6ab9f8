import type { ClusterEndpoints, ComponentResources } from '../../model/fields';
import type { QcbmComponentName } from '../../model/qcbm-components';
import type { NacosRegistryProps } from './nacos-registry';
import type { QcbmSecrets } from './qcbm-secrets';

export type { ComponentResources };

/** Settings of one QCBM component. */
export interface QcbmComponentOptions {
  /** @default - QcbmAppProps.imageTag, else the component's published tag */
  readonly imageTag?: string;
  /** @default - QcbmAppProps.replicas */
  readonly replicas?: number;
  /** @default - 250m/512Mi requests and 1/1Gi limits for Java components; 100m/128Mi and 500m/256Mi for the front */
  readonly resources?: ComponentResources;
  /** @default - true for the Java components; false for the front, whose nginx master needs root */
  readonly runAsNonRoot?: boolean;
  /** Readiness and liveness probes. @default true */
  readonly probes?: boolean;
}

/** Properties for `QcbmApp`. */
export interface QcbmAppProps {
  /** The data services the pods talk to (ConfigMap qcbm-env). */
  readonly endpoints: ClusterEndpoints;
  /** Subnet of the internal CLB in front of api-gateway (`service.kubernetes.io/qcloud-loadbalancer-internal-subnetid`). */
  readonly gatewaySubnetId: string;
  /** @default 'qcbm' */
  readonly namespace?: string;
  /** @default 'ccr.ccs.tencentyun.com/qcbm' */
  readonly registry?: string;
  /** Set as imagePullSecrets on every pod. @default 'qcloudregistrykey' */
  readonly imagePullSecret?: string;
  /** @default 'qcbm.com' */
  readonly ingressHost?: string;
  /** @default - each component's published tag (1.1.4 for the services, 1.1.3 for the front) */
  readonly imageTag?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** Per-component settings. @default {} */
  readonly components?: { readonly [name in QcbmComponentName]?: QcbmComponentOptions };
  /**
   * The components that get a PodDisruptionBudget. A MultiClusterApp whose clusters run a component with more
   * replicas than written here needs its budget emitted, to send it only to those clusters.
   * @default - the components with more than one replica
   */
  readonly disruptionBudgets?: readonly QcbmComponentName[];
  /**
   * Mount the guide's hostPath directories /data/dumps/<name> and /data/logs/<name>. hostPath is a finding in
   * every Kubernetes policy tool, so it is opt-in.
   * @default false (emptyDir volumes with the same names)
   */
  readonly hostPathVolumes?: boolean;
  /** @default QcbmSecrets.fromExistingSecret('qcbm-keys') */
  readonly secrets?: QcbmSecrets;
  /** @default - the guide's 30080 for qcbm-front and 32500 for api-gateway */
  readonly nodePorts?: { readonly front?: number; readonly gateway?: number };
  /**
   * HTTP path for the gateway's probes. QCBM does not publish a health URL for the gateway, and a wrong path
   * would keep it unready, so by default it is probed on its TCP port.
   * @default - TCP probe on 8080
   */
  readonly gatewayHealthCheckPath?: string;
  /**
   * Run the app's Nacos in its namespace (`NacosRegistry`, with the app's namespace and Secret); `endpoints.nacos`
   * should then be its Service (`inClusterNacosEndpoint`).
   * @default - none: the app uses the Nacos at endpoints.nacos
   */
  readonly nacos?: Omit<NacosRegistryProps, 'namespace' | 'secretName'>;
}
