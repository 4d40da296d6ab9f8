import { belowPackageFloors, type IgtmTraffic, parseFleet } from '../../src/model';
import { activeActive } from '../support/dr-fleets';

/** The IGTM traffic of a valid fleet with this check interval and TTL. */
function traffic(checkIntervalSeconds: number, globalTtlSeconds: number): IgtmTraffic {
  const input = activeActive();
  input.traffic.monitor = { ...input.traffic.monitor, checkIntervalSeconds };
  input.traffic.globalTtlSeconds = globalTtlSeconds;
  input.traffic.package = { ...input.traffic.package, minCheckIntervalSeconds: 10, minGlobalTtlSeconds: 10 };
  return parseFleet(input).traffic as IgtmTraffic;
}

const FLOORS = { minCheckIntervalSeconds: 60, minGlobalTtlSeconds: 30 };

describe('belowPackageFloors', () => {
  test('names each setting below its floor, with its value and the floor', () => {
    expect(belowPackageFloors(traffic(15, 10), FLOORS)).toEqual([
      {
        path: 'fleet.traffic.monitor.checkIntervalSeconds',
        floorName: 'minimum check interval',
        value: 15,
        floor: 60,
      },
      { path: 'fleet.traffic.globalTtlSeconds', floorName: 'minimum TTL', value: 10, floor: 30 },
    ]);
    expect(belowPackageFloors(traffic(60, 10), FLOORS).map((b) => b.path)).toEqual([
      'fleet.traffic.globalTtlSeconds',
    ]);
  });

  test('a setting at its floor is allowed', () => {
    expect(belowPackageFloors(traffic(60, 30), FLOORS)).toEqual([]);
  });
});
