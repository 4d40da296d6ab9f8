import { formatPath } from '../../model/issue-path';
import * as f from '../../model/formats';
import { listOf } from '../../model/fleet-semantics';
import { isQcbmComponentName, QCBM_COMPONENT_NAMES } from '../../model/qcbm-components';
import { IssueCollector } from '../../model/validation-error';
import type { QcbmAppProps } from './qcbm-options';

/** Every problem with QcbmApp props, thrown as one ValidationError. */
export function validateQcbmAppProps(id: string, props: QcbmAppProps): void {
  const issues = new IssueCollector();
  const at = (...p: PropertyKey[]) => formatPath('QcbmApp', p);
  const format = (path: string, value: unknown, fmt: f.Format) => {
    if (typeof value !== 'string' || !fmt.test(value))
      issues.add({ path, message: fmt.rule, value, fix: fmt.fix });
  };
  const replicas = (path: string, n: number | undefined) => {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= 1000)) {
      issues.add({
        path,
        message: 'must be a whole number of replicas from 0 to 1000',
        value: n,
        fix: 'use 1 or more',
      });
    }
  };
  for (const [store, e] of Object.entries(props.endpoints ?? {})) {
    format(at('endpoints', store, 'host'), e?.host, f.HOST);
    if (!(Number.isInteger(e?.port) && e.port >= 1 && e.port <= 65535)) {
      issues.add({
        path: at('endpoints', store, 'port'),
        message: 'must be a TCP port from 1 to 65535',
        value: e?.port,
        fix: 'use the port the service listens on',
      });
    }
  }
  for (const store of ['mysql', 'redis', 'nacos', 'skywalking']) {
    if (!(props.endpoints as any)?.[store])
      issues.add({ path: at('endpoints', store), message: 'is required', fix: 'give its host and port' });
  }
  format(at('gatewaySubnetId'), props.gatewaySubnetId, f.SUBNET_ID);
  if (props.namespace !== undefined) format(at('namespace'), props.namespace, f.DNS1123_LABEL);
  if (props.ingressHost !== undefined) format(at('ingressHost'), props.ingressHost, f.DNS1123_SUBDOMAIN);
  if (props.imageTag !== undefined) format(at('imageTag'), props.imageTag, f.IMAGE_TAG);
  replicas(at('replicas'), props.replicas);
  for (const [name, options] of Object.entries(props.components ?? {})) {
    if (!isQcbmComponentName(name)) {
      issues.add({
        path: at('components', name),
        message: 'is not a QCBM component',
        value: name,
        fix: `use one of ${listOf(QCBM_COMPONENT_NAMES)}`,
      });
      continue;
    }
    if (options?.imageTag !== undefined)
      format(at('components', name, 'imageTag'), options.imageTag, f.IMAGE_TAG);
    replicas(at('components', name, 'replicas'), options?.replicas);
    for (const kind of ['requests', 'limits'] as const) {
      const q = options?.resources?.[kind];
      if (options?.resources && !q)
        issues.add({
          path: at('components', name, 'resources', kind),
          message: 'is required with resources',
          fix: 'give cpu and memory',
        });
      if (q) {
        format(at('components', name, 'resources', kind, 'cpu'), q.cpu, f.CPU_QUANTITY);
        format(at('components', name, 'resources', kind, 'memory'), q.memory, f.MEMORY_QUANTITY);
      }
    }
  }
  for (const [which, port] of Object.entries(props.nodePorts ?? {})) {
    if (port !== undefined && !(Number.isInteger(port) && port >= 30000 && port <= 32767)) {
      issues.add({
        path: at('nodePorts', which),
        message: 'must be in the NodePort range 30000-32767',
        value: port,
        fix: 'pick a free port in 30000-32767',
      });
    }
  }
  issues.throwIfAny(`QcbmApp '${id}'`);
}
