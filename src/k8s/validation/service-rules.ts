import { DNS1035_LABEL, DNS1123_LABEL, DNS1123_SUBDOMAIN, type Format } from '../../model/formats';
import { formatProblem, labelProblems } from './metadata-rules';
import { isObject, type ObjectProblem, pointer } from './object-problem';
import { enumProblem, listAt } from './pod-rules';
import { portNumberProblem, portOrNameProblem } from './port-rules';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

/** An Ingress host: a DNS-1123 subdomain, or one with a leading `*.` wildcard label. */
const INGRESS_HOST: Format = {
  test: (v) => DNS1123_SUBDOMAIN.test(v.startsWith('*.') ? v.slice(2) : v),
  rule: 'must be a DNS-1123 subdomain, optionally starting with "*." (no IP address, no port)',
  fix: 'use a host like "qcbm.example.com" or "*.example.com"',
};

/**
 * What the API server checks of a Service beyond its schema: its type and selector; each port from 1 to 65535 with
 * a target port number or name, a protocol, and a DNS-1123 label as name, required and unique where there are
 * several ports.
 */
export function serviceProblems(spec: Record<string, unknown>, out: ObjectProblem[]): void {
  enumProblem(spec.type, SERVICE_TYPES, '/spec/type', out);
  labelProblems(spec.selector, '/spec/selector', out);
  const ports = listAt(spec, 'ports');
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const at = pointer('/spec/ports', i);
    portNumberProblem(p.port, pointer(at, 'port'), out);
    if (p.targetPort !== 0) portOrNameProblem(p.targetPort, pointer(at, 'targetPort'), out);
    if (p.nodePort !== 0) portNumberProblem(p.nodePort, pointer(at, 'nodePort'), out);
    enumProblem(p.protocol, PROTOCOLS, pointer(at, 'protocol'), out);
    if (typeof p.name === 'string' && p.name !== '') {
      formatProblem(DNS1123_LABEL, p.name, pointer(at, 'name'), out);
      if (names.has(p.name)) {
        out.push({
          path: pointer(at, 'name'),
          message: `repeats the port name "${p.name}"`,
          value: p.name,
          fix: 'give every port its own name',
        });
      }
      names.add(p.name);
    } else if (ports.length > 1) {
      out.push({
        path: pointer(at, 'name'),
        message: 'is required where a Service has more than one port',
        fix: 'name every port, e.g. "http" and "grpc"',
      });
    }
  });
}

/**
 * What the API server checks of an Ingress beyond its schema (which requires a path type): hosts (rules and TLS),
 * a known path type and an absolute path for Exact and Prefix, backends naming a Service (a DNS-1035 label) and a port from 1 to 65535 or a port name, and
 * TLS Secret names.
 */
export function ingressProblems(spec: Record<string, unknown>, out: ObjectProblem[]): void {
  if (isObject(spec.defaultBackend)) backendProblems(spec.defaultBackend, '/spec/defaultBackend', out);
  listAt(spec, 'rules').forEach((rule, i) => {
    const at = pointer('/spec/rules', i);
    if (typeof rule.host === 'string' && rule.host !== '') {
      formatProblem(INGRESS_HOST, rule.host, pointer(at, 'host'), out);
    }
    const http = isObject(rule.http) ? rule.http : {};
    listAt(http, 'paths').forEach((p, j) => {
      const pathAt = pointer(pointer(pointer(at, 'http'), 'paths'), j);
      enumProblem(p.pathType, PATH_TYPES, pointer(pathAt, 'pathType'), out);
      const exactOrPrefix = p.pathType === 'Exact' || p.pathType === 'Prefix';
      if (exactOrPrefix && typeof p.path === 'string' && !p.path.startsWith('/')) {
        out.push({
          path: pointer(pathAt, 'path'),
          message: `must be an absolute path with pathType ${p.pathType}`,
          value: p.path,
          fix: 'start the path with "/"',
        });
      }
      if (isObject(p.backend)) backendProblems(p.backend, pointer(pathAt, 'backend'), out);
    });
  });
  listAt(spec, 'tls').forEach((tls, i) => {
    const at = pointer('/spec/tls', i);
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((host, j) => {
      if (typeof host === 'string') formatProblem(INGRESS_HOST, host, pointer(pointer(at, 'hosts'), j), out);
    });
    if (typeof tls.secretName === 'string' && tls.secretName !== '') {
      formatProblem(DNS1123_SUBDOMAIN, tls.secretName, pointer(at, 'secretName'), out);
    }
  });
}

function backendProblems(backend: Record<string, unknown>, path: string, out: ObjectProblem[]): void {
  const service = backend.service;
  if (!isObject(service)) return;
  const at = pointer(path, 'service');
  if (typeof service.name === 'string') formatProblem(DNS1035_LABEL, service.name, pointer(at, 'name'), out);
  const port = isObject(service.port) ? service.port : {};
  if (port.number !== undefined) portNumberProblem(port.number, pointer(pointer(at, 'port'), 'number'), out);
  else if (typeof port.name === 'string')
    portOrNameProblem(port.name, pointer(pointer(at, 'port'), 'name'), out);
}
