import { WRITE_PROBE_SCRIPT, writtenRow } from '../../../src/k8s/qcbm/drill/write-probe-script';
import {
  WRITE_PROBE_POD_START_SECONDS,
  writeProbeJob,
  type WriteProbeJobProps,
} from '../../../src/k8s/qcbm/drill/write-probe-job';
import { QCBM_DATABASE } from '../../../src/k8s/qcbm/schema/qcbm-schema-sql';
import { ValidationError } from '../../../src/model';
import { SCHEMA_INIT_DEFAULTS } from '../../../src/model/schema-init';
import { primaryCluster } from '../../../src/model/topology/sites';
import { writerName } from '../../../src/model/writer-name';
import { checkKubernetesHardening, QCBM_HARDENING_OPTIONS } from '../../../src/policy/kubernetes-hardening';
import { exampleStackFiles, loadExample, synthesizeExample } from '../../support/example-fleets';
import { kubernetesSchemaErrors } from '../../support/kubernetes-schema';
import { thrownBy } from '../../support/thrown';

const fleet = loadExample(exampleStackFiles().find((f) => f.endsWith('Pulumi.prod.yaml'))!);
const rendered = synthesizeExample(fleet).clusters as Record<string, any[]>;
const PROPS: WriteProbeJobProps = {
  site: fleet.clusters[1].name,
  nameSuffix: `t1-${fleet.clusters[1].name}`,
  namespace: fleet.app.namespace,
  secretName: fleet.app.secrets.name,
  activeDeadlineSeconds: 600,
};

const containerOf = (job: any) => job.spec.template.spec.containers[0];
const refs = (container: any) => container.env.filter((e: any) => e.valueFrom !== undefined);
const values = (container: any) =>
  Object.fromEntries(
    container.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]),
  );
const schemaJob = () => {
  const jobs = rendered[primaryCluster(fleet)!.name].filter((o) => o.kind === 'Job');
  expect(jobs).toHaveLength(1);
  return jobs[0];
};
const issuesOf = (props: Partial<WriteProbeJobProps>) => {
  const error = thrownBy(() => writeProbeJob({ ...PROPS, ...props }));
  expect(ValidationError.isValidationError(error)).toBe(true);
  return (error as ValidationError).issues.map((i) => i.path);
};

