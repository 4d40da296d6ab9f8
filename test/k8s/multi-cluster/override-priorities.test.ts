import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { MultiClusterApp } from '../../../src/k8s';
import { PriorityAllocator } from '../../../src/k8s/multi-cluster/override-priorities';
import { parseFleet, ValidationError } from '../../../src/model';
import { MAX_BASE_PRIORITY, OVERRIDE_PRIORITY } from '../../../src/model/priorities';
import { devFleet } from '../../fixtures/fleets';

const CONFIG = 'v1/ConfigMap/qcbm/qcbm-env';
const GATEWAY = 'v1/Service/qcbm/api-gateway';

function take(n: number, next: () => number): number[] {
  return Array.from({ length: n }, () => next());
}

describe('constants', () => {
  test('stay below the Dividing scheduler (1000), above 0 (lost on the hub), and leave a per-cluster band of 100', () => {
    expect({ ...OVERRIDE_PRIORITY, MAX_BASE_PRIORITY }).toEqual({
      min: 1,
      max: 1000,
      default: 500,
      maxUser: 999,
      perClusterBand: 100,
      MAX_BASE_PRIORITY: 899,
    });
  });
});

describe('PriorityAllocator: Localizations', () => {
  test('count up from the base per cluster and object', () => {
    const p = new PriorityAllocator(300);
    expect(take(3, () => p.forLocalization('guangzhou-02', CONFIG))).toEqual([300, 301, 302]);
  });

  test('are independent per cluster', () => {
    const p = new PriorityAllocator(300);
    expect([
      p.forLocalization('guangzhou-01', CONFIG),
      p.forLocalization('guangzhou-02', CONFIG),
      p.forLocalization('guangzhou-01', CONFIG),
      p.forLocalization('guangzhou-02', CONFIG),
    ]).toEqual([300, 300, 301, 301]);
  });

  test('are independent per object', () => {
    const p = new PriorityAllocator(300);
    expect([
      p.forLocalization('guangzhou-02', CONFIG),
      p.forLocalization('guangzhou-02', GATEWAY),
      p.forLocalization('guangzhou-02', CONFIG),
    ]).toEqual([300, 300, 301]);
  });

  test('do not share counters with Globalizations of the same object', () => {
    const p = new PriorityAllocator(300);
    expect([
      p.forFleetGlobalization(CONFIG),
      p.forClusterGlobalization('guangzhou-02', CONFIG),
      p.forLocalization('guangzhou-02', CONFIG),
    ]).toEqual([300, 400, 300]);
  });

  test('separate allocators do not share counters', () => {
    expect([
      new PriorityAllocator(300).forLocalization('a', CONFIG),
      new PriorityAllocator(300).forLocalization('a', CONFIG),
    ]).toEqual([300, 300]);
  });

  test('may use numbers up to 999 and fail at 1000, saying what to do', () => {
    const p = new PriorityAllocator(899);
    const got = take(101, () => p.forLocalization('a', CONFIG));
    expect([got[0], got[100]]).toEqual([899, 999]);
    expect(() => p.forLocalization('a', CONFIG)).toThrow(
      `overrides of ${CONFIG} is invalid (1 problem):\n  - priority: would be 1000, past 999: there are more overrides for one object than its priority band holds (found 1000). Fix: give this cluster's differences of this object the same localizationName (they become overrides of one Localization), or lower 'basePriority'`,
    );
    expect(p.forLocalization('b', CONFIG)).toBe(899);
  });
});

describe('PriorityAllocator: fleet-wide Globalizations', () => {
  test('count up from the base per object', () => {
    const p = new PriorityAllocator(300);
    expect([
      p.forFleetGlobalization(CONFIG),
      p.forFleetGlobalization(CONFIG),
      p.forFleetGlobalization(GATEWAY),
      p.forFleetGlobalization(CONFIG),
    ]).toEqual([300, 301, 300, 302]);
  });

  test('may take 100 numbers (base..base+99) and fail at base+100, the per-cluster band', () => {
    const p = new PriorityAllocator(300);
    const got = take(100, () => p.forFleetGlobalization(CONFIG));
    expect([got[0], got[99], new Set(got).size]).toEqual([300, 399, 100]);
    expect(() => p.forFleetGlobalization(CONFIG)).toThrow(/priority: would be 400, past 399/);
    expect(() => p.forFleetGlobalization(CONFIG)).toThrow(
      /combine the fleet-wide differences of this object into fewer ClusterDifferences \(the band holds 100, whatever 'basePriority' is\)/,
    );
    expect(p.forFleetGlobalization(GATEWAY)).toBe(300);
  });
});

describe('PriorityAllocator: per-cluster Globalizations', () => {
  test('start at base+100, above every fleet-wide Globalization, and count up per cluster and object', () => {
    const p = new PriorityAllocator(300);
    expect([
      p.forClusterGlobalization('dr', CONFIG),
      p.forClusterGlobalization('dr', CONFIG),
      p.forClusterGlobalization('other', CONFIG),
      p.forClusterGlobalization('dr', GATEWAY),
    ]).toEqual([400, 401, 400, 400]);
  });

  test('with base 1 they start at 101', () => {
    expect(new PriorityAllocator(1).forClusterGlobalization('dr', CONFIG)).toBe(101);
  });

  test('never pass 999', () => {
    const p = new PriorityAllocator(899);
    expect(p.forClusterGlobalization('dr', CONFIG)).toBe(999);
    expect(() => p.forClusterGlobalization('dr', CONFIG)).toThrow(ValidationError);
    expect(() => p.forClusterGlobalization('dr', CONFIG)).toThrow(
      /priority: would be 1000, past 999[^]*Fix: give this cluster's differences of this object the same localizationName/,
    );
  });
});

describe('basePriority: one rule for the fleet file and MultiClusterApp, matching the allocator', () => {
  const fleetWith = (basePriority: number) => {
    const input = JSON.parse(JSON.stringify(devFleet()));
    input.distribution.basePriority = basePriority;
    return () => parseFleet(input);
  };
  const appWith = (basePriority: number) => () => {
    const chart = Testing.chart();
    new MultiClusterApp(chart, 'Dist', {
      app: new Construct(chart, 'App'),
      subscriptionName: 's',
      basePriority,
    });
  };

  test.each([1, 300, 899])('%p is accepted, and the allocator can use every number above it', (base) => {
    expect(fleetWith(base)().distribution.basePriority).toBe(base);
    expect(appWith(base)).not.toThrow();
    expect(new PriorityAllocator(base).forClusterGlobalization('dr', CONFIG)).toBe(base + 100);
  });

  test.each([0, 900, 950, 999, 1.5, -1])('%p is refused with a validation message, not a crash', (base) => {
    expect(fleetWith(base)).toThrow(ValidationError);
    expect(fleetWith(base)).toThrow(
      /fleet\.distribution\.basePriority: must be an integer from 1 to 899[^]*Fix: use 1 to 899/,
    );
    expect(appWith(base)).toThrow(/props\.basePriority: must be an integer from 1 to 899/);
  });
});
