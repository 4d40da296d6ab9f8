import type { ValidationIssue } from '../../model/validation-error';

/** Every cluster's manifests, with what stops them from being deployed and what only warns. */
export interface Rendering {
  readonly manifests: Map<string, unknown[]>;
  readonly issues: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

/** What validation found: every problem, and the manifests and warnings when the clusters could be rendered. */
export interface Validation {
  readonly issues: ValidationIssue[];
  readonly manifests?: ReadonlyMap<string, unknown[]>;
  readonly warnings?: readonly ValidationIssue[];
}

/**
 * The render is a function of the clusters, the overrides and the base manifests, and nothing else.
 * @param stateKey what changed through the MultiClusterApp (clusters, overrides, distribution), cheaply
 */
export function renderFingerprint(stateKey: string, baseManifests: ReadonlyMap<string, unknown>): string {
  return stateKey + JSON.stringify([...baseManifests]);
}

/**
 * What the last validation rendered, with the fingerprint of everything it depended on. cdk8s validates the whole
 * app again for every chart it synthesizes; with this, each cluster is rendered once per synth.
 */
export class RenderCache {
  private last: (Rendering & { readonly fingerprint: string; readonly served: Set<string> }) | undefined;
  /** Inside `holding`: the first validation's result, once there is one. */
  private session: { held?: Validation } | undefined;

  /**
   * Runs `work`, which changes nothing the rendering depends on: the first validation inside is kept and every
   * later one inside is given it, with no fingerprint computed.
   */
  public holding<T>(work: () => T): T {
    if (this.session) return work();
    this.session = {};
    try {
      return work();
    } finally {
      this.session = undefined;
    }
  }

  /** `validate()`, once per `holding` (every time outside it). */
  public validation(validate: () => Validation): Validation {
    if (!this.session) return validate();
    this.session.held ??= validate();
    return this.session.held;
  }

  /** The warnings of the validation kept by `holding`, while it runs and has validated. */
  public get heldWarnings(): readonly ValidationIssue[] | undefined {
    return this.session?.held?.warnings;
  }

  /**
   * The kept rendering when it has this fingerprint, for a new validation (each cluster may be served once more);
   * otherwise it is forgotten and undefined is returned.
   */
  public revalidate(fingerprint: string): Rendering | undefined {
    if (this.last?.fingerprint !== fingerprint) {
      this.last = undefined;
      return undefined;
    }
    this.last.served.clear();
    return this.last;
  }

  /** Keeps a rendering that has no issues for the synth that follows. */
  public keep(rendering: Rendering, fingerprint: string): void {
    if (rendering.issues.length === 0) this.last = { ...rendering, fingerprint, served: new Set() };
  }

  /** The warnings of the kept rendering, while it has this fingerprint. */
  public warnings(fingerprint: string): readonly ValidationIssue[] | undefined {
    return this.last?.fingerprint === fingerprint ? this.last.warnings : undefined;
  }

  /**
   * One cluster's kept manifests for a chart being synthesized: served once per validation, and only while nothing
   * changed since (`stateKey` still begins the fingerprint); otherwise undefined.
   */
  public serve(clusterName: string, stateKey: string): unknown[] | undefined {
    const last = this.last;
    const rendered = last?.manifests.get(clusterName);
    if (
      !last ||
      rendered === undefined ||
      last.served.has(clusterName) ||
      !last.fingerprint.startsWith(stateKey)
    ) {
      return undefined;
    }
    last.served.add(clusterName);
    return rendered;
  }
}
