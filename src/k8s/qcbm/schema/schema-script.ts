import { mysqlClientShell } from '../mysql-client-pod';
import { QCBM_DATABASE } from './qcbm-schema-sql';

/**
 * The schema Job's shell script (POSIX sh, no file written: the root filesystem is read-only). It reads what the
 * services read (MYSQL_HOST, MYSQL_PORT, MYSQL_ACCOUNT, MYSQL_PASSWORD), plus QCBM_SCHEMA_SQL (the SQL itself)
 * and QCBM_SCHEMA_WAIT_SECONDS. It waits until the account can log in, retrying every 5 s and logging each
 * failure, fails with the last error once the wait is over, then runs the SQL in one session. It starts as every
 * client script does (`mysqlClientShell`: the password through MYSQL_PWD, never on a command line).
 */
export const SCHEMA_SCRIPT = `${mysqlClientShell({
  tag: 'qcbm-schema',
  missingClientFix: 'set app.schemaInit.image to one that has',
  connectTimeoutSeconds: 10,
})}wait_seconds="\${QCBM_SCHEMA_WAIT_SECONDS:-300}"
deadline=$(( $(date +%s) + wait_seconds ))
attempt=1
echo "qcbm-schema: waiting up to \${wait_seconds}s for $MYSQL_ACCOUNT@$MYSQL_HOST:$MYSQL_PORT (client $client)"
until error=$(db -e 'SELECT 1' 2>&1 >/dev/null); do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "qcbm-schema: gave up after $attempt attempts in \${wait_seconds}s; last error: $error" >&2
    exit 1
  fi
  echo "qcbm-schema: attempt $attempt: not yet: $error"
  attempt=$((attempt + 1))
  sleep 5
done
echo "qcbm-schema: connected; applying the schema"
printf '%s\n' "$QCBM_SCHEMA_SQL" | db
echo "qcbm-schema: done: $(db -e "SELECT CONCAT((SELECT COUNT(*) FROM ${QCBM_DATABASE}.bookinfo), ' books, ', (SELECT COUNT(*) FROM ${QCBM_DATABASE}.userinfo), ' users')")"
`;
