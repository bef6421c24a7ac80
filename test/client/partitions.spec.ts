import { MemoryStore, type RememberedRepresentation, type RepresentationStore } from '../../lib/client/index.js';
import { clientOf, json, ORIGIN, type Sent } from './fake-fetch.js';

/**
 * A per-user `/me` whose tag is the same for every user (a version tag of
 * version 1, a weak tag over a field they share): sending one user's tag for
 * another would get a 304, and the other user's body with it.
 */
function perUser(cacheControl?: string) {
  return (request: Sent) => {
    const who = request.headers.get('authorization') ?? request.headers.get('cookie') ?? request.headers.get('x-user');
    const headers: Record<string, string> = { ETag: '"v1"', ...(cacheControl && { 'Cache-Control': cacheControl }) };
    return request.headers.get('if-none-match') === '"v1"'
      ? new Response(null, { status: 304, headers })
      : json({ owner: who }, headers);
  };
}

const as = (authorization: string) => ({ headers: { Authorization: authorization } });

describe('what the client remembers is kept apart by who asks (RFC 9111 §3.5)', () => {
  it.each([
    ['Authorization', (who: string) => ({ headers: { Authorization: `Bearer ${who}` } })],
    ['Cookie', (who: string) => ({ headers: { Cookie: `session=${who}` } })],
    ['a declared identity', (who: string) => ({ identity: who, headers: { 'X-User': who } })],
  ])('%s: one user never gets the validator or the body another read', async (_, user) => {
    const { client, sent } = clientOf(perUser());
    const a = await client.get<{ owner: string }>('/me', user('a'));
    const b = await client.get<{ owner: string }>('/me', user('b'));
    expect([a.body.owner, b.body.owner]).toEqual([
      expect.stringMatching(/a$/) as unknown,
      expect.stringMatching(/b$/) as unknown,
    ]);
    expect(b).toMatchObject({ status: 200, revalidated: false });
    // Each revalidates its own.
    expect(await client.get('/me', user('a'))).toMatchObject({ status: 304, body: a.body });
    expect(await client.get('/me', user('b'))).toMatchObject({ status: 304, body: b.body });
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, '"v1"', '"v1"']);
  });

  it("a request without credentials gets nothing of a credentialed one's, and the reverse", async () => {
    const { client, sent } = clientOf(perUser());
    await client.get('/me', as('Bearer a'));
    await client.get('/me');
    await client.get('/me', as('Bearer a'));
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, '"v1"']);
  });

  it("the client's default credentials partition too, and a request's own win", async () => {
    const { client, sent } = clientOf(perUser(), { headers: { Authorization: 'Bearer a' } });
    await client.get('/me');
    expect((await client.get('/me', as('Bearer b'))).body).toEqual({ owner: 'Bearer b' });
    expect(await client.get('/me')).toMatchObject({ status: 304, body: { owner: 'Bearer a' } });
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, '"v1"']);
  });

  it('a client-wide identity function is asked at each request: a sign-in switches memories', async () => {
    let user: string | undefined = 'a';
    const { client, sent } = clientOf(perUser(), { identity: () => user });
    await client.get('/me');
    user = 'b';
    await client.get('/me');
    user = undefined;
    await client.get('/me');
    user = 'a';
    await client.get('/me');
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, null, '"v1"']);
  });

  it('a write sends only the tag its own user read', async () => {
    const { client, sent } = clientOf((request) =>
      request.method === 'GET' ? json({}, { ETag: '"doc"' }) : json({}, {}, 428),
    );
    await client.get('/doc', as('Bearer a'));
    await expect(client.put('/doc', {}, as('Bearer b'))).rejects.toMatchObject({ status: 428 });
    expect(sent[1]!.headers.has('if-match')).toBe(false);
  });

  it('the store never holds a credential: partitions are keyed by a SHA-256 digest', async () => {
    const entries = new Map<string, RememberedRepresentation>();
    const store: RepresentationStore = {
      get: (key) => entries.get(key),
      set: (key, representation) => void entries.set(key, representation),
      delete: (key) => void entries.delete(key),
    };
    const { client } = clientOf(() => json({ ok: true }, { ETag: '"x"', Vary: 'Authorization, Cookie, X-Api-Key' }), {
      store,
    });
    const secret = { headers: { Authorization: 'Bearer s3cr3t', Cookie: 'sid=c00k1e', 'X-Api-Key': 'k3y' } };
    await client.get('/me', secret);
    await client.get('/me', { identity: 'alice@example.com' });
    await client.get('/public');
    const everything = JSON.stringify([...entries]);
    for (const credential of ['s3cr3t', 'c00k1e', 'k3y', 'alice']) expect(everything).not.toContain(credential);
    expect([...entries.keys()].sort()).toEqual([
      expect.stringMatching(new RegExp(`^[0-9a-f]{64} ${ORIGIN}/me$`)),
      expect.stringMatching(new RegExp(`^[0-9a-f]{64} ${ORIGIN}/me$`)),
      `${ORIGIN}/public`,
    ]);
    expect(await client.remembered('/me', secret)).toMatchObject({ etag: '"x"' });
  });
});

