import 'reflect-metadata';
import { Readable } from 'node:stream';
import type { HttpServer } from '@nestjs/common';
import { type HttpPlatform, httpPlatform, type SendHook } from '../../lib/platform/http-platform.js';

/** A response as both platforms give one: Node's header API over a plain map. */
class FakeResponse {
  statusCode = 200;
  readonly headers = new Map<string, string>();
  readonly sent: unknown[] = [];
  constructor(readonly req: { headers: Record<string, string>; method?: string }) {}
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string) {
    this.headers.set(name.toLowerCase(), value);
  }
  header(name: string, value: string) {
    this.setHeader(name, value);
    return this;
  }
  removeHeader(name: string) {
    this.headers.delete(name.toLowerCase());
  }
  code(status: number) {
    this.statusCode = status;
  }
}

const TAG = { weak: false, opaque: 'abc', header: '"abc"' };

/** A hook for routes claimed as `'value'` (it needs the value) or `'bytes'`, that records what it saw. */
function recordingHook(replace?: { status: number; body: string | undefined }) {
  const seen: { value: unknown; bytes: unknown }[] = [];
  const hook: SendHook<string> = {
    needsValue: (route) => route === 'value',
    onSend: (_route, _request, _response, body) => {
      seen.push(body);
      return replace;
    },
  };
  return { hook, seen };
}

/** A request, claimed for `route` as a claimed handler marks it, or unclaimed. */
function requestOf(platform: HttpPlatform, headers: Record<string, string>, route?: string, method = 'GET') {
  const request = { headers, method };
  if (route !== undefined) void platform.claimRoute((claimed) => claimed, route)(request);
  return request;
}

describe('claimed routes', () => {
  it.each(['express', 'fastify'])("%s: the claimed handler marks each request, and keeps Nest's metadata", (type) => {
    const adapter = { getType: () => type, getInstance: () => ({}) } as unknown as HttpServer & { getType(): string };
    const platform = httpPlatform(adapter);
    const handler = Object.assign((request: object) => request, { version: '2' });
    Reflect.defineMetadata('__fastify_route_config__', { a: 1 }, handler);
    const claimed = platform.claimRoute(handler, 'route');
    expect(Reflect.getMetadata('__fastify_route_config__', claimed)).toEqual({ a: 1 });
    expect((claimed as unknown as { version: string }).version).toBe('2');
    const request = {};
    expect(claimed(request)).toBe(request);
    expect(platform.claimedRoute(request)).toBe('route');
    expect(platform.claimedRoute({})).toBeUndefined();
  });
});

describe('Express (lib/platform/express-platform.ts)', () => {
  function expressApp() {
    const calls: unknown[] = [];
    const proto = {
      json(this: FakeResponse & { send(body: unknown): unknown }, body: unknown) {
        return this.send(JSON.stringify(body));
      },
      send(this: FakeResponse, body: unknown) {
        calls.push([this.statusCode, body]);
        return this;
      },
    };
    const settings = new Map<string, unknown>();
    const app = { response: proto, set: (name: string, value: unknown) => settings.set(name, value) };
    const adapter = { getType: () => 'express', getInstance: () => app } as unknown as HttpServer & {
      getType(): string;
    };
    const platform = httpPlatform(adapter);
    // A request is claimed for the route its `exchange` header names, as a claimed handler marks it.
    const respond = (headers: Record<string, string>) => {
      const response = new FakeResponse(requestOf(platform, headers, headers.exchange));
      Object.setPrototypeOf(response, Object.assign(Object.create(FakeResponse.prototype), proto));
      return response as FakeResponse & typeof proto;
    };
    return { platform, calls, settings, respond, proto };
  }

  it('sends a response of a request the hook does not claim as it was, untouched', () => {
    const { platform, calls, respond } = expressApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    respond({}).json({ a: 1 });
    expect(calls).toEqual([[200, '{"a":1}']]);
    expect(seen).toEqual([]);
  });

  it('hands the hook the value res.json() serialised and the bytes, when it needs the value', () => {
    const { platform, respond } = expressApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    respond({ exchange: 'value' }).json({ a: 1 });
    respond({ exchange: 'bytes' }).json({ b: 2 });
    expect(seen).toEqual([
      { value: { a: 1 }, bytes: '{"a":1}' },
      { value: '{"b":2}', bytes: '{"b":2}' },
    ]);
  });

  it('sends the replacement the hook returns, with its status', () => {
    const { platform, calls, respond } = expressApp();
    platform.installSendHook(recordingHook({ status: 412, body: '{"status":412}' }).hook);
    respond({ exchange: 'bytes' }).json({ a: 1 });
    expect(calls).toEqual([[412, '{"status":412}']]);
  });

  it('settles req.fresh when a validator condition was sent, so Express cannot answer 304 again', () => {
    const { platform, respond } = expressApp();
    platform.installSendHook(recordingHook().hook);
    const response = respond({ exchange: 'bytes', 'if-none-match': '"abc"' });
    response.json({ a: 1 });
    expect((response.req as { fresh?: boolean }).fresh).toBe(false);
  });

  it('installs the hook once per app, however many times asked', () => {
    const { platform, proto } = expressApp();
    platform.installSendHook(recordingHook().hook);
    const installed = proto.send;
    platform.installSendHook(recordingHook().hook);
    expect(proto.send).toBe(installed);
  });

  it('names the coding compression applies in a strong tag, on that response only', () => {
    const { platform, respond } = expressApp();
    const compressed = Object.assign(respond({}), { flush: () => undefined });
    platform.setEntityTag(compressed, TAG);
    compressed.setHeader('Content-Encoding', 'gzip');
    expect(compressed.getHeader('etag')).toBe('"abc.gzip"');
    const weak = Object.assign(respond({}), { flush: () => undefined });
    platform.setEntityTag(weak, { ...TAG, weak: true, header: 'W/"abc"' });
    weak.setHeader('Content-Encoding', 'gzip');
    expect(weak.getHeader('etag')).toBe('W/"abc"');
    const plain = respond({});
    const setHeader = plain.setHeader;
    platform.setEntityTag(plain, TAG);
    expect(plain.setHeader).toBe(setHeader);
  });

  it("switches Express's own ETag off, and sends a 304 without a body of its own", () => {
    const { platform, settings } = expressApp();
    platform.disableOwnEtag();
    expect(settings.get('etag')).toBe(false);
    expect(platform.notModifiedBody('HEAD')).toBeUndefined();
  });
});

