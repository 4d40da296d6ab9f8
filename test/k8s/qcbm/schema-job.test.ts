import { Testing } from 'cdk8s';
import { QcbmApp, type QcbmAppProps, QcbmSecrets } from '../../../src/k8s';
import {
  QCBM_SEED_BOOKS,
  QCBM_SEED_USERS,
  qcbmSchemaSql,
  sqlString,
} from '../../../src/k8s/qcbm/schema/qcbm-schema-sql';
import { schemaJobInputs, schemaJobName } from '../../../src/k8s/qcbm/schema/schema-job';
import { ValidationError } from '../../../src/model';
import { SCHEMA_INIT_DEFAULTS } from '../../../src/model/schema-init';
import { checkKubernetesHardening, QCBM_HARDENING_OPTIONS } from '../../../src/policy/kubernetes-hardening';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';
import { thrownBy } from '../../support/thrown';

const ENDPOINTS: QcbmAppProps['endpoints'] = {
  mysql: { host: '10.0.1.10', port: 3306 },
  redis: { host: '10.0.1.20', port: 6379 },
  nacos: { host: '10.0.1.30', port: 8848 },
  skywalking: { host: 'ap-guangzhou.tsw.tencentcloudapi.com', port: 11800 },
};
const BASE: QcbmAppProps = { endpoints: ENDPOINTS, gatewaySubnetId: 'subnet-k8s00001' };

function synth(props: Partial<QcbmAppProps> = {}, more?: (app: QcbmApp) => void): any[] {
  const chart = Testing.chart();
  const app = new QcbmApp(chart, 'Qcbm', { ...BASE, ...props });
  more?.(app);
  return Testing.synth(chart);
}
const jobsOf = (objects: any[]) => objects.filter((o) => o.kind === 'Job');
const jobName = (props: Partial<QcbmAppProps> = {}) => {
  const jobs = jobsOf(synth(props));
  expect(jobs).toHaveLength(1);
  return jobs[0].metadata.name as string;
};

describe('the schema Job of QcbmApp', () => {
  test('one by default: the SQL in its env, the endpoint and account read as the services read them', () => {
    const [job] = jobsOf(synth());
    expect(job.metadata).toEqual({
      name: expect.stringMatching(/^qcbm-schema-[0-9a-f]{10}$/),
      namespace: 'qcbm',
      labels: { app: 'qcbm-schema' },
    });
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe(SCHEMA_INIT_DEFAULTS.image);
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toEqual({
      MYSQL_HOST: { configMapKeyRef: { name: 'qcbm-env', key: 'MYSQL_HOST', optional: false } },
      MYSQL_PORT: { configMapKeyRef: { name: 'qcbm-env', key: 'MYSQL_PORT', optional: false } },
      MYSQL_ACCOUNT: { secretKeyRef: { name: 'qcbm-keys', key: 'MYSQL_ACCOUNT', optional: false } },
      MYSQL_PASSWORD: { secretKeyRef: { name: 'qcbm-keys', key: 'MYSQL_PASSWORD', optional: false } },
      QCBM_SCHEMA_SQL: qcbmSchemaSql(),
      QCBM_SCHEMA_WAIT_SECONDS: '300',
    });
    expect(job.spec).toMatchObject({
      backoffLimit: 3,
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 604800,
    });
    const pod = job.spec.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 999 },
    });
    expect(container.securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  test('valid Kubernetes, and it passes every hardening rule (a Job is exempt from probes only)', () => {
    const objects = synth();
    expect(kubernetesSchemaErrors(jobsOf(objects))).toEqual([]);
    expect(checkKubernetesHardening(objects, QCBM_HARDENING_OPTIONS)).toEqual([]);
    const [job] = jobsOf(objects);
    const asRoot = structuredClone(job);
    delete asRoot.spec.template.spec.securityContext.runAsNonRoot;
    expect(checkKubernetesHardening([asRoot]).map((v) => v.rule)).toEqual(['run-as-non-root']);
    const asDeployment = { ...structuredClone(job), kind: 'Deployment' };
    expect(checkKubernetesHardening([asDeployment]).map((v) => v.rule)).toEqual(['probes-set', 'probes-set']);
  });

  test('schemaInit: false leaves it out; schemaInit options reach it', () => {
    expect(jobsOf(synth({ schemaInit: false }))).toEqual([]);
    const [job] = jobsOf(synth({ schemaInit: { image: 'mysql:8.0.40', waitSeconds: 60, backoffLimit: 1 } }));
    expect(job.spec.backoffLimit).toBe(1);
    expect(job.spec.template.spec.containers[0].image).toBe('mysql:8.0.40');
    expect(job.spec.template.spec.containers[0].env).toContainEqual({
      name: 'QCBM_SCHEMA_WAIT_SECONDS',
      value: '60',
    });
  });

  test('an unpinned image or a bad wait is refused, naming the field and the fix', () => {
    const error = thrownBy(() => synth({ schemaInit: { image: 'mysql:latest', waitSeconds: 0 } }));
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => [i.path, i.fix !== undefined])).toEqual([
      ['QcbmApp.schemaInit.image', true],
      ['QcbmApp.schemaInit.waitSeconds', true],
    ]);
  });

  test('addSchemaJob() adds one per database and refuses a second with the same inputs', () => {
    const objects = synth({}, (app) => app.addSchemaJob({ mysql: { host: '10.0.9.10', port: 3306 } }));
    expect(new Set(jobsOf(objects).map((j) => j.metadata.name)).size).toBe(2);
    expect(() => synth({}, (app) => app.addSchemaJob())).toThrow(/same inputs exists already/);
    expect(() => synth({}, (app) => app.addSchemaJob({ image: 'mariadb' }))).toThrow(ValidationError);
  });
});

