import { isDeepStrictEqual } from 'util';
import type { OfflinePlan, PlannedResource } from './offline-plan';
import { PROVIDER_REPLACING_INPUTS } from './provider-replacements';

/**
 * What `pulumi up` of one plan does to a stack that holds another: `create`, `import` (adopts an existing
 * resource), `same`, `update` (in place), `replace`, `forget` (removed, or replaced, but retainOnDelete: the cloud
 * keeps it) or `delete`.
 */
export type TransitionOp = 'create' | 'import' | 'same' | 'update' | 'replace' | 'forget' | 'delete';

/** One custom resource's step from one plan to the next. */
export interface ResourceTransition {
  readonly type: string;
  readonly name: string;
  readonly op: TransitionOp;
  /** The inputs that differ (update, replace). */
  readonly changed: readonly string[];
  /** The resource as the later plan registers it; undefined where it leaves the program. */
  readonly after?: PlannedResource;
  /** The resource as the earlier plan registered it; undefined where it is new. */
  readonly before?: PlannedResource;
}

const keyOf = (r: PlannedResource) => `${r.type}::${r.name}`;
const customOf = (plan: OfflinePlan) =>
  new Map(plan.groups.flatMap((g) => g.resources.filter((r) => r.custom).map((r) => [keyOf(r), r] as const)));

/**
 * The steps from `before` (as if its resources were in the stack's state, ids and all) to `after`, for every
 * custom resource of either. Inputs are compared as the plans hold them (secrets redacted); a change of an input
 * the provider replaces on, or of one in the resource's `replaceOnChanges`, is a replacement, and a replaced
 * resource that is retainOnDelete is forgotten, not deleted.
 */
export function planTransition(before: OfflinePlan, after: OfflinePlan): ResourceTransition[] {
  const old = customOf(before);
  const next = customOf(after);
  const steps: ResourceTransition[] = [];
  for (const [key, r] of next) {
    const prior = old.get(key);
    if (!prior) {
      steps.push({
        type: r.type,
        name: r.name,
        op: r.options?.import ? 'import' : 'create',
        changed: [],
        after: r,
      });
      continue;
    }
    const keys = new Set([...Object.keys(prior.inputs), ...Object.keys(r.inputs)]);
    const changed = [...keys].filter((k) => !isDeepStrictEqual(prior.inputs[k], r.inputs[k])).sort();
    const replacing = new Set([
      ...(PROVIDER_REPLACING_INPUTS[r.type] ?? []),
      ...(r.options?.replaceOnChanges ?? []),
    ]);
    const ignored = new Set(r.options?.ignoreChanges ?? []);
    const effective = changed.filter((k) => !ignored.has(k));
    const op: TransitionOp =
      effective.length === 0 ? 'same' : effective.some((k) => replacing.has(k)) ? 'replace' : 'update';
    steps.push({ type: r.type, name: r.name, op, changed: effective, after: r, before: prior });
  }
  for (const [key, r] of old) {
    if (next.has(key)) continue;
    steps.push({
      type: r.type,
      name: r.name,
      op: r.options?.retainOnDelete ? 'forget' : 'delete',
      changed: [],
      before: r,
    });
  }
  return steps;
}
