import { phasesOf } from '../../src/ops/drill/drill-phases';
import type { Timeline, TimelineEvent } from '../../src/ops/drill/timeline';

function timeline(monitored: boolean, events: TimelineEvent[]): Timeline {
  return {
    direction: 'out',
    name: 'www.qcbm-gtm.com',
    t0: Date.parse('2025-03-01T02:00:00.000Z'),
    intervalMs: 1000,
    durationMs: 600_000,
    startedMs: 3.2,
    endedMs: 100_000,
    monitored,
    lines: ['north-china', 'east-china'],
    events,
    probes: [],
    complete: false,
    aborted: false,
  };
}

const monitor: TimelineEvent = { kind: 'monitor', atMs: 61_000.4, status: 'DOWN', before: 'OK' };
const northDns: TimelineEvent = {
  kind: 'dns',
  line: 'north-china',
  atMs: 95_000.25,
  addresses: ['198.51.100.7'],
};
const northHttp: TimelineEvent = {
  kind: 'http',
  line: 'north-china',
  atMs: 95_020.3,
  address: '198.51.100.7',
  status: 200,
  ms: 18.5,
};

describe('phasesOf', () => {
  test('splits each line into detection, publish + TTL and client; what was not observed stays undefined', () => {
    expect(phasesOf(timeline(true, [monitor, northDns, northHttp]))).toEqual({
      direction: 'out',
      monitored: true,
      lines: [
        {
          line: 'north-china',
          detectionMs: 61_000.4,
          publishAndTtlMs: 33_999.9,
          clientMs: 20.1,
          totalMs: 95_020.3,
        },
        { line: 'east-china', detectionMs: 61_000.4 },
      ],
    });
  });

  test('without a monitor, publish + TTL counts from t0', () => {
    const [north] = phasesOf(timeline(false, [northDns, northHttp])).lines;
    expect(north).toEqual({
      line: 'north-china',
      publishAndTtlMs: 95_000.3,
      clientMs: 20.1,
      totalMs: 95_020.3,
    });
  });

  test('monitored, but the monitor never read the status: publish + TTL is not measured', () => {
    const [north] = phasesOf(timeline(true, [northDns])).lines;
    expect(north).toEqual({ line: 'north-china' });
  });

  test('a DNS change before the monitor saw the failure gives a negative publish + TTL', () => {
    const early: TimelineEvent = { ...northDns, atMs: 60_000 } as TimelineEvent;
    expect(phasesOf(timeline(true, [early, monitor])).lines[0].publishAndTtlMs).toBe(-1000.4);
  });
});
