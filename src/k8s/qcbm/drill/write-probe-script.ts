import { mysqlClientShell } from '../mysql-client-pod';
import { QCBM_DATABASE } from '../schema/qcbm-schema-sql';

/**
 * The table the data drill writes to, in QCBM's database: one row per site (`site`, the cluster's name, its
 * primary key) with the server's time of that site's last successful write through the writable name
 * (`written_at`, UTC, milliseconds). The probe creates it where it is missing; the services never read it.
 */
export const QCBM_DRILL_WRITE_TABLE = 'qcbm_drill_write';

/** What every line the write probe logs starts with. */
export const WRITE_PROBE_TAG = 'qcbm-drill-write';

const TABLE = `${QCBM_DATABASE}.${QCBM_DRILL_WRITE_TABLE}`;

/**
 * The write probe's shell script. It reads what the services read (MYSQL_HOST, MYSQL_PORT, MYSQL_ACCOUNT,
 * MYSQL_PASSWORD), plus QCBM_DRILL_SITE (the cluster's name, checked to be a DNS-1123 label before it goes into
 * SQL) and QCBM_DRILL_WRITE_SECONDS. Every second until it succeeds or that many seconds have passed, one client
 * session (its time zone UTC) creates the table if missing, replaces the site's row with `NOW(3)` and reads it
 * back; a server that refuses writes (read-only, fenced) fails the attempt, which is logged with the client's
 * first error line (its first line where none starts with ERROR). On success it prints `qcbm-drill-write: wrote from <site> at <written_at> to <@@hostname>`
 * and exits 0; once the time is over it exits 1 with the last error. A short connect timeout (2 s) keeps an
 * unreachable address from delaying the next attempt much.
 */
export const WRITE_PROBE_SCRIPT = `${mysqlClientShell({
  tag: WRITE_PROBE_TAG,
  missingClientFix: "set app.schemaInit.image to one that has (the drill's write probe uses it too)",
  connectTimeoutSeconds: 2,
})}site="$QCBM_DRILL_SITE"
case "$site" in
  '' | -* | *- | *[!a-z0-9-]*) site_ok=false ;;
  *) site_ok=true ;;
esac
if [ "$site_ok" = false ] || [ \${#site} -gt 63 ]; then
  echo "${WRITE_PROBE_TAG}: QCBM_DRILL_SITE \\"$site\\" must be a DNS-1123 label (the cluster's name: at most 63 lowercase letters, digits or -)" >&2
  exit 2
fi
wait_seconds="\${QCBM_DRILL_WRITE_SECONDS:-60}"
deadline=$(( $(date +%s) + wait_seconds ))
sql="SET time_zone = '+00:00';
CREATE TABLE IF NOT EXISTS ${TABLE} (site VARCHAR(63) PRIMARY KEY, written_at DATETIME(3) NOT NULL);
REPLACE INTO ${TABLE} (site, written_at) VALUES ('$site', NOW(3));
SELECT CONCAT('${WRITE_PROBE_TAG}: wrote from ', site, ' at ', written_at, ' to ', @@hostname) FROM ${TABLE} WHERE site = '$site';"
nl='
'
attempt=1
echo "${WRITE_PROBE_TAG}: writing from $site to $MYSQL_HOST:$MYSQL_PORT as $MYSQL_ACCOUNT, every second for up to \${wait_seconds}s (client $client)"
until out=$(db -e "$sql" 2>&1); do
  # The first ERROR line: a mariadb client prints the failed statement before it.
  case "$out" in
    ERROR*) error=$out ;;
    *"\${nl}ERROR"*) error=ERROR\${out#*"\${nl}ERROR"} ;;
    *) error=$out ;;
  esac
  error=\${error%%"$nl"*}
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "${WRITE_PROBE_TAG}: no write from $site after $attempt attempts in \${wait_seconds}s; last error: $error" >&2
    exit 1
  fi
  echo "${WRITE_PROBE_TAG}: attempt $attempt at $(date -u +%H:%M:%S) failed: $error"
  attempt=$((attempt + 1))
  sleep 1
done
printf '%s\\n' "\${out##*"$nl"}"
`;

/** The row a successful probe wrote, as its log line says. */
export interface WrittenRow {
  /** The site it wrote as (QCBM_DRILL_SITE). */
  readonly site: string;
  /** `written_at` as the server stored it: UTC, `YYYY-MM-DD HH:MM:SS.mmm`. */
  readonly writtenAt: string;
  /** `written_at` in milliseconds since the epoch. */
  readonly writtenAtMs: number;
  /** The server's `@@hostname`: which instance took the write. */
  readonly server: string;
}

const WROTE = new RegExp(
  `^${WRITE_PROBE_TAG}: wrote from ([a-z0-9-]+) at (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) to (.+)$`,
);

/** The row a log line of the probe reports written; undefined for any other line. */
export function writtenRow(line: string): WrittenRow | undefined {
  const m = WROTE.exec(line.trim());
  if (!m) return undefined;
  return { site: m[1], writtenAt: m[2], writtenAtMs: Date.parse(`${m[2].replace(' ', 'T')}Z`), server: m[3] };
}
