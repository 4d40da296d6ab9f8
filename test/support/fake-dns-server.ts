import * as dgram from 'node:dgram';
import { isIP } from 'node:net';
import * as dnsPacket from 'dns-packet';
import ipaddr from 'ipaddr.js';

/** How an entry applies: to the queries whose EDNS Client Subnet lies in `forSubnet`, or to every query. */
export interface EntryOptions {
  /** A CIDR block: the entry answers queries whose client subnet lies in it (the longest block wins). */
  readonly forSubnet?: string;
  /** @default 60 */
  readonly ttl?: number;
}

/** Properties for a CNAME entry. */
export interface CnameOptions extends EntryOptions {
  /**
   * Also answer the target's records in the same answer, as a server authoritative for both names does.
   * @default false: the answer holds only the CNAME, and the client has to ask for the target
   */
  readonly inline?: boolean;
}

/** A way for a name to go wrong. */
export type Misbehaviour = 'drop' | 'garbage' | 'wrong-question' | 'truncated' | 'SERVFAIL' | 'REFUSED';

/** One query as the server received it. */
export interface RecordedQuery {
  readonly name: string;
  readonly type: string;
  /** `203.0.113.0/24` when the query carried an EDNS Client Subnet. */
  readonly subnet?: string;
  /** The RD flag. */
  readonly recursionDesired: boolean;
  readonly from: string;
  /** `Date.now()` on receipt. */
  readonly at: number;
}

/** A real UDP DNS server on 127.0.0.1, answering from a table the test switches on cue. */
export interface FakeDnsServer {
  readonly server: { readonly host: string; readonly port: number };
  /** Sets (replaces) the addresses of `name`, for a subnet or for everyone. */
  answer(name: string, addresses: readonly string[], options?: EntryOptions): void;
  /** Makes `name` a CNAME to `target`, for a subnet or for everyone. */
  cname(name: string, target: string, options?: CnameOptions): void;
  /** Makes queries for `name` go wrong (or right again, with undefined). */
  misbehave(name: string, how: Misbehaviour | undefined): void;
  readonly queries: readonly RecordedQuery[];
  close(): Promise<void>;
}

type Entry =
  | { readonly kind: 'addresses'; readonly addresses: readonly string[]; readonly ttl: number }
  | { readonly kind: 'cname'; readonly target: string; readonly ttl: number; readonly inline: boolean };

interface Scoped {
  readonly block?: [ipaddr.IPv4 | ipaddr.IPv6, number];
  readonly entry: Entry;
}

const MAX_CHAIN = 16;

