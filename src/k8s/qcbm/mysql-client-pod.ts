import { k8s } from 'cdk8s-plus-27';
import { QCBM_SECRET_KEYS, type QcbmConfigKey, type QcbmSecretKey } from '../../model/qcbm-components';

// What every Job that runs a MySQL client as the services' account shares (the schema Job, the drill's write
// probe): where its endpoint and account come from, its pod's security, and the start of its shell script.

/** The `mysql` user of the official mariadb and mysql images: the client needs no root. */
export const MYSQL_CLIENT_UID = 999;

/** The keys the services connect to MySQL with, read by a client pod from the same ConfigMap and Secret. */
const MYSQL_KEYS = [
  'MYSQL_HOST',
  'MYSQL_PORT',
  'MYSQL_ACCOUNT',
  'MYSQL_PASSWORD',
] as const satisfies readonly (QcbmConfigKey | QcbmSecretKey)[];

/** Where a client pod reads the services' MySQL endpoint and account. */
export interface MysqlClientSources {
  /** The ConfigMap the services read MYSQL_HOST and MYSQL_PORT from (`qcbm-env`). */
  readonly configMapName: string;
  /** The Secret the services read MYSQL_ACCOUNT and MYSQL_PASSWORD from. */
  readonly secretName: string;
}

/** MYSQL_HOST, MYSQL_PORT, MYSQL_ACCOUNT and MYSQL_PASSWORD, referenced where the services read them; none optional. */
export function mysqlClientEnv(sources: MysqlClientSources): k8s.EnvVar[] {
  const secret = new Set<string>(QCBM_SECRET_KEYS);
  return MYSQL_KEYS.map((key) =>
    secret.has(key)
      ? { name: key, valueFrom: { secretKeyRef: { name: sources.secretName, key, optional: false } } }
      : { name: key, valueFrom: { configMapKeyRef: { name: sources.configMapName, key, optional: false } } },
  );
}

/** Properties for `mysqlClientPodSpec`. */
export interface MysqlClientPodProps extends MysqlClientSources {
  /** The container's name. */
  readonly containerName: string;
  /** An image with `sh` and a `mariadb` or `mysql` client. */
  readonly image: string;
  /** The POSIX sh script the container runs (`sh -c`), starting with `mysqlClientShell()`. */
  readonly script: string;
  /** Env the script reads besides the endpoint and the account. */
  readonly env: readonly k8s.EnvVar[];
  /** The pod's labels. */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The pod template of a Job that runs a MySQL client script once: never restarted in place, non-root (UID 999),
 * read-only root filesystem, no capabilities, no service account token, small requests and limits.
 */
export function mysqlClientPodTemplate(props: MysqlClientPodProps): k8s.PodTemplateSpec {
  return {
    metadata: { labels: { ...props.labels } },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: MYSQL_CLIENT_UID,
        runAsGroup: MYSQL_CLIENT_UID,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: props.containerName,
          image: props.image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sh', '-c', props.script],
          env: [...mysqlClientEnv(props), ...props.env],
          resources: {
            requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
            limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') },
          },
          securityContext: {
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    },
  };
}

/** What the start of a client script says and does. */
export interface MysqlClientShellOptions {
  /** What the script's log lines start with, e.g. `qcbm-schema`. */
  readonly tag: string;
  /** What to do when the image has no client, e.g. `set app.schemaInit.image to one that has`. */
  readonly missingClientFix: string;
  /** How long the client waits for a connection, in seconds. */
  readonly connectTimeoutSeconds: number;
}

/**
 * The start of a client script (POSIX sh, nothing written: the root filesystem is read-only): `set -eu`, the
 * client found (`mariadb`, else `mysql`; exit 2 without one), the password handed over through MYSQL_PWD, never
 * on a command line, and `db`, which runs the client against MYSQL_HOST:MYSQL_PORT as MYSQL_ACCOUNT (batch mode,
 * no column names, utf8mb4) with the arguments it is given.
 */
export function mysqlClientShell(options: MysqlClientShellOptions): string {
  return `set -eu
client=$(command -v mariadb || command -v mysql || true)
if [ -z "$client" ]; then
  echo "${options.tag}: this image has neither a mariadb nor a mysql client; ${options.missingClientFix}" >&2
  exit 2
fi
export MYSQL_PWD="$MYSQL_PASSWORD"
db() {
  "$client" --protocol=TCP --host="$MYSQL_HOST" --port="$MYSQL_PORT" --user="$MYSQL_ACCOUNT" \\
    --default-character-set=utf8mb4 --connect-timeout=${options.connectTimeoutSeconds} --batch --skip-column-names "$@"
}
`;
}
