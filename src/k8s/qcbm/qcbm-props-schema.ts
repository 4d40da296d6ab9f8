import { z } from 'zod';
import * as field from '../../model/fields';
import { appComponentSchema } from '../../model/fleet-schema';
import { unknownComponents } from '../../model/fleet-semantics';
import { formatPath } from '../../model/issue-path';
import { parseInput } from '../../model/parse-input';
import { QCBM_COMPONENT_NAMES } from '../../model/qcbm-components';
import { schemaInitImage } from '../../model/schema-init';
import { isRecord } from '../../model/raw';
import { certificateIdSchema } from '../../model/tls-schema';
import { QcbmImagePullSecret } from './qcbm-image-pull-secret';
import type { QcbmAppProps } from './qcbm-options';

const schemaJobOptions = z.strictObject({
  image: schemaInitImage.optional(),
  waitSeconds: field.seconds(1).optional(),
  backoffLimit: field.intIn(0, 100, 'a retry count', 'use 0 to 100').optional(),
  activeDeadlineSeconds: field.seconds(1).optional(),
  ttlSecondsAfterFinished: field.seconds(0).optional(),
});

const componentOptions = appComponentSchema.extend({
  runAsNonRoot: z.boolean().optional(),
  probes: z.boolean().optional(),
});

/** The plain-data props of QcbmApp, checked with the same pieces as the fleet file's `app`. */
const qcbmAppPropsSchema = z.object({
  endpoints: field.endpointsSchema,
  gatewaySubnetId: field.subnetId,
  namespace: field.dnsLabel.optional(),
  registry: z.string().min(1).optional(),
  imagePullSecret: z
    .union([field.dnsSubdomain, z.custom<QcbmImagePullSecret>((v) => v instanceof QcbmImagePullSecret)])
    .optional(),
  ingressHost: field.dnsSubdomain.optional(),
  imageTag: field.imageTag.optional(),
  replicas: field.replicas.optional(),
  components: z.record(z.string(), componentOptions).optional(),
  disruptionBudgets: z.array(z.enum(QCBM_COMPONENT_NAMES)).optional(),
  hostPathVolumes: z.boolean().optional(),
  nodePorts: z
    .strictObject({ front: field.nodePort.optional(), gateway: field.nodePort.optional() })
    .optional(),
  gatewayHealthCheckPath: z
    .union([
      z.literal(false),
      z.string().refine((p) => p.startsWith('/'), {
        message: 'must be an absolute HTTP path, or false for a TCP probe',
        params: { fix: 'start it with "/"' },
      }),
    ])
    .optional(),
  tls: z
    .strictObject({
      certificateId: certificateIdSchema,
      secretName: field.dnsSubdomain.optional(),
    })
    .optional(),
  schemaInit: z.union([z.literal(false), schemaJobOptions]).optional(),
});

/** Every problem with QcbmApp props, thrown as one ValidationError. */
export function validateQcbmAppProps(id: string, props: QcbmAppProps): void {
  parseInput(qcbmAppPropsSchema, props, `QcbmApp '${id}'`, 'QcbmApp', (raw) =>
    isRecord(raw) && isRecord(raw.components)
      ? unknownComponents(raw.components, ['components'], (...p) => formatPath('QcbmApp', p))
      : [],
  );
}

/** The options of `QcbmApp.addSchemaJob()`, checked with the same pieces as `schemaInit`. */
// Built once: zod compiles a schema on first use, and a fleet adds a Job per distinct database.
const schemaJobOptionsWithMysql = schemaJobOptions.extend({
  mysql: field.endpointsSchema.shape.mysql.optional(),
});

export function validateSchemaJobOptions(id: string, options: object): void {
  parseInput(schemaJobOptionsWithMysql, options, `QcbmApp '${id}' addSchemaJob()`, 'options');
}
