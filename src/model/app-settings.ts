import type { Fleet } from './fleet-schema';
import {
  QCBM_COMPONENT_NAMES,
  QCBM_COMPONENTS,
  QCBM_DEFAULTS,
  type QcbmComponentName,
} from './qcbm-components';

/** A component's image, kept as its parts: `<registry>/<component>:<tag>`. */
export interface ImageParts {
  /** e.g. `ccr.ccs.tencentyun.com/qcbm`. */
  readonly registry: string;
  /** The repository under the registry: the component's name. */
  readonly component: QcbmComponentName;
  readonly tag: string;
}

/** The image reference a container runs: `<registry>/<component>:<tag>`. */
export function imageReference(image: ImageParts): string {
  return `${image.registry}/${image.component}:${image.tag}`;
}

/**
 * Whether a workload with this many replicas gets a PodDisruptionBudget and zone anti-affinity: more than one
 * replica, so a drain or a zone outage never takes every pod at once. The one rule, per cluster.
 */
export function isSpread(replicas: number): boolean {
  return replicas > 1;
}

/** What one component runs with, and what follows from it. */
export interface ComponentSettings {
  readonly replicas: number;
  readonly image: ImageParts;
  /** `isSpread(replicas)`: the component has a PodDisruptionBudget and zone anti-affinity. */
  readonly spread: boolean;
}

/** Every component's settings, by component name. */
export type AppSettings = Readonly<Record<QcbmComponentName, ComponentSettings>>;

/** Settings of one component as written (the fleet's `app.components.<name>`, a cluster's difference). */
export interface ComponentSettingsInput {
  readonly imageTag?: string;
  readonly replicas?: number;
}

/** The app-level settings the components default to (the fleet's `app`, or QcbmApp's props). */
export interface AppSettingsInput {
  /** @default 'ccr.ccs.tencentyun.com/qcbm' */
  readonly registry?: string;
  /** @default - each component's published tag */
  readonly imageTag?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** @default {} */
  readonly components?: { readonly [name in QcbmComponentName]?: ComponentSettingsInput };
}

/**
 * Every component's settings: its own value, else the app-level one, else the default (published tag, one
 * replica); `overlay` (a cluster's differences) wins over all of them.
 */
export function appSettings(
  app: AppSettingsInput,
  overlay: Readonly<Record<string, ComponentSettingsInput>> = {},
): AppSettings {
  const registry = app.registry ?? QCBM_DEFAULTS.registry;
  const entries = QCBM_COMPONENT_NAMES.map((component) => {
    const own = app.components?.[component] ?? {};
    const here = overlay[component] ?? {};
    const replicas = here.replicas ?? own.replicas ?? app.replicas ?? 1;
    const tag = here.imageTag ?? own.imageTag ?? app.imageTag ?? QCBM_COMPONENTS[component].defaultImageTag;
    const settings: ComponentSettings = {
      replicas,
      image: { registry, component, tag },
      spread: isSpread(replicas),
    };
    return [component, settings] as const;
  });
  return Object.fromEntries(entries) as Record<QcbmComponentName, ComponentSettings>;
}

/** The app as the fleet writes it, before any cluster's differences: what the hub's templates carry. */
export function fleetAppSettings(fleet: Fleet): AppSettings {
  return appSettings(fleet.app);
}

/** What one cluster of the fleet runs: the app as written, with `fleet.differences.<cluster>.components`. */
export function clusterAppSettings(fleet: Fleet, clusterName: string): AppSettings {
  return appSettings(fleet.app, fleet.differences[clusterName]?.components);
}

/**
 * The components that need a PodDisruptionBudget somewhere: spread in at least one of the given clusters' settings,
 * in component order.
 */
export function spreadComponents(clusters: readonly AppSettings[]): QcbmComponentName[] {
  return QCBM_COMPONENT_NAMES.filter((c) => clusters.some((settings) => settings[c].spread));
}

/** One Deployment of the app: the component's name, in the app's namespace. */
export interface AppDeploymentName {
  readonly name: string;
  readonly namespace: string;
}

/** The app's Deployments, in component order: one per component, named after it, in `fleet.app.namespace`. */
export function appDeployments(fleet: Fleet): AppDeploymentName[] {
  return QCBM_COMPONENT_NAMES.map((name) => ({ name, namespace: fleet.app.namespace }));
}
