import type { Manifest } from '../../k8s/manifest';

/** The API group Clusternet's hub serves templates under; objects submitted there are stored as Manifests. */
export const SHADOW_API_VERSION = 'shadow/v1alpha1';

/**
 * Addresses the app's templates to the hub's shadow API, as `kubectl clusternet apply` does by rewriting the
 * request path: the hub records the original group and version, so feeds still name `apps/v1` etc.
 * Clusternet's own kinds are applied normally and are left alone.
 */
export function toShadowTemplates(objects: readonly Manifest[], apiVersion = SHADOW_API_VERSION): Manifest[] {
  return objects.map((o) => (o.apiVersion.startsWith('apps.clusternet.io/') ? o : { ...o, apiVersion }));
}
