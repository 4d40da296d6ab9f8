import {
  DNS1035_LABEL,
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  type Format,
  LABEL_KEY,
  LABEL_VALUE,
} from '../../model/formats';
import { isObject, type ObjectProblem, pointer } from './object-problem';

/** The API server's limit on all of an object's annotations together (keys and values), in bytes. */
export const ANNOTATIONS_LIMIT_BYTES = 256 * 1024;

/** Names that are path segments (RBAC): anything but "." and "..", without "/" or "%". */
const PATH_SEGMENT: Format = {
  test: (v) => v !== '' && v !== '.' && v !== '..' && !/[/%]/.test(v),
  rule: 'must be a path segment name: not "." or "..", without "/" or "%"',
  fix: 'use a name like "qcbm-reader"',
};

/** The format the API server requires of metadata.name, by kind; any other kind's name is a DNS-1123 subdomain. */
const NAME_FORMATS: Readonly<Record<string, Format>> = {
  Namespace: DNS1123_LABEL,
  Service: DNS1035_LABEL,
  Role: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
};

/** The format of a kind's metadata.name. */
export function nameFormatOf(kind: unknown): Format {
  return NAME_FORMATS[kind as string] ?? DNS1123_SUBDOMAIN;
}

/**
 * What the API server checks of every object's metadata, whatever its kind: a name in its kind's format (or a
 * generateName), a namespace that is a DNS-1123 label, and the labels and annotations (`metaProblems`).
 */
export function objectMetadataProblems(object: Record<string, unknown>, out: ObjectProblem[]): void {
  const meta = object.metadata;
  if (!isObject(meta)) {
    if (meta === undefined || meta === null) {
      out.push({ path: '/metadata', message: 'is required', fix: 'give the object metadata with a name' });
    }
    return;
  }
  if (meta.name === undefined || meta.name === null) {
    if (typeof meta.generateName !== 'string') {
      out.push({ path: '/metadata/name', message: 'is required', fix: 'give the object a name' });
    }
  } else if (typeof meta.name === 'string') {
    formatProblem(nameFormatOf(object.kind), meta.name, '/metadata/name', out);
  }
  if (typeof meta.namespace === 'string')
    formatProblem(DNS1123_LABEL, meta.namespace, '/metadata/namespace', out);
  metaProblems(meta, '/metadata', out);
}

/** Label keys and values, annotation keys and the annotations' total size of one ObjectMeta at `path`. */
export function metaProblems(meta: Record<string, unknown>, path: string, out: ObjectProblem[]): void {
  labelProblems(meta.labels, pointer(path, 'labels'), out);
  const annotations = meta.annotations;
  if (!isObject(annotations)) return;
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    formatProblem(LABEL_KEY, key, pointer(pointer(path, 'annotations'), key), out, true);
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (bytes > ANNOTATIONS_LIMIT_BYTES) {
    out.push({
      path: pointer(path, 'annotations'),
      message: `hold ${bytes} bytes, more than the API server's ${ANNOTATIONS_LIMIT_BYTES}`,
      fix: 'keep large data in a ConfigMap and reference it from the annotation',
    });
  }
}

/** The keys and values of a label map (metadata.labels, a selector's matchLabels, a Service's selector). */
export function labelProblems(labels: unknown, path: string, out: ObjectProblem[]): void {
  if (!isObject(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const at = pointer(path, key);
    formatProblem(LABEL_KEY, key, at, out, true);
    if (typeof value === 'string') formatProblem(LABEL_VALUE, value, at, out);
  }
}

/** A problem when `value` is not in `format`; `isKey` where the value is the key of the map entry at `path`. */
export function formatProblem(
  format: Format,
  value: string,
  path: string,
  out: ObjectProblem[],
  isKey = false,
): void {
  if (format.test(value)) return;
  out.push({ path, message: isKey ? `key ${format.rule}` : format.rule, value, fix: format.fix });
}
