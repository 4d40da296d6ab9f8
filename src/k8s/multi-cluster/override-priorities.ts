/**
 * Priority arithmetic for generated overrides. Clusternet orders overrides of one kind for one object and
 * cluster by priority and breaks ties arbitrarily, so every override that can apply together must get its
 * own number, and numbers stay at or below 999 (the Dividing scheduler owns 1000).
 *
 * Scopes: fleet-wide Globalizations count up from the base per object; per-cluster Globalizations (used
 * where a cluster's hub namespace is unknown) sit in a band above them so they win, and count up per
 * cluster and object; Localizations count up from the base per cluster and object.
 */
export const MAX_GENERATED_PRIORITY = 999;
/** How many fleet-wide Globalizations one object can have before they would reach the per-cluster band. */
export const PER_CLUSTER_GLOBALIZATION_OFFSET = 100;

export class PriorityAllocator {
  private readonly used = new Map<string, number>();

  constructor(private readonly base: number) {
    if (
      !Number.isInteger(base) ||
      base < 0 ||
      base + PER_CLUSTER_GLOBALIZATION_OFFSET > MAX_GENERATED_PRIORITY
    ) {
      throw new Error(
        `'basePriority' (${base}) must be an integer from 0 to ${MAX_GENERATED_PRIORITY - PER_CLUSTER_GLOBALIZATION_OFFSET}, leaving room for the per-cluster band above it`,
      );
    }
  }

  public forLocalization(cluster: string, objectKey: string): number {
    return this.take(`loc|${cluster}|${objectKey}`, this.base, MAX_GENERATED_PRIORITY, objectKey);
  }

  public forFleetGlobalization(objectKey: string): number {
    const ceiling = this.base + PER_CLUSTER_GLOBALIZATION_OFFSET - 1;
    return this.take(`glob|${objectKey}`, this.base, ceiling, objectKey);
  }

  public forClusterGlobalization(cluster: string, objectKey: string): number {
    return this.take(
      `cglob|${cluster}|${objectKey}`,
      this.base + PER_CLUSTER_GLOBALIZATION_OFFSET,
      MAX_GENERATED_PRIORITY,
      objectKey,
    );
  }

  private take(scope: string, start: number, ceiling: number, objectKey: string): number {
    const n = this.used.get(scope) ?? 0;
    const priority = start + n;
    if (priority > ceiling) {
      throw new Error(
        `too many overrides for ${objectKey}: priority ${priority} would pass ${ceiling}; merge overrides that target the same object or lower 'basePriority'`,
      );
    }
    this.used.set(scope, n + 1);
    return priority;
  }
}
