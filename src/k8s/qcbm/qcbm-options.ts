import type { ClusterEndpoints, ComponentResources } from '../../model/fields';
import type { QcbmComponentName } from '../../model/qcbm-components';
import type { QcbmImagePullSecret } from './qcbm-image-pull-secret';
import type { NacosRegistryProps } from './nacos-registry';
import type { QcbmSecrets } from './qcbm-secrets';
import type { QcbmTlsOptions } from './qcbm-tls';

export type { QcbmTlsOptions };
import type { QcbmSchemaJobOptions } from './schema/schema-job';

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
  /**
   * What the pods pull their images with (`QcbmImagePullSecret`); a name is short for
   * `QcbmImagePullSecret.fromExistingSecret(name)`.
   * @default QcbmImagePullSecret.fromExistingSecret('qcloudregistrykey'), as the TDCC guide
   */
  readonly imagePullSecret?: string | QcbmImagePullSecret;
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
   * HTTP path of the gateway's readiness and liveness probes on port 8080, or `false` to probe its TCP port. The
   * default answers from the gateway alone (no Dubbo call), so a failing service never restarts the gateway.
   * @default '/api/sysinfo/backend'
   */
  readonly gatewayHealthCheckPath?: string | false;
  /**
   * HTTPS on `ingressHost`: a Secret with the certificate's id (`qcloud_cert_id`, what TKE's ingress controller
   * reads), the Ingress's `tls` naming it, and HTTP redirected to HTTPS.
   * @default - none: the Ingress serves plain HTTP
   */
  readonly tls?: QcbmTlsOptions;
  /**
   * The Job that creates QCBM's database, tables and seed rows in `endpoints.mysql` (see `QcbmSchemaJob`); `false`
   * where the schema is created another way. More Jobs, for other databases: `addSchemaJob()`.
   * @default {} (the Job, with its defaults)
   */
  readonly schemaInit?: QcbmSchemaJobOptions | false;
  /**
   * Run the app's Nacos in its namespace (`NacosRegistry`, with the app's namespace and Secret); `endpoints.nacos`
   * should then be its Service (`inClusterNacosEndpoint`).
   * @default - none: the app uses the Nacos at endpoints.nacos
   */
  readonly nacos?: Omit<NacosRegistryProps, 'namespace' | 'secretName'>;
}
