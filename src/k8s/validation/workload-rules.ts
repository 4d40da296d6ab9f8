import { isObject, type ObjectProblem, pointer } from './object-problem';
import { listAt, podSpecProblems, podTemplateProblems } from './pod-rules';
import { isEmptySelector, selectorMatches, selectorProblems } from './selector-rules';

const ALWAYS = ['Always'];
const JOB_RESTART = ['OnFailure', 'Never'];
const POD_RESTART = ['Always', 'OnFailure', 'Never'];

/** The workloads whose pods a selector picks from its own template, and what the template may restart with. */
const SELECTING: Readonly<Record<string, { readonly replicas: boolean }>> = {
  Deployment: { replicas: true },
  StatefulSet: { replicas: true },
  ReplicaSet: { replicas: true },
  DaemonSet: { replicas: false },
};

/**
 * What the API server checks of a workload beyond its schema: replicas 0 or more; a selector that selects
 * something and matches its own pod template's labels (Deployment, StatefulSet, ReplicaSet, DaemonSet; a Job's
 * when it sets manualSelector); Job counts 0 or more; and the pod template (`podTemplateProblems`).
 * @returns whether the kind is a workload
 */
export function workloadProblems(object: Record<string, unknown>, out: ObjectProblem[]): boolean {
  const kind = object.kind as string;
  const spec = isObject(object.spec) ? object.spec : undefined;
  if (kind === 'Pod') {
    if (spec) podSpecProblems(spec, '/spec', POD_RESTART, out);
    return true;
  }
  if (kind === 'CronJob') {
    const job = isObject(spec?.jobTemplate) ? spec.jobTemplate : undefined;
    if (job && isObject(job.spec)) jobProblems(job.spec, '/spec/jobTemplate/spec', out);
    return true;
  }
  if (kind === 'Job') {
    if (spec) jobProblems(spec, '/spec', out);
    return true;
  }
  const selecting = SELECTING[kind];
  if (!selecting) return false;
  if (!spec) return true;
  if (selecting.replicas) nonNegative(spec.replicas, '/spec/replicas', out, 'replicas');
  selectorOwnsTemplate(spec, '/spec', out);
  // A StatefulSet's claim templates are volumes of every pod it makes, named as the claims are.
  const claimed = listAt(spec, 'volumeClaimTemplates')
    .map((t) => (isObject(t.metadata) ? t.metadata.name : undefined))
    .filter((n): n is string => typeof n === 'string');
  podTemplateProblems(spec.template, '/spec/template', ALWAYS, out, claimed);
  return true;
}

function jobProblems(spec: Record<string, unknown>, path: string, out: ObjectProblem[]): void {
  for (const field of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds']) {
    nonNegative(spec[field], pointer(path, field), out, field);
  }
  if (spec.manualSelector === true) selectorOwnsTemplate(spec, path, out);
  podTemplateProblems(spec.template, pointer(path, 'template'), JOB_RESTART, out);
}

function selectorOwnsTemplate(spec: Record<string, unknown>, path: string, out: ObjectProblem[]): void {
  const at = pointer(path, 'selector');
  // A missing selector is the schema's to report (it is required wherever it must match the template).
  if (!isObject(spec.selector)) return;
  selectorProblems(spec.selector, at, out);
  if (isEmptySelector(spec.selector)) {
    out.push({
      path: at,
      message: 'must select something: an empty selector is refused',
      value: spec.selector,
      fix: "select the pod template's labels with matchLabels",
    });
    return;
  }
  const template = isObject(spec.template) ? spec.template : {};
  const labels = isObject(template.metadata) ? template.metadata.labels : undefined;
  if (!selectorMatches(spec.selector, labels)) {
    out.push({
      path: at,
      message: `does not match the labels of its pod template (${pointer(path, 'template')}/metadata/labels)`,
      value: spec.selector,
      fix: 'change the selector and the template labels together, or leave the selector as the app writes it',
    });
  }
}

/** A whole number below 0 (non-numbers are the schema's to refuse). */
export function nonNegative(value: unknown, path: string, out: ObjectProblem[], what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value >= 0) return;
  out.push({ path, message: `must be 0 or more`, value, fix: `set ${what} to 0 or a positive whole number` });
}
