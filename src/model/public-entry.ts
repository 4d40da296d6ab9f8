import type { FleetFields } from './fleet-schema';
import { formatPath } from './issue-path';
import { QCBM_HEALTH_PATHS } from './qcbm-components';
import type { IgtmTraffic, MonitorProtocol, ZoneSource } from './topology/topology-schema';
import type { ValidationIssue } from './validation-error';

/**
 * The public entry of an environment: the published name's health check, its certificate and its DNSPod zones, as
 * every layer reads them (the traffic layer builds from them, the plan reports them).
 */

/** The IGTM monitor's protocol: the fleet's, else HTTPS where the published name has TLS (HTTP is redirected there). */
export function igtmMonitorProtocol(traffic: IgtmTraffic, tls: boolean): MonitorProtocol {
  return traffic.monitor.protocol ?? (tls ? 'HTTPS' : 'HTTP');
}

/** The fleet's IGTM monitor protocol (`igtmMonitorProtocol`); undefined without IGTM. */
export function monitorProtocol(fleet: FleetFields): MonitorProtocol | undefined {
  return fleet.traffic?.mode === 'igtm'
    ? igtmMonitorProtocol(fleet.traffic, fleet.app.tls !== undefined)
    : undefined;
}

/** What an IGTM health check sees, in words. */
export interface HealthCheck {
  readonly protocol: MonitorProtocol;
  /** The Host it sends: the published name. */
  readonly host: string;
  readonly path: string;
  /** The hops a request on this path crosses. */
  readonly covers: string;
  /** What fails it at once, and what only sometimes. */
  readonly sees: readonly string[];
  /** Where the check proves less than a region's backend is up. */
  readonly warning?: string;
}

const FRONT = 'CLB → Ingress → front nginx';

/** The IGTM monitor of the fleet as a reviewer reads it; undefined without IGTM (nothing checks plain records). */
export function healthCheckOf(fleet: FleetFields): HealthCheck | undefined {
  const protocol = monitorProtocol(fleet);
  if (fleet.traffic?.mode !== 'igtm' || !protocol) return undefined;
  const path = fleet.traffic.monitor.path;
  const base = { protocol, host: fleet.app.ingressHost, path };
  if (path === QCBM_HEALTH_PATHS.backend || path.startsWith(`${QCBM_HEALTH_PATHS.backend}?`)) {
    const shared = fleet.data.mysql
      ? `with one writable MySQL in ${fleet.data.mysql.primaryRegion} shared by every region, a database outage is seen only on a cache miss (store-service reads Redis first), and in every region at once`
      : "a region's MySQL failing is seen only on a cache miss (store-service reads Redis first)";
    return {
      ...base,
      covers: `${FRONT} → gateway → Nacos lookup → store-service (Dubbo) → Redis (→ MySQL on a cache miss)`,
      sees: [
        "a region's own Ingress, nginx, gateway, registry (Nacos), store-service or Redis failing: at once (500 from the gateway, or no answer)",
        shared,
        'an empty store (no seed rows) answers 404 and counts as down',
      ],
    };
  }
  if (path === QCBM_HEALTH_PATHS.gateway) {
    return {
      ...base,
      covers: `${FRONT} → gateway (it answers without a Dubbo call)`,
      sees: ["a region's Ingress, nginx or gateway failing"],
      warning: `${path} never reaches Nacos, the Dubbo services, Redis or MySQL: a region whose services are down stays in its pools; use ${QCBM_HEALTH_PATHS.backend}`,
    };
  }
  if (path === '/api' || path.startsWith('/api/')) {
    return {
      ...base,
      covers: `${FRONT} → gateway → whatever the gateway calls for ${path} (not known to this library)`,
      sees: ["a region's Ingress, nginx or gateway failing, and what that path calls"],
    };
  }
  return {
    ...base,
    covers: `${FRONT} only (nginx answers every path outside /api with the static page)`,
    sees: ["a region's CLB, Ingress or nginx failing"],
    warning: `${path} only proves nginx is up: a region whose gateway, registry, services or data stores are down is never failed over; use ${QCBM_HEALTH_PATHS.backend}`,
  };
}

