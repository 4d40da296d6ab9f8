import type { ApiObject } from 'cdk8s';
import { replicas as replicasField } from '../../model/fields';
import { parseInput } from '../../model/parse-input';
import { isRecord } from '../../model/raw';
import { Feed } from '../clusternet/feed';
import { Override } from '../clusternet/override';
import type { JsonPatchOperation } from '../patch/json-patch';
import { escapePointerToken } from '../patch/json-pointer';

export interface DifferenceOptions {
  /**
   * The name of the override entry, shown in Clusternet's events.
   * @default - named after the factory: "data-override", "image-override", "replicas-override", ...
   */
  readonly overrideName?: string;
  /**
   * The Localization that carries it. Differences for the same object and cluster with the same
   * Localization name share one Localization.
   * @default - `<object name>-<kind>-override`, e.g. "api-gateway-service-override"
   */
  readonly localizationName?: string;
}

export interface ImageDifferenceOptions extends DifferenceOptions {
  /**
   * The container whose image changes.
   * @default - the pod's first container
   */
  readonly container?: string;
}

/** Builds the override from the target object as it is when the override is needed. */
type OverrideBuilder = (target: unknown) => Override;

/**
 * One way a cluster differs from the app as written: an endpoint, an image, a replica count, a pod affinity, an
 * annotation or a raw patch. Each becomes one override entry in a Localization (or, where the cluster's
 * hub namespace is unknown, a Globalization selecting that cluster).
 */
export class ClusterDifference {
  /** Sets ConfigMap or Secret `data` keys: `replace` for keys the object has, `add` for new ones. */
  public static data(
    target: ApiObject,
    data: Readonly<Record<string, string>>,
    options: DifferenceOptions = {},
  ) {
    return new ClusterDifference(Feed.of(target), options, 'data-override', (doc) => {
      const existing = isRecord(doc) && isRecord(doc.data) ? doc.data : {};
      const ops: JsonPatchOperation[] = Object.entries(data).map(([key, value]) => ({
        op: key in existing ? 'replace' : 'add',
        path: `/data/${escapePointerToken(key)}`,
        value,
      }));
      return Override.jsonPatch(ops, { name: options.overrideName ?? 'data-override' });
    });
  }

  /** Sets annotations on the object (a merge patch, so it works whether or not it has annotations). */
  public static annotations(
    target: ApiObject,
    annotations: Readonly<Record<string, string>>,
    options: DifferenceOptions = {},
  ) {
    const name = options.overrideName ?? 'annotations-override';
    return new ClusterDifference(Feed.of(target), options, name, () =>
      Override.mergePatch({ metadata: { annotations: { ...annotations } } }, { name }),
    );
  }

  /** Sets annotations on a workload's pod template (a merge patch): its pods are replaced in this cluster. */
  public static podAnnotations(
    target: ApiObject,
    annotations: Readonly<Record<string, string>>,
    options: DifferenceOptions = {},
  ) {
    if (!WORKLOAD_KINDS.includes(target.kind)) {
      throw new Error(
        `ClusterDifference.podAnnotations(): ${target.kind} ${target.name} has no pod template; use one of ${WORKLOAD_KINDS.join(', ')}`,
      );
    }
    const name = options.overrideName ?? 'pod-annotations-override';
    const patch = { spec: { template: { metadata: { annotations: { ...annotations } } } } };
    return new ClusterDifference(Feed.of(target), options, name, () => Override.mergePatch(patch, { name }));
  }

  /**
   * Sets one annotation: `replace` where the object has it (as the TDCC guide's api-gateway subnet override
   * does), `add` where it does not, so the hub never has to rely on a leniency.
   */
  public static replaceAnnotation(
    target: ApiObject,
    key: string,
    value: string,
    options: DifferenceOptions = {},
  ) {
    const name = options.overrideName ?? 'annotation-override';
    return new ClusterDifference(Feed.of(target), options, name, (doc) => {
      const annotations = memberOf(memberOf(doc, 'metadata'), 'annotations');
      const op: JsonPatchOperation = !isRecord(annotations)
        ? { op: 'add', path: '/metadata/annotations', value: { [key]: value } }
        : {
            op: key in annotations ? 'replace' : 'add',
            path: `/metadata/annotations/${escapePointerToken(key)}`,
            value,
          };
      return Override.jsonPatch([op], { name });
    });
  }

  /** Runs a different image in a workload (Deployment, StatefulSet, DaemonSet): a gray update in one cluster. */
  public static image(target: ApiObject, image: string, options: ImageDifferenceOptions = {}) {
    const name = options.overrideName ?? 'image-override';
    return new ClusterDifference(Feed.of(target), options, name, (doc) => {
      const index = containerIndex(podContainers(doc, target), options.container, target);
      return Override.jsonPatch(
        [{ op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: image }],
        { name },
      );
    });
  }

  /** Keeps the image repository and changes only its tag (a digest, if any, goes too). */
  public static imageTag(target: ApiObject, tag: string, options: ImageDifferenceOptions = {}) {
    const name = options.overrideName ?? 'image-override';
    return new ClusterDifference(Feed.of(target), options, name, (doc) => {
      const containers = podContainers(doc, target);
      const index = containerIndex(containers, options.container, target);
      const repository = imageRepository(String(containers[index].image));
      return Override.jsonPatch(
        [
          {
            op: 'replace',
            path: `/spec/template/spec/containers/${index}/image`,
            value: `${repository}:${tag}`,
          },
        ],
        { name },
      );
    });
  }

