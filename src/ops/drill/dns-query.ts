import { randomInt } from 'node:crypto';
import * as dgram from 'node:dgram';
import { isIP } from 'node:net';
import * as dnsPacket from 'dns-packet';
import ipaddr from 'ipaddr.js';
import { DrillOptionError } from './option-error';

/** A DNS server to ask, by IP address: a name would have to be resolved through another server. */
export interface DnsServer {
  readonly host: string;
  readonly port: number;
}

/** The address record types `queryAddresses` asks for. */
export type AddressType = 'A' | 'AAAA';

/** Properties for `queryAddresses`. */
export interface QueryAddressesOptions {
  /**
   * A CIDR block (`203.0.113.0/24`, `2001:db8::/56`) sent as EDNS Client Subnet, so that an authoritative server
   * answers as it would for users of that block (IGTM and DNSPod pick the line from it). Host bits are cleared.
   * @default none: the server answers for the address the query comes from
   */
  readonly clientSubnet?: string;
  /** The time allowed for the whole call, CNAME re-queries included. */
  readonly timeoutMs: number;
  /**
   * The longest CNAME chain followed.
   * @default 8
   */
  readonly maxCnames?: number;
  /**
   * The record types asked for, one query each, in parallel.
   * @default ['A', 'AAAA']
   */
  readonly types?: readonly AddressType[];
  /**
   * Set the RD flag, for asking a recursive resolver rather than the authoritative server.
   * @default false
   */
  readonly recursionDesired?: boolean;
}

/** What the server says `name` resolves to. */
export interface DnsAddresses {
  /** The name asked for, lower case, without the trailing dot. */
  readonly name: string;
  /** The CNAME targets followed, in order (empty when `name` has addresses of its own). */
  readonly cnames: readonly string[];
  /** The A and AAAA addresses of the last name of the chain, in the server's order, without duplicates. */
  readonly addresses: readonly string[];
  /** The smallest TTL of the records that make the answer, CNAMEs included; undefined without records. */
  readonly ttlSeconds?: number;
  /** `NOERROR`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`…: the first that is not `NOERROR` among the queries. */
  readonly rcode: string;
  /** True when every answer had the AA flag (an authoritative server, not a cache). */
  readonly authoritative: boolean;
}

const DEFAULT_MAX_CNAMES = 8;
const EDNS_PAYLOAD_SIZE = 1232;

/**
 * Asks `server`, and only it, over UDP for the addresses of `name`, following CNAMEs: records of the chain in the
 * same answer are used as they are, and a target with no addresses in the answer is asked for at the same server.
 * Rejects on a timeout, a malformed or truncated answer, a CNAME loop or a chain longer than `maxCnames`; a
 * negative answer (NXDOMAIN…) is not an error: it resolves with no addresses and its rcode.
 */
export async function queryAddresses(
  name: string,
  server: DnsServer,
  options: QueryAddressesOptions,
): Promise<DnsAddresses> {
  const settings = checkOptions(name, server, options);
  const results = await Promise.all(settings.types.map((type) => resolveChain(settings, type)));
  const addresses = [...new Set(results.flatMap((r) => r.addresses))];
  const ttls = results.map((r) => r.ttlSeconds).filter((t): t is number => t !== undefined);
  const longest = results.reduce((a, b) => (b.cnames.length > a.cnames.length ? b : a));
  return {
    name: settings.name,
    cnames: longest.cnames,
    addresses,
    ...(ttls.length > 0 ? { ttlSeconds: Math.min(...ttls) } : {}),
    rcode: results.find((r) => r.rcode !== 'NOERROR')?.rcode ?? 'NOERROR',
    authoritative: results.every((r) => r.authoritative),
  };
}

/** Throws what `queryAddresses` would reject with for these arguments, without sending anything. */
export function checkQueryAddresses(name: string, server: DnsServer, options: QueryAddressesOptions): void {
  checkOptions(name, server, options);
}

interface Settings {
  readonly name: string;
  readonly server: DnsServer;
  readonly types: readonly AddressType[];
  readonly maxCnames: number;
  readonly recursionDesired: boolean;
  readonly ecs?: dnsPacket.PacketOpt;
  readonly deadline: number;
  readonly timeoutMs: number;
}

