import { type ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { REGION_DEFAULTS } from '../../../src/model/cloud-schema';
import { sqlString } from '../../../src/k8s/qcbm/schema/qcbm-schema-sql';

/** MySQL 8.0's default sql_mode, so the schema is tried as strictly as MySQL 8.0 would. */
export const MYSQL80_SQL_MODE =
  'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

const INSTALL_HINT =
  "install Debian's mariadb-server (apt-get install -y mariadb-server) and run the suite again";

/** A program on the PATH or in the sbin directories mariadb-server installs to; fails loudly when absent. */
export function requireProgram(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  const found = dirs
    .filter((d) => d !== '')
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
  if (!found)
    throw new Error(`the integration suite needs \`${name}\`, which is not installed: ${INSTALL_HINT}`);
  return found;
}

/** The mysql client binary name the schema script looks for, which must be on the PATH it is given. */
export function requireClientOnPath(): void {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .some((d) => d !== '' && (existsSync(join(d, 'mariadb')) || existsSync(join(d, 'mysql'))));
  if (!onPath) throw new Error(`neither \`mariadb\` nor \`mysql\` is on the PATH: ${INSTALL_HINT}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const asRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A MariaDB server of its own: a data directory made by `mariadb-install-db` in a temporary directory, and
 * `mariadbd` on 127.0.0.1 on a free port with MySQL 8.0's default sql_mode. `stop()` ends it and removes the
 * directory.
 */
export class MariadbServer {
  public static async start(): Promise<MariadbServer> {
    const install = requireProgram('mariadb-install-db');
    const daemon = requireProgram('mariadbd');
    const client = requireProgram('mariadb');
    const dir = mkdtempSync(join(tmpdir(), 'qcbm-mariadb-'));
    const server = new MariadbServer(dir, await freePort(), client);
    try {
      const user = asRoot() ? ['--user=root'] : [];
      const installed = spawnSync(
        install,
        [
          '--no-defaults',
          `--datadir=${server.dataDir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...user,
        ],
        { encoding: 'utf8', timeout: 60000 },
      );
      if (installed.status !== 0) {
        throw new Error(
          `mariadb-install-db failed (${installed.status}): ${installed.stderr}${installed.stdout}`,
        );
      }
      server.process = spawn(
        daemon,
        [
          '--no-defaults',
          `--datadir=${server.dataDir}`,
          `--port=${server.port}`,
          '--bind-address=127.0.0.1',
          `--socket=${server.socket}`,
          `--pid-file=${join(dir, 'mariadbd.pid')}`,
          `--log-error=${server.errorLog}`,
          `--sql-mode=${MYSQL80_SQL_MODE}`,
          '--innodb-buffer-pool-size=32M',
          ...user,
        ],
        { stdio: 'ignore' },
      );
      server.process.once('exit', (code, signal) => {
        server.exited = { code, signal };
      });
      await server.waitUntilReady(60000);
      return server;
    } catch (e) {
      await server.stop();
      throw e;
    }
  }

  public readonly dataDir: string;
  public readonly socket: string;
  private readonly errorLog: string;
  private process: ChildProcess | undefined;
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(
    public readonly dir: string,
    public readonly port: number,
    private readonly client: string,
  ) {
    this.dataDir = join(dir, 'data');
    this.socket = join(dir, 'mariadbd.sock');
    this.errorLog = join(dir, 'error.log');
  }

  /** Runs SQL as root over the socket; throws with the client's error when it fails. Returns stdout. */
  public root(sql: string): string {
    const run = spawnSync(
      this.client,
      [
        '--no-defaults',
        `--socket=${this.socket}`,
        '-uroot',
        '--batch',
        '--raw',
        '--default-character-set=utf8mb4',
      ],
      { input: sql, encoding: 'utf8', timeout: 30000 },
    );
    if (run.status !== 0) throw new Error(`mariadb (root) failed: ${run.stderr}\nSQL: ${sql}`);
    return run.stdout;
  }

  /** Runs SQL as an account over TCP, as the services connect; returns the client's result. */
  public as(user: string, password: string, sql: string) {
    return spawnSync(
      this.client,
      [
        '--no-defaults',
        '--protocol=TCP',
        '--host=127.0.0.1',
        `--port=${this.port}`,
        `--user=${user}`,
        '--batch',
        '--raw',
        '--default-character-set=utf8mb4',
      ],
      { input: sql, encoding: 'utf8', timeout: 30000, env: { ...process.env, MYSQL_PWD: password } },
    );
  }

  public async stop(): Promise<void> {
    const child = this.process;
    if (child && !this.exited) {
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
      await done;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) throw new Error(`mariadbd exited (${JSON.stringify(this.exited)}): ${this.log()}`);
      const ping = spawnSync(
        this.client,
        [
          '--no-defaults',
          '--protocol=TCP',
          '--host=127.0.0.1',
          `--port=${this.port}`,
          '-uroot',
          '-e',
          'SELECT 1',
        ],
        { encoding: 'utf8', timeout: 10000 },
      );
      if (ping.status === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `mariadbd did not accept connections in ${timeoutMs} ms: ${ping.stderr}\n${this.log()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private log(): string {
    return existsSync(this.errorLog) ? readFileSync(this.errorLog, 'utf8').slice(-4000) : '(no error log)';
  }
}

/** Tab-separated client output (`--batch --raw`) with its header line, as rows of named columns. */
export function rows(tsv: string): Record<string, string>[] {
  const lines = tsv.split('\n').filter((l) => l !== '');
  if (lines.length === 0) return [];
  const header = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

/**
 * What the cloud layer creates before the app runs (Mysql/database, Mysql/account, Mysql/privilege): QCBM's
 * database and the services' account with the privileges the stack grants, no more (no SUPER).
 */
export function createDatabaseAndAccount(server: MariadbServer, account: string, password: string): void {
  const { databaseName, characterSet, accountHost, privileges } = REGION_DEFAULTS.mysql;
  server.root(`CREATE DATABASE ${databaseName} DEFAULT CHARACTER SET ${characterSet};
CREATE USER IF NOT EXISTS ${sqlString(account)}@${sqlString(accountHost)} IDENTIFIED BY ${sqlString(password)};
GRANT ${privileges.join(', ')} ON ${databaseName}.* TO ${sqlString(account)}@${sqlString(accountHost)};`);
}
