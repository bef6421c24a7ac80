import { HttpError, type RequestOptions } from '../../lib/client/index.js';
import { CLIENT_READ_HEADER_NAMES } from '../../lib/http/client-read-headers.js';
import { clientOf, json, ORIGIN, reachedAt, type Sent } from './fake-fetch.js';

const ELSEWHERE = 'http://127.0.0.1:2';

/** A redirect as Node's fetch shows it with `redirect: 'manual'`: the 3xx and its Location. */
const redirect = (location: string, status = 302) => new Response(null, { status, headers: { Location: location } });

/** A redirect as a browser shows it with `redirect: 'manual'`: an opaqueredirect, status 0, no headers. */
function opaqueRedirect(): Response {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
  Object.defineProperty(response, 'status', { value: 0 });
  Object.defineProperty(response, 'ok', { value: false });
  return response;
}

describe('the client remembers nothing across origins', () => {
  describe('a GET that fetch followed', () => {
    it('to another origin: nothing is remembered, under our URL or any', async () => {
      const { client, sent } = clientOf(() =>
        reachedAt(`${ELSEWHERE}/forged`, json({ forged: true }, { ETag: '"f"' })),
      );
      const response = await client.get('/users/1');
      expect(response).toMatchObject({ url: `${ELSEWHERE}/forged`, status: 200, body: { forged: true } });
      expect(await client.remembered('/users/1')).toBeUndefined();
      expect(await client.remembered(`${ELSEWHERE}/forged`)).toBeUndefined();
      await client.get('/users/1');
      expect(sent[1]!.headers.has('if-none-match')).toBe(false);
    });

    it('within our origin: remembered under the URL it came from, which then revalidates', async () => {
      const { client, sent } = clientOf((request) =>
        request.url === `${ORIGIN}/users/1/`
          ? new Response(null, { status: 304, headers: { ETag: '"u1"' } })
          : reachedAt(`${ORIGIN}/users/1/#x`, json({ id: 1 }, { ETag: '"u1"' })),
      );
      expect((await client.get('/users/1')).url).toBe(`${ORIGIN}/users/1/`);
      expect(await client.remembered('/users/1')).toBeUndefined();
      expect(await client.remembered('/users/1/')).toMatchObject({ etag: '"u1"' });
      expect(await client.get('/users/1/')).toMatchObject({ status: 304, body: { id: 1 } });
      expect(sent[1]!.headers.get('if-none-match')).toBe('"u1"');
    });
  });

  describe("the client's own validators never follow a redirect", () => {
    it('a request with remembered validators is sent with redirect: manual; others as the caller says', async () => {
      const { client, sent } = clientOf(() => json({}, { ETag: '"v1"' }));
      await client.get('/r');
      await client.get('/r');
      await client.put('/r', {});
      await client.post('/r', {});
      expect(sent.map((request) => request.redirect)).toEqual([undefined, 'manual', 'manual', undefined]);
    });

    it("fetch is told to skip the browser's HTTP cache, which is no user's alone, unless the caller says otherwise", async () => {
      const { client, sent } = clientOf(() => json({}));
      await client.get('/r');
      await client.get('/r', { cache: 'reload' } as RequestOptions);
      expect(sent.map((request) => request.cache)).toEqual(['no-store', 'reload']);
    });

    it.each([
      ['Node (the 302 itself)', () => redirect(`${ELSEWHERE}/forged`)],
      ['a browser (an opaqueredirect)', opaqueRedirect],
    ])(
      'a GET redirected in %s: forgotten, sent again without validators, and what another origin answers is not remembered',
      async (_, redirected) => {
        let moved = false;
        const { client, sent } = clientOf((request: Sent) => {
          if (!moved) return json({ id: 1 }, { ETag: '"u1"' });
          // fetch follows when the client does not ask for manual.
          return request.redirect === 'manual'
            ? redirected()
            : reachedAt(`${ELSEWHERE}/forged`, json({ forged: true }, { ETag: '"u1"' }));
        });
        await client.get('/users/1');
        moved = true;
        expect(await client.get('/users/1')).toMatchObject({ status: 200, body: { forged: true } });
        expect(sent.map((request) => [request.headers.get('if-none-match'), request.redirect])).toEqual([
          [null, undefined],
          ['"u1"', 'manual'],
          [null, undefined],
        ]);
        expect(await client.remembered('/users/1')).toBeUndefined();
        await client.get('/users/1');
        expect(sent[3]!.headers.has('if-none-match')).toBe(false);
      },
    );

    it.each([
      [
        'Node',
        () => redirect(`${ELSEWHERE}/users/1`, 307),
        `307: the server redirects this write to ${ELSEWHERE}/users/1`,
      ],
      ['a browser', opaqueRedirect, 'a redirect: the server redirects this write,'],
    ])(
      'a write guarded by a remembered tag is not followed (%s): an HttpError, and the tag stays',
      async (_, redirected, said) => {
        const { client, sent } = clientOf((request) =>
          request.method === 'GET' ? json({}, { ETag: '"u1"' }) : redirected(),
        );
        await client.get('/users/1');
        const error = await client.put('/users/1', { name: 'x' }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(HttpError);
        expect((error as Error).message).toContain(`PUT ${ORIGIN}/users/1: ${said}`);
        expect((error as Error).message).toContain('the client does not follow a write it guards with If-Match');
        expect(sent).toHaveLength(2);
        expect((await client.remembered('/users/1'))?.etag).toBe('"u1"');
      },
    );
  });

  describe('a write that fetch followed', () => {
    it('to another origin: its Content-Location and validators are not remembered as ours', async () => {
      const { client } = clientOf((request) =>
        request.method === 'GET'
          ? json({ id: 2 }, { ETag: '"mine"' })
          : reachedAt(
              `${ELSEWHERE}/users/1`,
              json({ id: 2, forged: true }, { ETag: '"forged"', 'Content-Location': '/users/2' }),
            ),
      );
      await client.get('/users/2');
      await client.put('/users/1', { name: 'x' }, { headers: { 'If-Match': '*' } });
      // Our /users/2 is not what the other origin says it is; it is not made stale either (RFC 9111 §4.4).
      expect(await client.remembered('/users/2')).toMatchObject({ etag: '"mine"' });
      expect(await client.remembered('/users/1')).toBeUndefined();
      expect(await client.remembered(`${ELSEWHERE}/users/2`)).toBeUndefined();
    });

    it('within our origin: Content-Location resolves against the URL the response came from', async () => {
      const { client } = clientOf(() =>
        reachedAt(`${ORIGIN}/api/v2/items`, json({ id: 7 }, { ETag: '"n7"', 'Content-Location': 'items/7' }, 201)),
      );
      await client.post('/api/items', { name: 'x' });
      expect(await client.remembered('/api/v2/items/7')).toMatchObject({ etag: '"n7"' });
      expect(await client.remembered('/api/items/7')).toBeUndefined();
    });

    it('a PUT with an ETag and no Content-Location: the content sent is remembered under the URL it reached', async () => {
      const { client } = clientOf(() =>
        reachedAt(`${ORIGIN}/b`, new Response(null, { status: 204, headers: { ETag: '"b"' } })),
      );
      await client.put('/a', { a: 1 }, { headers: { 'If-Match': '*' } });
      expect(await client.remembered('/b')).toMatchObject({ etag: '"b"', body: '{"a":1}' });
      expect(await client.remembered('/a')).toBeUndefined();
    });
  });
});

describe('the response headers the client reads are the ones lib/http/client-read-headers.ts lists', () => {
  it('through reads, revalidations, writes, conflicts and redirects', async () => {
    const read = new Set<string>();
    const watched = (response: Response): Response => {
      const { headers } = response;
      const get = headers.get.bind(headers);
      const has = headers.has.bind(headers);
      Object.defineProperties(headers, {
        get: { value: (name: string) => (read.add(name.toLowerCase()), get(name)) },
        has: { value: (name: string) => (read.add(name.toLowerCase()), has(name)) },
      });
      return response;
    };
    let step = 0;
    const { client } = clientOf(() =>
      watched(
        [
          () =>
            json(
              {},
              {
                ETag: '"1"',
                'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
                Vary: 'Accept',
                'Cache-Control': 'private',
              },
            ),
          () => new Response(null, { status: 304, headers: { ETag: '"1"' } }),
          () => json({}, { ETag: '"2"', Location: '/x', 'Content-Location': '/r' }),
          () => json({ status: 412 }, { ETag: '"3"', 'Content-Type': 'application/problem+json' }, 412),
          () => redirect('/elsewhere', 307),
        ][step++]!(),
      ),
    );
    await client.get('/r');
    await client.get('/r');
    await client.patch('/r', {});
    await client.patch('/r', {}).catch(() => undefined);
    await client.delete('/r').catch(() => undefined);
    const listed = CLIENT_READ_HEADER_NAMES.map((name) => name.toLowerCase());
    expect([...read].filter((name) => !listed.includes(name))).toEqual([]);
    expect([...read].sort()).toEqual([...listed].sort());
  });
});
