import type { Fleet } from './fleet-schema';
import { sitePlans } from './topology/site-plan';

/**
 * The TTL of the writable MySQL's record, in seconds, unless `data.mysql.writerName.ttlSeconds` says otherwise:
 * what a failover waits, at most, for a resolver to see the promoted instance (the JVM caches a name 30 s by
 * default too).
 */
export const WRITER_NAME_TTL_SECONDS = 30;

/** The one name of the writable MySQL: a record in a private DNS zone joined to every site's VPC. */
export interface WriterName {
  /** The private zone's domain, `qcbm-<fleet>.internal`. */
  readonly zone: string;
  /** The record in it (its sub-domain), `mysql`. */
  readonly record: string;
  /** What every cluster's MYSQL_HOST is: `<record>.<zone>`. */
  readonly host: string;
  /** The record's TTL in seconds. */
  readonly ttlSeconds: number;
  /** The cluster whose site creates the primary the record points at. */
  readonly primaryCluster: string;
}

/**
 * The name every cluster writes through, where the stack creates the fleet's primary MySQL (`fleet.data.mysql`
 * and the primary's site managed); undefined otherwise (an external database keeps its plain host). A failover
 * then changes this one record, not every cluster's configuration. `.internal` is the top-level domain reserved
 * for private use, so the zone can never shadow a public name.
 */
export function writerName(fleet: Fleet): WriterName | undefined {
  if (!fleet.data.mysql) return undefined;
  const primary = sitePlans(fleet).find((p) => p.mysqlPrimary && p.createsMysql);
  if (!primary) return undefined;
  const zone = `qcbm-${fleet.name}.internal`;
  const record = 'mysql';
  return {
    zone,
    record,
    host: `${record}.${zone}`,
    ttlSeconds: fleet.data.mysql.writerName?.ttlSeconds ?? WRITER_NAME_TTL_SECONDS,
    primaryCluster: primary.cluster.name,
  };
}