describe('Fastify (lib/platform/fastify-platform.ts)', () => {
  type Hook = (
    request: unknown,
    reply: unknown,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ) => void;

  function fastifyApp() {
    const hooks = new Map<string, Hook[]>();
    const instance = {
      addHook: (name: string, hook: Hook) => hooks.set(name, [...(hooks.get(name) ?? []), hook]),
    };
    const adapter = { getType: () => 'fastify', getInstance: () => instance } as unknown as HttpServer & {
      getType(): string;
    };
    /** Runs the two hooks as Fastify does for one reply, and returns the payload it would send. */
    const platform = httpPlatform(adapter);
    const send = (
      { headers, method }: { headers: Record<string, string>; method?: string },
      reply: FakeResponse,
      value: unknown,
    ) => {
      const request = requestOf(platform, headers, headers.exchange, method);
      let payload: unknown = value;
      hooks.get('preSerialization')![0]!(request, reply, payload, (_error, next) => (payload = next));
      if (typeof payload !== 'string') payload = JSON.stringify(payload);
      let sent: unknown;
      hooks.get('onSend')![0]!(request, reply, payload, (error, next) => {
        if (error) throw error;
        sent = next;
      });
      return sent;
    };
    return { platform, hooks, send };
  }

  it('registers one preSerialization and one onSend hook, once per app', () => {
    const { platform, hooks } = fastifyApp();
    platform.installSendHook(recordingHook().hook);
    platform.installSendHook(recordingHook().hook);
    expect(hooks.get('preSerialization')).toHaveLength(1);
    expect(hooks.get('onSend')).toHaveLength(1);
  });

  it('leaves a reply of an unclaimed request, and a null result, as they are', () => {
    const { platform, send } = fastifyApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    expect(send({ headers: {} }, new FakeResponse({ headers: {} }), { a: 1 })).toBe('{"a":1}');
    expect(send({ headers: { exchange: 'bytes' } }, new FakeResponse({ headers: {} }), null)).toBe('null');
    expect(seen).toEqual([]);
  });

  it('hands the hook the value before serialisation and the bytes, when it needs the value', () => {
    const { platform, send } = fastifyApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    send({ headers: { exchange: 'value' } }, new FakeResponse({ headers: {} }), { a: 1 });
    send({ headers: { exchange: 'bytes' } }, new FakeResponse({ headers: {} }), { b: 2 });
    expect(seen).toEqual([
      { value: { a: 1 }, bytes: '{"a":1}' },
      { value: '{"b":2}', bytes: '{"b":2}' },
    ]);
  });

  it('replaces the reply: a 304 with no payload (null: Fastify reads undefined as unchanged), an empty stream on HEAD', () => {
    const { platform, send } = fastifyApp();
    platform.installSendHook(recordingHook({ status: 304, body: undefined }).hook);
    const reply = new FakeResponse({ headers: {} });
    expect(send({ headers: { exchange: 'bytes' }, method: 'GET' }, reply, { a: 1 })).toBeNull();
    expect(reply.statusCode).toBe(304);
    expect(
      send({ headers: { exchange: 'bytes' }, method: 'HEAD' }, new FakeResponse({ headers: {} }), { a: 1 }),
    ).toBeInstanceOf(Readable);
    expect(platform.notModifiedBody('HEAD')).toBeInstanceOf(Readable);
    expect(platform.notModifiedBody('GET')).toBeUndefined();
  });

  it('names the coding @fastify/compress applies in a strong tag, on that reply only', () => {
    const { platform } = fastifyApp();
    const compressed = Object.assign(new FakeResponse({ headers: {} }), { compress: () => undefined });
    platform.setEntityTag(compressed, TAG);
    compressed.header('Content-Encoding', 'br');
    expect(compressed.getHeader('etag')).toBe('"abc.br"');
    const plain = new FakeResponse({ headers: {} });
    const header = plain.header;
    platform.setEntityTag(plain, TAG);
    expect(plain.header).toBe(header);
    expect(plain.getHeader('etag')).toBe('"abc"');
  });

  it('reads the limit of header fields Node applied', () => {
    const { platform } = fastifyApp();
    const raw = (count: number) => ({
      raw: { rawHeaders: new Array(count).fill('x'), socket: { server: { maxHeadersCount: 10 } } },
    });
    expect(platform.headerLimitReached(raw(10))).toBe(10);
    expect(platform.headerLimitReached(raw(9))).toBeUndefined();
  });
});
