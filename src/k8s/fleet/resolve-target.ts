import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { ObjectRefInput } from '../../model/fleet-schema';
import type { ValidationIssue } from '../../model/validation-error';

/** The app's objects, for `resolveTarget`: read once for many references while the app does not change. */
export function apiObjectsOf(app: IConstruct): ApiObject[] {
  return app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
}

/**
 * Finds the one object of the app a fleet difference names, or explains why it cannot.
 * @param objects the app's objects (`apiObjectsOf(app)`) @default - read from `app` now
 */
export function resolveTarget(
  app: IConstruct,
  ref: ObjectRefInput,
  path: string,
  objects: readonly ApiObject[] = apiObjectsOf(app),
): ApiObject | ValidationIssue {
  const candidates = objects.filter(
    (o) =>
      o.kind === ref.kind &&
      o.name === ref.name &&
      (ref.namespace === undefined || o.metadata.namespace === ref.namespace) &&
      (ref.apiVersion === undefined || o.apiVersion === ref.apiVersion),
  );
  if (candidates.length === 1) return candidates[0];
  const wanted = `${ref.apiVersion ? `${ref.apiVersion} ` : ''}${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  if (candidates.length === 0) {
    const sameKind = objects.filter((o) => o.kind === ref.kind).map((o) => `"${o.name}"`);
    return {
      path,
      message: `names ${wanted}, which the app does not emit`,
      value: ref,
      fix:
        sameKind.length > 0
          ? `use one of the app's ${ref.kind} names: ${sameKind.join(', ')}`
          : `check the kind; the app emits no ${ref.kind}`,
    };
  }
  return {
    path,
    message: `matches ${candidates.length} objects (${wanted})`,
    value: ref,
    fix: 'add namespace or apiVersion to the target',
  };
}
