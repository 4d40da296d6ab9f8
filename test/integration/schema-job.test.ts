import { primaryCluster } from '../../src/model/topology/sites';
import { QCBM_SEED_BOOKS, QCBM_SEED_USERS, sqlString } from '../../src/k8s/qcbm/schema/qcbm-schema-sql';
import { exampleStackFiles, loadExample, synthesizeExample } from '../support/example-fleets';
import {
  createDatabaseAndAccount,
  MariadbServer,
  MYSQL80_SQL_MODE,
  requireClientOnPath,
  rows,
} from './support/mariadb-server';
import { type JobRun, runJobLocally, theJob } from './support/rendered-job';

// The schema Job of the prod stack, rendered as `pulumi up` delivers it to the primary's cluster, run here against
// a real MariaDB with MySQL 8.0's sql_mode: its own command, its own SQL, the env its references resolve to.
const prodFile = exampleStackFiles().find((f) => f.endsWith('Pulumi.prod.yaml'))!;
const fleet = loadExample(prodFile);
const primary = primaryCluster(fleet)!.name;
const rendered = synthesizeExample(fleet).clusters;
const manifests = rendered[primary] as any[];

const ACCOUNT = 'qcbm';
// Quotes, a space, a dollar and a backslash-free bang: what the shell and the client must pass through untouched.
const PASSWORD = `Qcbm It's "$HOME" 1!`;
const TABLES = ['userinfo', 'bookinfo', 'orders', 'favorites'];

let server: MariadbServer;

beforeAll(async () => {
  requireClientOnPath();
  server = await MariadbServer.start();
  createDatabaseAndAccount(server, ACCOUNT, PASSWORD);
}, 120000);

afterAll(async () => {
  await server?.stop();
});

function runJob(extraEnv: Record<string, string> = {}): Promise<JobRun> {
  const config = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'qcbm-env');
  return runJobLocally(
    manifests,
    {
      // The cluster's ConfigMap as rendered, with the endpoint of this machine's server in place of the cloud's.
      configMaps: {
        'qcbm-env': { ...config.data, MYSQL_HOST: '127.0.0.1', MYSQL_PORT: String(server.port) },
      },
      secrets: { [fleet.app.secrets.name]: { MYSQL_ACCOUNT: ACCOUNT, MYSQL_PASSWORD: PASSWORD } },
    },
    extraEnv,
  );
}

function expectSuccess(run: JobRun): void {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
}

