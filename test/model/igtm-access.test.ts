import { type IgtmTraffic, igtmAccessName, igtmCnameTarget, parseFleet } from '../../src/model';
import { activeActive } from '../support/dr-fleets';

describe('the IGTM access name', () => {
  const fleet = parseFleet(activeActive());
  const traffic = fleet.traffic as IgtmTraffic;

  test('is the access sub-domain in the access domain; the CNAME names it fully qualified', () => {
    expect(traffic.access).toEqual({ domain: 'example-gtm.com', subDomain: 'www' });
    expect(igtmAccessName(traffic)).toBe('www.example-gtm.com');
    expect(igtmCnameTarget(traffic)).toBe('www.example-gtm.com.');
  });
});
