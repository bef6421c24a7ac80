import 'reflect-metadata';
import { FakeResponse, platformOf, recordingHook, requestOf, TAG } from '../support/platform-fakes.js';

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
    const platform = platformOf('express', app);
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

  it('hands on what prepare() made only to the send() that json() makes, never to a later one', () => {
    const { platform, proto, respond } = expressApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    const response = respond({ exchange: 'value' });
    response.json({ a: 1 });
    // A send() deferred past json(), as a wrapper of the app's might make it.
    proto.send.call(respond({ exchange: 'value' }), '{"b":2}');
    expect(seen).toEqual([
      { value: { a: 1 }, bytes: '{"a":1}' },
      { value: '{"b":2}', bytes: '{"b":2}' },
    ]);
  });

  it('hashes and sends the Buffer res.send() would make of a long JSON string, so the string is encoded once', () => {
    const { platform, calls, respond } = expressApp();
    const { hook, seen } = recordingHook();
    platform.installSendHook(hook);
    const long = JSON.stringify({ text: 'é'.repeat(1200) });
    const json = respond({ exchange: 'bytes' });
    json.setHeader('Content-Type', 'application/json; charset=utf-8');
    json.send(long);
    // Express adds a charset to any other type as it sends a string: that one is left to it.
    const other = respond({ exchange: 'bytes' });
    other.setHeader('Content-Type', 'application/vnd.api+json');
    other.send(long);
    const short = respond({ exchange: 'bytes' });
    short.setHeader('Content-Type', 'application/json; charset=utf-8');
    short.send('{"a":1}');
    // A revalidation is likely a 304, which sends no bytes: the string is hashed as it is.
    const revalidation = respond({ exchange: 'bytes', 'if-none-match': '"abc"' });
    revalidation.setHeader('Content-Type', 'application/json; charset=utf-8');
    revalidation.send(long);
    expect(seen.map(({ bytes }) => Buffer.isBuffer(bytes))).toEqual([true, false, false, false]);
    expect(seen[0].bytes).toEqual(Buffer.from(long));
    expect(calls).toEqual([
      [200, seen[0].bytes],
      [200, long],
      [200, '{"a":1}'],
      [200, long],
    ]);
  });

  it('sends the replacement the hook returns, with its status', () => {
    const { platform, calls, respond } = expressApp();
    platform.installSendHook(recordingHook({ status: 412, body: '{"status":412}' }).hook);
    respond({ exchange: 'bytes' }).json({ a: 1 });
    expect(calls).toEqual([[412, '{"status":412}']]);
  });

  it('sends a replacement decided from the value without serialising it, and never asks onSend', () => {
    const { platform, calls, respond } = expressApp();
    const { hook, seen, prepared } = recordingHook({ status: 304, body: undefined });
    platform.installSendHook(hook);
    respond({ exchange: 'early' }).json({ a: 1 });
    // The app's json() would have sent '{"a":1}' through send(), and onSend would have seen it.
    expect(calls).toEqual([[304, '']]);
    expect(prepared).toEqual([{ a: 1 }]);
    expect(seen).toEqual([]);
  });

  it('settles req.fresh when a validator condition was sent, so Express cannot answer 304 again', () => {
    const { platform, respond } = expressApp();
    platform.installSendHook(recordingHook().hook);
    const response = respond({ exchange: 'bytes', 'if-none-match': '"abc"' });
    response.json({ a: 1 });
    expect((response.req as { fresh?: boolean }).fresh).toBe(false);
  });

  it("keeps a claim once per route of Express's router, not on each request; every platform of the app reads it", () => {
    const { platform, proto } = expressApp();
    const [users, other] = [{ path: '/users' }, { path: '/other' }];
    const handler = platform.claimRoute(
      (request) => request,
      'users',
      (claimed) => claimed,
    );
    const first = { headers: {}, route: users };
    handler(first);
    expect(Object.getOwnPropertySymbols(first)).toEqual([]);
    expect(platform.claimedRoute({ headers: {}, route: users })).toBe('users');
    expect(platform.claimedRoute({ headers: {}, route: other })).toBeUndefined();
    // Another app's claims are its own.
    expect(platformOf('express', { response: proto, set: () => undefined }).claimedRoute({ route: users })).toBe(
      undefined,
    );
    // The exception filter builds a platform of its own over the same app: it reads the same claims.
    const app = { response: proto, set: () => undefined };
    const [a, b] = [platformOf('express', app), platformOf('express', app)];
    a.claimRoute(
      (request) => request,
      'shared',
      (claimed) => claimed,
    )({ route: other });
    expect(b.claimedRoute({ route: other })).toBe('shared');
    // A request no router route dispatched is marked itself.
    const unrouted = { headers: {} };
    handler(unrouted);
    expect(platform.claimedRoute(unrouted)).toBe('users');
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
