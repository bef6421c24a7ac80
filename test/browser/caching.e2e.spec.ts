import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PLATFORMS } from '../../sample/platform.js';
import { openDatabase } from '../../sample/store/sqlite.js';
import { CHROMIUM, describeWith } from '../support/components.js';
import { recordRequests, type SeenRequest } from '../support/requests.js';
import { startSampleModule } from '../support/sample.js';
import { launchChromium, servePage } from './chromium.js';

const DAY = 24 * 60 * 60 * 1000;
const PAGE = '<!doctype html><title>nestjs-etag caching</title>';

/** What the page's script sees of one plain `fetch('/users/1')`: no cache mode, the browser's own choice. */
interface Read {
  readonly age: number;
  readonly cacheControl: string | null;
  readonly lastModified: string | null;
}

function read(): Promise<Read> {
  return fetch('/users/1').then(async (response) => ({
    age: ((await response.json()) as { age: number }).age,
    cacheControl: response.headers.get('Cache-Control'),
    lastModified: response.headers.get('Last-Modified'),
  }));
}

// RFC 9111 §4.2.2: a response with Last-Modified and no explicit freshness may be given a heuristic lifetime;
// Chromium gives 10 % of its age, three days for a user last changed 30 days ago.
describeWith(CHROMIUM)('Chromium reading a user last modified 30 days ago', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  describe.each(PLATFORMS)('from the sample on %s', (platform) => {
    let folder: string;
    let app: INestApplication | undefined;
    let context: BrowserContext | undefined;
    let page: Page;
    let api: string;
    /** The browser's requests for the user, as the sample saw them. */
    const seen: SeenRequest[] = [];

    /** Starts the sample on a database whose user 1 was last written 30 days ago, and opens its page. */
    async function start(cacheControl?: false): Promise<void> {
      folder = mkdtempSync(join(tmpdir(), 'caching-'));
      const file = join(folder, 'users.db');
      const db = openDatabase(file);
      db.prepare('UPDATE users SET updated_at = ? WHERE id = 1').run(Date.now() - 30 * DAY);
      db.close();

      const etag = cacheControl === undefined ? {} : { cacheControl };
      app = await startSampleModule(platform, { database: file, etag, configure: (app) => servePage(app, PAGE) });
      api = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      seen.length = 0;
      recordRequests(
        app,
        seen,
        (request) => request.url === '/users/1' && /Chrome/.test(request.headers['user-agent'] ?? ''),
      );
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${api}/page`);
    }

    /** Another client, outside the browser, changes the user's age with If-Match. */
    async function anotherClientSetsAge(age: number): Promise<void> {
      const tag = (await fetch(`${api}/users/1`)).headers.get('ETag')!;
      const write = await fetch(`${api}/users/1`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': tag },
        body: JSON.stringify({ age }),
      });
      expect(write.status).toBe(200);
    }

    afterEach(async () => {
      await context?.close();
      await app?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it("with the module's default, Cache-Control: no-cache, every plain fetch() asks the server, and another client's write shows on the next read", async () => {
      await start();
      const reads = [await page.evaluate(read), await page.evaluate(read), await page.evaluate(read)];
      expect(reads.map(({ age }) => age)).toEqual([27, 27, 27]);
      expect(reads[0]!.cacheControl).toBe('no-cache');
      expect(Date.parse(reads[0]!.lastModified!)).toBeLessThan(Date.now() - 29 * DAY);
      const [first, ...revalidations] = seen;
      expect(first).toEqual({ request: 'GET /users/1', status: 200 });
      const tag = (await fetch(`${api}/users/1`)).headers.get('ETag')!;
      expect(revalidations).toEqual([
        { request: 'GET /users/1', ifNoneMatch: tag, status: 304 },
        { request: 'GET /users/1', ifNoneMatch: tag, status: 304 },
      ]);

      await anotherClientSetsAge(28);
      expect(await page.evaluate(read)).toMatchObject({ age: 28 });
      expect(seen).toHaveLength(4);
      expect(seen[3]).toEqual({ request: 'GET /users/1', ifNoneMatch: tag, status: 200 });
    });

    it('with cacheControl: false, the browser reuses its copy without asking, and misses the write (the heuristic freshness the default prevents)', async () => {
      await start(false);
      const reads = [await page.evaluate(read), await page.evaluate(read), await page.evaluate(read)];
      expect(reads.map(({ age }) => age)).toEqual([27, 27, 27]);
      expect(reads[0]!.cacheControl).toBeNull();
      expect(seen).toEqual([{ request: 'GET /users/1', status: 200 }]);

      await anotherClientSetsAge(28);
      expect(await page.evaluate(read)).toMatchObject({ age: 27 });
      expect(seen).toHaveLength(1);
    });
  });
});
