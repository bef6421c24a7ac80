import type { INestApplication } from '@nestjs/common';
import { type Client, client, headerCount, PLATFORMS } from './http.js';
import { Note, startCacheControlApp } from './fixture/cache-control.app.js';

describe.each(PLATFORMS)('the cache policy (cacheControl) on %s', (platform) => {
  describe("the module's default, 'no-cache' (RFC 9111 §5.2.2.4)", () => {
    let app: INestApplication;
    let http: Client;
    beforeAll(async () => {
      app = await startCacheControlApp(platform);
      http = await client(app);
    });
    afterAll(() => app.close());
    beforeEach(() => {
      app.get(Note).version = 1;
    });

    const etagOf = async (path: string) => (await http.get(path).expect(200)).headers.etag as string;

    it('is sent, once, with a tagged 200', async () => {
      const response = await http.get('/cache/content').expect(200);
      expect(response.headers.etag).toBeDefined();
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(headerCount(response, 'Cache-Control')).toBe(1);
    });

    it('and with a HEAD', async () => {
      const response = await http.head('/cache/versioned').expect(200);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('is sent with a 304 decided where the body is sent (RFC 9110 §15.4.5)', async () => {
      const tag = await etagOf('/cache/content');
      const response = await http.get('/cache/content').set('If-None-Match', tag).expect(304);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(headerCount(response, 'Cache-Control')).toBe(1);
    });

    it('is sent with a 304 decided before the handler', async () => {
      const tag = await etagOf('/cache/versioned');
      const response = await http.get('/cache/versioned').set('If-None-Match', tag).expect(304);
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it("is sent with a write's tagged response", async () => {
      const tag = await etagOf('/cache/versioned');
      const response = await http.patch('/cache/versioned').set('If-Match', tag).expect(200);
      expect(response.headers.etag).toBeDefined();
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('is not sent with a 412, a 428, a 400 or an error', async () => {
      const stale = await http.patch('/cache/versioned').set('If-Match', '"old"').expect(412);
      const required = await http.patch('/cache/versioned').expect(428);
      const malformed = await http.patch('/cache/versioned').set('If-Match', 'old').expect(400);
      const missing = await http.get('/cache/missing').expect(404);
      for (const response of [stale, required, malformed, missing]) {
        expect(response.headers['cache-control']).toBeUndefined();
      }
    });

    it('is not sent on a route the module does not decorate, nor with a tag the handler set', async () => {
      expect((await http.get('/cache/undecorated').expect(200)).headers['cache-control']).toBeUndefined();
      const own = await http.get('/cache/own-tag').expect(200);
      expect(own.headers.etag).toBe('"mine"');
      expect(own.headers['cache-control']).toBeUndefined();
    });

    it("gives way to a @Header('Cache-Control'), on the 200 and on a 304 decided before the handler", async () => {
      const ok = await http.get('/cache/header').expect(200);
      expect(ok.headers['cache-control']).toBe('max-age=5');
      expect(headerCount(ok, 'Cache-Control')).toBe(1);
      const notModified = await http
        .get('/cache/header')
        .set('If-None-Match', ok.headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBe('max-age=5');
      expect(headerCount(notModified, 'Cache-Control')).toBe(1);
    });

    it('gives way to an interceptor that sets its own, on the 200 and on its 304', async () => {
      const ok = await http.get('/cache/intercepted').expect(200);
      expect(ok.headers['cache-control']).toBe('public, max-age=60');
      const notModified = await http
        .get('/cache/intercepted')
        .set('If-None-Match', ok.headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBe('public, max-age=60');
    });

    it("is replaced by a route's own: a handler's over its controller's", async () => {
      expect((await http.get('/cache/per-user').expect(200)).headers['cache-control']).toBe('private, no-cache');
      expect((await http.get('/shared').expect(200)).headers['cache-control']).toBe('max-age=0, s-maxage=60');
      const perUser = await http.get('/shared/per-user').expect(200);
      expect(perUser.headers['cache-control']).toBe('private, no-cache');
      const notModified = await http
        .get('/shared')
        .set('If-None-Match', (await http.get('/shared')).headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBe('max-age=0, s-maxage=60');
    });

    it('is turned off by a route with cacheControl: false, 200 and 304 alike', async () => {
      const ok = await http.get('/cache/off').expect(200);
      expect(ok.headers.etag).toBeDefined();
      expect(ok.headers['cache-control']).toBeUndefined();
      const notModified = await http
        .get('/cache/off')
        .set('If-None-Match', ok.headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBeUndefined();
    });
  });

  describe('a module policy', () => {
    let apps: INestApplication[] = [];
    afterEach(async () => {
      await Promise.all(apps.map((app) => app.close()));
      apps = [];
    });
    const start = async (cacheControl: string | false) => {
      const app = await startCacheControlApp(platform, { cacheControl });
      apps.push(app);
      return client(app);
    };

    it('of its own is sent instead of the default', async () => {
      const http = await start('max-age=0, must-revalidate');
      const ok = await http.get('/cache/versioned').expect(200);
      expect(ok.headers['cache-control']).toBe('max-age=0, must-revalidate');
      const notModified = await http
        .get('/cache/versioned')
        .set('If-None-Match', ok.headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBe('max-age=0, must-revalidate');
    });

    it('false sends none, but a route that sets one still does', async () => {
      const http = await start(false);
      const ok = await http.get('/cache/versioned').expect(200);
      expect(ok.headers['cache-control']).toBeUndefined();
      const notModified = await http
        .get('/cache/versioned')
        .set('If-None-Match', ok.headers.etag as string)
        .expect(304);
      expect(notModified.headers['cache-control']).toBeUndefined();
      expect((await http.get('/cache/per-user').expect(200)).headers['cache-control']).toBe('private, no-cache');
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
