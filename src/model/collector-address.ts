import ipaddr from 'ipaddr.js';
import type { Endpoint } from './fields';
import { QCBM_DEFAULTS } from './qcbm-components';
import type { CollectorNetwork } from './tracing-schema';

/** Names that resolve only inside a cluster or a private network. */
const CLUSTER_LOCAL = /(^[^.]+$)|\.(svc|cluster\.local|local|internal)\.?$/i;

/**
 * How the nodes reach a collector at this host, where the fleet does not say (`fleet.cloud.tracing.network`): a
 * private IPv4 address (RFC 1918, carrier-grade NAT) or a cluster-local name is on the intranet; every other name
 * or address is taken to be on the internet, which nodes without public IPs reach only through a NAT gateway.
 */
export function collectorNetwork(host: string): CollectorNetwork {
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) {
    const range = ipaddr.IPv4.parse(host).range();
    return range === 'private' || range === 'carrierGradeNat' ? 'intranet' : 'internet';
  }
  return CLUSTER_LOCAL.test(host) ? 'intranet' : 'internet';
}

/**
 * The collector address SkyWalking's agent is given (`host:port`, gRPC), read from an APM instance's
 * `publicCollectorUrl`. The provider documents the output only as "External Network Reporting Address", not its
 * form, so this reads it defensively: an optional scheme, a host, an optional port (SkyWalking's 11800 when there
 * is none), an optional path (dropped).
 * @throws Error naming the value when it holds no host
 */
export function parseCollectorUrl(url: string): Endpoint {
  const rest = url.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = rest.split(/[/?#]/)[0];
  const match = /^(\[[0-9a-f:]+\]|[^:]+)(?::(\d{1,5}))?$/i.exec(authority);
  const host = match?.[1].replace(/^\[|\]$/g, '');
  const port = match?.[2] === undefined ? QCBM_DEFAULTS.ports.skywalking : Number(match[2]);
  if (!host || !/^[A-Za-z0-9.:-]+$/.test(host) || port < 1 || port > 65535) {
    throw new Error(
      `the APM instance's publicCollectorUrl "${url}" has no host (and port) the SkyWalking agent can use; declare the collector instead (fleet.cloud.tracing.mode "external" and each cluster's endpoints.skywalking)`,
    );
  }
  return { host, port };
}
