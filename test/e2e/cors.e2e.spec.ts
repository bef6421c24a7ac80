import type { INestApplication } from '@nestjs/common';
import { etagCorsOptions } from '../../lib/index.js';
import type { Platform } from '../../sample/platform.js';
import { client, PLATFORMS } from '../support/http.js';
import { useApp } from '../support/fixture-app.js';
import { startSampleApp } from '../support/sample.js';

const ORIGIN = 'http://pages.example';

function startWithCors(platform: Platform, cors?: object): Promise<INestApplication> {
  return startSampleApp(platform, { configure: (app) => app.enableCors(cors) });
}

/** A header's comma-separated names, lower case. */
const names = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((name) => name.trim().toLowerCase());

describe.each(PLATFORMS)('CORS with etagCorsOptions(), on %s', (platform) => {
  const cors = useApp(() => startWithCors(platform, etagCorsOptions({ origin: ORIGIN })));

  const read = () => cors.http.get('/users/1').set('Origin', ORIGIN).expect(200);

  it('a page on another origin may read ETag and Last-Modified', async () => {
    const response = await read();
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(names(response.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['etag', 'last-modified', 'content-location']),
    );
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('a preflight lets it send %s with If-Match', async (method) => {
    const response = await cors.http
      .options('/users/1')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', method)
      .set('Access-Control-Request-Headers', 'content-type,if-match')
      .expect(204);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(names(response.headers['access-control-allow-methods'])).toContain(method.toLowerCase());
    expect(names(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(['content-type', 'if-match']),
    );
  });

  it('a 304 carries the CORS headers, so the page sees it', async () => {
    const ok = await read();
    const response = await cors.http
      .get('/users/1')
      .set('Origin', ORIGIN)
      .set('If-None-Match', ok.headers.etag!)
      .expect(304);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(names(response.headers['access-control-expose-headers'])).toContain('etag');
    // Express's cors varies on Origin even for one fixed origin, @fastify/cors does not: the 304 as the 200.
    expect(response.headers.vary).toBe(ok.headers.vary);
  });

  it('a 412 carries them too, with the current tag it can read', async () => {
    const { etag } = (await read()).headers;
    const response = await cors.http
      .put('/users/1')
      .set('Origin', ORIGIN)
      .set('If-Match', '"stale"')
      .send({ name: 'Sean', age: 27 })
      .expect(412);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(response.headers.etag).toBe(etag);
  });

  it('a list of allowed headers gets the condition headers added', async () => {
    const strict = await startWithCors(platform, etagCorsOptions({ origin: ORIGIN, allowedHeaders: ['Content-Type'] }));
    try {
      const response = await (
        await client(strict)
      )
        .options('/users/1')
        .set('Origin', ORIGIN)
        .set('Access-Control-Request-Method', 'PUT')
        .set('Access-Control-Request-Headers', 'if-match')
        .expect(204);
      expect(names(response.headers['access-control-allow-headers'])).toEqual([
        'content-type',
        'if-match',
        'if-none-match',
        'if-modified-since',
        'if-unmodified-since',
      ]);
    } finally {
      await strict.close();
    }
  });
});

describe.each(PLATFORMS)('CORS with the defaults of cors.app.enableCors(), on %s', (platform) => {
  const cors = useApp(() => startWithCors(platform));

  it('ETag is not exposed: a script on another origin cannot read it', async () => {
    const response = await cors.http.get('/users/1').set('Origin', ORIGIN).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-expose-headers']).toBeUndefined();
  });

  it(`a preflight for PUT is ${platform === 'fastify' ? 'refused: Fastify allows GET, HEAD, POST' : 'allowed'}`, async () => {
    const response = await cors.http
      .options('/users/1')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'if-match');
    expect(names(response.headers['access-control-allow-methods']).includes('put')).toBe(platform === 'express');
  });
});
