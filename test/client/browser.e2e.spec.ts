import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { ClientResponse } from '../../lib/client/index.js';
import { CHROMIUM, describeWith } from '../support/components.js';
import { buildClientBundle, type ClientInChromium, type ClientModule, startClientInChromium } from './browser-page.js';
import { PLATFORMS, type SampleServer, SHAUN, startSample, type User } from './sample-server.js';

/**
 * The bound on the client's browser bundle. It was 3 KB before the client
 * kept users and origins apart: SHA-256 for the partitions, the redirect
 * rules and the Cache-Control grammar (the one the server checks its own
 * values with, so both read the field alike) take about 2 KB of it.
 */
const MAX_GZIPPED = 4.75 * 1024;

let bundle: string;

// The bundle's size needs no browser; the rest runs where Chromium is.
beforeAll(async () => {
  bundle = await buildClientBundle();
}, 60_000);

it('the browser bundle is under 4.75 KB minified and gzipped', () => {
  const gzipped = gzipSync(bundle).length;
  console.log(`nestjs-etag/client browser bundle: ${bundle.length} B minified, ${gzipped} B gzipped`);
  expect(gzipped).toBeLessThanOrEqual(MAX_GZIPPED);
});

describeWith(CHROMIUM)('the client in Chromium', () => {
  let chromium: ClientInChromium;
  let origin: string;

  beforeAll(async () => {
    chromium = await startClientInChromium();
    ({ origin } = chromium);
  }, 60_000);

  afterAll(() => chromium?.close());

  describe.each(PLATFORMS)('the client in Chromium against the sample on %s', (platform) => {
    let server: SampleServer;
    let page: Page;
    const statuses: string[] = [];

    beforeEach(async () => {
      server = await startSample(platform, origin);
      page = await chromium.open();
      statuses.length = 0;
      // What went over the network, preflights aside: the client's view is checked against it.
      page.on('response', (response) => {
        const request = response.request();
        if (request.url().startsWith(server.url) && request.method() !== 'OPTIONS') {
          statuses.push(`${request.method()} ${response.status()}`);
        }
      });
    }, 30_000);

    afterEach(async () => {
      await page.close();
      await server.app.close();
    });

    it('reads, revalidates to a 304 with the body, saves with If-Match, and sees a conflict as a typed error', async () => {
      const outcome = await page.evaluate(async (api) => {
        const { EtagClient, PreconditionFailedError } = (globalThis as unknown as { etagClient: ClientModule })
          .etagClient;
        const ifMatch: Array<string | null> = [];
        const alice = new EtagClient({
          baseUrl: api,
          fetch: (url, init) => {
            if (init.method !== 'GET') ifMatch.push(new Headers(init.headers).get('if-match'));
            return fetch(url, init);
          },
        });
        const bob = new EtagClient({ baseUrl: api });
        const view = <T>({ status, revalidated, body, etag }: ClientResponse<T>) => ({
          status,
          revalidated,
          body,
          etag,
        });

        const read = await alice.get<User>('/users/1');
        const revalidated = await alice.get<User>('/users/1');
        await bob.get<User>('/users/1');
        const saved = await alice.patch<User>('/users/1', { age: 28 });
        const error = await bob.patch<User>('/users/1', { name: 'Sean' }).catch((caught: unknown) => caught);
        if (!(error instanceof PreconditionFailedError)) return { unexpected: String(error) };
        const reread = await error.reread<User>();
        const retried = await bob.patch<User>('/users/1', { name: 'Sean' });
        return {
          read: view(read),
          revalidated: view(revalidated),
          ifMatch,
          saved: view(saved),
          conflict: {
            name: error.name,
            status: error.status,
            sentTag: error.sentTag,
            currentTag: error.currentTag,
            problem: error.problem,
          },
          reread: view(reread),
          retried: view(retried),
        };
      }, server.url);

      expect(outcome).not.toHaveProperty('unexpected');
      expect(outcome.read).toMatchObject({ status: 200, revalidated: false, body: SHAUN });
      expect(outcome.revalidated).toEqual({ ...outcome.read, status: 304, revalidated: true });
      expect(outcome.ifMatch).toEqual([outcome.read!.etag]);
      expect(outcome.saved).toMatchObject({ status: 200, body: { ...SHAUN, age: 28 } });
      expect(outcome.conflict).toMatchObject({
        name: 'PreconditionFailedError',
        status: 412,
        sentTag: outcome.read!.etag,
        currentTag: outcome.saved!.etag,
        problem: { status: 412, header: 'If-Match' },
      });
      expect(outcome.reread).toMatchObject({ status: 200, body: { ...SHAUN, age: 28 }, etag: outcome.saved!.etag });
      expect(outcome.retried).toMatchObject({ status: 200, body: { id: 1, name: 'Sean', age: 28 } });
      expect(outcome.retried!.etag).toBe((await fetch(`${server.url}/users/1`)).headers.get('etag'));
      expect(statuses).toEqual(['GET 200', 'GET 304', 'GET 200', 'PATCH 200', 'PATCH 412', 'GET 200', 'PATCH 200']);
    });
  });
});
