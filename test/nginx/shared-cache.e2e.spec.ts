import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { PLATFORMS } from '../../sample/platform.js';
import { describeWith, NGINX } from '../support/components.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { recordRequests, type SeenRequest } from '../support/requests.js';
import { startSampleModule } from '../support/sample.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The one ```nginx block of the README's "Caching" section, as a user copies it. */
function readmeConfiguration(): string {
  const caching = README.slice(
    README.indexOf('\n## Caching\n'),
    README.indexOf('\n## ', README.indexOf('\n## Caching\n') + 1),
  );
  const blocks = [...caching.matchAll(/^```nginx\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

/** The README's block with its machine-specific values replaced: where it keeps copies, its port, the app's. */
function configurationFor(prefix: string, port: number, origin: string): string {
  let configuration = readmeConfiguration();
  for (const [from, to, times] of [
    ['/var/cache/nginx/api', join(prefix, 'cache'), 1],
    ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${port};`, 1],
    ['proxy_pass http://127.0.0.1:3000;', `proxy_pass ${origin};`, 2],
  ] as const) {
    expect(configuration.split(from)).toHaveLength(times + 1);
    configuration = configuration.replaceAll(from, to);
  }
  return configuration;
}

/** A response through nginx, with what its cache did. */
interface Through {
  readonly status: number;
  readonly cache: string | null;
  readonly upstream: string | null;
  readonly cacheControl: string | null;
  readonly etag: string | null;
  readonly age?: number;
}

