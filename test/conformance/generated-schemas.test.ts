import { App } from 'cdk8s';
import { join } from 'path';
import { addQcbmFleetCharts } from '../../src/k8s';
import { ManifestValidator } from '../../src/k8s/validation/manifest-validator';
import type { Fleet } from '../../src/model';
import { crdsDirectory, type CrdValidator, loadCrdValidator } from '../support/crd-validator';
import { devFleet, loweredReplicasFleet, raisedReplicasFleet, wideFleet } from '../fixtures/fleets';

// The published package checks Clusternet's objects with schemas generated from src/k8s/imports (structure: fields,
// types, required fields, enums); the upstream CRDs also state ranges and formats. Here both judge the same objects.

function clusternetObjects(fleet: Fleet): any[] {
  const charts = addQcbmFleetCharts(new App(), { fleet });
  return charts.distributionChart.toJson().filter((o: any) => o.apiVersion.startsWith('apps.clusternet.io/'));
}

const ours = (o: unknown) => new ManifestValidator().issuesAt('hub', [o]);

describe('the generated Clusternet schemas agree with the upstream CRDs', () => {
  let crds: CrdValidator;
  beforeAll(() => {
    crds = loadCrdValidator(join(crdsDirectory(), 'clusternet'));
  });

  test.each([
    ['dev', devFleet],
    ['wide', wideFleet],
    ['raised replicas', raisedReplicasFleet],
    ['lowered replicas', loweredReplicasFleet],
  ])('%s fleet: both accept every Subscription, Localization and Globalization', (_name, fleet) => {
    const objects = clusternetObjects(fleet());
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Subscription', 'Localization']));
    expect(objects.flatMap((o) => crds.errorsFor(o))).toEqual([]);
    expect(objects.flatMap(ours)).toEqual([]);
  });

  test.each([
    ['an unknown field', (o: any) => (o.spec.overidePolicy = 'ApplyNow')],
    [
      'an override type the CRD does not list',
      (o: any) => (o.spec.overrides[0].type = 'StrategicMergePatch'),
    ],
    ['an override without its type', (o: any) => delete o.spec.overrides[0].type],
    ['a priority that is not a number', (o: any) => (o.spec.priority = 'high')],
    ['a feed without a kind', (o: any) => delete o.spec.feed.kind],
  ])('both refuse %s', (_label, change) => {
    const [localization] = clusternetObjects(wideFleet()).filter((o) => o.kind === 'Localization');
    change(localization);
    expect(crds.errorsFor(localization)).not.toEqual([]);
    expect(ours(localization)).not.toEqual([]);
  });

  test('a Subscription without subscribers is refused by both', () => {
    const [subscription] = clusternetObjects(devFleet()).filter((o) => o.kind === 'Subscription');
    delete subscription.spec.subscribers;
    expect(crds.errorsFor(subscription)).not.toEqual([]);
    expect(ours(subscription).map((i) => i.path)).toEqual([
      'hub, Subscription default/qcbm-subscription, /spec/subscribers',
    ]);
  });
});