function checkOptions(name: string, server: DnsServer, options: QueryAddressesOptions): Settings {
  const normalized = normalizeName(name);
  if (
    normalized === '' ||
    normalized.length > 253 ||
    normalized.split('.').some((l) => l === '' || l.length > 63)
  ) {
    throw new Error(`cannot query "${name}": not a DNS name`);
  }
  checkDnsServer(server);
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new Error(`timeoutMs must be a positive number of milliseconds, not ${options.timeoutMs}`);
  }
  const maxCnames = options.maxCnames ?? DEFAULT_MAX_CNAMES;
  if (!Number.isInteger(maxCnames) || maxCnames < 0 || maxCnames > 32) {
    throw new Error(`maxCnames must be an integer from 0 to 32, not ${maxCnames}`);
  }
  const types = options.types ?? ['A', 'AAAA'];
  if (types.length === 0) throw new Error('types must name A, AAAA or both');
  return {
    name: normalized,
    server,
    types: [...new Set(types)],
    maxCnames,
    recursionDesired: options.recursionDesired ?? false,
    ...(options.clientSubnet === undefined ? {} : { ecs: clientSubnetOption(options.clientSubnet) }),
    deadline: performance.now() + options.timeoutMs,
    timeoutMs: options.timeoutMs,
  };
}

/**
 * Checks the name server's address: an IP address (a name would be resolved elsewhere) and a port.
 * @throws DrillOptionError (option `server`)
 */
export function checkDnsServer(server: DnsServer): void {
  if (isIP(server.host) === 0) {
    throw new DrillOptionError(
      `DNS server "${server.host}" must be an IP address (a name would be resolved elsewhere)`,
      'server',
      server.host,
      'must be an IP address (a name would be resolved elsewhere)',
      'give the name server by its IP address, e.g. 119.29.29.29 or 127.0.0.1:5353',
    );
  }
  if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535) {
    throw new DrillOptionError(
      `DNS server port ${server.port} must be an integer from 1 to 65535`,
      'server',
      server.port,
      'its port must be from 1 to 65535',
      'give a port from 1 to 65535, or none for 53',
    );
  }
}

/**
 * Checks a client subnet: a CIDR block, as the EDNS Client Subnet option carries it.
 * @throws DrillOptionError (option `clientSubnet`)
 */
export function checkClientSubnet(cidr: string): void {
  clientSubnetOption(cidr);
}

/** The EDNS Client Subnet option for a CIDR block, host bits cleared as RFC 7871 requires. */
function clientSubnetOption(cidr: string): dnsPacket.PacketOpt {
  let bits: number;
  let network: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    bits = prefix;
    network =
      address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
        : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  } catch {
    throw new DrillOptionError(
      `client subnet "${cidr}" is not a CIDR block such as 203.0.113.0/24`,
      'clientSubnet',
      cidr,
      'is not a CIDR block such as 203.0.113.0/24',
      'write the subnet as ADDRESS/PREFIX, the prefix at most 32 for IPv4 and 128 for IPv6',
    );
  }
  return {
    code: 8, // CLIENT_SUBNET
    family: network.kind() === 'ipv4' ? 1 : 2,
    sourcePrefixLength: bits,
    scopePrefixLength: 0,
    ip: network.toString(),
  };
}

interface ChainResult {
  readonly cnames: string[];
  readonly addresses: string[];
  readonly ttlSeconds?: number;
  readonly rcode: string;
  readonly authoritative: boolean;
}

