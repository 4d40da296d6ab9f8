import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import { probeHttp } from '../../src/ops/drill/http-probe';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';

let guard: NetworkGuard;
const servers: { close(cb: () => void): void }[] = [];

beforeEach(() => {
  guard = guardNetwork();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  guard.restore();
  expect(guard.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
});

async function listen<T extends http.Server | tls.Server>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const base = { hostHeader: 'www.qcbm.com', path: '/', scheme: 'http' as const, timeoutMs: 1000 };

describe('probeHttp', () => {
  it('GETs the address itself with the published name as Host, on a new connection', async () => {
    const seen: string[] = [];
    const port = await listen(
      http.createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${req.headers.host} ${req.headers.connection}`);
        res.writeHead(200).end('ok');
      }),
    );
    const first = await probeHttp('127.0.0.1', { ...base, port, path: '/health?x=1' });
    const second = await probeHttp('127.0.0.1', { ...base, port, path: '/health?x=1' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.error).toBeUndefined();
    expect(first.ms).toBeGreaterThan(0);
    expect(first.ms).toBeLessThan(1000);
    expect(seen).toEqual(['GET /health?x=1 www.qcbm.com close', 'GET /health?x=1 www.qcbm.com close']);
    expect(guard.contacts.filter((c) => c.startsWith('tcp'))).toEqual([
      `tcp 127.0.0.1:${port}`,
      `tcp 127.0.0.1:${port}`,
    ]);
  });

  it('reports a redirect as it is, without following it', async () => {
    const port = await listen(
      http.createServer((_req, res) => res.writeHead(302, { location: 'http://192.0.2.10/' }).end()),
    );
    expect((await probeHttp('127.0.0.1', { ...base, port })).status).toBe(302);
    // afterEach asserts that 192.0.2.10 was never contacted
  });

  it('reports a 503 as a status, a refused connection and a silent server as errors', async () => {
    const port503 = await listen(http.createServer((_req, res) => res.writeHead(503).end()));
    expect(await probeHttp('127.0.0.1', { ...base, port: port503 })).toMatchObject({ status: 503 });

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await probeHttp('127.0.0.1', { ...base, port: freePort });
    expect(refused.status).toBeUndefined();
    expect(refused.error).toMatch(/ECONNREFUSED/);

    const silentPort = await listen(http.createServer(() => undefined));
    const started = Date.now();
    const silent = await probeHttp('127.0.0.1', { ...base, port: silentPort, timeoutMs: 150 });
    expect(silent).toMatchObject({ error: 'no answer within 150 ms' });
    expect(silent.ms).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('over https, names the published name in SNI', async () => {
    const names: string[] = [];
    // No certificate: the handshake fails after the client has said which name it wants.
    const port = await listen(
      tls.createServer({
        SNICallback: (name, cb) => {
          names.push(name);
          cb(new Error('no certificate here'), undefined);
        },
      }),
    );
    const result = await probeHttp('127.0.0.1', { ...base, scheme: 'https', port });
    expect(result.status).toBeUndefined();
    expect(result.error).toBeDefined();
    expect(names).toEqual(['www.qcbm.com']);
  });

  it('refuses a name instead of an address, and bad options', async () => {
    await expect(probeHttp('www.qcbm.com', { ...base, port: 80 })).rejects.toThrow('an IP address is needed');
    await expect(probeHttp('127.0.0.1', { ...base, port: 0 })).rejects.toThrow('port 0');
    await expect(probeHttp('127.0.0.1', { ...base, port: 80, path: 'health' })).rejects.toThrow(
      'must start with /',
    );
    expect(guard.contacts).toEqual([]);
  });
});
