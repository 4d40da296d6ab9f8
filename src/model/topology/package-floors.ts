import type { IgtmTraffic } from './topology-schema';

/** The floors of an IGTM package: the shortest check interval and TTL it allows, in seconds. */
export interface IgtmPackageFloors {
  readonly minCheckIntervalSeconds: number;
  readonly minGlobalTtlSeconds: number;
}

/** An IGTM setting of the fleet below its package's floor. */
export interface FloorBreach {
  /** The setting's path in the fleet. */
  readonly path: 'fleet.traffic.monitor.checkIntervalSeconds' | 'fleet.traffic.globalTtlSeconds';
  /** Which floor it is below. */
  readonly floorName: 'minimum check interval' | 'minimum TTL';
  readonly value: number;
  readonly floor: number;
}

/**
 * The IGTM settings below the package's floors: the monitor's check interval and the instance's TTL. `parseFleet`
 * compares them with the floors the fleet states (`traffic.package`), `pulumi up` with those the account reports.
 */
export function belowPackageFloors(traffic: IgtmTraffic, floors: IgtmPackageFloors): FloorBreach[] {
  const breaches: FloorBreach[] = [];
  const interval = traffic.monitor.checkIntervalSeconds;
  if (interval < floors.minCheckIntervalSeconds) {
    breaches.push({
      path: 'fleet.traffic.monitor.checkIntervalSeconds',
      floorName: 'minimum check interval',
      value: interval,
      floor: floors.minCheckIntervalSeconds,
    });
  }
  if (traffic.globalTtlSeconds < floors.minGlobalTtlSeconds) {
    breaches.push({
      path: 'fleet.traffic.globalTtlSeconds',
      floorName: 'minimum TTL',
      value: traffic.globalTtlSeconds,
      floor: floors.minGlobalTtlSeconds,
    });
  }
  return breaches;
}