describe('the write probe Job', () => {
  test('a Job named by its suffix: one pod, the deadline given, the site in its env and labels', () => {
    const job = writeProbeJob({ ...PROPS, labels: { 'qcbm.io/drill': 'd1' } });
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job' });
    const labels = { app: 'qcbm-drill-write', 'qcbm.io/drill-site': PROPS.site, 'qcbm.io/drill': 'd1' };
    expect(job.metadata).toEqual({ name: `qcbm-drill-write-${PROPS.nameSuffix}`, namespace: 'qcbm', labels });
    expect((job as any).spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 3600,
      template: { metadata: { labels } },
    });
    const container = containerOf(job);
    expect(container.image).toBe(SCHEMA_INIT_DEFAULTS.image);
    expect(container.command).toEqual(['sh', '-c', WRITE_PROBE_SCRIPT]);
    expect(values(container)).toEqual({
      QCBM_DRILL_SITE: PROPS.site,
      QCBM_DRILL_WRITE_SECONDS: String(600 - WRITE_PROBE_POD_START_SECONDS),
    });
    const other = writeProbeJob({
      ...PROPS,
      image: 'mysql:8.0.40',
      writeSeconds: 100,
      ttlSecondsAfterFinished: 0,
    });
    expect(containerOf(other).image).toBe('mysql:8.0.40');
    expect(values(containerOf(other)).QCBM_DRILL_WRITE_SECONDS).toBe('100');
    expect((other as any).spec.ttlSecondsAfterFinished).toBe(0);
  });

  test("reads the endpoint and account exactly as the schema Job does, and as the services' ConfigMap holds them", () => {
    const probe = containerOf(writeProbeJob(PROPS));
    const schema = containerOf(schemaJob());
    expect(refs(probe)).toEqual(refs(schema));
    expect(refs(probe).map((e: any) => e.name)).toEqual([
      'MYSQL_HOST',
      'MYSQL_PORT',
      'MYSQL_ACCOUNT',
      'MYSQL_PASSWORD',
    ]);
    // Every cluster's rendered qcbm-env holds what the probe reads, and MYSQL_HOST is the writable name.
    const writable = writerName(fleet)!.host;
    for (const cluster of fleet.clusters) {
      const config = rendered[cluster.name].find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name === 'qcbm-env',
      );
      for (const ref of refs(probe).filter((e: any) => e.valueFrom.configMapKeyRef)) {
        expect(ref.valueFrom.configMapKeyRef.name).toBe(config.metadata.name);
        expect(config.data[ref.valueFrom.configMapKeyRef.key]).toEqual(expect.any(String));
      }
      expect([cluster.name, config.data.MYSQL_HOST]).toEqual([cluster.name, writable]);
    }
    const secretRefs = refs(probe).filter((e: any) => e.valueFrom.secretKeyRef);
    expect(secretRefs.map((e: any) => e.valueFrom.secretKeyRef.name)).toEqual([
      fleet.app.secrets.name,
      fleet.app.secrets.name,
    ]);
  });

  test('runs as the schema Job runs: non-root, read-only, no token; valid and hardened', () => {
    const job = writeProbeJob(PROPS) as any;
    const schema = schemaJob();
    const pod = job.spec.template.spec;
    expect(pod.securityContext).toEqual(schema.spec.template.spec.securityContext);
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999 },
    });
    expect(containerOf(job).securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(containerOf(job).securityContext).toEqual(containerOf(schema).securityContext);
    expect(containerOf(job).resources).toEqual(containerOf(schema).resources);
    expect(containerOf(job).volumeMounts).toBeUndefined();
    expect(kubernetesSchemaErrors([job])).toEqual([]);
    expect(checkKubernetesHardening([job], QCBM_HARDENING_OPTIONS)).toEqual([]);
  });

  test('the script: the password through MYSQL_PWD only, the table in QCBM_DATABASE', () => {
    expect(WRITE_PROBE_SCRIPT).toContain('export MYSQL_PWD="$MYSQL_PASSWORD"');
    expect(WRITE_PROBE_SCRIPT).not.toMatch(/--password|-p"?\$/);
    expect(WRITE_PROBE_SCRIPT).toContain(`REPLACE INTO ${QCBM_DATABASE}.qcbm_drill_write (site, written_at)`);
  });

  test('the name suffix must make the name a DNS-1123 label', () => {
    const longest = 'a'.repeat(63 - 'qcbm-drill-write-'.length);
    expect(writeProbeJob({ ...PROPS, nameSuffix: longest }).metadata.name).toHaveLength(63);
    for (const nameSuffix of ['', 'Upper', 'x-', 'a.b', `${longest}a`]) {
      expect([nameSuffix, issuesOf({ nameSuffix })]).toEqual([nameSuffix, ['props.nameSuffix']]);
    }
  });

  test('the site, the deadline and the write time are checked, naming the prop', () => {
    expect(issuesOf({ site: 'Guangzhou_01' })).toEqual(['props.site']);
    expect(issuesOf({ activeDeadlineSeconds: WRITE_PROBE_POD_START_SECONDS })).toEqual([
      'props.activeDeadlineSeconds',
    ]);
    const shortest = writeProbeJob({ ...PROPS, activeDeadlineSeconds: WRITE_PROBE_POD_START_SECONDS + 1 });
    expect(values(containerOf(shortest)).QCBM_DRILL_WRITE_SECONDS).toBe('1');
    expect(writeProbeJob({ ...PROPS, activeDeadlineSeconds: 30, writeSeconds: 20 }).spec).toBeDefined();
    expect(issuesOf({ activeDeadlineSeconds: 30, writeSeconds: 30 })).toEqual(['props.writeSeconds']);
    expect(issuesOf({ image: 'mariadb:latest' })).toEqual(['props.image']);
  });
});

describe('writtenRow', () => {
  test("reads the probe's success line, UTC", () => {
    expect(
      writtenRow('qcbm-drill-write: wrote from guangzhou-01 at 2024-05-01 10:00:00.123 to cdb-abc'),
    ).toEqual({
      site: 'guangzhou-01',
      writtenAt: '2024-05-01 10:00:00.123',
      writtenAtMs: Date.UTC(2024, 4, 1, 10, 0, 0, 123),
      server: 'cdb-abc',
    });
    expect(writtenRow('qcbm-drill-write: attempt 1 at 10:00:00 failed: ERROR 1290')).toBeUndefined();
  });
});
