import type { Area, Fleet } from '../fleet-schema';
import { distanceKm } from './geography';
import { primaryCluster, type Site, sitesOf } from './sites';
import type { LineKey } from './topology-schema';

/** Where one DNS line's users are sent: tiers tried in order, and the pool of last resort. */
export interface LinePlan {
  readonly line: LineKey;
  /**
   * At most four tiers: the line's nearest active sites, the other active sites, the standby sites, the DR
   * sites. A tier serves while one of its sites is healthy (empty tiers are left out).
   */
  readonly tiers: readonly (readonly Site[])[];
  /** Returned when every tier is down: the site of the writable database. */
  readonly fallback: Site;
}

/** The lines a fleet's traffic layer publishes, the default line always among them. */
export function linesOf(fleet: Fleet): LineKey[] {
  const keys = Object.keys(fleet.traffic?.lines ?? {}) as LineKey[];
  return ['default', ...keys.filter((k) => k !== 'default')];
}

/**
 * The tiers of every line. A line's first tier is the active sites that serve its area (`clusters[].area`), or
 * failing that the nearest active sites; then the other active sites; standby and DR sites only after them.
 * The default line starts with every active site.
 */
export function trafficPlan(fleet: Fleet): LinePlan[] {
  const sites = sitesOf(fleet);
  const primary = primaryCluster(fleet);
  const fallback =
    sites.find((s) => s.cluster === primary) ?? sites.find((s) => s.role === 'active') ?? sites[0];
  const active = sites.filter((s) => s.role === 'active');
  const later = [sites.filter((s) => s.role === 'standby'), sites.filter((s) => s.role === 'dr')];
  return linesOf(fleet).map((line) => {
    const first = line === 'default' ? active : nearest(line, active);
    const rest = active.filter((s) => !first.includes(s));
    return { line, tiers: [first, rest, ...later].filter((t) => t.length > 0), fallback };
  });
}

/** The active sites that serve an area, or else the ones nearest to it (within 50 km of each other). */
function nearest(area: Area, active: readonly Site[]): Site[] {
  const home = active.filter((s) => s.cluster.area === area);
  if (home.length > 0 || active.length === 0) return home;
  const distances = active.map((s) => distanceKm(area, s.region));
  const min = Math.min(...distances);
  return active.filter((_, i) => distances[i] - min <= 50);
}

/** The tier that serves a line once every site of a region is lost, or undefined when none is left. */
export function servingAfterLoss(plan: LinePlan, lostRegion: string): readonly Site[] | undefined {
  return plan.tiers.map((t) => t.filter((s) => s.region !== lostRegion)).find((t) => t.length > 0);
}
