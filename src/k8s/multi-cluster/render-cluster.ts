import type { ValidationIssue } from '../../model/validation-error';
import type { Feed } from '../clusternet/feed';
import type { Globalization } from '../clusternet/globalization';
import type { Localization } from '../clusternet/localization';
import type { OverrideHolder } from '../clusternet/override-holder';
import { PatchApplyError, type PatchFailureKind } from '../patch/json-patch';

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
  readonly issues: ValidationIssue[];
}

const byPriority = (a: OverrideHolder, b: OverrideHolder) => a.priority - b.priority;

/**
 * The manifests a cluster ends up running, computed the way Clusternet's localizer does: for each object,
 * the matching Globalizations by ascending priority, then the cluster's Localizations by ascending priority,
 * each override in list order. Where Clusternet would skip an override silently or block the cluster, this
 * reports an issue naming the cluster, the object, the override, the operation and the path.
 */
export function renderCluster(input: ClusterRenderInput): ClusterRenderResult {
  const issues: ValidationIssue[] = [];
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
        try {
          doc = override.applyTo(doc);
        } catch (e) {
          if (!(e instanceof PatchApplyError)) throw e;
          issues.push({
            path: `cluster "${input.clusterName}", ${holder.displayName}, override "${override.name}"`,
            message: `cannot apply to ${feed.displayName}: ${e.message}`,
            fix: FIXES[e.kind](feed),
          });
        }
      }
    }
    manifests.push(doc);
  }
  return { manifests, issues };
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

const FIXES: Record<PatchFailureKind, (feed: Feed) => string> = {
  missing: (feed) =>
    `point the path at a field ${feed.displayName} has, or use op 'add' to create it (on the hub, Clusternet would skip this whole override without a word)`,
  'invalid-index': () => 'use an array index within the array, or "-" to append',
  'test-failed': () =>
    "correct the 'test' value or drop the 'test' operation (on the hub it blocks the cluster's whole deployment)",
  malformed: () => 'correct the operation: op, path, and value or from as RFC 6902 requires',
};
