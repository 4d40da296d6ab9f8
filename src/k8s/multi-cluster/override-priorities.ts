import { OVERRIDE_PRIORITY } from '../../model/priorities';
import { ValidationError } from '../../model/validation-error';

/**
 * Priority arithmetic for generated overrides. Clusternet orders overrides of one kind for one object and
 * cluster by priority and breaks ties arbitrarily, so every override that can apply together must get its
 * own number, and numbers stay at or below 999 (the Dividing scheduler owns 1000).
 *
 * Scopes: fleet-wide Globalizations count up from the base per object; per-cluster Globalizations (used
 * where a cluster's hub namespace is unknown) sit in a band above them so they win, and count up per
 * cluster and object; Localizations count up from the base per cluster and object.
 */
const PER_CLUSTER_FIX =
  "give this cluster's differences of this object the same localizationName (they become overrides of one Localization), or lower 'basePriority'";

export class PriorityAllocator {
  private readonly used = new Map<string, number>();

  /** @param base a checked `basePriority` (1 to MAX_BASE_PRIORITY) */
  constructor(private readonly base: number) {}

  public forLocalization(cluster: string, objectKey: string): number {
    return this.take(
      `loc|${cluster}|${objectKey}`,
      this.base,
      OVERRIDE_PRIORITY.maxUser,
      objectKey,
      PER_CLUSTER_FIX,
    );
  }

  public forFleetGlobalization(objectKey: string): number {
    const ceiling = this.base + OVERRIDE_PRIORITY.perClusterBand - 1;
    return this.take(
      `glob|${objectKey}`,
      this.base,
      ceiling,
      objectKey,
      `combine the fleet-wide differences of this object into fewer ClusterDifferences (the band holds ${OVERRIDE_PRIORITY.perClusterBand}, whatever 'basePriority' is)`,
    );
  }

  public forClusterGlobalization(cluster: string, objectKey: string): number {
    return this.take(
      `cglob|${cluster}|${objectKey}`,
      this.base + OVERRIDE_PRIORITY.perClusterBand,
      OVERRIDE_PRIORITY.maxUser,
      objectKey,
      PER_CLUSTER_FIX,
    );
  }

  private take(scope: string, start: number, ceiling: number, objectKey: string, fix: string): number {
    const n = this.used.get(scope) ?? 0;
    const priority = start + n;
    if (priority > ceiling) {
      throw new ValidationError(`overrides of ${objectKey}`, [
        {
          path: 'priority',
          message: `would be ${priority}, past ${ceiling}: there are more overrides for one object than its priority band holds`,
          value: priority,
          fix,
        },
      ]);
    }
    this.used.set(scope, n + 1);
    return priority;
  }
}
