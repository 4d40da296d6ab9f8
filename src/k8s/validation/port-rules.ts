import { PORT_NAME } from '../../model/formats';
import { formatProblem } from './metadata-rules';
import type { ObjectProblem } from './object-problem';

export const MAX_PORT = 65535;

/** A port number from 1 to 65535 (non-numbers are the schema's to refuse). */
export function portNumberProblem(value: unknown, path: string, out: ObjectProblem[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) return;
  if (value >= 1 && value <= MAX_PORT) return;
  out.push({
    path,
    message: `must be a port from 1 to ${MAX_PORT}`,
    value,
    fix: 'use the port the container or service listens on',
  });
}

/** A port number from 1 to 65535 or a port name (a probe's or a Service's targetPort, an Ingress backend's). */
export function portOrNameProblem(value: unknown, path: string, out: ObjectProblem[]): void {
  if (typeof value === 'string') formatProblem(PORT_NAME, value, path, out);
  else portNumberProblem(value, path, out);
}
