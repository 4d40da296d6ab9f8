import {
  IGTM_DEFAULT_LINE_ID,
  type IgtmTraffic,
  igtmAccessName,
  igtmCnameTarget,
  igtmLineId,
  igtmLineIds,
  parseFleet,
} from '../../src/model';
import { activeActive } from '../support/dr-fleets';
import { fleetIssuesOf } from '../support/fleet-issues';

describe('the IGTM access name', () => {
  const fleet = parseFleet(activeActive());
  const traffic = fleet.traffic as IgtmTraffic;

  test('is the access sub-domain in the access domain; the CNAME names it fully qualified', () => {
    expect(traffic.access).toEqual({ domain: 'example-gtm.com', subDomain: 'www', zoneSource: 'existing' });
    expect(igtmAccessName(traffic)).toBe('www.example-gtm.com');
    expect(igtmCnameTarget(traffic)).toBe('www.example-gtm.com.');
  });
});

describe('the IGTM line ids', () => {
  /** activeActive with `lines` as given. */
  const withLines = (lines: Record<string, number>) => {
    const input = activeActive();
    (input.traffic as { lines?: unknown }).lines = lines;
    return input;
  };

  test('the stated ids, and the default line at IGTM_DEFAULT_LINE_ID where the fleet leaves it out', () => {
    const traffic = parseFleet(withLines({ 'south-china': 103 })).traffic as IgtmTraffic;
    expect(IGTM_DEFAULT_LINE_ID).toBe(1);
    expect(igtmLineIds(traffic)).toEqual({ default: 1, 'south-china': 103 });
    expect(igtmLineId(traffic, 'default')).toBe(1);
    expect(igtmLineId(traffic, 'south-china')).toBe(103);
    expect(() => igtmLineId(traffic, 'east-china')).toThrow(
      'traffic.lines has no IGTM line id for line east-china',
    );
    const stated = parseFleet(withLines({ default: 7, 'south-china': 103 })).traffic as IgtmTraffic;
    expect(igtmLineId(stated, 'default')).toBe(7);
  });

  test("a line that takes the default line's implicit id is refused: two strategies would answer one line", () => {
    expect(fleetIssuesOf(withLines({ 'south-china': 1, 'east-china': 102 }))).toEqual([
      expect.objectContaining({
        path: 'fleet.traffic.lines["south-china"]',
        message: 'uses IGTM line 1, as line default does: each line gets its own strategy',
      }),
    ]);
  });
});
