import { CONFIG_KEY } from '../../model/formats';
import { formatProblem } from './metadata-rules';
import { isObject, type ObjectProblem, pointer } from './object-problem';
import { selectorProblems } from './selector-rules';

/** The API server's limit on a ConfigMap's or Secret's data, in bytes. */
export const DATA_LIMIT_BYTES = 1024 * 1024;

const DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
};

/**
 * What the API server checks of a ConfigMap's or a Secret's data beyond its schema: every key a data key, no key
 * twice (ConfigMap data and binaryData), at most 1 MiB in all.
 */
export function dataProblems(object: Record<string, unknown>, out: ObjectProblem[]): void {
  const fields = DATA_FIELDS[object.kind as string] ?? [];
  const seen = new Set<string>();
  let bytes = 0;
  for (const field of fields) {
    const data = object[field];
    if (!isObject(data)) continue;
    for (const [key, value] of Object.entries(data)) {
      const at = pointer(`/${field}`, key);
      formatProblem(CONFIG_KEY, key, at, out, true);
      if (object.kind === 'ConfigMap' && seen.has(key)) {
        out.push({
          path: at,
          message: 'is a key of data and of binaryData',
          value: key,
          fix: 'keep the key in one of them',
        });
      }
      seen.add(key);
      if (typeof value === 'string') bytes += Buffer.byteLength(key) + value.length;
    }
  }
  if (bytes > DATA_LIMIT_BYTES) {
    out.push({
      path: '',
      message: `holds ${bytes} bytes of data, more than the API server's ${DATA_LIMIT_BYTES}`,
      fix: 'split the data into several objects, or mount it from a volume',
    });
  }
}

const PERCENT = /^[0-9]+%$/;

/**
 * What the API server checks of a PodDisruptionBudget beyond its schema: minAvailable or maxUnavailable (not both),
 * each 0 or more or a percentage, and its selector.
 */
export function disruptionBudgetProblems(spec: Record<string, unknown>, out: ObjectProblem[]): void {
  const set = (['minAvailable', 'maxUnavailable'] as const).filter(
    (f) => spec[f] !== undefined && spec[f] !== null,
  );
  for (const field of set) {
    const value = spec[field];
    const ok = typeof value === 'number' ? value >= 0 : typeof value === 'string' && PERCENT.test(value);
    if (!ok) {
      out.push({
        path: `/spec/${field}`,
        message: 'must be 0 or more, or a percentage like "50%"',
        value,
        fix: 'write a whole number of pods or a percentage',
      });
    }
  }
  if (set.length === 2) {
    out.push({
      path: '/spec/maxUnavailable',
      message: 'cannot be set together with minAvailable',
      value: spec.maxUnavailable,
      fix: 'keep one of minAvailable and maxUnavailable',
    });
  }
  selectorProblems(spec.selector, '/spec/selector', out);
}

/** A HorizontalPodAutoscaler's bounds: minReplicas 1 or more, maxReplicas at least minReplicas. */
export function autoscalerProblems(spec: Record<string, unknown>, out: ObjectProblem[]): void {
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (min < 1) {
    out.push({
      path: '/spec/minReplicas',
      message: 'must be 1 or more',
      value: spec.minReplicas,
      fix: 'set minReplicas to 1 or more',
    });
  }
  if (typeof spec.maxReplicas === 'number' && spec.maxReplicas < Math.max(min, 1)) {
    out.push({
      path: '/spec/maxReplicas',
      message: 'must be at least minReplicas and 1 or more',
      value: spec.maxReplicas,
      fix: 'raise maxReplicas, or lower minReplicas',
    });
  }
}
