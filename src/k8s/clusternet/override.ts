import { applyJsonPatch, type JsonPatchOperation, type PatchResult } from '../patch/json-patch';
import { applyMergePatch } from '../patch/merge-patch';
import { cloneJson } from '../patch/json-value';

/** The override types this library generates and can check locally. */
export enum OverrideType {
  /** RFC 6902 operations. */
  JSON_PATCH = 'JSONPatch',
  /** RFC 7386 merge patch. */
  MERGE_PATCH = 'MergePatch',
}

/** When Clusternet applies a changed override. */
export enum OverridePolicy {
  /** Re-render every affected cluster as soon as the override changes. */
  APPLY_NOW = 'ApplyNow',
  /** Wait for the next change of the feed or Subscription (Clusternet's default; leaves clusters stale). */
  APPLY_LATER = 'ApplyLater',
}

export interface OverrideOptions {
  /**
   * The override's name, shown in Clusternet's events.
   * @default - "json-patch" or "merge-patch"
   */
  readonly name?: string;
}

/** One entry of a Localization's or Globalization's `overrides`. */
export class Override {
  /** RFC 6902 operations, e.g. `[{ op: 'replace', path: '/spec/replicas', value: 3 }]`. */
  public static jsonPatch(
    operations: readonly JsonPatchOperation[],
    options: OverrideOptions = {},
  ): Override {
    if (operations.length === 0) {
      throw new Error("Override.jsonPatch(): 'operations' is empty; give at least one operation");
    }
    const copy = cloneJson(operations) as JsonPatchOperation[];
    return new Override(options.name ?? 'json-patch', OverrideType.JSON_PATCH, copy);
  }

  /** An RFC 7386 merge patch, e.g. `{ metadata: { annotations: { a: 'b' } } }`; `null` deletes a key. */
  public static mergePatch(
    patch: Readonly<Record<string, unknown>>,
    options: OverrideOptions = {},
  ): Override {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw new Error("Override.mergePatch(): 'patch' must be an object");
    }
    return new Override(options.name ?? 'merge-patch', OverrideType.MERGE_PATCH, cloneJson(patch));
  }

  private constructor(
    public readonly name: string,
    public readonly type: OverrideType,
    private readonly content: unknown,
  ) {}

  /** The patch as data (a copy). */
  public get patch(): unknown {
    return cloneJson(this.content);
  }

  /**
   * Applies the override to a copy of `manifest` as the Clusternet hub does, with every leniency of the hub's
   * library it relies on.
   * @throws PatchApplyError when the hub would skip the override or block the cluster
   */
  public applyTo<T>(manifest: T): PatchResult<T> {
    return this.type === OverrideType.JSON_PATCH
      ? applyJsonPatch(manifest, this.content as JsonPatchOperation[])
      : applyMergePatch(manifest, this.content);
  }

  /** @internal */
  public _toKube(): { name: string; type: string; value: string } {
    // Clusternet reads `value` as YAML or JSON text; indented JSON is what the TDCC guide writes.
    return { name: this.name, type: this.type, value: JSON.stringify(this.content, null, 4) };
  }
}