/** Starts a server on 127.0.0.1 on a free port. */
export async function startFakeDnsServer(): Promise<FakeDnsServer> {
  const table = new Map<string, Scoped[]>();
  const misbehaviour = new Map<string, Misbehaviour>();
  const queries: RecordedQuery[] = [];
  const socket = dgram.createSocket('udp4');

  const set = (name: string, entry: Entry, forSubnet: string | undefined): void => {
    const key = lower(name);
    const block = forSubnet === undefined ? undefined : ipaddr.parseCIDR(forSubnet);
    const rest = (table.get(key) ?? []).filter((s) => cidrText(s.block) !== cidrText(block));
    table.set(key, [...rest, { ...(block ? { block } : {}), entry }]);
  };

  /** The entry for `name` as the client subnet sees it: the longest block holding the subnet, else the default. */
  const lookup = (
    name: string,
    subnet: [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined,
  ): Entry | undefined => {
    const scoped = table.get(lower(name)) ?? [];
    const matching = scoped
      .filter(
        (s) =>
          s.block === undefined ||
          (subnet !== undefined &&
            subnet[0].kind() === s.block[0].kind() &&
            subnet[1] >= s.block[1] &&
            subnet[0].match(s.block)),
      )
      .sort((a, b) => (b.block?.[1] ?? -1) - (a.block?.[1] ?? -1));
    return matching[0]?.entry;
  };

  socket.on('message', (message, remote) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const ecs = ecsOf(query);
    queries.push({
      name: lower(question.name),
      type: question.type,
      ...(ecs ? { subnet: `${ecs[0].toString()}/${ecs[1]}` } : {}),
      recursionDesired: query.flag_rd,
      from: remote.address,
      at: Date.now(),
    });
    const reply = (buffer: Buffer): void => {
      socket.send(buffer, remote.port, remote.address);
    };
    const how = misbehaviour.get(lower(question.name));
    if (how === 'drop') return;
    if (how === 'garbage') return reply(Buffer.from([0x12, 0x34, 0x81]));
    const answers: dnsPacket.Answer[] = [];
    let rcode = 0;
    let scope = 0;
    if (how === 'SERVFAIL') rcode = 2;
    else if (how === 'REFUSED') rcode = 5;
    else {
      let name = lower(question.name);
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        const entry = lookup(name, ecs);
        const block = table.get(name)?.find((s) => s.entry === entry)?.block;
        if (block) scope = Math.max(scope, block[1]);
        if (!entry) {
          if (depth === 0) rcode = 3; // NXDOMAIN
          break;
        }
        if (entry.kind === 'addresses') {
          const family = question.type === 'AAAA' ? 6 : 4;
          for (const address of entry.addresses.filter((a) => isIP(a) === family)) {
            answers.push({
              type: question.type === 'AAAA' ? 'AAAA' : 'A',
              name,
              ttl: entry.ttl,
              data: address,
            });
          }
          break;
        }
        answers.push({ type: 'CNAME', name, ttl: entry.ttl, data: entry.target });
        if (!entry.inline) break;
        name = lower(entry.target);
      }
    }
    const response: dnsPacket.Packet = {
      type: 'response',
      id: query.id,
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER | rcode | (how === 'truncated' ? dnsPacket.TRUNCATED_RESPONSE : 0),
      questions: [
        how === 'wrong-question' ? { type: question.type, name: `other.${question.name}` } : question,
      ],
      answers,
      ...(ecs
        ? {
            additionals: [
              {
                type: 'OPT',
                name: '.',
                udpPayloadSize: 1232,
                extendedRcode: 0,
                ednsVersion: 0,
                flags: 0,
                flag_do: false,
                options: [
                  {
                    code: 8, // CLIENT_SUBNET
                    family: ecs[0].kind() === 'ipv4' ? 1 : 2,
                    sourcePrefixLength: ecs[1],
                    scopePrefixLength: scope,
                    ip: ecs[0].toString(),
                  },
                ],
              },
            ],
          }
        : {}),
    };
    reply(dnsPacket.encode(response));
  });

  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { address, port } = socket.address();
  return {
    server: { host: address, port },
    answer: (name, addresses, options = {}) =>
      set(name, { kind: 'addresses', addresses: [...addresses], ttl: options.ttl ?? 60 }, options.forSubnet),
    cname: (name, target, options = {}) =>
      set(
        name,
        { kind: 'cname', target, ttl: options.ttl ?? 60, inline: options.inline ?? false },
        options.forSubnet,
      ),
    misbehave: (name, how) => {
      if (how === undefined) misbehaviour.delete(lower(name));
      else misbehaviour.set(lower(name), how);
    },
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** The client subnet of a query: its address and source prefix length. */
function ecsOf(query: dnsPacket.DecodedPacket): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  for (const additional of query.additionals ?? []) {
    if (additional.type !== 'OPT') continue;
    for (const option of additional.options) {
      if (option.code === 8) {
        const ecs = option as { ip?: string; sourcePrefixLength?: number };
        if (ecs.ip !== undefined) return [ipaddr.parse(ecs.ip), ecs.sourcePrefixLength ?? 0];
      }
    }
  }
  return undefined;
}

function cidrText(block: [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined): string {
  return block ? `${block[0].toString()}/${block[1]}` : '';
}

function lower(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