describeWith(NGINX)("nginx's proxy_cache, configured as the README says, in front of the sample", () => {
  describe.each(PLATFORMS)('on %s', (platform) => {
    let app: INestApplication | undefined;
    let nginx: RunningNginx | undefined;
    /** What reached the app behind nginx. */
    const seen: SeenRequest[] = [];

    /**
     * Starts the sample with a module policy, behind nginx. Under the global prefix `directory` its users are
     * served in the README's cached location (`/directory/users/1`); without it, in the one passed on untouched.
     */
    async function start(options: { cacheControl?: string; prefix?: string }): Promise<void> {
      const etag = options.cacheControl === undefined ? {} : { cacheControl: options.cacheControl };
      app = await startSampleModule(platform, {
        etag,
        configure: (app) => options.prefix !== undefined && app.setGlobalPrefix(options.prefix),
      });
      seen.length = 0;
      recordRequests(app, seen);
      const origin = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      nginx = await startNginx((prefix, port) => configurationFor(prefix, port, origin));
    }

    afterEach(async () => {
      await nginx?.stop();
      await app?.close();
      nginx = undefined;
      app = undefined;
    });

    async function get(path: string, headers: Record<string, string> = {}): Promise<Through> {
      const response = await fetch(`${nginx!.url}${path}`, { headers });
      const text = await response.text();
      return {
        status: response.status,
        cache: response.headers.get('X-Cache-Status'),
        upstream: response.headers.get('X-Upstream-Status'),
        cacheControl: response.headers.get('Cache-Control'),
        etag: response.headers.get('ETag'),
        ...(text === '' ? {} : { age: (JSON.parse(text) as { age: number }).age }),
      };
    }

    /** GETs until nginx's copy has expired (bounded: the lifetime plus 3 s), and returns that first response. */
    async function getOnceExpired(path: string, lifetime: number): Promise<Through> {
      const deadline = Date.now() + (lifetime + 3) * 1000;
      for (;;) {
        const response = await get(path);
        if (response.cache !== 'HIT' || Date.now() > deadline) return response;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }

    const USER = '/directory/users/1';

    it('with max-age=0, s-maxage=2: keeps a copy, serves hits, revalidates it with the app (a 304 to nginx), and shows a write once the lifetime is over', async () => {
      await start({ cacheControl: 'max-age=0, s-maxage=2', prefix: 'directory' });
      const miss = await get(USER);
      const tag = miss.etag!;
      expect(miss).toEqual({
        status: 200,
        cache: 'MISS',
        upstream: '200',
        cacheControl: 'max-age=0, s-maxage=2',
        etag: tag,
        age: 27,
      });
      expect(seen).toEqual([{ request: `GET ${USER}`, status: 200 }]);

      expect(await get(USER)).toMatchObject({ status: 200, cache: 'HIT', etag: tag, age: 27 });
      // A browser's revalidation is answered by nginx, from its copy.
      expect(await get(USER, { 'If-None-Match': tag })).toMatchObject({ status: 304, cache: 'HIT', etag: tag });
      expect(seen).toHaveLength(1);

      const revalidated = await getOnceExpired(USER, 2);
      expect(revalidated).toMatchObject({ status: 200, cache: 'REVALIDATED', upstream: '304', etag: tag, age: 27 });
      expect(seen).toEqual([
        { request: `GET ${USER}`, status: 200 },
        { request: `GET ${USER}`, ifNoneMatch: tag, status: 304 },
      ]);

      // A write through nginx, guarded by the tag read through it.
      const write = await fetch(`${nginx!.url}${USER}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': tag },
        body: JSON.stringify({ age: 28 }),
      });
      expect(write.status).toBe(200);
      // nginx keeps its copy through a write: until the lifetime is over it serves the old user.
      expect(await get(USER)).toMatchObject({ status: 200, cache: 'HIT', age: 27 });

      const expired = await getOnceExpired(USER, 2);
      expect(expired).toMatchObject({ status: 200, cache: 'EXPIRED', upstream: '200', age: 28 });
      expect(expired.etag).not.toBe(tag);
      expect(seen.at(-1)).toEqual({ request: `GET ${USER}`, ifNoneMatch: tag, status: 200 });
    }, 30_000);

    it("with the module's default, no-cache, outside the cached location: every read reaches the app, which answers a browser's revalidation with a 304", async () => {
      await start({});
      const first = await get('/users/1');
      expect(first).toMatchObject({ status: 200, cache: null, cacheControl: 'no-cache', age: 27 });
      expect(await get('/users/1', { 'If-None-Match': first.etag! })).toMatchObject({
        status: 304,
        cache: null,
        upstream: '304',
        etag: first.etag,
      });
      expect(seen).toEqual([
        { request: 'GET /users/1', status: 200 },
        { request: 'GET /users/1', ifNoneMatch: first.etag, status: 304 },
      ]);
    });

    it("with no-cache inside the cached location: nginx keeps nothing, and drops the browser's If-None-Match (why the README has two locations)", async () => {
      await start({ prefix: 'directory' });
      const first = await get(USER);
      expect(first).toMatchObject({ status: 200, cache: 'MISS', cacheControl: 'no-cache', age: 27 });
      expect(await get(USER, { 'If-None-Match': first.etag! })).toMatchObject({ status: 200, cache: 'MISS', age: 27 });
      expect(seen).toEqual([
        { request: `GET ${USER}`, status: 200 },
        { request: `GET ${USER}`, status: 200 },
      ]);
    });

    it('a request with Authorization or a Cookie neither uses nor fills the cache, and reaches the app as it came', async () => {
      await start({ cacheControl: 'max-age=0, s-maxage=60', prefix: 'directory' });
      const withToken = await get(USER, { Authorization: 'Bearer a' });
      expect(withToken).toMatchObject({ status: 200, cache: null, age: 27 });
      expect(await get(USER)).toMatchObject({ status: 200, cache: 'MISS' });
      expect(await get(USER)).toMatchObject({ status: 200, cache: 'HIT' });
      expect(await get(USER, { Authorization: 'Bearer a', 'If-None-Match': withToken.etag! })).toMatchObject({
        status: 304,
        cache: null,
        upstream: '304',
      });
      expect(await get(USER, { Cookie: 'session=a' })).toMatchObject({ status: 200, cache: null, upstream: '200' });
      expect(seen).toEqual([
        { request: `GET ${USER}`, status: 200 },
        { request: `GET ${USER}`, status: 200 },
        { request: `GET ${USER}`, ifNoneMatch: withToken.etag, status: 304 },
        { request: `GET ${USER}`, status: 200 },
      ]);
    });
  });
});
