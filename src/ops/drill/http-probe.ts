import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { DrillOptionError } from './option-error';

/** Properties for `probeHttp`. */
export interface ProbeHttpOptions {
  /** The published name: sent as the Host header and, over https, as the SNI name the certificate must match. */
  readonly hostHeader: string;
  /** Starts with `/`. */
  readonly path: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
  /** From the start of the connection to the status line. */
  readonly timeoutMs: number;
  /**
   * Refuse a certificate that is not valid for `hostHeader`.
   * @default true
   */
  readonly rejectUnauthorized?: boolean;
}

/** What one GET saw: a status, or why there was none. */
export interface HttpProbeResult {
  readonly status?: number;
  readonly error?: string;
  /** From the start of the request to the status line, or to the error. */
  readonly ms: number;
}

/**
 * One GET to `address` itself (no DNS lookup, no proxy, a new connection, no redirect followed), as a user sent
 * there by DNS would make it. Network failures and timeouts resolve with `error`; only bad options reject.
 */
export async function probeHttp(address: string, options: ProbeHttpOptions): Promise<HttpProbeResult> {
  if (isIP(address) === 0) {
    throw new Error(`cannot probe "${address}": an IP address is needed (a name would be resolved again)`);
  }
  checkProbeHttpOptions(options);
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  const secure = options.scheme === 'https';
  const request = (secure ? https : http).request({
    host: address,
    port: options.port,
    path: options.path,
    method: 'GET',
    headers: { host: options.hostHeader, 'user-agent': 'qcbm-fleet-drill', connection: 'close' },
    agent: false, // a pooled connection would keep reaching the server it reached before
    ...(secure
      ? {
          ...(isIP(options.hostHeader) === 0 ? { servername: options.hostHeader } : {}),
          rejectUnauthorized: options.rejectUnauthorized ?? true,
        }
      : {}),
  });
  return new Promise<HttpProbeResult>((resolve) => {
    let settled = false;
    const finish = (result: HttpProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${options.timeoutMs} ms`, ms: elapsed() });
      request.destroy();
    }, options.timeoutMs);
    request.on('response', (response) => {
      finish({ status: response.statusCode, ms: elapsed() });
      response.destroy(); // the status is all a probe needs; the page may be large
    });
    request.on('error', (err: NodeJS.ErrnoException) => {
      finish({
        error: err.code && !err.message.includes(err.code) ? `${err.code}: ${err.message}` : err.message,
        ms: elapsed(),
      });
    });
    request.end();
  });
}

/** Throws what `probeHttp` would reject with for these options, whatever the address. */
export function checkProbeHttpOptions(options: ProbeHttpOptions): void {
  if (options.hostHeader.trim() === '' || /[\s/]/.test(options.hostHeader)) {
    throw new Error(`hostHeader "${options.hostHeader}" must be a host name`);
  }
  if (!options.path.startsWith('/')) {
    throw new DrillOptionError(
      `path "${options.path}" must start with /`,
      'http.path',
      options.path,
      'must start with /',
      `write the path from the root, e.g. /${options.path}`,
    );
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new DrillOptionError(
      `port ${options.port} must be an integer from 1 to 65535`,
      'http.port',
      options.port,
      { min: 1, max: 65535 },
      'give the port the ingress listens on, from 1 to 65535',
    );
  }
  if (options.scheme !== 'http' && options.scheme !== 'https') {
    throw new Error(`scheme "${String(options.scheme)}" must be http or https`);
  }
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new Error(`timeoutMs must be a positive number of milliseconds, not ${options.timeoutMs}`);
  }
}
