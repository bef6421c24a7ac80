import { EtagClient, type EtagClientOptions, type RequestOptions } from '../../lib/client/index.js';
import { PLATFORMS } from '../../sample/platform.js';
import { conditionsReceived, type Elsewhere, startElsewhere } from './elsewhere.js';
import { type PerUserApp, startPerUserApp } from './per-user.app.js';
import { recordingFetch } from './sample-server.js';

/** What a body of the fixture shows of whose it is. */
interface Account {
  readonly owner: string;
  readonly secretNote: string;
}

const ROUTES = [
  ['a content tag', '/me'],
  ['a field tag', '/me/profile'],
  ['a version tag', '/me/versioned'],
] as const;

/** How a request says who it is from: each way the client partitions by. */
const CREDENTIALS: ReadonlyArray<readonly [string, (user: string) => RequestOptions]> = [
  ['Authorization', (user) => ({ headers: { Authorization: `Bearer ${user}` } })],
  ['Cookie', (user) => ({ headers: { Cookie: `theme=dark; session=${user}` } })],
  ['a declared identity', (user) => ({ identity: user, headers: { 'X-User': user } })],
];

const VARIANTS = PLATFORMS.flatMap((platform) =>
  [undefined, 'a module secret of 32 characters'].map((secret) => [platform, secret] as const),
);

describe.each(VARIANTS)('two users through one client, on %s (secret: %s)', (platform, secret) => {
  let server: PerUserApp;

  beforeAll(async () => {
    server = await startPerUserApp(platform, secret === undefined ? {} : { secret });
  });
  afterAll(() => server.app.close());

  function clientWith(options: EtagClientOptions = {}) {
    const recording = recordingFetch();
    return {
      client: new EtagClient({ baseUrl: server.url, fetch: recording.fetch, ...options }),
      sent: recording.sent,
    };
  }

  it('the field and version routes send both users the same tag: sharing it would hand over the body', async () => {
    const tagOf = async (path: string, user: string) =>
      (await fetch(server.url + path, { headers: { Authorization: `Bearer ${user}` } })).headers.get('etag');
    for (const path of ['/me/profile', '/me/versioned']) expect(await tagOf(path, 'a')).toBe(await tagOf(path, 'b'));
    expect(await tagOf('/me', 'a')).not.toBe(await tagOf('/me', 'b'));
    // The server would answer b's request with a's tag 304: only the client stands between them.
    const crossed = await fetch(`${server.url}/me/versioned`, {
      headers: { Authorization: 'Bearer b', 'If-None-Match': (await tagOf('/me/versioned', 'a'))! },
    });
    expect(crossed.status).toBe(304);
  });

  describe.each(CREDENTIALS)('told apart by %s', (_, as) => {
    it.each(ROUTES)('%s (%s): each sees only their own body, and revalidates only their own', async (__, path) => {
      for (const shared of [false, true]) {
        const { client, sent } = clientWith({ shared });
        const a1 = await client.get<Account>(path, as('a'));
        const b1 = await client.get<Account>(path, as('b'));
        const a2 = await client.get<Account>(path, as('a'));
        const b2 = await client.get<Account>(path, as('b'));
        expect([a1, b1, a2, b2].map(({ status, body }) => `${status} ${body.owner}: ${body.secretNote}`)).toEqual([
          "200 a: a's private note",
          "200 b: b's private note",
          "304 a: a's private note",
          "304 b: b's private note",
        ]);
        // b's first request sent no validator at all: not a's.
        expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null, a1.etag, b1.etag]);
      }
    });
  });

  it('a shared client whose own Authorization is the same for all keeps nothing private it cannot attribute', async () => {
    const { client, sent } = clientWith({ shared: true, headers: { Authorization: 'Bearer a' } });
    await client.get('/me/versioned');
    await client.get('/me/versioned');
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, null]);
    expect(await client.remembered('/me/versioned')).toBeUndefined();
  });

  it('clear() at a sign-out: the next user starts with nothing remembered', async () => {
    let user = 'a';
    // Cookies the client cannot see, as in a browser: the fetch adds them.
    const { client, sent } = clientWith({
      fetch: (url, init) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', `session=${user}`);
        sent.push({ method: init.method ?? 'GET', url, headers });
        return fetch(url, { ...init, headers });
      },
    });
    const a = await client.get<Account>('/me/versioned');
    expect((await client.get<Account>('/me/versioned')).status).toBe(304);
    await client.clear();
    user = 'b';
    const b = await client.get<Account>('/me/versioned');
    expect([a.body.owner, b.body.owner, b.status]).toEqual(['a', 'b', 200]);
    expect(sent.map((request) => request.headers.get('if-none-match'))).toEqual([null, a.etag, null]);
  });
});