/** One DNSPod zone the environment publishes in. */
export interface DnspodZone {
  readonly name: string;
  readonly source: ZoneSource;
  /** `business`: the zone of the published name; `access`: the zone IGTM writes the access name into. */
  readonly roles: readonly ('business' | 'access')[];
}

/** The DNSPod zones of the traffic layer, each once: the business zone, then IGTM's access zone where it differs. */
export function dnspodZones(fleet: FleetFields): DnspodZone[] {
  const traffic = fleet.traffic;
  if (!traffic) return [];
  const zones: DnspodZone[] = [{ name: traffic.zone, source: traffic.zoneSource, roles: ['business'] }];
  if (traffic.mode === 'igtm') {
    const access = traffic.access;
    if (access.domain === traffic.zone) zones[0] = { ...zones[0], roles: ['business', 'access'] };
    else zones.push({ name: access.domain, source: access.zoneSource, roles: ['access'] });
  }
  return zones;
}

/** What nobody automates: said by the plan. */
export function manualSteps(fleet: FleetFields): string[] {
  const steps: string[] = [];
  for (const zone of dnspodZones(fleet).filter((z) => z.source === 'create')) {
    steps.push(
      `delegate ${zone.name} to DNSPod at its registrar: set the name servers the created zone reports (Dnspod/domainInstance output slaveDns, or the DNSPod console); until then nobody resolves it${zone.roles.includes('business') && fleet.app.tls?.certificate === 'free' ? ' and the free certificate cannot be validated' : ''}`,
    );
  }
  const tls = fleet.app.tls;
  if (tls?.certificate === 'free') {
    steps.push(
      `renew the free certificate of ${fleet.app.ingressHost} before it expires (three months after issue, nothing renews it): raise app.tls.renewal (now ${tls.renewal}) and run pulumi up; a new certificate is requested and validated through DNSPod, every cluster's Secret ${tls.secretName} points to its id (TKE's ingress controller rebinds the CLB's HTTPS listener), and the old one is deleted afterwards`,
    );
  }
  if (tls?.certificate === 'uploaded') {
    steps.push(
      `replace the uploaded certificate of ${fleet.app.ingressHost} before it expires: set the new qcbm:tlsCertificate and qcbm:tlsPrivateKey and run pulumi up (a new certificate is uploaded, the Secrets switch to its id, the old one is deleted)`,
    );
  }
  if (tls?.certificate === 'existing') {
    steps.push(
      `renew certificate ${tls.certificateId} in the SSL certificate service before it expires; a certificate with a new id goes into app.tls.certificateId`,
    );
  }
  return steps;
}

/** The fleet's rules about its public entry that one field's schema cannot state. */
export function checkPublicEntry(fleet: FleetFields): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...path: PropertyKey[]) => formatPath('fleet', path);
  const tls = fleet.app.tls;
  const traffic = fleet.traffic;
  if (tls?.certificate === 'free' && !traffic) {
    issues.push({
      path: at('app', 'tls', 'certificate'),
      message: `is "free", which is validated through the DNSPod zone of ${fleet.app.ingressHost}, and the fleet names no zone (no fleet.traffic)`,
      value: 'free',
      fix: 'describe fleet.traffic with the zone of app.ingressHost, or use certificate "uploaded" (qcbm:tlsCertificate, qcbm:tlsPrivateKey) or "existing" with its certificateId',
    });
  }
  if (tls && traffic?.mode === 'igtm' && traffic.monitor.protocol === 'HTTP') {
    issues.push({
      path: at('traffic', 'monitor', 'protocol'),
      message:
        'is HTTP, which the CLB answers with its redirect to HTTPS whatever the app behind it does, so the check could never fail',
      value: 'HTTP',
      fix: 'use HTTPS, or leave protocol out (HTTPS where app.tls is set)',
    });
  }
  if (traffic?.mode === 'igtm' && traffic.access.domain === traffic.zone) {
    if (traffic.access.zoneSource !== traffic.zoneSource) {
      issues.push({
        path: at('traffic', 'access', 'zoneSource'),
        message: `is "${traffic.access.zoneSource}", and traffic.zoneSource of the same zone ${traffic.zone} is "${traffic.zoneSource}"`,
        value: traffic.access.zoneSource,
        fix: 'give both the same zoneSource: one zone is either in the account already or created',
      });
    }
  }
  return issues;
}
