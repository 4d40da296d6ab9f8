import { createHash, type Hash } from 'crypto';
import type { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Endpoint } from '../../../model/fields';
import { SCHEMA_INIT_DEFAULTS } from '../../../model/schema-init';
import { mysqlClientPodTemplate } from '../mysql-client-pod';
import { qcbmSchemaSql } from './qcbm-schema-sql';
import { SCHEMA_SCRIPT } from './schema-script';

/** What the schema Job may be given besides where it runs. */
export interface QcbmSchemaJobOptions {
  /**
   * The client image: it needs `sh` and a `mariadb` or `mysql` client (the script uses whichever it finds).
   * @default SCHEMA_INIT_DEFAULTS.image ('mariadb:10.11.10', the official image; mirror it where Docker Hub is
   * out of reach)
   */
  readonly image?: string;
  /**
   * How long one attempt waits for the database to accept the account (it may still be starting, or the account
   * not yet created) before it fails, logging the last error.
   * @default 300
   */
  readonly waitSeconds?: number;
  /** Failed attempts retried, each in a new pod. @default 3 */
  readonly backoffLimit?: number;
  /** The whole Job's limit, every attempt included. @default 1800 */
  readonly activeDeadlineSeconds?: number;
  /**
   * How long a finished Job (and its pod's log) stays before the cluster deletes it. A delivery that applies the
   * Job again afterwards runs it again, which changes nothing.
   * @default 604800 (a week)
   */
  readonly ttlSecondsAfterFinished?: number;
}

/** Properties for `QcbmSchemaJob`. */
export interface QcbmSchemaJobProps extends QcbmSchemaJobOptions {
  /** The app's namespace. */
  readonly namespace: string;
  /** The ConfigMap the services read MYSQL_HOST and MYSQL_PORT from (`qcbm-env`). */
  readonly configMapName: string;
  /** The Secret the services read MYSQL_ACCOUNT and MYSQL_PASSWORD from. */
  readonly secretName: string;
  /**
   * The MySQL endpoint the cluster's ConfigMap holds. The pod reads it from the ConfigMap as the services do; it is
   * given here because it is part of the Job's name.
   */
  readonly mysql: Endpoint;
}

/** Everything the Job's name is a hash of: what its pod runs and the values it reads. */
export interface SchemaJobInputs {
  readonly sql: string;
  readonly script: string;
  readonly image: string;
  readonly mysql: Endpoint;
  readonly namespace: string;
  readonly configMapName: string;
  readonly secretName: string;
  readonly waitSeconds: number;
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
  readonly ttlSecondsAfterFinished: number;
}

export const SCHEMA_JOB_LABELS = { app: 'qcbm-schema' } as const;

/**
 * The Job's name, `qcbm-schema-<hash>`. A Job's pod template cannot be changed, so any change of what it runs or
 * reads (the SQL, the script, the image, the endpoint, the Secret) gives a new name, hence a new Job, instead of
 * a failed update; the same inputs always give the same name.
 */
export function schemaJobName(inputs: SchemaJobInputs): string {
  // The hash of JSON.stringify([sql, script, ...rest]): the SQL and script prefix is hashed once per pair (it is
  // most of the bytes and the same for every Job), then copied and finished with the rest.
  const rest = JSON.stringify([
    inputs.image,
    inputs.mysql.host,
    inputs.mysql.port,
    inputs.namespace,
    inputs.configMapName,
    inputs.secretName,
    inputs.waitSeconds,
    inputs.backoffLimit,
    inputs.activeDeadlineSeconds,
    inputs.ttlSecondsAfterFinished,
  ]);
  const hash = prefixHash(inputs.sql, inputs.script)
    .copy()
    .update(`,${rest.slice(1)}`);
  return `qcbm-schema-${hash.digest('hex').slice(0, 10)}`;
}

let prefix: { sql: string; script: string; hash: Hash } | undefined;

function prefixHash(sql: string, script: string): Hash {
  if (prefix?.sql !== sql || prefix.script !== script) {
    const head = JSON.stringify([sql, script]);
    prefix = { sql, script, hash: createHash('sha256').update(head.slice(0, -1)) };
  }
  return prefix.hash;
}

/** The Job's inputs, defaults filled in. */
export function schemaJobInputs(props: QcbmSchemaJobProps): SchemaJobInputs {
  return {
    sql: qcbmSchemaSql(),
    script: SCHEMA_SCRIPT,
    image: props.image ?? SCHEMA_INIT_DEFAULTS.image,
    mysql: { host: props.mysql.host, port: props.mysql.port },
    namespace: props.namespace,
    configMapName: props.configMapName,
    secretName: props.secretName,
    waitSeconds: props.waitSeconds ?? SCHEMA_INIT_DEFAULTS.waitSeconds,
    backoffLimit: props.backoffLimit ?? SCHEMA_INIT_DEFAULTS.backoffLimit,
    activeDeadlineSeconds: props.activeDeadlineSeconds ?? SCHEMA_INIT_DEFAULTS.activeDeadlineSeconds,
    ttlSecondsAfterFinished: props.ttlSecondsAfterFinished ?? SCHEMA_INIT_DEFAULTS.ttlSecondsAfterFinished,
  };
}

/**
 * Creates QCBM's database, tables and seed rows (`qcbmSchemaSql()`, carried in the pod's env, so the Job is one
 * object whose name covers all it runs) with a MySQL client, as the account the services use: waits for the
 * database, runs the SQL, and can run again without changing anything. Non-root, read-only root filesystem, no
 * service account token.
 */
export class QcbmSchemaJob extends Construct {
  public readonly jobName: string;
  public readonly job: ApiObject;

  constructor(scope: Construct, id: string, props: QcbmSchemaJobProps) {
    super(scope, id);
    const inputs = schemaJobInputs(props);
    const name = schemaJobName(inputs);
    this.jobName = name;
    const metadata = { name, namespace: inputs.namespace, labels: { ...SCHEMA_JOB_LABELS } };
    this.job = new k8s.KubeJob(this, 'Job', {
      metadata,
      spec: {
        backoffLimit: inputs.backoffLimit,
        activeDeadlineSeconds: inputs.activeDeadlineSeconds,
        ttlSecondsAfterFinished: inputs.ttlSecondsAfterFinished,
        template: mysqlClientPodTemplate({
          labels: SCHEMA_JOB_LABELS,
          containerName: 'schema',
          image: inputs.image,
          script: inputs.script,
          configMapName: inputs.configMapName,
          secretName: inputs.secretName,
          env: [
            { name: 'QCBM_SCHEMA_SQL', value: inputs.sql },
            { name: 'QCBM_SCHEMA_WAIT_SECONDS', value: String(inputs.waitSeconds) },
          ],
        }),
      },
    });
  }
}
