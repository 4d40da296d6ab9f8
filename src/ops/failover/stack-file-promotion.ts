import { isMap, isScalar, isSeq, type Pair, parseDocument, Scalar, type YAMLMap } from 'yaml';
import { FLEET_CONFIG_KEY } from '../../model/load-fleet';
import type { MysqlPromotion } from '../../model/topology/topology-schema';
import { UserError } from '../../model/user-error';
import { diffLines } from './line-diff';

/** What a failover changes in `data.mysql` of a fleet. */
export interface StackFilePromotion {
  /** `data.mysql.primaryRegion`: the promoted instance's region. */
  readonly primaryRegion: string;
  /** `data.mysql.primaryCluster` where that region holds two sites; undefined removes the key. */
  readonly primaryCluster?: string;
  /** `data.mysql.promotion`: the record of the failover (it replaces an earlier one). */
  readonly promotion: MysqlPromotion;
  /** Regions to add to `data.mysql.lostRegions` (each listed once). @default - none */
  readonly lostRegions?: readonly string[];
}

/** Where a stack file holds the fleet's MySQL. */
export const STACK_FILE_MYSQL_PATH = ['config', FLEET_CONFIG_KEY, 'data', 'mysql'] as const;
const MYSQL_FIELD = `config["${FLEET_CONFIG_KEY}"].data.mysql`;

const COMMENTS = {
  promotion:
    ' Written by `qcbm-fleet failover --execute`: the primary site adopts this instance (`pulumi up` imports it).',
  lostRegions:
    ' No disaster-recovery instance in these regions until they return: fence the old primary there first, then remove the region.',
};

/**
 * The text of a stack file with a failover's change in `config["qcbm:fleet"].data.mysql`, edited through the
 * `yaml` Document API so that every comment, blank line, quote and key order stays. The stringifier spells some
 * unchanged lines its own way (`[a]` as `[ a ]`): a line that differs from the source only by the spaces inside
 * brackets is given back as the source wrote it.
 * @throws UserError where the text is not YAML or has no mapping at `data.mysql`
 */
export function applyStackFilePromotion(text: string, change: StackFilePromotion): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new UserError(
      `the stack file is not valid YAML: ${doc.errors[0].message}`,
      'correct the YAML syntax',
    );
  }
  const path = [...STACK_FILE_MYSQL_PATH];
  const mysql = doc.getIn(path, true);
  if (!isMap(mysql)) {
    throw new UserError(
      `the stack file has no mapping at ${MYSQL_FIELD}`,
      `give the stack file the fleet was read from (it names data.mysql.primaryRegion)`,
    );
  }
  doc.setIn([...path, 'primaryRegion'], change.primaryRegion);
  if (change.primaryCluster !== undefined) {
    doc.setIn([...path, 'primaryCluster'], change.primaryCluster);
  } else {
    deleteKeepingComments(mysql, 'primaryCluster');
  }

  const { asyncRequestId, ...required } = change.promotion;
  const record = doc.createNode({ ...required, ...(asyncRequestId ? { asyncRequestId } : {}) });
  // Quoted: a YAML 1.1 reader would take a plain ISO time for a timestamp, not a string.
  const at = record.get('at', true);
  if (isScalar(at)) at.type = Scalar.QUOTE_SINGLE;
  setWithComment(doc, mysql, 'promotion', record, COMMENTS.promotion);

  const lost = change.lostRegions ?? [];
  if (lost.length > 0) {
    const existing = doc.getIn([...path, 'lostRegions'], true);
    if (isSeq(existing)) {
      const listed = new Set(existing.items.map((i) => (isScalar(i) ? String(i.value) : String(i))));
      for (const region of lost) if (!listed.has(region)) existing.add(doc.createNode(region));
    } else {
      setWithComment(doc, mysql, 'lostRegions', doc.createNode([...new Set(lost)]), COMMENTS.lostRegions);
    }
  }
  return keepSourceSpelling(text, doc.toString({ lineWidth: 0 }));
}

/** Sets `key` (a new key gets `comment` above it; an existing one keeps its own). */
function setWithComment(
  doc: ReturnType<typeof parseDocument>,
  map: YAMLMap,
  key: string,
  value: unknown,
  comment: string,
): void {
  if (map.has(key)) {
    map.set(key, value);
    return;
  }
  const node = doc.createPair(key, value);
  (node.key as Scalar).commentBefore = comment;
  map.items.push(node as Pair<unknown, unknown>);
}

/** Deletes `key`; the comments on its line, or above it, move to the next key (or the end of the map). */
function deleteKeepingComments(map: YAMLMap, key: string): void {
  const index = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  if (index < 0) return;
  const [pair] = map.items.splice(index, 1);
  const comments = [
    isScalar(pair.key) ? pair.key.commentBefore : undefined,
    isScalar(pair.value) ? pair.value.commentBefore : undefined,
    isScalar(pair.value) ? pair.value.comment : undefined,
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  if (comments.length === 0) return;
  const next = map.items[index]?.key;
  if (isScalar(next)) {
    next.commentBefore = [...comments, next.commentBefore].filter((c) => c !== undefined).join('\n');
  } else {
    map.comment = [map.comment, ...comments].filter((c) => c !== undefined && c !== null).join('\n');
  }
}

const BRACKET_SPACE = /([[{])\s+|\s+([\]}])/g;
const unpadded = (line: string) => line.replace(BRACKET_SPACE, '$1$2');

/** `written`, where a line differs from its source line only by spaces inside brackets, with the source's line. */
function keepSourceSpelling(source: string, written: string): string {
  return diffLines(source, written, (a, b) => a === b || unpadded(a) === unpadded(b))
    .filter((c) => c.kind !== 'removed')
    .map((c) => c.text)
    .join('\n');
}
