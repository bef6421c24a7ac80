import { etagCorsOptions } from '../../lib/nest/cors/etag-cors.js';

describe('etagCorsOptions', () => {
  it('exposes the validators and allows the methods of reads and writes', () => {
    expect(etagCorsOptions()).toEqual({
      methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      exposedHeaders: ['ETag', 'Last-Modified', 'Content-Location'],
    });
  });

  it('passes every other option on, and leaves allowedHeaders unset when it is', () => {
    const origin = (_: string | undefined, done: (error: Error | null, allow?: boolean) => void) => done(null, true);
    expect(etagCorsOptions({ origin, credentials: true, maxAge: 600 })).toEqual({
      origin,
      credentials: true,
      maxAge: 600,
      methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      exposedHeaders: ['ETag', 'Last-Modified', 'Content-Location'],
    });
  });

  it('keeps the methods given', () => {
    expect(etagCorsOptions({ methods: 'GET,PUT' }).methods).toBe('GET,PUT');
  });

  it('adds to the exposed and allowed headers given, as a list or a string, each name once', () => {
    const options = etagCorsOptions({ exposedHeaders: 'X-Total, etag', allowedHeaders: ['Content-Type', 'if-match'] });
    expect(options.exposedHeaders).toEqual(['X-Total', 'etag', 'Last-Modified', 'Content-Location']);
    expect(options.allowedHeaders).toEqual([
      'Content-Type',
      'if-match',
      'If-None-Match',
      'If-Modified-Since',
      'If-Unmodified-Since',
    ]);
  });
});
