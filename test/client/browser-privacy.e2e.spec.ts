import type { Page } from 'playwright-core';
import { PLATFORMS } from '../../sample/platform.js';
import { CHROMIUM, describeWith } from '../support/components.js';
import { type ClientInChromium, type ClientModule, startClientInChromium } from './browser-page.js';
import { conditionsReceived, type Elsewhere, startElsewhere } from './elsewhere.js';
import { type PerUserApp, startPerUserApp } from './per-user.app.js';

/**
 * The client's privacy rules in Chromium, against the per-user fixture on
 * another origin: users kept apart (by Authorization, by a declared identity,
 * by clear() when cookies change), and nothing of a third origin remembered.
 */

/** What one page-side scenario saw: each response as `status owner`, and the If-None-Match of each GET sent. */
interface Seen {
  readonly answers: string[];
  readonly sentTags: Array<string | null>;
}

const VARIANTS = PLATFORMS.flatMap((platform) =>
  [undefined, 'a module secret of 32 characters'].map((secret) => [platform, secret] as const),
);

describeWith(CHROMIUM)('the client in Chromium, keeping users and origins apart', () => {
  let chromium: ClientInChromium;

  beforeAll(async () => {
    chromium = await startClientInChromium();
  }, 60_000);

  afterAll(() => chromium?.close());

  describe.each(VARIANTS)('two users through one client in Chromium, on %s (secret: %s)', (platform, secret) => {
    let server: PerUserApp;
    let page: Page;

    beforeAll(async () => {
      server = await startPerUserApp(platform, { pageOrigin: chromium.origin, ...(secret && { secret }) });
    });
    afterAll(() => server?.app.close());
    beforeEach(async () => {
      page = await chromium.open();
    }, 30_000);
    afterEach(() => page.close());

    it.each(['/me', '/me/profile', '/me/versioned'])(
      '%s, told apart by Authorization: each sees only their own body',
      async (path) => {
        const seen: Seen = await page.evaluate(
          async ([api, route]) => {
            const { EtagClient } = (globalThis as unknown as { etagClient: ClientModule }).etagClient;
            const sentTags: Array<string | null> = [];
            const client = new EtagClient({
              baseUrl: api,
              fetch: (url, init) => (sentTags.push(new Headers(init.headers).get('if-none-match')), fetch(url, init)),
            });
            const answers: string[] = [];
            for (const user of ['a', 'b', 'a', 'b']) {
              const { status, body } = await client.get<{ owner: string }>(route!, {
                headers: { Authorization: `Bearer ${user}` },
              });
              answers.push(`${status} ${body.owner}`);
            }
            return { answers, sentTags };
          },
          [server.url, path],
        );
        expect(seen.answers).toEqual(['200 a', '200 b', '304 a', '304 b']);
        expect(seen.sentTags.slice(0, 2)).toEqual([null, null]);
      },
    );

    describe('one tab, a cookie session the client cannot see', () => {
      /** a signs in and reads /me/versioned, signs out, b signs in and reads it: what each saw. */
      function signInAsAThenB(page: Page, how: 'clear()' | 'identity' | 'neither'): Promise<Seen> {
        return page.evaluate(
          async ([api, how]) => {
            const { EtagClient } = (globalThis as unknown as { etagClient: ClientModule }).etagClient;
            let user: string | undefined;
            const sentTags: Array<string | null> = [];
            const client = new EtagClient({
              baseUrl: api,
              fetch: (url, init) => {
                if (init.method === 'GET') sentTags.push(new Headers(init.headers).get('if-none-match'));
                return fetch(url, { ...init, credentials: 'include' });
              },
              ...(how === 'identity' && { identity: () => user }),
            });
            const answers: string[] = [];
            for (const next of ['a', 'b']) {
              await client.post(`/session/${next}`, undefined);
              user = next;
              for (let i = 0; i < 2; i++) {
                const { status, body } = await client.get<{ owner: string }>('/me/versioned');
                answers.push(`${status} ${body.owner}`);
              }
              await client.delete('/session');
              user = undefined;
              if (how === 'clear()') await client.clear();
            }
            return { answers, sentTags };
          },
          [server.url, how] as const,
        );
      }

      it.each(['clear()', 'identity'] as const)('with %s at the switch, b never gets what a read', async (how) => {
        const seen = await signInAsAThenB(page, how);
        expect(seen.answers).toEqual(['200 a', '304 a', '200 b', '304 b']);
        expect(seen.sentTags[2]).toBeNull();
      });

      it('with neither, the client cannot tell: b is handed what a read (why the README asks for one)', async () => {
        const seen = await signInAsAThenB(page, 'neither');
        expect(seen.answers).toEqual(['200 a', '304 a', '304 a', '304 a']);
      });
    });
  });

  describe.each(PLATFORMS)('nothing of another origin is remembered in Chromium, on %s', (platform) => {
    let server: PerUserApp;
    let elsewhere: Elsewhere;
    let page: Page;

    beforeAll(async () => {
      server = await startPerUserApp(platform, { pageOrigin: chromium.origin });
      elsewhere = await startElsewhere();
      server.hops.elsewhere = elsewhere.origin;
    });
    afterAll(async () => {
      await server?.app.close();
      await elsewhere?.close();
    });
    beforeEach(async () => {
      page = await chromium.open();
    }, 30_000);
    afterEach(() => page.close());

    it('redirects to another origin leave nothing remembered, and no validator reaches it', async () => {
      const read = (steps: string[]) =>
        page.evaluate(
          async ([api, steps]) => {
            const { EtagClient } = (globalThis as unknown as { etagClient: ClientModule }).etagClient;
            const client = ((globalThis as { client?: InstanceType<ClientModule['EtagClient']> }).client ??=
              new EtagClient({ baseUrl: api }));
            const seen: string[] = [];
            for (const step of steps) {
              const [method, path] = step.split(' ') as ['get' | 'put' | 'remembered', string];
              if (method === 'remembered')
                seen.push(`${path}: ${JSON.stringify((await client.remembered(path)) ?? null)}`);
              else {
                const { status, url, body } = await (method === 'put'
                  ? client.put(path, { name: 'x' })
                  : client.get(path));
                seen.push(`${status} ${new URL(url).pathname} ${JSON.stringify(body)}`);
              }
            }
            return seen;
          },
          [server.url, steps] as const,
        );

      expect(await read(['get /hop/flip', 'get /hop/flip'])).toEqual([
        '200 /hop/flip {"flip":"ours"}',
        '304 /hop/flip {"flip":"ours"}',
      ]);
      server.hops.flipped = true;
      expect(
        await read([
          'get /hop/flip',
          'get /hop/away',
          'get /hop/away',
          'put /hop/away',
          'remembered /hop/flip',
          'remembered /hop/away',
          'remembered /users/1',
          'remembered /users/2',
          `remembered ${elsewhere.origin}/forged`,
        ]),
      ).toEqual([
        '200 /forged {"forged":true}',
        '200 /forged {"forged":true}',
        '200 /forged {"forged":true}',
        '200 /users/1 {"forged":true}',
        '/hop/flip: null',
        '/hop/away: null',
        '/users/1: null',
        '/users/2: null',
        `${elsewhere.origin}/forged: null`,
      ]);
      expect(elsewhere.received.map(({ method, url }) => `${method} ${url}`)).toEqual([
        'GET /forged',
        'GET /forged',
        'GET /forged',
        'PUT /users/1',
      ]);
      expect(conditionsReceived(elsewhere)).toEqual([]);
    });

    it('a same-origin redirect is remembered under the URL it led to', async () => {
      const seen = await page.evaluate(async (api) => {
        const { EtagClient } = (globalThis as unknown as { etagClient: ClientModule }).etagClient;
        const client = new EtagClient({ baseUrl: api });
        const first = await client.get('/hop/here');
        const again = await client.get('/hop/target');
        return [new URL(first.url).pathname, (await client.remembered('/hop/here')) ?? null, again.status];
      }, server.url);
      expect(seen).toEqual(['/hop/target', null, 304]);
    });
  });
});
