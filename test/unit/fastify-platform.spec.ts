import 'reflect-metadata';
import { Readable } from 'node:stream';
import { FakeResponse, platformOf, recordingHook, requestOf, TAG } from '../support/platform-fakes.js';

describe('Fastify (lib/platform/fastify-platform.ts)', () => {
  type Hook = (
    request: unknown,
    reply: unknown,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ) => void;

  interface RouteOptions {
    handler: unknown;
    onSend?: Hook | Hook[];
    preSerialization?: Hook | Hook[];
  }

  /** A Fastify instance as far as the platform uses it: `onRoute` hooks, run within route() as Fastify does. */
  function fastifyApp() {
    const hooks = new Map<string, ((...args: never[]) => void)[]>();
    const routes: RouteOptions[] = [];
    const instance = {
      addHook: (name: string, hook: (...args: never[]) => void) => hooks.set(name, [...(hooks.get(name) ?? []), hook]),
      route(options: RouteOptions) {
        for (const hook of hooks.get('onRoute') ?? []) (hook as (options: RouteOptions) => void)(options);
        routes.push(options);
      },
    };
    const platform = platformOf('fastify', instance);
    /** Registers a route, claimed for `route` when given, and returns its options as Fastify would keep them. */
    const register = (route?: string, options: Omit<RouteOptions, 'handler'> = {}): RouteOptions => {
      const handler = (request: object) => request;
      if (route === undefined) instance.route({ ...options, handler });
      else platform.claimRoute(handler, route, (claimed) => instance.route({ ...options, handler: claimed }));
      return routes.at(-1)!;
    };
    const list = (hook: Hook | Hook[] | undefined): Hook[] => (hook === undefined ? [] : [hook].flat());
    /** Runs a route's two hooks as Fastify does for one reply, and returns the payload it would send. */
    const send = (
      { headers, method }: { headers: Record<string, string>; method?: string },
      reply: FakeResponse,
      value: unknown,
    ) => {
      const route = headers.exchange;
      const options = register(route);
      const request = requestOf(platform, headers, route, method);
      let payload: unknown = value;
      for (const hook of list(options.preSerialization))
        hook(request, reply, payload, (_error, next) => (payload = next));
      // As Fastify's default serialiser: JSON, with its type.
      if (typeof payload !== 'string') {
        reply.header('content-type', 'application/json; charset=utf-8');
        payload = JSON.stringify(payload);
      }
      let sent: unknown = payload;
      for (const hook of list(options.onSend)) {
        hook(request, reply, sent, (error, next) => {
          if (error) throw error;
          sent = next;
        });
      }
      return sent;
    };
    return { platform, hooks, register, send };
  }

  const list = (hook: Hook | Hook[] | undefined): Hook[] => (hook === undefined ? [] : [hook].flat());

  it('gives each claimed route, and no other, an onSend hook first of its own, and a preSerialization hook where the value is needed', () => {
    const { platform, hooks, register } = fastifyApp();
    platform.installSendHook(recordingHook().hook);
    platform.installSendHook(recordingHook().hook);
    expect(hooks.get('onRoute')).toHaveLength(1);
    const compressor: Hook = () => undefined;
    expect(register(undefined, { onSend: compressor })).toEqual({ handler: expect.any(Function), onSend: compressor });
    const claimed = register('value', { onSend: [compressor] });
    expect(list(claimed.onSend)).toHaveLength(2);
    expect(list(claimed.onSend)[1]).toBe(compressor);
    expect(list(claimed.preSerialization)).toHaveLength(1);
    // A HEAD route copied from a claimed GET's options, with the hooks already in them, gets them once.
    const head = register('value', claimed);
    expect(list(head.onSend)).toHaveLength(2);
    expect(list(head.preSerialization)).toHaveLength(1);
    // A tag of the bytes alone: the onSend hook, as @fastify/etag's routes have, and nothing before serialisation.
    const bytes = register('bytes', { onSend: [compressor] });
    expect(list(bytes.onSend)).toEqual([expect.any(Function), compressor]);
    expect(bytes.preSerialization).toBeUndefined();
  });

  it('leaves a reply of an unclaimed request, and a null result, as they are', () => {
    const { platform, send } = fastifyApp();
    const { hook, seen, prepared } = recordingHook();
    platform.installSendHook(hook);
    expect(send({ headers: {} }, new FakeResponse({ headers: {} }), { a: 1 })).toBe('{"a":1}');
    // Serialised as JSON's null, with or without a preSerialization hook: never prepared, never tagged.
    expect(send({ headers: { exchange: 'bytes' } }, new FakeResponse({ headers: {} }), null)).toBe('null');
    expect(send({ headers: { exchange: 'value' } }, new FakeResponse({ headers: {} }), null)).toBe('null');
    expect(seen).toEqual([]);
    expect(prepared).toEqual([]);
    // The text "null" a handler returns is sent as text/plain by Fastify: a representation like any other.
    const text = new FakeResponse({ headers: {} }).header('content-type', 'text/plain; charset=utf-8');
    send({ headers: { exchange: 'bytes' } }, text, 'null');
    expect(seen).toEqual([{ value: 'null', bytes: 'null' }]);
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

  it('sends a replacement decided from the value: Fastify serialises null instead, and onSend sends the replacement', () => {
    const { platform, register } = fastifyApp();
    const { hook, seen, prepared } = recordingHook({ status: 412, body: '{"status":412}' });
    platform.installSendHook(hook);
    const options = register('early');
    const reply = new FakeResponse({ headers: {} });
    const request = requestOf(platform, {}, 'early');
    let payload: unknown = { a: 1 };
    for (const run of list(options.preSerialization)) run(request, reply, payload, (_error, next) => (payload = next));
    expect(payload).toBeNull();
    expect(reply.statusCode).toBe(412);
    let sent: unknown = JSON.stringify(payload);
    for (const run of list(options.onSend)) run(request, reply, sent, (_error, next) => (sent = next));
    expect(sent).toBe('{"status":412}');
    expect(prepared).toEqual([{ a: 1 }]);
    expect(seen).toEqual([]);
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