async function resolveChain(settings: Settings, type: AddressType): Promise<ChainResult> {
  const cnames: string[] = [];
  const ttls: number[] = [];
  let authoritative = true;
  let current = settings.name;
  for (;;) {
    const response = await exchange(settings, current, type);
    authoritative &&= response.flag_aa;
    const answers = (response.answers ?? []).filter(isStringAnswer);
    let owner = current;
    for (;;) {
      const cname = answers.find((a) => a.type === 'CNAME' && normalizeName(a.name) === owner);
      if (!cname || typeof cname.data !== 'string') break;
      const target = normalizeName(cname.data);
      if (target === settings.name || cnames.includes(target)) {
        throw new Error(`CNAME loop: ${[settings.name, ...cnames, target].join(' → ')}`);
      }
      cnames.push(target);
      if (cnames.length > settings.maxCnames) {
        throw new Error(
          `more than ${settings.maxCnames} CNAMEs from ${settings.name}: ${[settings.name, ...cnames].join(' → ')}`,
        );
      }
      if (cname.ttl !== undefined) ttls.push(cname.ttl);
      owner = target;
    }
    const records = answers.filter((a) => a.type === type && normalizeName(a.name) === owner);
    const addresses: string[] = [];
    for (const r of records) {
      if (typeof r.data !== 'string' || isIP(r.data) !== (type === 'A' ? 4 : 6)) {
        throw malformed(settings, current, type, `has an ${type} record holding "${String(r.data)}"`);
      }
      addresses.push(r.data);
      if (r.ttl !== undefined) ttls.push(r.ttl);
    }
    // Only a CNAME in the answer: the target lives in another zone or the server leaves it to the resolver.
    if (response.rcode === 'NOERROR' && addresses.length === 0 && owner !== current) {
      current = owner;
      continue;
    }
    return {
      cnames,
      addresses,
      ...(ttls.length > 0 ? { ttlSeconds: Math.min(...ttls) } : {}),
      rcode: response.rcode,
      authoritative,
    };
  }
}

type Response = dnsPacket.DecodedPacket & { readonly rcode: string };

/** One query and its answer, on a socket connected to the server so that nothing else can answer it. */
function exchange(settings: Settings, name: string, type: AddressType): Promise<Response> {
  const { host, port } = settings.server;
  const where = `${host}:${port}`;
  const remaining = Math.max(1, Math.round(settings.deadline - performance.now()));
  const id = randomInt(0, 65536);
  const query = dnsPacket.encode({
    type: 'query',
    id,
    flags: settings.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: EDNS_PAYLOAD_SIZE,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: 0,
        flag_do: false,
        options: settings.ecs ? [settings.ecs] : [],
      },
    ],
  });
  const socket = dgram.createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: Response): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        socket.close();
      } catch {
        // already closed by the error that ends the query
      }
      if (error) reject(error);
      else resolve(response as Response);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `no answer from ${where} for ${name} ${type} within ${settings.timeoutMs} ms` +
              (remaining < settings.timeoutMs ? ' (the time left for the whole query)' : ''),
          ),
        ),
      remaining,
    );
    socket.on('error', (err) =>
      finish(new Error(`DNS query for ${name} ${type} to ${where} failed: ${err.message}`)),
    );
    socket.on('message', (message: Buffer) => {
      let response: Response;
      try {
        response = dnsPacket.decode(message) as Response;
      } catch (err) {
        finish(malformed(settings, name, type, `cannot be decoded (${(err as Error).message})`));
        return;
      }
      if (response.id !== id) return; // not the answer to this query: keep waiting
      const question = response.questions?.[0];
      if (
        response.type !== 'response' ||
        !question ||
        normalizeName(question.name) !== name ||
        question.type !== type
      ) {
        finish(malformed(settings, name, type, 'is not a response to the question asked'));
      } else if (response.flag_tc) {
        finish(
          malformed(settings, name, type, 'is truncated (the answer does not fit in UDP; TCP is not used)'),
        );
      } else {
        finish(undefined, response);
      }
    });
    socket.connect(port, host, () => {
      socket.send(query, (err) => {
        if (err) finish(new Error(`cannot send the DNS query to ${where}: ${err.message}`));
      });
    });
  });
}

function malformed(settings: Settings, name: string, type: AddressType, what: string): Error {
  return new Error(
    `malformed answer from ${settings.server.host}:${settings.server.port} for ${name} ${type}: it ${what}`,
  );
}

/** A, AAAA and CNAME records, whose data dns-packet decodes to a string (checked all the same). */
function isStringAnswer(answer: dnsPacket.Answer): answer is dnsPacket.StringAnswer {
  return answer.type === 'A' || answer.type === 'AAAA' || answer.type === 'CNAME';
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
