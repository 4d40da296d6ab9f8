import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { z } from 'zod';
import * as field from '../../../model/fields';
import { DNS1123_LABEL } from '../../../model/formats';
import { parseInput } from '../../../model/parse-input';
import { QCBM_DEFAULTS } from '../../../model/qcbm-components';
import { SCHEMA_INIT_DEFAULTS, schemaInitImage } from '../../../model/schema-init';
import type { Manifest } from '../../manifest';
import { mysqlClientPodTemplate } from '../mysql-client-pod';
import { WRITE_PROBE_SCRIPT, WRITE_PROBE_TAG } from './write-probe-script';

/** What every write probe Job's name starts with: `qcbm-drill-write-<suffix>`. */
export const WRITE_PROBE_NAME_PREFIX = `${WRITE_PROBE_TAG}-`;

/** The labels of every write probe Job and its pod (the drill's own labels are added to them). */
export const WRITE_PROBE_LABELS = { app: WRITE_PROBE_TAG } as const;

/** The label that names the site a probe writes from. */
export const WRITE_PROBE_SITE_LABEL = 'qcbm.io/drill-site';

/**
 * The part of `activeDeadlineSeconds` the script leaves to the pod's start (scheduling, the image pull) unless
 * `writeSeconds` is given: the script gives up that much earlier, so it ends itself with its last error, which
 * stays in the pod's log (a pod the deadline kills is deleted with its log).
 */
export const WRITE_PROBE_POD_START_SECONDS = 60;

/** Properties for `writeProbeJob`. */
export interface WriteProbeJobProps {
  /** The cluster the Job runs in: the site it writes as (QCBM_DRILL_SITE, the table's key). A DNS-1123 label. */
  readonly site: string;
  /**
   * Ends the Job's name, `qcbm-drill-write-<suffix>`, which must be a DNS-1123 label (so at most 46 characters
   * here), e.g. the drill's time and the site.
   */
  readonly nameSuffix: string;
  /** The app's namespace (`app.namespace`). */
  readonly namespace: string;
  /** The Secret the services read MYSQL_ACCOUNT and MYSQL_PASSWORD from (`app.secrets.name`). */
  readonly secretName: string;
  /** The ConfigMap the services read MYSQL_HOST and MYSQL_PORT from. @default QCBM_DEFAULTS.configMapName */
  readonly configMapName?: string;
  /**
   * The client image: `sh` and a `mariadb` or `mysql` client. Pass the fleet's `app.schemaInit.image` where it is
   * set, so clusters that cannot reach Docker Hub use the same mirror as the schema Job.
   * @default SCHEMA_INIT_DEFAULTS.image
   */
  readonly image?: string;
  /** The Job's limit, its pod's start included: the cluster stops it after this many seconds. */
  readonly activeDeadlineSeconds: number;
  /**
   * How long the script keeps trying to write; less than `activeDeadlineSeconds`.
   * @default activeDeadlineSeconds - WRITE_PROBE_POD_START_SECONDS
   */
  readonly writeSeconds?: number;
  /** How long the finished Job and its pod's log stay (the drill deletes it before). @default 3600 */
  readonly ttlSecondsAfterFinished?: number;
  /** Labels added to the Job and its pod, e.g. the drill's id. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A write probe Job as plain JSON, ready to be created (POST) in its namespace. */
export type WriteProbeJob = Manifest & {
  readonly apiVersion: 'batch/v1';
  readonly kind: 'Job';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
};

const nameSuffix = z.string().refine((s) => DNS1123_LABEL.test(`${WRITE_PROBE_NAME_PREFIX}${s}`), {
  message: `must make "${WRITE_PROBE_NAME_PREFIX}<suffix>" a DNS-1123 label: at most ${63 - WRITE_PROBE_NAME_PREFIX.length} lowercase letters, digits or "-", ending with a letter or digit`,
  params: { fix: 'use e.g. the drill time and the site, "20240501t1000-guangzhou-01"' },
});

const writeProbeJobPropsSchema = z.strictObject({
  site: field.dnsLabel,
  nameSuffix,
  namespace: field.dnsLabel,
  secretName: field.dnsSubdomain,
  configMapName: field.dnsSubdomain.optional(),
  image: schemaInitImage.optional(),
  activeDeadlineSeconds: field.seconds(2),
  writeSeconds: field.seconds(1).optional(),
  ttlSecondsAfterFinished: field.seconds(0).optional(),
  labels: field.labels.optional(),
});

function writeSecondsOf(p: { writeSeconds?: number; activeDeadlineSeconds: number }): number {
  return p.writeSeconds ?? p.activeDeadlineSeconds - WRITE_PROBE_POD_START_SECONDS;
}

/**
 * The drill's write probe: a Job in one cluster that writes one row (`QCBM_DRILL_WRITE_TABLE`, its site's) through
 * the name the services write through, as their account, retrying every second until the database takes it: a
 * fenced (read-only) server refuses, so the first success is on the promoted instance. Reads MYSQL_HOST and the
 * account where the services read them, runs as the schema Job does (non-root, read-only root filesystem, no
 * service account token), one pod (`backoffLimit` 0).
 * @throws ValidationError naming each prop that is wrong, the value and the fix
 */
export function writeProbeJob(props: WriteProbeJobProps): WriteProbeJob {
  const p = parseInput(writeProbeJobPropsSchema, props, 'writeProbeJob()', 'props', undefined, (parsed) => {
    const write = writeSecondsOf(parsed);
    if (write >= 1 && write < parsed.activeDeadlineSeconds) return [];
    return [
      parsed.writeSeconds === undefined
        ? {
            path: 'props.activeDeadlineSeconds',
            message: `leaves no time to write after the pod's start (${WRITE_PROBE_POD_START_SECONDS} s)`,
            value: parsed.activeDeadlineSeconds,
            fix: `use ${WRITE_PROBE_POD_START_SECONDS + 1} or more, or give writeSeconds`,
          }
        : {
            path: 'props.writeSeconds',
            message: `must be less than activeDeadlineSeconds (${parsed.activeDeadlineSeconds})`,
            value: parsed.writeSeconds,
            fix: 'shorten writeSeconds or lengthen activeDeadlineSeconds',
          },
    ];
  });
  const labels = { ...p.labels, ...WRITE_PROBE_LABELS, [WRITE_PROBE_SITE_LABEL]: p.site };
  const chart = new Chart(new App({ outdir: '.' }), 'drill', { disableResourceNameHashes: true });
  const job = new k8s.KubeJob(chart, 'Job', {
    metadata: { name: `${WRITE_PROBE_NAME_PREFIX}${p.nameSuffix}`, namespace: p.namespace, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: p.activeDeadlineSeconds,
      ttlSecondsAfterFinished: p.ttlSecondsAfterFinished ?? 3600,
      template: mysqlClientPodTemplate({
        labels,
        containerName: 'write',
        image: p.image ?? SCHEMA_INIT_DEFAULTS.image,
        script: WRITE_PROBE_SCRIPT,
        configMapName: p.configMapName ?? QCBM_DEFAULTS.configMapName,
        secretName: p.secretName,
        env: [
          { name: 'QCBM_DRILL_SITE', value: p.site },
          {
            name: 'QCBM_DRILL_WRITE_SECONDS',
            value: String(writeSecondsOf(p)),
          },
        ],
      }),
    },
  });
  return job.toJson() as WriteProbeJob;
}
