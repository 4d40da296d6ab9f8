import { autoscalerProblems, dataProblems, disruptionBudgetProblems } from './data-rules';
import { objectMetadataProblems } from './metadata-rules';
import { isObject, type ObjectProblem } from './object-problem';
import { metadataSchemaProblems, schemaProblems } from './schema-check';
import { ingressProblems, serviceProblems } from './service-rules';
import { workloadProblems } from './workload-rules';

/**
 * Everything the API server would refuse in one object, each at its JSON pointer: what its kind's schema
 * refuses (`schemaProblems`; for a kind without a schema here, what the ObjectMeta schema refuses in its
 * metadata), then the rules it adds that no schema carries: names, label and annotation keys and values, replicas,
 * ports, selectors and the kinds' own rules. A problem of the schema is not reported again by a rule.
 */
export function objectProblems(object: unknown): ObjectProblem[] {
  if (!isObject(object)) {
    return [
      {
        path: '',
        message: 'must be a Kubernetes object',
        value: object,
        fix: 'give an object with apiVersion, kind and metadata',
      },
    ];
  }
  const out: ObjectProblem[] = [];
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || object[field] === '') {
      out.push({
        path: `/${field}`,
        message: 'is required',
        value: object[field],
        fix: `give the object its ${field}`,
      });
    }
  }
  out.push(...(schemaProblems(object) ?? metadataSchemaProblems(object)));
  objectMetadataProblems(object, out);
  if (workloadProblems(object, out)) return out;
  const spec = isObject(object.spec) ? object.spec : undefined;
  switch (object.kind) {
    case 'ConfigMap':
    case 'Secret':
      dataProblems(object, out);
      break;
    case 'Service':
      if (spec) serviceProblems(spec, out);
      break;
    case 'Ingress':
      if (spec) ingressProblems(spec, out);
      break;
    case 'PodDisruptionBudget':
      if (spec) disruptionBudgetProblems(spec, out);
      break;
    case 'HorizontalPodAutoscaler':
      if (spec) autoscalerProblems(spec, out);
      break;
  }
  return out;
}
