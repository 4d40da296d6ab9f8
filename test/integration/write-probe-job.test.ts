import { QCBM_DRILL_WRITE_TABLE, writtenRow } from '../../src/k8s/qcbm/drill/write-probe-script';
import { writeProbeJob } from '../../src/k8s/qcbm/drill/write-probe-job';
import { exampleStackFiles, loadExample, synthesizeExample } from '../support/example-fleets';
import { createDatabaseAndAccount, MariadbServer, requireClientOnPath, rows } from './support/mariadb-server';
import { type JobRun, runJobLocally } from './support/rendered-job';

// The drill's write probe Job, run here as its pod would run it (its own command, the env its references resolve
// to from a cluster's rendered ConfigMap) against a real MariaDB as the services' account, which has no SUPER: a
// read-only server refuses its writes as a fenced instance does.
const fleet = loadExample(exampleStackFiles().find((f) => f.endsWith('Pulumi.prod.yaml'))!);
const rendered = synthesizeExample(fleet).clusters;
const [first, second] = fleet.clusters.map((c) => c.name);

const ACCOUNT = 'qcbm';
const PASSWORD = `Qcbm It's "$HOME" 1!`;
const TABLE = `qcbm.${QCBM_DRILL_WRITE_TABLE}`;

let server: MariadbServer;

beforeAll(async () => {
  requireClientOnPath();
  server = await MariadbServer.start();
  createDatabaseAndAccount(server, ACCOUNT, PASSWORD);
}, 120000);

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  server.root('SET GLOBAL read_only = 0;');
});

function runProbe(site: string, env: Record<string, string> = {}, password = PASSWORD): Promise<JobRun> {
  const job = writeProbeJob({
    site,
    nameSuffix: `test-${site}`,
    namespace: fleet.app.namespace,
    secretName: fleet.app.secrets.name,
    activeDeadlineSeconds: 600,
  });
  const config = (rendered[site] as any[]).find(
    (m) => m.kind === 'ConfigMap' && m.metadata.name === 'qcbm-env',
  );
  return runJobLocally(
    [job],
    {
      // The site's ConfigMap as rendered, with this machine's server in place of the writable name.
      configMaps: {
        'qcbm-env': { ...config.data, MYSQL_HOST: '127.0.0.1', MYSQL_PORT: String(server.port) },
      },
      secrets: { [fleet.app.secrets.name]: { MYSQL_ACCOUNT: ACCOUNT, MYSQL_PASSWORD: password } },
    },
    env,
  );
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const tableRows = () =>
  rows(
    server.root(
      `SELECT site, DATE_FORMAT(written_at, '%Y-%m-%d %H:%i:%s.%f') AS at FROM ${TABLE} ORDER BY site;`,
    ),
  );

describe('the write probe Job, run against MariaDB as the services account', () => {
  test('a read-only server refuses every attempt; once writable, the next attempt writes the row', async () => {
    server.root('SET GLOBAL read_only = 1;');
    const started = Date.now();
    const probe = runProbe(first, { QCBM_DRILL_WRITE_SECONDS: '30' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const [{ t: writableAt }] = rows(server.root('SET GLOBAL read_only = 0; SELECT UTC_TIMESTAMP(3) AS t;'));
    const run = await probe;

    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(Date.now() - started).toBeLessThan(10000);
    const out = lines(run.stdout);
    const failed = out.filter((l) => /^qcbm-drill-write: attempt \d+ at \d\d:\d\d:\d\d failed: /.test(l));
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0]).toMatch(/ERROR 1290 .*read-only/);
    const wrote = writtenRow(out[out.length - 1]);
    expect(wrote).toMatchObject({ site: first, server: expect.any(String) });
    expect(wrote!.writtenAt >= writableAt).toBe(true);
    // The row is there, with the time the log line reports, and the table was created by this run.
    expect(tableRows()).toEqual([{ site: first, at: `${wrote!.writtenAt}000` }]);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  test('each site writes its own row; a site writing again replaces its row', async () => {
    const before = tableRows();
    expect(before.map((r) => r.site)).toEqual([first]);
    const runs = await Promise.all([runProbe(second), runProbe(first)]);
    runs.forEach((r) => expect(r.status).toBe(0));
    const after = tableRows();
    expect(after.map((r) => r.site)).toEqual([first, second].sort());
    expect(after.find((r) => r.site === first)!.at > before[0].at).toBe(true);
  });

  test('a wrong password: it retries, then fails at its deadline with the last error', async () => {
    const started = Date.now();
    const run = await runProbe(first, { QCBM_DRILL_WRITE_SECONDS: '3' }, `${PASSWORD}-wrong`);
    expect(run.status).toBe(1);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(20000);
    expect(run.stdout).toMatch(/attempt 1 at .* failed: .*Access denied/);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^qcbm-drill-write: no write from [a-z0-9-]+ after \d+ attempts in 3s; last error: .*Access denied/,
      ),
    ]);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  test('a site that is not a DNS-1123 label is refused before any SQL', async () => {
    const before = tableRows();
    expect(before.length).toBeGreaterThan(0);
    const site = `x', NOW(3)); DROP TABLE ${TABLE}; --`;
    const run = await runProbe(first, { QCBM_DRILL_SITE: site });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`QCBM_DRILL_SITE "${site}" must be a DNS-1123 label`);
    expect(run.stdout).toBe('');
    expect(tableRows()).toEqual(before);
  });
});
