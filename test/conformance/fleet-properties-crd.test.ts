import fc from 'fast-check';
import { join } from 'path';
import { synthesizeFleet } from '../../src/k8s/fleet/synthesize-fleet';
import { parseFleet } from '../../src/model/parse-fleet';
import { crdsDirectory, type CrdValidator, loadCrdValidator } from '../support/crd-validator';
import { validFleet } from '../support/fleet-arbitraries';

const RUNS = 60;

describe('random valid fleets against the upstream Clusternet CRD schemas', () => {
  let validator: CrdValidator;
  beforeAll(() => {
    validator = loadCrdValidator(join(crdsDirectory(), 'clusternet'));
  });

  test(`every Subscription, Localization and Globalization validates (${RUNS} fleets)`, () => {
    let objects = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(validFleet(), (input) => {
        const distribution = synthesizeFleet(parseFleet(input)).hubDistribution;
        for (const o of distribution) {
          objects++;
          kinds.add(o.kind);
          expect([o.kind, o.metadata?.name, validator.errorsFor(o)]).toEqual([o.kind, o.metadata?.name, []]);
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    // Random fleets include clusters without a hub namespace, so all three kinds were checked.
    expect([...kinds].sort()).toEqual(['Globalization', 'Localization', 'Subscription']);
    console.log(`CRD property: ${RUNS} fleets, ${objects} Clusternet objects validated`);
  });
});
