import type { INestApplication } from '@nestjs/common';
import type { EtagModuleOptions } from '../../lib/index.js';
import type { Platform } from '../../sample/platform.js';
import { type Client, client, headerCount, PLATFORMS } from '../support/http.js';
import { startCacheControlApp } from './fixture/cache-control.app.js';
import { Document } from './fixture/compression.app.js';

/** The fixture with these module options, started before the tests of the enclosing `describe` and closed after. */
function fixture(platform: Platform, options?: EtagModuleOptions): { app: INestApplication; http: Client } {
  const started = {} as { app: INestApplication; http: Client };
  beforeAll(async () => {
    started.app = await startCacheControlApp(platform, options);
    started.http = await client(started.app);
  });
  afterAll(() => started.app.close());
  return started;
}

describe.each(PLATFORMS)('the cache policy (cacheControl) on %s', (platform) => {
  /**
   * The `Cache-Control` of a 200 of `path`, and of the 304 that revalidating it gets; each header is sent once or
   * not at all.
   */
  async function policyOf(http: Client, path: string): Promise<[unknown, unknown]> {
    const ok = await http.get(path).expect(200);
    expect(ok.headers.etag).toBeDefined();
    const notModified = await http
      .get(path)
      .set('If-None-Match', ok.headers.etag as string)
      .expect(304);
    for (const response of [ok, notModified]) expect(headerCount(response, 'Cache-Control')).toBeLessThanOrEqual(1);
    return [ok.headers['cache-control'], notModified.headers['cache-control']];
  }

  describe("the module's default, 'no-cache' (RFC 9111 §5.2.2.4)", () => {
    const started = fixture(platform);
    beforeEach(() => {
      started.app.get(Document).version = 1;
    });

    it('is sent with a tagged 200 and with the 304 decided where the body is sent (RFC 9110 §15.4.5)', async () => {
      expect(await policyOf(started.http, '/cache/content')).toEqual(['no-cache', 'no-cache']);
    });

    it('is sent with a 200 and with the 304 decided before the handler, and with a HEAD', async () => {
      expect(await policyOf(started.http, '/cache/versioned')).toEqual(['no-cache', 'no-cache']);
      const head = await started.http.head('/cache/versioned').expect(200);
      expect(head.headers['cache-control']).toBe('no-cache');
    });

    it("is sent with a write's tagged response", async () => {
      const tag = (await started.http.get('/cache/versioned').expect(200)).headers.etag as string;
      const response = await started.http.patch('/cache/versioned').set('If-Match', tag).expect(200);
      expect(response.headers.etag).toBeDefined();
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('is not sent with a 412, a 428, a 400 or an error', async () => {
      const { http } = started;
      const stale = await http.patch('/cache/versioned').set('If-Match', '"old"').expect(412);
      const required = await http.patch('/cache/versioned').expect(428);
      const malformed = await http.patch('/cache/versioned').set('If-Match', 'old').expect(400);
      const missing = await http.get('/cache/missing').expect(404);
      for (const response of [stale, required, malformed, missing]) {
        expect(response.headers['cache-control']).toBeUndefined();
      }
    });

    it('is not sent on a route the module does not decorate, nor with a tag the handler set', async () => {
      expect((await started.http.get('/cache/undecorated').expect(200)).headers['cache-control']).toBeUndefined();
      const own = await started.http.get('/cache/own-tag').expect(200);
      expect(own.headers.etag).toBe('"mine"');
      expect(own.headers['cache-control']).toBeUndefined();
    });

    it("gives way to a @Header('Cache-Control'), on the 200 and on a 304 decided before the handler", async () => {
      expect(await policyOf(started.http, '/cache/header')).toEqual(['max-age=5', 'max-age=5']);
    });

    it('gives way to an interceptor that sets its own, on the 200 and on its 304', async () => {
      expect(await policyOf(started.http, '/cache/intercepted')).toEqual(['public, max-age=60', 'public, max-age=60']);
    });

    it("is replaced by a route's own: a handler's over its controller's", async () => {
      expect(await policyOf(started.http, '/cache/per-user')).toEqual(['private, no-cache', 'private, no-cache']);
      expect(await policyOf(started.http, '/shared')).toEqual(['max-age=0, s-maxage=60', 'max-age=0, s-maxage=60']);
      expect(await policyOf(started.http, '/shared/per-user')).toEqual(['private, no-cache', 'private, no-cache']);
    });

    it('is turned off by a route with cacheControl: false, 200 and 304 alike', async () => {
      expect(await policyOf(started.http, '/cache/off')).toEqual([undefined, undefined]);
    });
  });

  describe("a module policy of the app's own", () => {
    const started = fixture(platform, { cacheControl: 'max-age=0, must-revalidate' });

    it('is sent instead of the default', async () => {
      expect(await policyOf(started.http, '/cache/versioned')).toEqual([
        'max-age=0, must-revalidate',
        'max-age=0, must-revalidate',
      ]);
    });
  });

  describe('a module policy of false', () => {
    const started = fixture(platform, { cacheControl: false });

    it('sends none, but a route that sets one still does', async () => {
      expect(await policyOf(started.http, '/cache/versioned')).toEqual([undefined, undefined]);
      expect(await policyOf(started.http, '/cache/per-user')).toEqual(['private, no-cache', 'private, no-cache']);
    });
  });

  it('a bad module policy stops the app as it is created, naming the option', async () => {
    await expect(startCacheControlApp(platform, { cacheControl: 'max-age=1h' })).rejects.toThrow(
      'EtagModule: option "cacheControl" must be false or a Cache-Control value (RFC 9111 §5.2) such as ' +
        "'no-cache', 'private, no-cache' or 'max-age=0, s-maxage=60' (\"max-age\" needs a whole number of seconds, " +
        'unquoted, such as max-age=60), got "max-age=1h"',
    );
  });
});
