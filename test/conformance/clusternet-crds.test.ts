import { App } from 'cdk8s';
import { join } from 'path';
import { addQcbmFleetCharts } from '../../src/k8s';
import type { Fleet } from '../../src/model';
import { crdsDirectory, type CrdValidator, loadCrdValidator } from '../support/crd-validator';
import { devFleet, loweredReplicasFleet, raisedReplicasFleet, wideFleet } from '../fixtures/fleets';

const CLUSTERNET = 'apps.clusternet.io/';

function clusternetObjects(fleet: Fleet): any[] {
  const charts = addQcbmFleetCharts(new App(), { fleet });
  return charts.distributionChart.toJson().filter((o: any) => o.apiVersion.startsWith(CLUSTERNET));
}

describe('Clusternet objects against the upstream CRD schemas', () => {
  let validator: CrdValidator;

  beforeAll(() => {
    // Throws, and so fails the suite, when ../shared/crds (or QCBM_CRDS_DIR) is missing.
    validator = loadCrdValidator(join(crdsDirectory(), 'clusternet'));
  });

  test('the schemas for every kind we emit are loaded', () => {
    expect(validator.kinds).toEqual(
      expect.arrayContaining([
        'apps.clusternet.io/v1alpha1/Subscription',
        'apps.clusternet.io/v1alpha1/Localization',
        'apps.clusternet.io/v1alpha1/Globalization',
      ]),
    );
  });

  test.each([
    ['dev (the TDCC guide)', devFleet],
    ['wide (every kind of difference)', wideFleet],
    ['raised replicas (a budget for one cluster)', raisedReplicasFleet],
    ['lowered replicas (a budget for all but one)', loweredReplicasFleet],
  ])('%s fleet: every Subscription, Localization and Globalization validates', (_name, fleet) => {
    const objects = clusternetObjects(fleet());
    const kinds = new Set(objects.map((o) => o.kind));
    expect(kinds.has('Subscription')).toBe(true);
    expect(kinds.has('Localization')).toBe(true);
    expect(objects.flatMap((o) => validator.errorsFor(o))).toEqual([]);
  });

  test('a budget some clusters lack gets its own Subscription, and it validates', () => {
    const subscriptions = clusternetObjects(raisedReplicasFleet()).filter((o) => o.kind === 'Subscription');
    // Besides the schema Jobs' own (one per database, each to its cluster alone).
    expect(
      subscriptions
        .map((o) => o.metadata.name)
        .filter((n: string) => !/^qcbm-schema-[0-9a-f]{10}-job-subscription$/.test(n)),
    ).toEqual(['qcbm-subscription', 'user-service-poddisruptionbudget-subscription']);
    expect(subscriptions.flatMap((o) => validator.errorsFor(o))).toEqual([]);
  });

  test('the wide fleet emits Globalizations too, and they validate', () => {
    const globalizations = clusternetObjects(wideFleet()).filter((o) => o.kind === 'Globalization');
    expect(globalizations.length).toBeGreaterThan(0);
    expect(globalizations.flatMap((o) => validator.errorsFor(o))).toEqual([]);
  });

  test('the validator rejects what the CRD rejects: priority out of range, unknown override type, unknown field', () => {
    const [localization] = clusternetObjects(devFleet()).filter((o) => o.kind === 'Localization');
    const bad = structuredClone(localization);
    bad.spec.priority = 2000;
    bad.spec.overrides[0].type = 'StrategicMergePatch';
    bad.spec.overidePolicy = 'ApplyNow';
    const errors = validator.errorsFor(bad).join('\n');
    expect(errors).toMatch(/priority must be <= 1000/);
    expect(errors).toMatch(/type must be equal to one of the allowed values/);
    expect(errors).toMatch(/must NOT have additional properties/);
  });

  test('a kind without a schema is an error, not a silent pass', () => {
    expect(() =>
      validator.errorsFor({ apiVersion: 'apps.clusternet.io/v1alpha1', kind: 'Nope', metadata: {} }),
    ).toThrow(/no CRD schema for apps.clusternet.io\/v1alpha1\/Nope/);
  });

  test('a missing schema folder fails loudly', () => {
    expect(() => loadCrdValidator('/nonexistent/crds')).toThrow(/CRD schemas not found.*QCBM_CRDS_DIR/);
  });
});
