import { readFileSync } from 'fs';
import { GENERATED_SCHEMAS_FILE, generatedSchemas } from '../../../scripts/generate-schemas';
import { SCHEMA_DEFINITIONS, SCHEMA_KINDS } from '../../../src/k8s/validation/generated-schemas';

describe('the generated schemas', () => {
  test('are what `npm run generate:schemas` writes from the installed sources (regenerate after an upgrade)', () => {
    expect(readFileSync(GENERATED_SCHEMAS_FILE, 'utf8')).toBe(generatedSchemas());
  });

  test('cover the kinds QCBM and its neighbours render, and every definition they name exists', () => {
    expect(Object.keys(SCHEMA_KINDS)).toEqual(
      expect.arrayContaining([
        'v1/Namespace',
        'v1/ConfigMap',
        'v1/Secret',
        'v1/Service',
        'apps/v1/Deployment',
        'apps/v1/StatefulSet',
        'batch/v1/Job',
        'networking.k8s.io/v1/Ingress',
        'policy/v1/PodDisruptionBudget',
        'apps.clusternet.io/v1alpha1/Subscription',
        'apps.clusternet.io/v1alpha1/Localization',
        'apps.clusternet.io/v1alpha1/Globalization',
      ]),
    );
    const named = Object.values(SCHEMA_DEFINITIONS).flatMap((d) =>
      [...d.matchAll(/@(\w+)/g)].map((m) => m[1]),
    );
    const missing = [...new Set([...named, ...Object.values(SCHEMA_KINDS)])].filter(
      (n) => !SCHEMA_DEFINITIONS[n],
    );
    expect(missing).toEqual([]);
  });
});
