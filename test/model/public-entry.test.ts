import {
  dnspodZones,
  healthCheckOf,
  manualSteps,
  monitorProtocol,
  parseFleet,
  type IgtmTraffic,
} from '../../src/model';
import { activeActive, type DrFleetInput, without } from '../support/dr-fleets';
import { expectFleetIssue } from '../support/fleet-issues';

/** activeActive() with these app and traffic fields merged in. */
function fleetWith(app: Record<string, unknown> = {}, traffic: Record<string, unknown> = {}): DrFleetInput {
  const input = activeActive();
  return {
    ...input,
    app: { ...input.app, ...app },
    traffic: { ...input.traffic, ...traffic },
  } as DrFleetInput;
}
const monitorOf = (input: DrFleetInput, monitor: Record<string, unknown>) =>
  fleetWith({}, { monitor: { ...(input.traffic.monitor as object), ...monitor } });

describe('the IGTM health check', () => {
  test('by default it requests the book list, which crosses the gateway, Nacos, store-service and Redis', () => {
    const fleet = parseFleet(activeActive());
    expect((fleet.traffic as IgtmTraffic).monitor.path).toBe('/api/book/all');
    const check = healthCheckOf(fleet)!;
    expect(check).toMatchObject({ protocol: 'HTTP', host: 'www.example.com', path: '/api/book/all' });
    expect(check.covers).toBe(
      'CLB → Ingress → front nginx → gateway → Nacos lookup → store-service (Dubbo) → Redis (→ MySQL on a cache miss)',
    );
    expect(check.warning).toBeUndefined();
    // One writable MySQL for every region: its outage shows only on a cache miss; a region's own parts at once.
    expect(check.sees.join('\n')).toMatch(/registry \(Nacos\), store-service or Redis failing: at once/);
    expect(check.sees.join('\n')).toMatch(
      /one writable MySQL in ap-beijing shared by every region, a database outage is seen only on a cache miss/,
    );
  });

  test('a path of / only proves nginx is up, and the gateway sysinfo path misses the services: both warned', () => {
    const root = healthCheckOf(parseFleet(monitorOf(activeActive(), { path: '/' })))!;
    expect(root.covers).toMatch(/^CLB → Ingress → front nginx only/);
    expect(root.warning).toMatch(/\/ only proves nginx is up: .* never failed over; use \/api\/book\/all/);
    const sysinfo = healthCheckOf(parseFleet(monitorOf(activeActive(), { path: '/api/sysinfo/backend' })))!;
    expect(sysinfo.covers).toBe('CLB → Ingress → front nginx → gateway (it answers without a Dubbo call)');
    expect(sysinfo.warning).toMatch(/never reaches Nacos, the Dubbo services, Redis or MySQL/);
    const other = healthCheckOf(parseFleet(monitorOf(activeActive(), { path: '/api/order/1' })))!;
    expect(other.warning).toBeUndefined();
    expect(other.covers).toMatch(/gateway → whatever the gateway calls for \/api\/order\/1/);
  });

  test('HTTPS where the published name has TLS, HTTP otherwise; a stated protocol wins', () => {
    expect(monitorProtocol(parseFleet(activeActive()))).toBe('HTTP');
    const tls = parseFleet(fleetWith({ tls: { certificate: 'free' } }));
    expect(monitorProtocol(tls)).toBe('HTTPS');
    expect(healthCheckOf(tls)?.protocol).toBe('HTTPS');
    expect(monitorProtocol(parseFleet(monitorOf(activeActive(), { protocol: 'HTTPS' })))).toBe('HTTPS');
    expect(monitorProtocol(parseFleet({ ...activeActive(), traffic: undefined }))).toBeUndefined();
  });

  test('HTTP with TLS is refused: the CLB would answer with its redirect whatever the app does', () => {
    const input = fleetWith(
      { tls: { certificate: 'free' } },
      { monitor: { ...(activeActive().traffic.monitor as object), protocol: 'HTTP' } },
    );
    expectFleetIssue(input, 'fleet.traffic.monitor.protocol', /redirect to HTTPS whatever the app/);
  });
});

describe('the certificate of the published name (app.tls)', () => {
  test('free, uploaded and existing are accepted with their defaults', () => {
    expect(parseFleet(fleetWith({ tls: { certificate: 'free' } })).app.tls).toEqual({
      certificate: 'free',
      secretName: 'qcbm-tls',
      renewal: 0,
    });
    expect(parseFleet(fleetWith({ tls: { certificate: 'uploaded', secretName: 'shop' } })).app.tls).toEqual({
      certificate: 'uploaded',
      secretName: 'shop',
    });
    expect(
      parseFleet(fleetWith({ tls: { certificate: 'existing', certificateId: 'Kx7pQ2mZ' } })).app.tls,
    ).toMatchObject({ certificateId: 'Kx7pQ2mZ' });
  });

  test('a free certificate needs the DNSPod zone of the published name', () => {
    const input = { ...without(activeActive(), 'traffic'), app: { tls: { certificate: 'free' } } };
    expectFleetIssue(input, 'fleet.app.tls.certificate', /validated through the DNSPod zone of/);
  });

  test('an existing certificate needs an id that is one', () => {
    expectFleetIssue(
      fleetWith({ tls: { certificate: 'existing', certificateId: 'no such id!' } }),
      'fleet.app.tls.certificateId',
      /must be an SSL certificate id/,
    );
  });
});

describe('the DNSPod zones', () => {
  test('existing by default; the access zone listed apart where it differs', () => {
    expect(dnspodZones(parseFleet(activeActive()))).toEqual([
      { name: 'example.com', source: 'existing', roles: ['business'] },
      { name: 'example-gtm.com', source: 'existing', roles: ['access'] },
    ]);
    const created = parseFleet(
      fleetWith({}, { access: { domain: 'example-gtm.com', subDomain: 'www', zoneSource: 'create' } }),
    );
    expect(dnspodZones(created)[1]).toEqual({ name: 'example-gtm.com', source: 'create', roles: ['access'] });
  });

  test('one zone for both roles, which must agree on where it comes from', () => {
    const same = (zoneSource: string) =>
      fleetWith(
        { ingressHost: 'www.example.com' },
        { access: { domain: 'example.com', subDomain: 'gtm', zoneSource }, zoneSource: 'create' },
      );
    expect(dnspodZones(parseFleet(same('create')))).toEqual([
      { name: 'example.com', source: 'create', roles: ['business', 'access'] },
    ]);
    expectFleetIssue(same('existing'), 'fleet.traffic.access.zoneSource', /of the same zone example\.com/);
  });
});

describe('what stays manual', () => {
  test('delegating a created zone, renewing a free certificate, and nothing for an existing zone without TLS', () => {
    expect(manualSteps(parseFleet(activeActive()))).toEqual([]);
    const steps = manualSteps(
      parseFleet(
        fleetWith(
          { tls: { certificate: 'free', renewal: 2 } },
          { access: { domain: 'example-gtm.com', subDomain: 'www', zoneSource: 'create' } },
        ),
      ),
    );
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^delegate example-gtm\.com to DNSPod at its registrar: .*slaveDns/);
    // The access zone is not where the certificate is validated.
    expect(steps[0]).not.toMatch(/certificate/);
    expect(steps[1]).toMatch(
      /^renew the free certificate of www\.example\.com before it expires .* raise app\.tls\.renewal \(now 2\)/,
    );
  });
});