describe.each(PLATFORMS)('nothing of another origin is remembered as ours, on %s', (platform) => {
  let server: PerUserApp;
  let elsewhere: Elsewhere;

  beforeAll(async () => {
    server = await startPerUserApp(platform);
    elsewhere = await startElsewhere();
    server.hops.elsewhere = elsewhere.origin;
  });
  afterAll(async () => {
    await server.app.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    elsewhere.received.length = 0;
    server.hops.flipped = false;
  });

  /** A client and every key its store holds. */
  function clientWithKeys() {
    const client = new EtagClient({ baseUrl: server.url });
    const everything = async (paths: string[]) =>
      (await Promise.all(paths.map((path) => client.remembered(path)))).filter((entry) => entry !== undefined);
    return { client, everything };
  }

  it('a GET redirected to another origin: the forged body is returned, and never remembered', async () => {
    const { client, everything } = clientWithKeys();
    for (let i = 0; i < 3; i++) {
      const response = await client.get('/hop/away');
      expect(response).toMatchObject({ url: `${elsewhere.origin}/forged`, status: 200, body: { forged: true } });
    }
    expect(await everything(['/hop/away', '/forged', `${elsewhere.origin}/forged`, '/users/2'])).toEqual([]);
    expect(conditionsReceived(elsewhere)).toEqual([]);
  });

  it('a remembered URL that starts redirecting elsewhere: its validators stay home, and it is forgotten', async () => {
    const { client, everything } = clientWithKeys();
    expect(await client.get('/hop/flip')).toMatchObject({ status: 200, body: { flip: 'ours' } });
    expect(await client.get('/hop/flip')).toMatchObject({ status: 304, body: { flip: 'ours' } });
    server.hops.flipped = true;
    for (let i = 0; i < 2; i++)
      expect(await client.get('/hop/flip')).toMatchObject({ status: 200, body: { forged: true } });
    expect(await everything(['/hop/flip', `${elsewhere.origin}/forged`])).toEqual([]);
    expect(elsewhere.received).toHaveLength(2);
    expect(conditionsReceived(elsewhere)).toEqual([]);
  });

  it.each(['put', 'post'] as const)(
    'a %s redirected to another origin: its Content-Location and tag are not taken as ours',
    async (method) => {
      const { client, everything } = clientWithKeys();
      await client[method]('/hop/away', { name: 'x' });
      expect(elsewhere.received.map((request) => request.method)).toEqual([method.toUpperCase()]);
      expect(await everything(['/hop/away', '/users/1', '/users/2', `${elsewhere.origin}/users/2`])).toEqual([]);
    },
  );

  it('a same-origin redirect: remembered under the URL it led to, which then revalidates', async () => {
    const { client } = clientWithKeys();
    const first = await client.get('/hop/here');
    expect(first).toMatchObject({ url: `${server.url}/hop/target`, status: 200, body: { hop: 'target' } });
    expect(await client.remembered('/hop/here')).toBeUndefined();
    expect(await client.remembered('/hop/target')).toMatchObject({ etag: first.etag });
    expect(await client.get('/hop/target')).toMatchObject({ status: 304, body: { hop: 'target' } });
  });
});