describe("the schema Job's name", () => {
  const base = jobName();

  test('is the same for the same inputs', () => {
    expect(jobName()).toBe(base);
  });

  test.each<[string, Partial<QcbmAppProps>]>([
    ['the MySQL host', { endpoints: { ...ENDPOINTS, mysql: { host: '10.0.1.11', port: 3306 } } }],
    ['the MySQL port', { endpoints: { ...ENDPOINTS, mysql: { host: '10.0.1.10', port: 3307 } } }],
    ['the image', { schemaInit: { image: 'mysql:8.0.40' } }],
    ['the Secret', { secrets: QcbmSecrets.fromExistingSecret('other-keys') }],
    ['the namespace', { namespace: 'shop' }],
    ['the wait', { schemaInit: { waitSeconds: 30 } }],
  ])('changes with %s', (_what, props) => {
    expect(jobName(props)).not.toBe(base);
  });

  test.each<[string, Partial<QcbmAppProps>]>([
    ['the Redis endpoint', { endpoints: { ...ENDPOINTS, redis: { host: '10.9.9.9', port: 6380 } } }],
    ['the Nacos endpoint', { endpoints: { ...ENDPOINTS, nacos: { host: '10.9.9.8', port: 8848 } } }],
    ['the replicas and image tags of the services', { replicas: 3, imageTag: '2.0.0' }],
    [
      'the Secret values',
      {
        secrets: QcbmSecrets.fromValues({
          mysqlAccount: 'a',
          mysqlPassword: 'b',
          redisPassword: 'c',
          swAgentAuthentication: 'd',
        }),
      },
    ],
  ])('does not change with %s', (_what, props) => {
    expect(jobName(props)).toBe(base);
  });

  test('changes with the SQL', () => {
    const inputs = schemaJobInputs({
      namespace: 'qcbm',
      configMapName: 'qcbm-env',
      secretName: 'qcbm-keys',
      mysql: ENDPOINTS.mysql,
    });
    expect(schemaJobName(inputs)).toBe(base);
    expect(schemaJobName({ ...inputs, sql: `${inputs.sql}\n-- changed` })).not.toBe(base);
  });
});

describe('the schema SQL', () => {
  const sql = qcbmSchemaSql();
  const statements = sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^--.*$/gm, '').trim())
    .filter((s) => s !== '');

  test('creates only what is missing, with no statement MySQL 5.7 lacks', () => {
    const creates = statements.filter((s) => /^CREATE\b/i.test(s));
    expect(creates.map((s) => s.split('(')[0].trim())).toEqual([
      'CREATE DATABASE IF NOT EXISTS qcbm DEFAULT CHARACTER SET utf8',
      'CREATE TABLE IF NOT EXISTS userinfo',
      'CREATE TABLE IF NOT EXISTS bookinfo',
      'CREATE TABLE IF NOT EXISTS orders',
      'CREATE TABLE IF NOT EXISTS favorites',
    ]);
    expect(sql).not.toMatch(
      /CREATE\s+(UNIQUE\s+)?INDEX|INSERT\s+IGNORE|REPLACE\s+INTO|DROP\s|ALTER\s|\bWITH\b/i,
    );
    const inserts = statements.filter((s) => /^INSERT\b/i.test(s));
    expect(inserts).toHaveLength(QCBM_SEED_BOOKS.length + QCBM_SEED_USERS.length);
    expect(inserts.every((s) => /WHERE NOT EXISTS \(SELECT 1 FROM \w+ WHERE \w+ = [^)]+\)$/.test(s))).toBe(
      true,
    );
  });

  test('seeds the 12 books (unique ISBNs, values that fit their columns) and the 3 users', () => {
    expect(QCBM_SEED_BOOKS).toHaveLength(12);
    expect(new Set(QCBM_SEED_BOOKS.map((b) => b.isbn)).size).toBe(12);
    const chars = (s: string) => [...s].length;
    for (const b of QCBM_SEED_BOOKS) {
      // orders.book_title is VARCHAR(50): an order copies the title.
      expect([b.isbn, chars(b.title) <= 50, chars(b.author) <= 50, chars(b.press) <= 50]).toEqual([
        b.isbn,
        true,
        true,
        true,
      ]);
      expect([b.isbn, chars(b.briefIntro) > 0 && chars(b.briefIntro) <= 500]).toEqual([b.isbn, true]);
      expect(sql).toContain(`WHERE isbn = ${b.isbn})`);
    }
    expect(QCBM_SEED_USERS.map((u) => [u.name, u.role])).toEqual([
      ['admin', 'ADMIN'],
      ['guest', 'USER'],
      ['qcbm', 'USER'],
    ]);
  });

  test('string literals survive any sql_mode', () => {
    expect(sqlString("O'Reilly")).toBe("'O''Reilly'");
    expect(sql).toContain("'O''Reilly：深入理解LINUX内核（第3版）'");
    expect(() => sqlString('a\\b')).toThrow(/backslash/);
  });
});
