import { CLIENT_READ_HEADER_NAMES } from '../../lib/http/client-read-headers.js';
import { ETAG_EXPOSED_HEADERS, etagCorsOptions } from '../../lib/nest/cors/etag-cors.js';

const EXPOSED = ['ETag', 'Last-Modified', 'Content-Location', 'Location', 'Vary', 'Cache-Control', 'Content-Type'];

describe('etagCorsOptions', () => {
  it('exposes the validators and allows the methods of reads and writes', () => {
    expect(etagCorsOptions()).toEqual({
      methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      exposedHeaders: EXPOSED,
    });
  });

  it('passes every other option on, and leaves allowedHeaders unset when it is', () => {
    const origin = (_: string | undefined, done: (error: Error | null, allow?: boolean) => void) => done(null, true);
    expect(etagCorsOptions({ origin, credentials: true, maxAge: 600 })).toEqual({
      origin,
      credentials: true,
      maxAge: 600,
      methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      exposedHeaders: EXPOSED,
    });
  });

  it('keeps the methods given', () => {
    expect(etagCorsOptions({ methods: 'GET,PUT' }).methods).toBe('GET,PUT');
  });

  it('adds to the exposed and allowed headers given, as a list or a string, each name once', () => {
    const options = etagCorsOptions({ exposedHeaders: 'X-Total, etag', allowedHeaders: ['Content-Type', 'if-match'] });
    expect(options.exposedHeaders).toEqual(['X-Total', 'etag', ...EXPOSED.slice(1)]);
    expect(options.allowedHeaders).toEqual([
      'Content-Type',
      'if-match',
      'If-None-Match',
      'If-Modified-Since',
      'If-Unmodified-Since',
    ]);
  });

  it("exposes exactly the response headers the module's own client reads", () => {
    expect(ETAG_EXPOSED_HEADERS).toEqual(CLIENT_READ_HEADER_NAMES);
  });
});
