import { DRILL_SETTINGS } from '../../src/model';

describe('DRILL_SETTINGS', () => {
  test('each default lies within its bounds', () => {
    const { intervalMs, durationMs, probeTimeoutMs, lines } = DRILL_SETTINGS;
    expect(intervalMs.min).toBeLessThanOrEqual(intervalMs.default);
    expect(intervalMs.default).toBeLessThanOrEqual(intervalMs.max);
    // The watch lasts at least one interval.
    expect(intervalMs.default).toBeLessThanOrEqual(durationMs.default);
    expect(durationMs.default).toBeLessThanOrEqual(durationMs.max);
    expect(probeTimeoutMs.min).toBeLessThanOrEqual(probeTimeoutMs.default);
    expect(probeTimeoutMs.default).toBeLessThanOrEqual(probeTimeoutMs.max);
    expect(lines.min).toBeGreaterThanOrEqual(1);
    expect(lines.min).toBeLessThanOrEqual(lines.max);
  });

  test('whole seconds where the command line takes seconds (--duration)', () => {
    expect(DRILL_SETTINGS.durationMs.max % 1000).toBe(0);
    expect(DRILL_SETTINGS.durationMs.default % 1000).toBe(0);
  });
});
