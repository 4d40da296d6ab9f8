// A real HTTP server on 127.0.0.1 standing in for the Tencent Cloud API (API 3.0, as tencentcloud-sdk-nodejs
// speaks it): JSON POSTed to `/` with the action, version and region in X-TC-* headers; answers
// `{"Response": {..., "RequestId"}}` or `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

/** One request the fake received. */
export interface FakeCall {
  /** X-TC-Action. */
  readonly action: string;
  /** X-TC-Region; undefined where the client sent none. */
  readonly region: string | undefined;
  /** X-TC-Version. */
  readonly version: string | undefined;
  /** The JSON body. */
  readonly params: Record<string, any>;
  /** The RequestId the fake answered with; undefined where it answered nothing. */
  readonly requestId: string | undefined;
  /** The request as it came over the wire: every header and the body, as text. */
  readonly raw: string;
}

/** What a handler knows about the request besides its parameters. */
export interface FakeCallContext {
  readonly action: string;
  readonly region: string | undefined;
  readonly version: string | undefined;
  /** How many calls of this action came before this one (0 for the first). */
  readonly nth: number;
}

/** Close the connection without an answer: the client sees a network error. */
export const RESET_CONNECTION = Symbol('reset connection');
/** Never answer (the connection stays open until `close()`): the client times out. */
export const NO_ANSWER = Symbol('no answer');

/** The response fields of an action (RequestId added), a Tencent error, or a network failure. */
export type FakeAnswer =
  | Record<string, unknown>
  | { readonly error: { readonly Code: string; readonly Message: string } }
  | typeof RESET_CONNECTION
  | typeof NO_ANSWER;

export type FakeHandler = (
  params: Record<string, any>,
  context: FakeCallContext,
) => FakeAnswer | Promise<FakeAnswer>;

/** The running fake. */
export interface FakeTencentApi {
  /** `127.0.0.1:PORT`: `TencentApiOptions.endpoint`. */
  readonly endpoint: string;
  /** Every request, in the order received. */
  readonly calls: FakeCall[];
  /** Stops the server and drops every open connection. */
  close(): Promise<void>;
}

/** Starts the fake on a free port of 127.0.0.1. An action without a handler answers `InvalidAction`. */
export async function startFakeTencentApi(handlers: Record<string, FakeHandler>): Promise<FakeTencentApi> {
  const calls: FakeCall[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void answer(req, res, handlers, calls);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Record<string, FakeHandler>,
  calls: FakeCall[],
): Promise<void> {
  const body = await readBody(req);
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const action = header('x-tc-action') ?? '';
  const region = header('x-tc-region');
  const version = header('x-tc-version');
  const raw = `${JSON.stringify(req.headers)}\n${body}`;
  let params: Record<string, any> = {};
  let result: FakeAnswer;
  try {
    params = body === '' ? {} : (JSON.parse(body) as Record<string, any>);
    const handler = Object.prototype.hasOwnProperty.call(handlers, action) ? handlers[action] : undefined;
    const nth = calls.filter((c) => c.action === action).length;
    result = handler
      ? await handler(params, { action, region, version, nth })
      : {
          error: {
            Code: 'InvalidAction',
            Message: `The requested action \`${action}\` does not exist (fake Tencent Cloud API).`,
          },
        };
  } catch (e) {
    result = { error: { Code: 'InternalError', Message: `fake handler failed: ${(e as Error).message}` } };
  }
  if (result === RESET_CONNECTION || result === NO_ANSWER) {
    calls.push({ action, region, version, params, requestId: undefined, raw });
    if (result === RESET_CONNECTION) req.socket.destroy();
    return;
  }
  const requestId = randomUUID();
  calls.push({ action, region, version, params, requestId, raw });
  const response =
    'error' in result && isTencentError(result.error)
      ? { Error: result.error, RequestId: requestId }
      : { ...result, RequestId: requestId };
  const text = JSON.stringify({ Response: response });
  res.writeHead(200, { 'Content-Type': 'application/json', 'X-TC-RequestId': requestId });
  res.end(text);
}

function isTencentError(x: unknown): x is { Code: string; Message: string } {
  return typeof x === 'object' && x !== null && typeof (x as { Code?: unknown }).Code === 'string';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
