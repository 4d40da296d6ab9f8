import type { Feed } from './feed';
import { type Override, OverridePolicy } from './override';

/** What Localization and Globalization have in common. */
export interface OverrideSpecProps {
  /** The object the overrides apply to. */
  readonly feed: Feed;
  /** Applied in order; later ones win. At least one is needed, here or through `addOverride()`. */
  readonly overrides?: readonly Override[];
  /**
   * Order among overrides of the same kind for the same object: lower first, so higher wins. Integer 0..1000.
   * Clusternet's Dividing scheduler writes its own Localizations at 1000, so stay at or below 999.
   * @default 500
   */
  readonly priority?: number;
  /**
   * When a change is applied. Clusternet defaults to ApplyLater, which leaves clusters stale until the
   * feed changes; this library defaults to ApplyNow.
   * @default OverridePolicy.APPLY_NOW
   */
  readonly overridePolicy?: OverridePolicy;
}

export const DEFAULT_PRIORITY = 500;
export const MAX_PRIORITY = 1000;

/** Shared state and checks of Localization and Globalization. */
export class OverrideSpec {
  public readonly feed: Feed;
  public readonly priority: number;
  public readonly overridePolicy: OverridePolicy;
  private readonly list: Override[];

  constructor(owner: string, props: OverrideSpecProps) {
    const priority = props.priority ?? DEFAULT_PRIORITY;
    if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
      throw new Error(
        `${owner}: 'priority' (${priority}) must be an integer from 0 to ${MAX_PRIORITY}; use 999 or less for your own overrides`,
      );
    }
    this.feed = props.feed;
    this.priority = priority;
    this.overridePolicy = props.overridePolicy ?? OverridePolicy.APPLY_NOW;
    this.list = [...(props.overrides ?? [])];
  }

  public add(override: Override): void {
    this.list.push(override);
  }

  public get overrides(): readonly Override[] {
    return [...this.list];
  }

  /** Errors for the deferred (synth-time) validation. */
  public validate(): string[] {
    return this.list.length === 0
      ? ['has no overrides; add one with addOverride() or remove the object']
      : [];
  }

  /** Applies every override in order to a copy of the manifest. */
  public applyTo<T>(manifest: T): T {
    return this.list.reduce((doc, o) => o.applyTo(doc), manifest);
  }

  public toKube() {
    return {
      feed: this.feed._toKube(),
      overridePolicy: this.overridePolicy,
      priority: this.priority,
      overrides: this.list.map((o) => o._toKube()),
    };
  }
}
