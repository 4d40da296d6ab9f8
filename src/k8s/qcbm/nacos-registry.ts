import { type ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { z } from 'zod';
import { dnsLabel, dnsSubdomain } from '../../model/fields';
import { parseInput } from '../../model/parse-input';
import { QCBM_DEFAULTS } from '../../model/qcbm-components';
import {
  IN_CLUSTER_REPLICAS,
  NACOS_PORTS,
  NACOS_SERVER_SECRET_KEYS,
  REGISTRY_DEFAULTS,
} from '../../model/registry-schema';
import { CLUSTER_DOMAIN, inClusterNacosHost } from '../../model/topology/site-registry';
import { selectorLabels } from './qcbm-workloads';

/** Properties for `NacosRegistry`. */
export interface NacosRegistryProps {
  /** The namespace of the app whose services register here. @default 'qcbm' */
  readonly namespace?: string;
  /** 3: a cluster (Raft over embedded storage); 1: standalone, for small fleets such as dev. @default 3 */
  readonly replicas?: number;
  /** Each replica's PersistentVolumeClaim for /home/nacos/data, in GB. @default 10 */
  readonly storageGb?: number;
  /** The StorageClass of the claims. @default - the cluster's default (TKE: CBS) */
  readonly storageClass?: string;
  /**
   * The Secret with NACOS_AUTH_TOKEN, NACOS_AUTH_IDENTITY_KEY and NACOS_AUTH_IDENTITY_VALUE (what Nacos 2.2+ refuses
   * to start without when authentication is on), and NACOS_ACCOUNT / NACOS_PASSWORD, the user the services log in
   * as: the app's Secret.
   * @default 'qcbm-keys'
   */
  readonly secretName?: string;
  /** @default 'nacos/nacos-server:v2.3.2' */
  readonly image?: string;
  /**
   * A PodDisruptionBudget keeping a quorum (all but one replica) through voluntary disruptions.
   * @default - with more than one replica
   */
  readonly disruptionBudget?: boolean;
}

const propsSchema = z.object({
  namespace: dnsLabel.optional(),
  replicas: z
    .number()
    .refine((n) => (IN_CLUSTER_REPLICAS as readonly number[]).includes(n), {
      message: 'must be 1 (standalone) or 3 (a cluster)',
      params: { fix: 'use 3, or 1 for a small fleet' },
    })
    .optional(),
  storageGb: z.number().int().min(1).optional(),
  storageClass: dnsSubdomain.optional(),
  secretName: dnsSubdomain.optional(),
  image: z.string().min(1).optional(),
  disruptionBudget: z.boolean().optional(),
});

const NAME = REGISTRY_DEFAULTS.inCluster.serviceName;
const HEADLESS = REGISTRY_DEFAULTS.inCluster.headlessServiceName;
const DATA_DIR = '/home/nacos/data';
const BASE = `http://127.0.0.1:${NACOS_PORTS.http}/nacos`;

/**
 * Where the Secret's NACOS_PASSWORD is not yet the `nacos` user's (a first start: Nacos 2.3 creates the user with
 * the password `nacos`), sets it once the server answers. Run in the background by a postStart hook, so a slow
 * start never kills the container; every replica tries, and a replica that finds the password set does nothing.
 */
const SET_PASSWORD = [
  `for i in $(seq 1 60); do curl -sf -o /dev/null ${BASE}/v1/console/health/readiness && break; sleep 5; done`,
  '[ -n "$NACOS_PASSWORD" ] || exit 0',
  `login() { curl -sf -X POST ${BASE}/v1/auth/users/login --data-urlencode "username=nacos" --data-urlencode "password=$1"; }`,
  'login "$NACOS_PASSWORD" >/dev/null && exit 0',
  `token=$(login nacos | sed -n 's/.*"accessToken":"\\([^"]*\\)".*/\\1/p')`,
  '[ -n "$token" ] || exit 0',
  `curl -sf -o /dev/null -X PUT "${BASE}/v1/auth/users?accessToken=$token" --data-urlencode "username=nacos" --data-urlencode "newPassword=$NACOS_PASSWORD"`,
].join('\n');

/**
 * A Nacos registry in the app's namespace: a StatefulSet of the official image (`nacos/nacos-server:v2.3.2`) with
 * its embedded storage on a PersistentVolumeClaim per replica, three replicas in cluster mode (peers found by their
 * names under the headless Service; ports 8848, 9848, 7848, 9849 between them) or one in standalone mode, the
 * authentication Nacos 2.2+ requires (token key and server identity from the Secret), the Secret's password set on
 * the `nacos` user, and a Service the clients reach it by (`inClusterNacosHost`, 8848 and 9848).
 *
 * The image declares no USER and writes /home/nacos (its cluster.conf, logs, Tomcat's work directory), owned by
 * root: it runs as root with every capability dropped (the exemption in `QCBM_HARDENING_OPTIONS`).
 */
export class NacosRegistry extends Construct {
  /** The StatefulSet's spec as the props would render it: what a cluster with other settings is given. */
  public static specFor(props: NacosRegistryProps): Record<string, unknown> {
    const registry = new NacosRegistry(new Chart(new App(), 'spec'), 'Nacos', props);
    return registry.statefulSet.toJson().spec as Record<string, unknown>;
  }

  /** The host the clients use (NACOS_HOST). */
  public readonly host: string;
  public readonly statefulSet: ApiObject;
  /** The headless Service the pods are named under. */
  public readonly headlessService: ApiObject;
  /** The Service the clients reach Nacos by. */
  public readonly service: ApiObject;
  /** Keeps a quorum through voluntary disruptions; undefined with one replica or where turned off. */
  public readonly disruptionBudget: ApiObject | undefined;

  constructor(scope: Construct, id: string, props: NacosRegistryProps = {}) {
    super(scope, id);
    parseInput(propsSchema, props, `NacosRegistry '${id}'`, 'props');
    const namespace = props.namespace ?? QCBM_DEFAULTS.namespace;
    const replicas = props.replicas ?? REGISTRY_DEFAULTS.inCluster.replicas;
    const secretName = props.secretName ?? QCBM_DEFAULTS.secretName;
    const labels = selectorLabels(NAME);
    const meta = (name: string) => ({ name, namespace, labels });
    this.host = inClusterNacosHost(namespace);

    const peerPorts = [
      { name: 'http', port: NACOS_PORTS.http },
      { name: 'client-rpc', port: NACOS_PORTS.clientGrpc },
      { name: 'raft-rpc', port: NACOS_PORTS.raft },
      { name: 'peer-rpc', port: NACOS_PORTS.peerGrpc },
    ];
    const servicePort = (p: { name: string; port: number }) => ({
      name: p.name,
      port: p.port,
      targetPort: k8s.IntOrString.fromNumber(p.port),
      protocol: 'TCP',
    });
    this.headlessService = new k8s.KubeService(this, 'Headless', {
      metadata: meta(HEADLESS),
      spec: {
        clusterIp: 'None',
        // Peers must find each other before any is ready: a cluster elects its leader only once they do.
        publishNotReadyAddresses: true,
        selector: labels,
        ports: peerPorts.map(servicePort),
      },
    });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: meta(NAME),
      spec: { type: 'ClusterIP', selector: labels, ports: peerPorts.slice(0, 2).map(servicePort) },
    });

    const standalone = replicas === 1;
    const peers = Array.from(
      { length: replicas },
      (_, i) => `${NAME}-${i}.${HEADLESS}.${namespace}.svc.${CLUSTER_DOMAIN}:${NACOS_PORTS.http}`,
    );
    const fromSecret = (key: string, optional: boolean): k8s.EnvVar => ({
      name: key,
      valueFrom: { secretKeyRef: { name: secretName, key, optional } },
    });
    const value = (name: string, v: string): k8s.EnvVar => ({ name, value: v });
    const env: k8s.EnvVar[] = [
      value('MODE', standalone ? 'standalone' : 'cluster'),
      ...(standalone
        ? []
        : [
            value('PREFER_HOST_MODE', 'hostname'),
            value('EMBEDDED_STORAGE', 'embedded'),
            value('NACOS_SERVERS', peers.join(' ')),
          ]),
      value('NACOS_APPLICATION_PORT', String(NACOS_PORTS.http)),
      value('NACOS_AUTH_ENABLE', 'true'),
      ...NACOS_SERVER_SECRET_KEYS.map((key) => fromSecret(key, false)),
      // Only the password hook reads them; a Secret without them leaves the user as Nacos made it.
      fromSecret('NACOS_PASSWORD', true),
      // The image's 1 GiB heap would not fit the limit below.
      value('JVM_XMS', '512m'),
      value('JVM_XMX', '512m'),
      value('JVM_XMN', '256m'),
    ];
    const probe = (path: string, initialDelaySeconds: number, periodSeconds: number): k8s.Probe => ({
      httpGet: {
        path: `/nacos/v1/console/health/${path}`,
        port: k8s.IntOrString.fromNumber(NACOS_PORTS.http),
      },
      initialDelaySeconds,
      periodSeconds,
      timeoutSeconds: 3,
      failureThreshold: 3,
    });
    const container: k8s.Container = {
      name: NAME,
      image: props.image ?? REGISTRY_DEFAULTS.inCluster.image,
      imagePullPolicy: 'IfNotPresent',
      ports: peerPorts.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
      env,
      resources: {
        requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('1Gi') },
        limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('1536Mi') },
      },
      securityContext: {
        privileged: false,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      },
      readinessProbe: probe('readiness', 15, 10),
      // The JVM and, in cluster mode, the leader election take a while on a first start.
      livenessProbe: probe('liveness', 90, 20),
      lifecycle: {
        postStart: { exec: { command: ['/bin/sh', '-c', `(\n${SET_PASSWORD}\n) >/dev/null 2>&1 &`] } },
      },
      volumeMounts: [{ name: 'data', mountPath: DATA_DIR }],
    };
    this.statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: meta(NAME),
      spec: {
        serviceName: HEADLESS,
        replicas,
        // All at once: a cluster member becomes ready only once a quorum of its peers runs.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [container],
            ...(standalone
              ? {}
              : {
                  affinity: {
                    podAntiAffinity: {
                      preferredDuringSchedulingIgnoredDuringExecution: [
                        {
                          weight: 100,
                          podAffinityTerm: {
                            labelSelector: { matchLabels: labels },
                            topologyKey: 'kubernetes.io/hostname',
                          },
                        },
                      ],
                    },
                  },
                }),
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(props.storageClass === undefined ? {} : { storageClassName: props.storageClass }),
              resources: {
                requests: {
                  storage: k8s.Quantity.fromString(
                    `${props.storageGb ?? REGISTRY_DEFAULTS.inCluster.storageGb}Gi`,
                  ),
                },
              },
            },
          },
        ],
      },
    });
    this.disruptionBudget =
      (props.disruptionBudget ?? replicas > 1)
        ? new k8s.KubePodDisruptionBudget(this, 'Disruption', {
            metadata: meta(NAME),
            spec: {
              maxUnavailable: k8s.IntOrString.fromNumber(1),
              selector: { matchLabels: labels },
            },
          })
        : undefined;
  }
}
