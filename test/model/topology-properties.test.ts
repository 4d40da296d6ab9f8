import fc from 'fast-check';
import { AREAS, dataPlan, servingAfterLoss, trafficPlan } from '../../src/model';
import { drFleetInput, site, type SiteSpec } from '../support/dr-fleets';
import { parseFleetResult } from '../support/fleet-issues';

/** Regions with the zones the generator may use (two for the regions that can hold centres A and B). */
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  'ap-beijing': ['ap-beijing-6', 'ap-beijing-7'],
  'ap-shanghai': ['ap-shanghai-5', 'ap-shanghai-4'],
  'ap-guangzhou': ['ap-guangzhou-3', 'ap-guangzhou-6'],
  'ap-chengdu': ['ap-chengdu-1', 'ap-chengdu-2'],
  'ap-nanjing': ['ap-nanjing-1', 'ap-nanjing-2'],
};
const REGION_IDS = Object.keys(REGIONS);

const lines = fc
  .subarray([...AREAS], { maxLength: 4 })
  .map((areas) => Object.fromEntries([['default', 1], ...areas.map((a, i) => [a, 100 + i])]));

/** Which sites have a managed MySQL: the generator leaves some without, so validation decides what is valid. */
const managed = fc.array(fc.boolean(), { minLength: 5, maxLength: 5 });

const activeActive = fc
  .tuple(fc.shuffledSubarray(REGION_IDS, { minLength: 2, maxLength: 5 }), lines, managed)
  .map(([regions, l, m]) =>
    drFleetInput(
      'active-active',
      regions.map((r, i) => site(`site-${i}`, r, REGIONS[r][0], { managedMysql: i === 0 || m[i] })),
      { lines: l, rtoSeconds: 200 },
    ),
  );

const twoSitesThreeCentres = fc
  .tuple(
    fc.shuffledSubarray(REGION_IDS, { minLength: 2, maxLength: 2 }),
    fc.option(fc.integer({ min: 1, max: 49 })),
    lines,
  )
  .map(([[a, c], bShare, l]) => {
    const b: Partial<SiteSpec> = bShare === null ? {} : { role: 'active', weight: bShare };
    return drFleetInput(
      'two-sites-three-centers',
      [
        site('centre-a', a, REGIONS[a][0]),
        site('centre-b', a, REGIONS[a][1], b),
        site('centre-c', c, REGIONS[c][0]),
      ],
      { primaryCluster: 'centre-a', lines: l },
    );
  });

const activeStandby = fc
  .tuple(fc.shuffledSubarray(REGION_IDS, { minLength: 2, maxLength: 4 }), fc.boolean(), lines, managed)
  .map(([regions, lastIsDr, l, m]) =>
    drFleetInput(
      'active-standby',
      regions.map((r, i) =>
        site(`site-${i}`, r, REGIONS[r][0], {
          managedMysql: i === 0 || m[i],
          ...(i === regions.length - 1 && lastIsDr && i > 1 ? { role: 'dr' as const } : {}),
        }),
      ),
      { lines: l },
    ),
  );

describe('any valid topology survives the loss of any one region', () => {
  test.each([
    ['active-active', activeActive],
    ['two-sites-three-centers', twoSitesThreeCentres],
    ['active-standby', activeStandby],
  ] as const)(
    '%s: every line keeps a serving tier, and the data a primary or a promotable copy',
    (_kind, fleets) => {
      let accepted = 0;
      fc.assert(
        fc.property(fleets, (input) => {
          // The fleet, or undefined where validation refuses it: the property is about what validation accepts.
          const fleet = parseFleetResult(input).fleet;
          if (!fleet) return;
          accepted++;
          const data = dataPlan(fleet)!;
          for (const region of new Set(fleet.clusters.map((c) => c.region))) {
            for (const plan of trafficPlan(fleet)) {
              const served = servingAfterLoss(plan, region) !== undefined;
              expect({ region, line: plan.line, served }).toEqual({ region, line: plan.line, served: true });
            }
            const survives = data.primary.region !== region || data.drCopies.some((c) => c.region !== region);
            expect({ region, dataSurvives: survives }).toEqual({ region, dataSurvives: true });
          }
        }),
        { numRuns: 80, seed: 20261123 },
      );
      // Most generated topologies are valid; the rest were refused by validation, which is what is under test.
      expect(accepted).toBeGreaterThan(25);
    },
  );
});
