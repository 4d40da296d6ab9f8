import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { ValidationIssue } from '../../model/validation-error';
import type { Feed } from '../clusternet/feed';

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

function isWithin(object: ApiObject, scope: IConstruct): boolean {
  return object.node.scopes.includes(scope);
}

/**
 * Each difference target's JSON by feed key, read once for a batch of differences (`during`): the check each
 * added difference makes would otherwise synthesize the same object once per difference. Outside a batch, `of`
 * gives undefined and the check reads the object as it is then.
 */
export class TargetSnapshots {
  private taken: Map<string, unknown> | undefined;

  /** Runs `work`, which adds differences and changes none of the app's objects, with one read per target. */
  public during<T>(work: () => T): T {
    if (this.taken) return work();
    this.taken = new Map();
    try {
      return work();
    } finally {
      this.taken = undefined;
    }
  }

  /** The target's JSON as the batch read it, or undefined outside a batch. */
  public of(feed: Feed): unknown {
    if (!this.taken) return undefined;
    if (!this.taken.has(feed.key)) this.taken.set(feed.key, feed.apiObject?.toJson());
    return this.taken.get(feed.key);
  }
}
