import type { ValidationIssue } from '../../model/validation-error';
import type { Feed } from '../clusternet/feed';
import type { Globalization } from '../clusternet/globalization';
import type { Localization } from '../clusternet/localization';
import type { OverrideHolder } from '../clusternet/override-holder';
import { type Leniency, PatchApplyError, type PatchOutcome } from '../patch/json-patch';

/** What one cluster's rendering needs: its base manifests and the override objects that apply to it. */
export interface ClusterRenderInput {
  readonly clusterName: string;
  /** Feeds in distribution order; feeds without an emitted object are skipped. */
  readonly feeds: readonly Feed[];
  /** The base manifest of each feed, by feed key, shared between clusters and never changed. */
  readonly baseManifests: ReadonlyMap<string, unknown>;
  /** Globalizations whose selector matches this cluster. */
  readonly globalizations: readonly Globalization[];
  /** Localizations in this cluster's hub namespace. */
  readonly localizations: readonly Localization[];
}

export interface ClusterRenderResult {
  readonly manifests: unknown[];
  /** Overrides the hub would skip without a word, or that would block the cluster: errors. */
  readonly issues: ValidationIssue[];
  /** Overrides the hub applies only through a leniency RFC 6902 / 7386 forbids: warnings (errors when strict). */
  readonly warnings: ValidationIssue[];
}

const byPriority = (a: OverrideHolder, b: OverrideHolder) => a.priority - b.priority;

/** What the hub removes from every object after the user's overrides (localizer defaultOverrideConfigs). */
const HUB_REMOVED_METADATA = ['managedFields', 'uid'];

/**
 * The manifests a cluster ends up running, computed the way Clusternet's localizer does: for each object,
 * the matching Globalizations by ascending priority, then the cluster's Localizations by ascending priority,
 * each override in list order, with the hub's own patch semantics; then the fields the hub always removes.
 * Every override falls in one of three outcomes, each reported with the cluster, the object, the override,
 * the operation and the path: it applies (a warning where only a leniency of the hub's library makes it
 * apply), the hub skips it without a word (an issue), or it blocks the cluster (an issue).
 */
export function renderCluster(input: ClusterRenderInput): ClusterRenderResult {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const globalsByFeed = groupByFeed([...input.globalizations].sort(byPriority));
  const localsByFeed = groupByFeed([...input.localizations].sort(byPriority));
  const manifests: unknown[] = [];
  for (const feed of input.feeds) {
    const base = input.baseManifests.get(feed.key);
    if (base === undefined) continue;
    const holders = [...(globalsByFeed.get(feed.key) ?? []), ...(localsByFeed.get(feed.key) ?? [])];
    let doc = base;
    for (const holder of holders) {
      for (const override of holder.overrides) {
        const path = `cluster "${input.clusterName}", ${holder.displayName}, override "${override.name}"`;
        try {
          const result = override.applyTo(doc);
          doc = result.doc;
          for (const l of result.leniencies) {
            warnings.push({
              path,
              message: `applies to ${feed.displayName} only through a leniency of the hub's patch library that the RFC forbids: operation ${l.opIndex} ${l.note}`,
              fix: LENIENCY_FIXES[l.leniency],
            });
          }
        } catch (e) {
          if (!(e instanceof PatchApplyError)) throw e;
          issues.push({
            path,
            message: `cannot apply to ${feed.displayName}: ${e.message}. ${OUTCOMES[e.outcome](input.clusterName)}`,
            fix: e.fix ?? (e.outcome === 'skipped' ? SKIPPED_FIX(feed) : BLOCKED_FIX),
          });
        }
      }
    }
    manifests.push(withoutHubRemovedFields(doc));
  }
  return { manifests, issues, warnings };
}

function withoutHubRemovedFields(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const { status, ...rest } = doc as Record<string, unknown>;
  const metadata = rest.metadata as Record<string, unknown> | undefined;
  const strip = metadata !== undefined && HUB_REMOVED_METADATA.some((k) => k in metadata);
  if (status === undefined && !strip) return doc;
  if (!strip) return rest;
  const kept = Object.fromEntries(
    Object.entries(metadata).filter(([k]) => !HUB_REMOVED_METADATA.includes(k)),
  );
  return { ...rest, metadata: kept };
}

function groupByFeed<T extends OverrideHolder>(holders: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const h of holders) {
    const list = map.get(h.feed.key);
    if (list) list.push(h);
    else map.set(h.feed.key, [h]);
  }
  return map;
}

const OUTCOMES: Record<PatchOutcome, (cluster: string) => string> = {
  skipped: (cluster) =>
    `On the hub this override is skipped without a word: ${cluster} would run the object without any of its operations`,
  blocked: (cluster) =>
    `On the hub this blocks ${cluster}'s whole deployment (event FailedApplyingOverrides; the cluster keeps its previous version)`,
};

const SKIPPED_FIX = (feed: Feed) =>
  `point the path at a field ${feed.displayName} has, or use op 'add' to create it (the hub creates no missing parents)`;
const BLOCKED_FIX =
  "correct the operation: an existing array index or '-' to append, a 'test' value the object has, a known op";

const LENIENCY_FIXES: Record<Leniency, string> = {
  'replace-adds-key': "use op 'add' for a key the object may not have",
  'negative-index': "count the index from the start, or use '-' to append",
  'non-canonical-index': 'write the index as a plain number without sign or leading zeros',
  'test-missing-is-null': 'test a value the object has, or drop the test',
  'missing-value-is-null': 'give "value" (null where null is meant)',
  'copy-from-missing-is-null': "copy from a path that exists, or use 'add' with the value null",
  'path-without-leading-slash': 'start the path with "/"',
  'replace-root-with-scalar': 'remove the operation: the hub ignores it',
  'merge-drops-null-in-array': 'leave the null out, or replace the array with a JSON patch',
};

/** The base manifest of each feed the app emits, by feed key: what every cluster's rendering starts from. */
export function baseManifestsOf(feeds: readonly Feed[]): Map<string, unknown> {
  const base = new Map<string, unknown>();
  for (const feed of feeds) {
    if (feed.apiObject) base.set(feed.key, feed.apiObject.toJson());
  }
  return base;
}
