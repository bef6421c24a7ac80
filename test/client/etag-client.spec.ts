import {
  EtagClient,
  HttpError,
  PreconditionFailedError,
  type RememberedRepresentation,
  type RepresentationStore,
  WeakTagError,
} from '../../lib/client/index.js';

import { clientOf, json, ORIGIN, resource, type Sent } from './fake-fetch.js';

describe('EtagClient', () => {
  describe('what a GET remembers', () => {
    it('a 200 with an ETag: the next GET sends If-None-Match and a 304 gives back the body', async () => {
      const { client, sent } = clientOf(resource({ a: 1 }, { ETag: '"v1"' }));
      expect(await client.get('/r')).toMatchObject({ status: 200, revalidated: false, body: { a: 1 }, etag: '"v1"' });
      expect(await client.get('/r')).toMatchObject({ status: 304, revalidated: true, body: { a: 1 }, etag: '"v1"' });
      expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, '"v1"']);
      expect(sent[1]!.url).toBe(`${ORIGIN}/r`);
    });

    it('Last-Modified alone: If-Modified-Since; with an ETag too, both (RFC 9110 §8.8.4)', async () => {
      const date = 'Tue, 01 Dec 2026 10:00:00 GMT';
      const { client, sent } = clientOf(() => json({}, { 'Last-Modified': date }));
      await client.get('/dated');
      await client.get('/dated');
      expect(sent[1]!.headers.get('if-modified-since')).toBe(date);
      expect(sent[1]!.headers.has('if-none-match')).toBe(false);

      const both = clientOf(() => json({}, { ETag: '"v1"', 'Last-Modified': date }));
      await both.client.get('/both');
      await both.client.get('/both');
      expect(both.sent[1]!.headers.get('if-none-match')).toBe('"v1"');
      expect(both.sent[1]!.headers.get('if-modified-since')).toBe(date);
    });

    it('a 304 updates the remembered validators (RFC 9111 §4.3.4)', async () => {
      let answer = () => json('body', { ETag: '"v1"' });
      const { client } = clientOf(() => answer());
      await client.get('/r');
      answer = () => new Response(null, { status: 304, headers: { ETag: '"v1"', 'Last-Modified': 'Wed' } });
      await client.get('/r');
      expect(await client.remembered('/r')).toMatchObject({ etag: '"v1"', lastModified: 'Wed' });
    });

    it('a response without a validator is not remembered', async () => {
      const { client, sent } = clientOf(() => json({ a: 1 }));
      await client.get('/r');
      await client.get('/r');
      expect(sent[1]!.headers.has('if-none-match')).toBe(false);
      expect(await client.remembered('/r')).toBeUndefined();
    });

    it('only a 200 is remembered, and a 404 or 410 forgets the resource', async () => {
      let status = 200;
      const { client } = clientOf(() => json({}, { ETag: '"v1"' }, status));
      await client.get('/r');
      status = 404;
      await expect(client.get('/r')).rejects.toMatchObject({ name: 'HttpError', status: 404 });
      expect(await client.remembered('/r')).toBeUndefined();
      status = 203;
      await client.get('/r');
      expect(await client.remembered('/r')).toBeUndefined();
    });

    it('the fragment is not part of the key', async () => {
      const { client, sent } = clientOf(resource('x', { ETag: '"v1"' }));
      await client.get('/r#one');
      expect((await client.get(new URL(`${ORIGIN}/r#two`))).revalidated).toBe(true);
      expect(sent[0]!.url).toBe(`${ORIGIN}/r`);
    });

    it('a precondition the caller sets is sent as is, and the client adds none', async () => {
      const { client, sent } = clientOf(resource('x', { ETag: '"v1"' }));
      await client.get('/r');
      const response = await client.get('/r', { headers: { 'If-None-Match': '"v1"' } });
      expect(sent[1]!.headers.get('if-none-match')).toBe('"v1"');
      // Not the client's revalidation: there is no remembered body to hand back.
      expect(response).toMatchObject({ status: 304, revalidated: false, body: undefined });
    });
  });

  describe('Vary: an entry serves only requests with the same selecting header values', () => {
    const byLanguage = (request: Sent) => {
      const language = request.headers.get('accept-language') ?? 'en';
      const etag = `"${language}"`;
      return request.headers.get('if-none-match') === etag
        ? new Response(null, { status: 304, headers: { ETag: etag, Vary: 'Accept-Language' } })
        : json(`hello in ${language}`, { ETag: etag, Vary: 'Accept-Language' });
    };

    it('the same value revalidates; another value is an unconditional GET that replaces the entry', async () => {
      const { client, sent } = clientOf(byLanguage);
      const fr = { headers: { 'Accept-Language': 'fr' } };
      await client.get('/greeting', fr);
      expect(await client.get('/greeting', fr)).toMatchObject({ status: 304, body: 'hello in fr' });
      expect(await client.get('/greeting')).toMatchObject({ status: 200, body: 'hello in en' });
      expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, '"fr"', null]);
      expect(await client.remembered('/greeting')).toMatchObject({ etag: '"en"', vary: { 'accept-language': '' } });
    });

    it("the client's own default headers select too", async () => {
      const { client, sent } = clientOf(byLanguage, { headers: { 'Accept-Language': 'de' } });
      await client.get('/greeting');
      expect(await client.get('/greeting')).toMatchObject({ status: 304, body: 'hello in de' });
      expect(sent[1]!.headers.get('if-none-match')).toBe('"de"');
    });

    it('Vary: * is never remembered, and forgets what was', async () => {
      let vary = 'Accept';
      const { client, sent } = clientOf(() => json('x', { ETag: '"v1"', Vary: vary }));
      await client.get('/r');
      vary = '*';
      await client.get('/r');
      await client.get('/r');
      expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, '"v1"', null]);
      expect(await client.remembered('/r')).toBeUndefined();
    });
  });

  describe('writes', () => {
    it('a weak tag is never sent in If-Match (RFC 9110 §13.1.1): WeakTagError, and nothing is sent', async () => {
      const { client, sent } = clientOf(() => json({}, { ETag: 'W/"w1"' }));
      await client.get('/r');
      for (const write of [() => client.put('/r', {}), () => client.patch('/r', {}), () => client.delete('/r')]) {
        const error = await write().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(WeakTagError);
        expect(error).toMatchObject({ tag: 'W/"w1"', url: `${ORIGIN}/r` });
        expect((error as Error).message).toMatch(/is weak, and If-Match compares strongly \(RFC 9110 §13\.1\.1\)/);
      }
      expect(sent).toHaveLength(1);
      // The caller may still say what to send.
      await client.put('/r', {}, { headers: { 'If-Match': '*' } });
      expect(sent[1]!.headers.get('if-match')).toBe('*');
    });

    it('a weak tag still revalidates GETs (If-None-Match compares weakly, RFC 9110 §13.1.2)', async () => {
      const { client, sent } = clientOf(resource('x', { ETag: 'W/"w1"' }));
      await client.get('/r');
      expect(await client.get('/r')).toMatchObject({ revalidated: true, body: 'x' });
      expect(sent[1]!.headers.get('if-none-match')).toBe('W/"w1"');
    });

    it('a string body is sent as is; anything else as JSON', async () => {
      const { client, sent } = clientOf(() => new Response(null, { status: 204 }));
      await client.post('/r', 'plain', { headers: { 'Content-Type': 'text/plain' } });
      await client.post('/r', { a: [1] });
      expect(sent.map((request) => [request.body, request.headers.get('content-type')])).toEqual([
        ['plain', 'text/plain'],
        ['{"a":[1]}', 'application/json'],
      ]);
    });

    it('a POST sends no If-Match, even for a remembered collection, and makes it stale (RFC 9111 §4.4)', async () => {
      const { client, sent } = clientOf((request) =>
        request.method === 'GET' ? json([], { ETag: '"list"' }) : json({ id: 1 }, {}, 201),
      );
      await client.get('/items');
      await client.post('/items', { name: 'x' });
      expect(sent[1]!.headers.has('if-match')).toBe(false);
      expect(await client.remembered('/items')).toBeUndefined();
    });

    it('Content-Location names the resource the body represents (RFC 9110 §8.7), resolved against the target', async () => {
      const { client } = clientOf(() => json({ id: 7 }, { ETag: '"n7"', 'Content-Location': 'items/7' }, 201));
      await client.post('/api/items', { name: 'x' });
      expect(await client.remembered('/api/items/7')).toMatchObject({ etag: '"n7"', body: '{"id":7}' });
    });

    it('a Content-Location of another origin is not trusted', async () => {
      const { client } = clientOf(() => json({}, { ETag: '"x"', 'Content-Location': 'http://elsewhere.test/r' }));
      await client.post('/r', {});
      expect(await client.remembered('http://elsewhere.test/r')).toBeUndefined();
    });

    it('a successful write forgets the URLs in Location and Content-Location (RFC 9111 §4.4)', async () => {
      const { client } = clientOf((request) =>
        request.method === 'GET'
          ? json({}, { ETag: '"old"' })
          : new Response(null, { status: 204, headers: { Location: '/a', 'Content-Location': '/b' } }),
      );
      await client.get('/a');
      await client.get('/b');
      await client.post('/c', {});
      expect(await client.remembered('/a')).toBeUndefined();
      expect(await client.remembered('/b')).toBeUndefined();
    });

    it('a PUT with an ETag and no Content-Location remembers the content sent (RFC 9110 §9.3.4)', async () => {
      const { client } = clientOf(() => new Response(null, { status: 204, headers: { ETag: '"put"' } }));
      await client.put('/r', { a: 1 }, { headers: { 'If-Match': '*' } });
      expect(await client.remembered('/r')).toEqual({
        etag: '"put"',
        lastModified: undefined,
        body: '{"a":1}',
        contentType: 'application/json',
        vary: undefined,
      });
    });

    it('a 412 carries the problem, keeps the stale tag until a re-read, which sends the same other headers', async () => {
      const problem = { type: 'about:blank', title: 'Precondition Failed', status: 412, detail: 'stale' };
      let version = 1;
      const { client, sent } = clientOf((request) =>
        request.method === 'GET'
          ? json({ v: version }, { ETag: `"v${version}"` })
          : new Response(JSON.stringify(problem), {
              status: 412,
              statusText: 'Precondition Failed',
              headers: { ETag: '"v2"', 'Content-Type': 'application/problem+json' },
            }),
      );
      const bearer = { headers: { Authorization: 'Bearer t' } };
      await client.get('/r', bearer);
      version = 2;
      const error = (await client
        .patch('/r', { v: 3 }, bearer)
        .catch((caught: unknown) => caught)) as PreconditionFailedError;
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ name: 'PreconditionFailedError', status: 412, currentTag: '"v2"', problem });
      expect(error.message).toBe(
        `PATCH ${ORIGIN}/r: 412 Precondition Failed: the resource changed after it was read: sent If-Match "v1", ` +
          'its current tag is "v2". Read it again (reread()), reapply the change and save again',
      );
      // A retry without reading sends the same stale tag: never no If-Match at all.
      expect((await client.remembered('/r', bearer))?.etag).toBe('"v1"');

      await error.reread();
      expect((await client.remembered('/r', bearer))?.etag).toBe('"v2"');
      const reread = sent[2]!;
      expect([reread.method, reread.headers.get('authorization'), reread.headers.has('if-match')]).toEqual([
        'GET',
        'Bearer t',
        false,
      ]);
      expect(reread.headers.has('content-type')).toBe(false);
    });

    it('onConflict retries once: a second 412 is thrown', async () => {
      let attempts = 0;
      const { client } = clientOf((request) =>
        request.method === 'GET' ? json({}, { ETag: `"v${attempts}"` }) : (attempts++, json({}, {}, 412)),
      );
      await client.get('/r');
      const onConflict = async (conflict: PreconditionFailedError, mine: object) => {
        await conflict.reread();
        return mine;
      };
      await expect(client.put('/r', {}, { onConflict })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(attempts).toBe(2);
    });
  });

  describe('a store of your own', () => {
    it('may be asynchronous', async () => {
      const entries = new Map<string, RememberedRepresentation>();
      const store: RepresentationStore = {
        get: async (url) => entries.get(url),
        set: async (url, representation) => void entries.set(url, representation),
        delete: async (url) => void entries.delete(url),
      };
      const { client } = clientOf(resource({ a: 1 }, { ETag: '"v1"' }), { store });
      await client.get('/r');
      expect([...entries.keys()]).toEqual([`${ORIGIN}/r`]);
      expect(await client.get('/r')).toMatchObject({ revalidated: true, body: { a: 1 } });
    });
  });

  describe('bodies', () => {
    it.each([
      ['application/json; charset=utf-8', { a: 1 }],
      ['application/problem+json', { a: 1 }],
      ['application/vnd.api+json', { a: 1 }],
      ['application/jsonp', '{"a":1}'],
      ['text/plain', '{"a":1}'],
    ])('%s is parsed as %p', async (type, body) => {
      const { client } = clientOf(() => new Response('{"a":1}', { headers: { 'Content-Type': type } }));
      expect((await client.get('/r')).body).toEqual(body);
    });
  });

  it('a relative URL with no baseUrl (in Node) is a TypeError that says what to do', async () => {
    const client = new EtagClient();
    await expect(client.get('/r')).rejects.toThrow(
      new TypeError('EtagClient: cannot resolve /r: give an absolute URL, or the baseUrl option'),
    );
  });
});
