import { queryAddresses } from '../../src/ops/drill/dns-query';
import { type FakeDnsServer, startFakeDnsServer } from '../support/fake-dns-server';
import { guardNetwork, type NetworkGuard } from '../support/network-guard';

let dns: FakeDnsServer;
let guard: NetworkGuard;

beforeEach(async () => {
  guard = guardNetwork();
  dns = await startFakeDnsServer();
});

afterEach(async () => {
  await dns.close();
  guard.restore();
  expect(guard.hosts().filter((h) => h !== '127.0.0.1')).toEqual([]);
});

describe('queryAddresses', () => {
  it('returns the A and AAAA addresses with the TTL and the rcode, asking only the given server', async () => {
    dns.answer('www.qcbm-gtm.com', ['198.51.100.7', '198.51.100.8', '2001:db8::7'], { ttl: 60 });
    const answer = await queryAddresses('WWW.qcbm-gtm.com.', dns.server, { timeoutMs: 1000 });
    expect(answer).toEqual({
      name: 'www.qcbm-gtm.com',
      cnames: [],
      addresses: ['198.51.100.7', '198.51.100.8', '2001:db8::7'],
      ttlSeconds: 60,
      rcode: 'NOERROR',
      authoritative: true,
    });
    expect(dns.queries.map((q) => q.type).sort()).toEqual(['A', 'AAAA']);
    expect(dns.queries.every((q) => !q.recursionDesired && q.subnet === undefined)).toBe(true);
    expect(guard.contacts).toContain(`udp 127.0.0.1:${dns.server.port}`);
  });

  it("sends the client subnet (host bits cleared) and gets that line's answer", async () => {
    dns.answer('www.qcbm-gtm.com', ['198.51.100.1']);
    dns.answer('www.qcbm-gtm.com', ['198.51.100.2'], { forSubnet: '203.0.113.0/24', ttl: 30 });
    const north = await queryAddresses('www.qcbm-gtm.com', dns.server, {
      timeoutMs: 1000,
      clientSubnet: '203.0.113.77/26',
      types: ['A'],
    });
    const other = await queryAddresses('www.qcbm-gtm.com', dns.server, {
      timeoutMs: 1000,
      clientSubnet: '192.0.2.0/24',
      types: ['A'],
    });
    expect(north.addresses).toEqual(['198.51.100.2']);
    expect(north.ttlSeconds).toBe(30);
    expect(other.addresses).toEqual(['198.51.100.1']);
    expect(dns.queries.map((q) => q.subnet)).toEqual(['203.0.113.64/26', '192.0.2.0/24']);
  });

  it('follows a CNAME chain given in one answer, with the smallest TTL of the chain', async () => {
    dns.cname('www.qcbm.com', 'www.qcbm-gtm.com', { inline: true, ttl: 600 });
    dns.answer('www.qcbm-gtm.com', ['198.51.100.9'], { ttl: 60 });
    const answer = await queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 1000, types: ['A'] });
    expect(answer.cnames).toEqual(['www.qcbm-gtm.com']);
    expect(answer.addresses).toEqual(['198.51.100.9']);
    expect(answer.ttlSeconds).toBe(60);
    expect(dns.queries.map((q) => q.name)).toEqual(['www.qcbm.com']);
  });

  it('asks the same server for a CNAME target the answer leaves out, with the same client subnet', async () => {
    dns.cname('www.qcbm.com', 'edge.qcbm.com', { ttl: 30 });
    dns.cname('edge.qcbm.com', 'www.qcbm-gtm.com', { ttl: 300 });
    dns.answer('www.qcbm-gtm.com', ['198.51.100.9'], { ttl: 60 });
    const answer = await queryAddresses('www.qcbm.com', dns.server, {
      timeoutMs: 1000,
      types: ['A'],
      clientSubnet: '203.0.113.0/24',
    });
    expect(answer.cnames).toEqual(['edge.qcbm.com', 'www.qcbm-gtm.com']);
    expect(answer.addresses).toEqual(['198.51.100.9']);
    expect(answer.ttlSeconds).toBe(30);
    expect(dns.queries.map((q) => `${q.name} ${q.subnet}`)).toEqual([
      'www.qcbm.com 203.0.113.0/24',
      'edge.qcbm.com 203.0.113.0/24',
      'www.qcbm-gtm.com 203.0.113.0/24',
    ]);
  });

  it('refuses a CNAME loop and a chain longer than allowed', async () => {
    dns.cname('a.qcbm.com', 'b.qcbm.com');
    dns.cname('b.qcbm.com', 'a.qcbm.com');
    await expect(queryAddresses('a.qcbm.com', dns.server, { timeoutMs: 1000, types: ['A'] })).rejects.toThrow(
      'CNAME loop: a.qcbm.com → b.qcbm.com → a.qcbm.com',
    );
    dns.cname('c1.qcbm.com', 'c2.qcbm.com', { inline: true });
    dns.cname('c2.qcbm.com', 'c3.qcbm.com', { inline: true });
    dns.answer('c3.qcbm.com', ['198.51.100.1']);
    await expect(
      queryAddresses('c1.qcbm.com', dns.server, { timeoutMs: 1000, types: ['A'], maxCnames: 1 }),
    ).rejects.toThrow('more than 1 CNAMEs from c1.qcbm.com');
  });

  it('resolves a negative answer with its rcode and no addresses', async () => {
    const missing = await queryAddresses('nothing.qcbm.com', dns.server, { timeoutMs: 1000 });
    expect(missing).toMatchObject({ addresses: [], rcode: 'NXDOMAIN' });
    dns.answer('www.qcbm.com', ['198.51.100.1']);
    dns.misbehave('www.qcbm.com', 'SERVFAIL');
    expect((await queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 1000 })).rcode).toBe('SERVFAIL');
  });

  it('fails with a clear message on a timeout, a malformed, a foreign or a truncated answer', async () => {
    dns.answer('www.qcbm.com', ['198.51.100.1']);
    const where = `${dns.server.host}:${dns.server.port}`;
    dns.misbehave('www.qcbm.com', 'drop');
    const started = Date.now();
    await expect(
      queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 150, types: ['A'] }),
    ).rejects.toThrow(`no answer from ${where} for www.qcbm.com A within 150 ms`);
    expect(Date.now() - started).toBeLessThan(600);
    dns.misbehave('www.qcbm.com', 'garbage');
    await expect(queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 1000 })).rejects.toThrow(
      /malformed answer from 127\.0\.0\.1:\d+ for www\.qcbm\.com A+: it cannot be decoded/,
    );
    dns.misbehave('www.qcbm.com', 'wrong-question');
    await expect(queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 1000 })).rejects.toThrow(
      'is not a response to the question asked',
    );
    dns.misbehave('www.qcbm.com', 'truncated');
    await expect(queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 1000 })).rejects.toThrow(
      'is truncated',
    );
  });

  it('refuses bad arguments before sending anything', async () => {
    await expect(
      queryAddresses('www.qcbm.com', { host: 'ns1.dnspod.net', port: 53 }, { timeoutMs: 100 }),
    ).rejects.toThrow('must be an IP address');
    await expect(
      queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 100, clientSubnet: '203.0.113.0' }),
    ).rejects.toThrow('client subnet "203.0.113.0" is not a CIDR block');
    await expect(queryAddresses('www..qcbm.com', dns.server, { timeoutMs: 100 })).rejects.toThrow(
      'not a DNS name',
    );
    await expect(queryAddresses('www.qcbm.com', dns.server, { timeoutMs: 0 })).rejects.toThrow('timeoutMs');
    expect(dns.queries).toEqual([]);
  });
});
