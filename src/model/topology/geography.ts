/** Geographic areas used to route users to the nearest region (the DNS lines of the traffic layer). */
export const AREAS = [
  'north-china',
  'northeast-china',
  'east-china',
  'central-china',
  'south-china',
  'southwest-china',
  'northwest-china',
  'hong-kong-macao-taiwan',
  'overseas',
] as const;
export type Area = (typeof AREAS)[number];

interface Place {
  readonly city: string;
  /** Latitude and longitude in degrees, for "nearest" between areas and regions. */
  readonly at: readonly [number, number];
}

/** The city of each Tencent Cloud region this library knows: one region is one city. */
export const REGION_PLACES: Readonly<Record<string, Place>> = {
  'ap-guangzhou': { city: 'Guangzhou', at: [23.13, 113.26] },
  'ap-shanghai': { city: 'Shanghai', at: [31.23, 121.47] },
  'ap-nanjing': { city: 'Nanjing', at: [32.06, 118.8] },
  'ap-beijing': { city: 'Beijing', at: [39.9, 116.4] },
  'ap-chengdu': { city: 'Chengdu', at: [30.66, 104.07] },
  'ap-chongqing': { city: 'Chongqing', at: [29.56, 106.55] },
  'ap-hongkong': { city: 'Hong Kong', at: [22.32, 114.17] },
  'ap-singapore': { city: 'Singapore', at: [1.35, 103.82] },
  'ap-seoul': { city: 'Seoul', at: [37.57, 126.98] },
  'ap-tokyo': { city: 'Tokyo', at: [35.68, 139.69] },
  'ap-bangkok': { city: 'Bangkok', at: [13.76, 100.5] },
  'ap-mumbai': { city: 'Mumbai', at: [19.08, 72.88] },
  'na-siliconvalley': { city: 'Silicon Valley', at: [37.39, -122.08] },
  'eu-frankfurt': { city: 'Frankfurt', at: [50.11, 8.68] },
};

/** Where each area's users are, roughly: the centre the DNS line of that area is measured from. */
const AREA_CENTRES: Readonly<Record<Area, readonly [number, number]>> = {
  'north-china': [39.9, 116.4],
  'northeast-china': [41.8, 123.43],
  'east-china': [31.23, 121.47],
  'central-china': [30.59, 114.3],
  'south-china': [23.13, 113.26],
  'southwest-china': [30.66, 104.07],
  'northwest-china': [34.34, 108.94],
  'hong-kong-macao-taiwan': [22.32, 114.17],
  overseas: [1.35, 103.82],
};

export function cityOf(region: string): string {
  return REGION_PLACES[region]?.city ?? region;
}

/** Great-circle distance in km from an area's users to a region. */
export function distanceKm(area: Area, region: string): number {
  const [lat1, lon1] = AREA_CENTRES[area];
  const [lat2, lon2] = REGION_PLACES[region]?.at ?? AREA_CENTRES[area];
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
