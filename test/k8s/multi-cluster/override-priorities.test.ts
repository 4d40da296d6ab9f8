import {
  MAX_GENERATED_PRIORITY,
  PER_CLUSTER_GLOBALIZATION_OFFSET,
  PriorityAllocator,
} from '../../../src/k8s/multi-cluster/override-priorities';

const CONFIG = 'v1/ConfigMap/qcbm/qcbm-env';
const GATEWAY = 'v1/Service/qcbm/api-gateway';

function take(n: number, next: () => number): number[] {
  return Array.from({ length: n }, () => next());
}

describe('constants', () => {
  test('stay below the Dividing scheduler (1000) and leave a per-cluster band of 100', () => {
    expect({ MAX_GENERATED_PRIORITY, PER_CLUSTER_GLOBALIZATION_OFFSET }).toEqual({
      MAX_GENERATED_PRIORITY: 999,
      PER_CLUSTER_GLOBALIZATION_OFFSET: 100,
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
      `too many overrides for ${CONFIG}: priority 1000 would pass 999; merge overrides that target the same object or lower 'basePriority'`,
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
    expect(() => p.forFleetGlobalization(CONFIG)).toThrow(/priority 400 would pass 399/);
    expect(() => p.forFleetGlobalization(CONFIG)).toThrow(/merge overrides that target the same object/);
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

  test('with base 0 they start at 100', () => {
    expect(new PriorityAllocator(0).forClusterGlobalization('dr', CONFIG)).toBe(100);
  });

  test('never pass 999', () => {
    const p = new PriorityAllocator(899);
    expect(p.forClusterGlobalization('dr', CONFIG)).toBe(999);
    expect(() => p.forClusterGlobalization('dr', CONFIG)).toThrow(
      /priority 1000 would pass 999; merge overrides that target the same object or lower 'basePriority'/,
    );
  });
});

describe('PriorityAllocator constructor', () => {
  test('accepts 0 and 899, the bounds that leave room for the per-cluster band', () => {
    expect(new PriorityAllocator(0).forLocalization('a', CONFIG)).toBe(0);
    expect(new PriorityAllocator(899).forFleetGlobalization(CONFIG)).toBe(899);
  });

  test.each([900, 999, 1000])('rejects base %p (above 899)', (base) => {
    expect(() => new PriorityAllocator(base)).toThrow(
      `'basePriority' (${base}) must be an integer from 0 to 899, leaving room for the per-cluster band above it`,
    );
  });

  test.each([1.5, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects base %p', (base) => {
    expect(() => new PriorityAllocator(base)).toThrow(
      /'basePriority' \(.*\) must be an integer from 0 to 899/,
    );
  });
});