describe('clear(): a sign-out', () => {
  it('forgets every user, so the next reads are unconditional', async () => {
    const store = new MemoryStore();
    const { client, sent } = clientOf(perUser(), { store });
    await client.get('/me', as('Bearer a'));
    await client.get('/me');
    await client.clear();
    expect(store.size).toBe(0);
    await client.get('/me', as('Bearer a'));
    await client.get('/me');
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, null, null]);
  });

  it('a response to a request sent before clear() is not remembered', async () => {
    let answer: (response: Response) => void = () => undefined;
    const { client } = clientOf(() => undefined as never, {
      fetch: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const reading = client.get('/me');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await client.clear();
    answer(json({ owner: 'before' }, { ETag: '"v1"' }));
    expect((await reading).body).toEqual({ owner: 'before' });
    expect(await client.remembered('/me')).toBeUndefined();
  });

  it('with a store that cannot clear: a TypeError that says so, never a silent no-op', async () => {
    const store: RepresentationStore = { get: () => undefined, set: () => undefined, delete: () => undefined };
    const { client } = clientOf(perUser(), { store });
    await expect(client.clear()).rejects.toThrow(
      new TypeError('EtagClient: clear() needs a store with a clear() method; this store has none'),
    );
  });
});

describe('Cache-Control (RFC 9111 §5.2)', () => {
  it('no-store in the response (§5.2.2.5): not remembered, and what was is forgotten', async () => {
    let cacheControl = 'max-age=0';
    const { client } = clientOf(() => json({}, { ETag: '"v1"', 'Cache-Control': cacheControl }));
    await client.get('/r');
    expect(await client.remembered('/r')).toBeDefined();
    cacheControl = 'private, no-store';
    await client.get('/r');
    expect(await client.remembered('/r')).toBeUndefined();
  });

  it('no-store in the request (§5.2.1.5): its response is not remembered', async () => {
    const { client } = clientOf(() => json({}, { ETag: '"v1"' }));
    await client.get('/r', { headers: { 'Cache-Control': 'no-store' } });
    expect(await client.remembered('/r', { headers: { 'Cache-Control': 'no-store' } })).toBeUndefined();
  });

  it('a 304 that says no-store: the remembered body is still the answer, then forgotten', async () => {
    let noStore = false;
    const { client } = clientOf((request) =>
      request.headers.get('if-none-match') === '"v1"'
        ? new Response(null, {
            status: 304,
            headers: { ETag: '"v1"', ...(noStore && { 'Cache-Control': 'no-store' }) },
          })
        : json('body', { ETag: '"v1"' }),
    );
    await client.get('/r');
    noStore = true;
    expect(await client.get('/r')).toMatchObject({ status: 304, body: 'body' });
    expect(await client.remembered('/r')).toBeUndefined();
  });

  describe('private (§5.2.2.7)', () => {
    it("one user's client (the default: a browser tab) remembers it", async () => {
      const { client } = clientOf(perUser('private'));
      await client.get('/me');
      expect(await client.remembered('/me')).toBeDefined();
    });

    it.each(['private', 'private="Set-Cookie"', 'no-cache, PRIVATE'])(
      'a shared client (a backend for frontend) remembers "%s" only for a request that says whose it is',
      async (cacheControl) => {
        const { client } = clientOf(perUser(cacheControl), { shared: true, headers: { Authorization: 'Basic bff' } });
        await client.get('/me');
        // The client-wide Authorization is the backend's own, the same for every user.
        expect(await client.remembered('/me')).toBeUndefined();
        await client.get('/me', as('Bearer a'));
        expect(await client.remembered('/me', as('Bearer a'))).toBeDefined();
        await client.get('/me', { identity: 'b' });
        expect(await client.remembered('/me', { identity: 'b' })).toBeDefined();
      },
    );

    it('a shared client remembers a response without private as usual', async () => {
      const { client } = clientOf(perUser('no-cache'), { shared: true });
      await client.get('/me');
      expect(await client.remembered('/me')).toBeDefined();
    });
  });
});
