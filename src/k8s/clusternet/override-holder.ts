import { type ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { z } from 'zod';
import * as field from '../../model/fields';
import { parseInput } from '../../model/parse-input';
import { OVERRIDE_PRIORITY, overridePriority } from '../../model/priorities';
import type { Feed } from './feed';
import { type Override, OverridePolicy } from './override';

/** Properties for `OverrideHolder`: what `Localization` and `Globalization` have in common. */
export interface OverrideHolderProps {
  /** metadata.name. */
  readonly name: string;
  /** The object the overrides apply to. */
  readonly feed: Feed;
  /**
   * Applied in order; later ones win. At least one is needed, here or through `addOverride()`.
   * @default - none yet
   */
  readonly overrides?: readonly Override[];
  /**
   * Order among overrides of the same kind for the same object: lower first, so higher wins. Integer 1..1000:
   * 0 is lost on the hub (the field is omitted and defaults to 500), and Clusternet's Dividing scheduler writes
   * its own Localizations at 1000, so stay at or below 999.
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

/** The plain-data props every holder checks; subclasses extend it with their own fields. */
export const overrideHolderPropsSchema = z.object({
  name: field.dnsSubdomain,
  priority: overridePriority.optional(),
  overridePolicy: z.enum(OverridePolicy).optional(),
});

/**
 * The primitive values each field of a props schema accepted, by schema. The schemas are plain objects of
 * independent fields: props whose every field holds a value accepted before pass, and a fleet's thousands of
 * holders (one per cluster and object) are not each run through zod.
 */
const acceptedValues = new WeakMap<z.ZodObject, Map<string, Set<unknown>>>();

/** What a holder's constructor checks of its props, named as it names them (`Localization 'Id'`). @internal */
export function checkHolderProps(
  kind: string,
  id: string,
  props: OverrideHolderProps,
  propsSchema: z.ZodObject = overrideHolderPropsSchema,
): void {
  const fields = Object.keys(propsSchema.shape);
  const value = (field: string) => (props as unknown as Record<string, unknown>)[field];
  const accepted = acceptedValues.get(propsSchema) ?? new Map<string, Set<unknown>>();
  if (fields.every((f) => accepted.get(f)?.has(value(f)))) return;
  parseInput(propsSchema, props, `${kind} '${id}'`, 'props');
  acceptedValues.set(propsSchema, accepted);
  for (const f of fields) {
    const v = value(f);
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) continue;
    const values = accepted.get(f) ?? new Set<unknown>();
    accepted.set(f, values.add(v));
  }
}

/**
 * What Localization and Globalization share: a feed, a priority, an ordered list of overrides, and how a
 * cluster's copy of the object is computed from them. The L1 object is built lazily, at synth time, so
 * overrides added later are included.
 */
export abstract class OverrideHolder extends Construct {
  public readonly name: string;
  public readonly feed: Feed;
  public readonly priority: number;
  public readonly overridePolicy: OverridePolicy;
  /** The generated L1 object (the `defaultChild`). */
  protected abstract readonly apiObject: ApiObject;
  private readonly entries: (Override | (() => Override))[];

  protected constructor(
    scope: Construct,
    id: string,
    props: OverrideHolderProps,
    propsSchema: z.ZodObject = overrideHolderPropsSchema,
  ) {
    super(scope, id);
    checkHolderProps(new.target.name, id, props, propsSchema);
    this.name = props.name;
    this.feed = props.feed;
    this.priority = props.priority ?? OVERRIDE_PRIORITY.default;
    this.overridePolicy = props.overridePolicy ?? OverridePolicy.APPLY_NOW;
    this.entries = [...(props.overrides ?? [])];
    this.node.addValidation({
      validate: () =>
        this.entries.length === 0
          ? ['has no overrides; add one with addOverride() or remove the object']
          : [],
    });
  }

  /** `Localization clusternet-bbg66/qcbm-config-override`, for messages. */
  public abstract get displayName(): string;

  /** The overrides in the order they apply. */
  public get overrides(): readonly Override[] {
    return this.entries.map((e) => (typeof e === 'function' ? e() : e));
  }

  /** Adds an override after the existing ones and returns it. */
  public addOverride(override: Override): Override {
    this.entries.push(override);
    return override;
  }

  /**
   * Adds an override built when the holder is synthesized or rendered, from the target object as it is then.
   * @internal
   */
  public _addOverrideBuilder(build: () => Override): void {
    this.entries.push(build);
  }

  /** How many overrides were added, for caches that must notice a change. @internal */
  public get _entryCount(): number {
    return this.entries.length;
  }

  /**
   * Applies the overrides, in order, to a copy of the manifest, as the hub does.
   * @throws PatchApplyError when the hub would skip an override or block the cluster
   */
  public applyTo<T>(manifest: T): T {
    return this.overrides.reduce((doc, o) => o.applyTo(doc).doc, manifest);
  }

  /** The spec fields shared by both kinds, for the L1 object. */
  protected specLazy(extra: () => Record<string, unknown> = () => ({})) {
    return Lazy.any({
      produce: () => ({
        feed: this.feed._toKube(),
        overridePolicy: this.overridePolicy,
        priority: this.priority,
        overrides: this.overrides.map((o) => o._toKube()),
        ...extra(),
      }),
    });
  }
}
