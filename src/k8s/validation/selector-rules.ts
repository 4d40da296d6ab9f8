import { LABEL_KEY, LABEL_VALUE } from '../../model/formats';
import { formatProblem, labelProblems } from './metadata-rules';
import { isObject, type ObjectProblem, pointer } from './object-problem';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** What the API server checks of a label selector at `path`: its keys, values and requirements. */
export function selectorProblems(selector: unknown, path: string, out: ObjectProblem[]): void {
  if (!isObject(selector)) return;
  labelProblems(selector.matchLabels, pointer(path, 'matchLabels'), out);
  if (!Array.isArray(selector.matchExpressions)) return;
  selector.matchExpressions.forEach((e, i) => {
    const at = pointer(pointer(path, 'matchExpressions'), i);
    if (!isObject(e)) return;
    if (typeof e.key === 'string') formatProblem(LABEL_KEY, e.key, pointer(at, 'key'), out);
    const values = Array.isArray(e.values) ? e.values : [];
    if (!OPERATORS.includes(e.operator as string)) {
      out.push({
        path: pointer(at, 'operator'),
        message: `must be one of ${OPERATORS.join(', ')}`,
        value: e.operator,
        fix: `use one of ${OPERATORS.join(', ')}`,
      });
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      out.push({
        path: pointer(at, 'values'),
        message: `must not be empty with operator ${e.operator}`,
        fix: 'list the values, or use Exists / DoesNotExist',
      });
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      out.push({
        path: pointer(at, 'values'),
        message: `must be empty with operator ${e.operator}`,
        value: values,
        fix: 'remove the values, or use In / NotIn',
      });
    }
    values.forEach((v, j) => {
      if (typeof v === 'string') formatProblem(LABEL_VALUE, v, pointer(pointer(at, 'values'), j), out);
    });
  });
}

/** Whether the selector selects something: it has a label or a requirement. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isObject(selector)) return true;
  const labels = isObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + expressions === 0;
}

/** Whether a label selector selects an object with these labels, as the API server matches them. */
export function selectorMatches(selector: unknown, labels: unknown): boolean {
  if (!isObject(selector)) return false;
  const have = isObject(labels) ? labels : {};
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (have[key] !== value) return false;
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e) => {
    if (!isObject(e) || typeof e.key !== 'string') return false;
    const present = Object.prototype.hasOwnProperty.call(have, e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
        return present && values.includes(have[e.key]);
      case 'NotIn':
        return !present || !values.includes(have[e.key]);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
}
