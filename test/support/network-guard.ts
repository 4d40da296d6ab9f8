import * as dgram from 'node:dgram';
import * as net from 'node:net';

/** Where the process tried to send something while the guard was on. */
export interface NetworkGuard {
  /** `tcp 127.0.0.1:8080`, `udp 127.0.0.1:53`, in order, blocked ones included. */
  readonly contacts: readonly string[];
  /** The hosts tried, without duplicates. */
  hosts(): string[];
  restore(): void;
}

const ALLOWED = new Set(['127.0.0.1']);

/**
 * Records every outgoing TCP connection and UDP datagram (and UDP connect) of the process, by wrapping the
 * prototypes of node:net and node:dgram sockets, which http, https, tls and the DNS client all go through; and
 * fails any to a host other than 127.0.0.1 instead of sending it, so that even broken code under test reaches
 * nothing else.
 */
export function guardNetwork(): NetworkGuard {
  const contacts: string[] = [];
  const tcpConnect = net.Socket.prototype.connect;
  const udpSend = dgram.Socket.prototype.send;
  const udpConnect = dgram.Socket.prototype.connect;
  const blocked = (host: string): Error => new Error(`the network guard blocked a contact with ${host}`);

  net.Socket.prototype.connect = function (this: net.Socket, ...args: any[]) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    let host: string | undefined;
    if (typeof first === 'object' && first !== null && first.path == null) {
      host = first.host ?? 'localhost';
      contacts.push(`tcp ${host}:${first.port}`);
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      host = typeof args[1] === 'string' ? args[1] : 'localhost';
      contacts.push(`tcp ${host}:${first}`);
    }
    if (host !== undefined && !ALLOWED.has(host)) {
      process.nextTick(() => this.destroy(blocked(host)));
      return this;
    }
    return (tcpConnect as (...a: any[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  dgram.Socket.prototype.connect = function (this: dgram.Socket, ...args: any[]) {
    const host = typeof args[1] === 'string' ? args[1] : 'localhost';
    contacts.push(`udp ${host}:${args[0]}`);
    if (!ALLOWED.has(host)) {
      process.nextTick(() => this.emit('error', blocked(host)));
      return;
    }
    return (udpConnect as (...a: any[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.connect;

  dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: any[]) {
    // send(msg, [offset, length,] port, address, cb) or, on a connected socket, send(msg, cb)
    const at = args.findIndex((a, i) => i > 0 && typeof a === 'string');
    if (at > 0) {
      contacts.push(`udp ${args[at]}:${args[at - 1]}`);
      if (!ALLOWED.has(args[at])) {
        const callback = args.find((a) => typeof a === 'function');
        process.nextTick(() =>
          callback ? callback(blocked(args[at])) : this.emit('error', blocked(args[at])),
        );
        return;
      }
    }
    return (udpSend as (...a: any[]) => void).apply(this, args);
  } as typeof dgram.Socket.prototype.send;

  return {
    contacts,
    hosts: () => [...new Set(contacts.map((c) => c.replace(/^\w+ (.*):[^:]*$/, '$1')))],
    restore: () => {
      net.Socket.prototype.connect = tcpConnect;
      dgram.Socket.prototype.send = udpSend;
      dgram.Socket.prototype.connect = udpConnect;
    },
  };
}