/** Row counts, checksums, AUTO_INCREMENT counters and DDL of every table: what a second run must leave alone. */
function databaseState(): string {
  const names = TABLES.map((t) => `qcbm.${t}`).join(', ');
  return [
    server.root(TABLES.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM qcbm.${t};`).join('\n')),
    server.root(`CHECKSUM TABLE ${names} EXTENDED;`),
    server.root(
      "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'qcbm' ORDER BY TABLE_NAME;",
    ),
    ...TABLES.map((t) => server.root(`SHOW CREATE TABLE qcbm.${t};`)),
  ].join('\n');
}

/** A statement with `?` parameters, run as the services run it: prepared, then executed with bound values. */
function prepared(sql: string, params: readonly (string | number)[]): string {
  const literal = (v: string | number) => (typeof v === 'number' ? String(v) : sqlString(v));
  const vars = params.map((_, i) => `@p${i}`);
  return [
    ...params.map((v, i) => `SET ${vars[i]} = ${literal(v)};`),
    `PREPARE s FROM ${sqlString(sql)};`,
    params.length > 0 ? `EXECUTE s USING ${vars.join(', ')};` : 'EXECUTE s;',
    'DEALLOCATE PREPARE s;',
  ].join('\n');
}

function asService(sql: string): Record<string, string>[] {
  const run = server.as(ACCOUNT, PASSWORD, `USE qcbm;\n${sql}`);
  if (run.status !== 0) throw new Error(`as ${ACCOUNT}: ${run.stderr}`);
  return rows(run.stdout);
}

describe('the schema Job, run against MariaDB with MySQL 8.0 sql_mode', () => {
  test("the server is strict as MySQL 8.0's default", () => {
    expect(server.root('SELECT @@GLOBAL.sql_mode AS m;').trim().split('\n')[1]).toBe(MYSQL80_SQL_MODE);
  });

  test("prod renders it in the primary's cluster alone, the SQL in its own env", () => {
    const withJob = Object.entries(rendered)
      .filter(([, m]) => (m as any[]).some((o) => o.kind === 'Job'))
      .map(([c]) => c);
    expect(withJob).toEqual([primary]);
    const { container } = theJob(manifests);
    expect(container.command[0]).toBe('sh');
    const sql = container.env.find((e: any) => e.name === 'QCBM_SCHEMA_SQL').value;
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS bookinfo');
  });

  test('the first run creates the tables, 12 books and 3 users', async () => {
    const run = await runJob();
    expectSuccess(run);
    expect(run.stdout).toContain('qcbm-schema: done: 12 books, 3 users');
    const tables = server.root(
      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'qcbm' ORDER BY TABLE_NAME;",
    );
    expect(rows(tables).map((r) => r.TABLE_NAME)).toEqual([...TABLES].sort());
    expect(rows(server.root('SELECT COUNT(*) AS n FROM qcbm.bookinfo;'))).toEqual([{ n: '12' }]);
    expect(rows(server.root('SELECT name, role, valid FROM qcbm.userinfo ORDER BY id;'))).toEqual([
      { name: 'admin', role: 'ADMIN', valid: '1' },
      { name: 'guest', role: 'USER', valid: '1' },
      { name: 'qcbm', role: 'USER', valid: '1' },
    ]);
  });

  test('a second run succeeds and changes nothing', async () => {
    const before = databaseState();
    expectSuccess(await runJob());
    expect(databaseState()).toBe(before);
    expect(before).toContain('bookinfo\t12');
    expect(before).toContain('userinfo\t3');
  });

  test("the services' own queries work, as the services' account", () => {
    const books = asService(prepared('SELECT * FROM bookinfo', []));
    expect(books.map((b) => [Number(b.isbn), b.title, b.author, b.press, b.publish_date])).toEqual(
      QCBM_SEED_BOOKS.map((b) => [b.isbn, b.title, b.author, b.press, b.publishDate]),
    );
    expect(books.every((b) => b.img_url === 'NULL' && b.brief_intro.length > 0)).toBe(true);
    const longest = [...QCBM_SEED_BOOKS].sort((a, b) => [...b.title].length - [...a.title].length)[0];
    expect(asService(prepared('SELECT * FROM bookinfo WHERE isbn = ?', [longest.isbn]))).toHaveLength(1);

    const [admin] = asService(prepared('SELECT * FROM userinfo WHERE name = ?', ['admin']));
    expect(admin).toMatchObject({ name: 'admin', password: 'admin', role: 'ADMIN', valid: '1' });
    expect(asService(prepared('SELECT * FROM userinfo WHERE id = ?', [Number(admin.id)]))).toHaveLength(1);
    asService(
      prepared('INSERT INTO userinfo(name, password, role) VALUES (?, ?, ?)', ['reader', 'pw', 'USER']),
    );
    expect(asService(prepared('SELECT * FROM userinfo WHERE name = ?', ['reader']))).toMatchObject([
      { role: 'USER', valid: '1' },
    ]);

    const [user] = asService(prepared('SELECT * FROM userinfo WHERE name = ?', [QCBM_SEED_USERS[2].name]));
    asService(
      prepared(
        'INSERT INTO orders(user_id, user_name, isbn, book_title, author, price, purchase_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          Number(user.id),
          user.name,
          longest.isbn,
          longest.title,
          longest.author,
          Number(longest.price),
          '2024-05-01 10:00:00',
        ],
      ),
    );
    expect(asService(prepared('SELECT * FROM orders WHERE user_id = ?', [Number(user.id)]))).toMatchObject([
      { user_name: user.name, isbn: String(longest.isbn), book_title: longest.title },
    ]);

    asService(
      prepared('INSERT INTO favorites(user_id, isbn) VALUES (?, ?)', [Number(user.id), longest.isbn]),
    );
    expect(asService(prepared('SELECT isbn FROM favorites WHERE user_id = ?', [Number(user.id)]))).toEqual([
      { isbn: String(longest.isbn) },
    ]);
  });

  test('two runs at once on a fresh database still give one row per seed user', async () => {
    server.root('DROP DATABASE qcbm;');
    createDatabaseAndAccount(server, ACCOUNT, PASSWORD);
    const runs = await Promise.all([runJob(), runJob()]);
    runs.forEach(expectSuccess);
    expect(rows(server.root('SELECT COUNT(*) AS n FROM qcbm.userinfo;'))).toEqual([{ n: '3' }]);
    expect(rows(server.root('SELECT COUNT(*) AS n FROM qcbm.bookinfo;'))).toEqual([{ n: '12' }]);
  });

  test('a database it cannot reach: it retries, then fails with the last error once its wait is over', async () => {
    server.root(`ALTER USER ${sqlString(ACCOUNT)}@'%' IDENTIFIED BY 'another-password';`);
    try {
      const started = Date.now();
      const run = await runJob({ QCBM_SCHEMA_WAIT_SECONDS: '6' });
      expect(run.status).toBe(1);
      expect(Date.now() - started).toBeLessThan(60000);
      expect(run.stdout).toMatch(/attempt 1: not yet: .*Access denied/);
      expect(run.stderr).toMatch(/gave up after \d+ attempts in 6s; last error: .*Access denied/);
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    } finally {
      server.root(`ALTER USER ${sqlString(ACCOUNT)}@'%' IDENTIFIED BY ${sqlString(PASSWORD)};`);
    }
  });
});