  /**
   * Gives a workload's pods another affinity in this cluster (`add` where they have none, else `replace`), or
   * none (`undefined`: `remove`).
   */
  public static affinity(
    target: ApiObject,
    affinity: Readonly<Record<string, unknown>> | undefined,
    options: DifferenceOptions = {},
  ) {
    const name = options.overrideName ?? 'affinity-override';
    return new ClusterDifference(Feed.of(target), options, name, (doc) => {
      podContainers(doc, target);
      const podSpec = memberOf(memberOf(memberOf(doc, 'spec'), 'template'), 'spec') as Record<
        string,
        unknown
      >;
      const path = '/spec/template/spec/affinity';
      if (affinity !== undefined) {
        return Override.jsonPatch(
          [{ op: 'affinity' in podSpec ? 'replace' : 'add', path, value: affinity }],
          {
            name,
          },
        );
      }
      if (!('affinity' in podSpec)) {
        throw new Error(
          `ClusterDifference.affinity(): ${target.kind} ${target.name} has no affinity to remove`,
        );
      }
      return Override.jsonPatch([{ op: 'remove', path }], { name });
    });
  }

  /** Runs a different number of replicas of a workload in this cluster (`add` where it sets none). */
  public static replicas(target: ApiObject, replicas: number, options: DifferenceOptions = {}) {
    parseInput(replicasField, replicas, 'ClusterDifference.replicas()', 'replicas');
    const name = options.overrideName ?? 'replicas-override';
    return new ClusterDifference(Feed.of(target), options, name, (doc) => {
      const spec = memberOf(doc, 'spec');
      if (!isRecord(spec)) {
        throw new Error(
          `ClusterDifference.replicas(): ${target.kind} ${target.name} has no spec; replicas apply to workloads`,
        );
      }
      const op = 'replicas' in spec ? 'replace' : 'add';
      return Override.jsonPatch([{ op, path: '/spec/replicas', value: replicas }], { name });
    });
  }

  /** Raw RFC 6902 operations, checked against the target at synth time. */
  public static jsonPatch(
    target: ApiObject,
    operations: readonly JsonPatchOperation[],
    options: DifferenceOptions = {},
  ) {
    const name = options.overrideName ?? 'json-patch';
    return new ClusterDifference(Feed.of(target), options, name, () =>
      Override.jsonPatch(operations, { name }),
    );
  }

  /** A raw RFC 7386 merge patch. */
  public static mergePatch(
    target: ApiObject,
    patch: Readonly<Record<string, unknown>>,
    options: DifferenceOptions = {},
  ) {
    const name = options.overrideName ?? 'merge-patch';
    return new ClusterDifference(Feed.of(target), options, name, () => Override.mergePatch(patch, { name }));
  }

  /** The Localization (or per-cluster Globalization) this difference goes into. */
  public readonly localizationName: string;

  private constructor(
    /** The object the difference applies to. */
    public readonly feed: Feed,
    options: DifferenceOptions,
    /** The override entry's name. */
    public readonly overrideName: string,
    private readonly build: OverrideBuilder,
  ) {
    const { kind, name } = feed.reference;
    this.localizationName = options.localizationName ?? `${name}-${kind.toLowerCase()}-override`;
  }

  /**
   * Builds the override entry, reading the target object where the patch depends on it. The builders only read
   * `target`: one JSON of an object can serve every difference aimed at it while the object does not change.
   * @param target the target object's JSON @default - the target object as it is now (made only for a builder
   * that reads it)
   * @internal
   */
  public _toOverride(target?: unknown): Override {
    const reads = this.build.length > 0;
    return this.build(target === undefined && reads ? this.feed.apiObject?.toJson() : target);
  }
}

/** The kinds with a pod template at `spec.template`. */
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

function memberOf(doc: unknown, key: string): unknown {
  return isRecord(doc) ? doc[key] : undefined;
}

/** An image reference without its tag or digest: `registry:5000/shop/web:1.0` gives `registry:5000/shop/web`. */
function imageRepository(image: string): string {
  const digest = image.indexOf('@');
  const named = digest < 0 ? image : image.slice(0, digest);
  const colon = named.lastIndexOf(':');
  return colon > named.lastIndexOf('/') ? named.slice(0, colon) : named;
}

interface ContainerLike {
  readonly name?: unknown;
  readonly image?: unknown;
}

/** The containers of a workload's pod template (`spec.template.spec.containers`). */
function podContainers(doc: unknown, target: ApiObject): ContainerLike[] {
  const spec = isRecord(doc) && isRecord(doc.spec) ? doc.spec : undefined;
  const template = spec && isRecord(spec.template) ? spec.template : undefined;
  const podSpec = template && isRecord(template.spec) ? template.spec : undefined;
  const containers = podSpec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    throw new Error(
      `ClusterDifference: ${target.kind} ${target.name} has no pod template containers; image and affinity differences apply to workloads`,
    );
  }
  return containers.filter(isRecord);
}

function containerIndex(
  containers: ContainerLike[],
  container: string | undefined,
  target: ApiObject,
): number {
  if (container === undefined) return 0;
  const index = containers.findIndex((c) => c.name === container);
  if (index < 0) {
    throw new Error(
      `ClusterDifference: ${target.kind} ${target.name} has no container '${container}'; use one of ${containers.map((c) => `'${String(c.name)}'`).join(', ')}`,
    );
  }
  return index;
}
