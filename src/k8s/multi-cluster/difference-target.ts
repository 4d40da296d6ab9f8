import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ValidationError, type ValidationIssue } from '../../model/validation-error';
import type { Feed } from '../clusternet/feed';
import type { Override } from '../clusternet/override';
import type { ClusterDifference } from './cluster-difference';

/**
 * Why an object cannot be the target of a difference or of a narrower distribution, or undefined: it must be
 * emitted by the app (so patches can be checked against it), not only distributed as an extra feed.
 */
export function targetIssue(
  feed: Feed,
  app: IConstruct,
  extraFeeds: readonly Feed[],
  path: string,
): ValidationIssue | undefined {
  const extra = extraFeeds.find((f) => f.key === feed.key);
  if (extra) {
    return {
      path,
      message: `${extra.displayName} is distributed but not emitted by this app, so the patch cannot be checked`,
      fix: 'emit the object from the app, or patch it where it is created',
    };
  }
  const target = feed.apiObject;
  if (!target || !isWithin(target, app)) {
    return {
      path,
      message: `${feed.displayName} (${feed.key}) is not one of the distributed objects`,
      fix: 'aim the difference at an object of the app, with the apiVersion it is emitted with',
    };
  }
  return undefined;
}

/**
 * @throws ValidationError naming `owner` and the difference when it cannot be added: `clusterIssue` (a cluster that
 * is not a member), or a target that is not one of `app`'s objects (`targetIssue`)
 */
export function checkDifferenceTarget(
  owner: string,
  difference: ClusterDifference,
  app: IConstruct,
  extraFeeds: readonly Feed[],
  clusterIssue: ValidationIssue | undefined,
): void {
  const issues = [clusterIssue, targetIssue(difference.feed, app, extraFeeds, 'difference target')].filter(
    (i): i is ValidationIssue => i !== undefined,
  );
  if (issues.length > 0) {
    throw new ValidationError(`${owner} difference "${difference.overrideName}"`, issues);
  }
}

function isWithin(object: ApiObject, scope: IConstruct): boolean {
  return object.node.scopes.includes(scope);
}

/**
 * Each difference target's JSON by feed key, and each difference's override, built once for a batch of work that
 * changes none of the app's objects (`during`): the check each added difference makes, and every rendering and
 * synthesis of the overrides, would otherwise synthesize the same object and build the same override again and
 * again. Outside a batch, `of` gives undefined and `overrideOf` builds from the object as it is then.
 */
export class TargetSnapshots {
  private taken: Map<string, unknown> | undefined;
  private readonly built = new Map<ClusterDifference, Override>();

  /** Runs `work`, which adds differences and changes none of the app's objects, with one read per target. */
  public during<T>(work: () => T): T {
    if (this.taken) return work();
    this.taken = new Map();
    try {
      return work();
    } finally {
      this.taken = undefined;
      this.built.clear();
    }
  }

  /** The target's JSON as the batch read it, or undefined outside a batch. */
  public of(feed: Feed): unknown {
    if (!this.taken) return undefined;
    if (!this.taken.has(feed.key)) this.taken.set(feed.key, feed.apiObject?.toJson());
    return this.taken.get(feed.key);
  }

  /**
   * The override of `difference`, built from its target as the batch read it (once per batch), or from the
   * target as it is now outside a batch.
   * @throws what the difference's builder throws for a target it cannot apply to
   */
  public overrideOf(difference: ClusterDifference): Override {
    if (!this.taken) return difference._toOverride();
    let override = this.built.get(difference);
    if (override === undefined) {
      override = difference._toOverride(this.of(difference.feed));
      this.built.set(difference, override);
    }
    return override;
  }
}
