import type { ValidationIssue } from '../../model/validation-error';
import { isObject, type ObjectProblem } from './object-problem';
import { objectProblems } from './object-rules';

/** A check of the objects a cluster (or the hub) receives, run on every one of them. */
export interface ManifestCheck {
  /** What is wrong with one object, whoever receives it: a function of the object alone. */
  readonly problems: (object: unknown) => readonly ObjectProblem[];
  /**
   * The check's allowances (e.g. a fleet's exemptions), by index, that let one cluster receive the object in spite
   * of the problem: with none, it is refused.
   * @default - none
   */
  readonly allowedBy?: (problem: ObjectProblem, object: unknown, cluster: string) => readonly number[];
  /**
   * What is wrong with the allowances that allowed nothing in one validation (a misspelt rule or object, one left
   * after the fix), given the indexes of those that did and the clusters it saw. Called only where the validation saw
   * every object of those clusters; where it saw some clusters only, an allowance of the others may be in use there.
   * @default - nothing
   */
  readonly unusedAllowanceIssues?: (used: ReadonlySet<number>, seen: SeenClusters) => ValidationIssue[];
}

/** The clusters one validation saw, each with every object it receives. */
export interface SeenClusters {
  readonly names: readonly string[];
  /** Whether they are all the clusters the objects go to (not a partial render, e.g. `render --cluster`). */
  readonly everyCluster: boolean;
}

/** How much of a distribution `ManifestValidator.issues` is given. */
export interface RenderCoverage {
  /** Every cluster the objects go to. @default true */
  readonly everyCluster?: boolean;
  /** Every object each of its clusters receives (not some of them, as `renderObjects` renders). @default true */
  readonly everyObject?: boolean;
}

/** What the API server refuses (`objectProblems`): the check every rendering runs. */
export const KUBERNETES_API_CHECK: ManifestCheck = { problems: objectProblems };

/** A problem and the check that found it. */
type Found = readonly [check: ManifestCheck, problem: ObjectProblem];

/**
 * Runs checks over many clusters' objects and turns what they find into issues naming the clusters, the object
 * (kind, namespace and name) and the JSON pointer of the field. Each distinct object is checked once: the clusters
 * an override leaves alone share the app's object, so its problems are found once and reported once with every
 * cluster that receives it. Objects must not change while one validator is in use.
 */
export class ManifestValidator {
  private readonly found = new WeakMap<object, readonly Found[]>();
  private readonly checks: readonly ManifestCheck[];

  /** @param checks run besides what the API server refuses (`KUBERNETES_API_CHECK`), e.g. policy rules */
  constructor(checks: readonly ManifestCheck[] = []) {
    this.checks = [KUBERNETES_API_CHECK, ...checks];
  }

  /**
   * Every problem of every cluster's objects, one issue per problem and object, with the clusters that get it; then,
   * where `rendered` has every object of its clusters, every allowance of a check that allowed nothing (see
   * `unusedAllowanceIssues`).
   */
  public issues(
    rendered: ReadonlyMap<string, readonly unknown[]>,
    coverage: RenderCoverage = {},
  ): ValidationIssue[] {
    const receivers = new Map<unknown, Map<Found, string[]>>();
    const used = new Map<ManifestCheck, Set<number>>(this.checks.map((c) => [c, new Set()]));
    for (const [cluster, objects] of rendered) {
      for (const object of objects) {
        for (const found of this.problemsOf(object)) {
          const [check, problem] = found;
          const allowances = check.allowedBy?.(problem, object, cluster) ?? [];
          allowances.forEach((i) => used.get(check)?.add(i));
          if (allowances.length > 0) continue;
          let byProblem = receivers.get(object);
          if (!byProblem) receivers.set(object, (byProblem = new Map()));
          const clusters = byProblem.get(found);
          if (clusters) clusters.push(cluster);
          else byProblem.set(found, [cluster]);
        }
      }
    }
    const issues: ValidationIssue[] = [];
    for (const [object, byProblem] of receivers) {
      for (const [[, problem], clusters] of byProblem) {
        issues.push(issueOf(problem, object, clusterList(clusters, rendered.size)));
      }
    }
    if (coverage.everyObject === false) return issues;
    const seen = { names: [...rendered.keys()], everyCluster: coverage.everyCluster ?? true };
    for (const [check, allowances] of used)
      issues.push(...(check.unusedAllowanceIssues?.(allowances, seen) ?? []));
    return issues;
  }

  /** The problems of objects that go somewhere other than a member cluster, e.g. `chart "hub-app"`. */
  public issuesAt(where: string, objects: readonly unknown[]): ValidationIssue[] {
    return objects.flatMap((object) => this.problemsOf(object).map(([, p]) => issueOf(p, object, where)));
  }

  private problemsOf(object: unknown): readonly Found[] {
    const key = isObject(object) ? object : undefined;
    const known = key && this.found.get(key);
    if (known) return known;
    const found = this.checks.flatMap((check) => check.problems(object).map((p): Found => [check, p]));
    if (key) this.found.set(key, found);
    return found;
  }
}

/** `Deployment qcbm/user-service`: how issues and hardening violations name an object. */
export function objectLabel(object: unknown): string {
  const o = isObject(object) ? object : {};
  const meta = isObject(o.metadata) ? o.metadata : {};
  const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/` : '';
  return `${String(o.kind ?? '(no kind)')} ${namespace}${String(meta.name ?? '(no name)')}`;
}

function issueOf(problem: ObjectProblem, object: unknown, where: string): ValidationIssue {
  const path = [where, objectLabel(object), problem.path].filter((p) => p !== '').join(', ');
  return {
    path,
    message: problem.message,
    fix: problem.fix,
    ...('value' in problem ? { value: problem.value } : {}),
  };
}

const LISTED = 3;

/** `cluster "a"`, `clusters "a", "b"`, `clusters "a", "b", "c" and 997 more`, or `every cluster (1000)`. */
function clusterList(clusters: readonly string[], total: number): string {
  if (clusters.length === 1) return `cluster "${clusters[0]}"`;
  if (clusters.length === total && total > LISTED) return `every cluster (${total})`;
  const named = clusters.slice(0, LISTED).map((c) => `"${c}"`);
  const more = clusters.length - named.length;
  return `clusters ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
