import { useApp } from '../support/fixture-app.js';
import { PLATFORMS, sha1Tag, STRONG_TAG, WEAK_TAG } from '../support/http.js';
import { Document, startCompressedApp } from './fixture/compression.app.js';

const GZIP = { 'Accept-Encoding': 'gzip' };
const BROTLI = { 'Accept-Encoding': 'br' };
const IDENTITY = { 'Accept-Encoding': 'identity' };

describe.each(PLATFORMS)('compressed responses (RFC 9110 §8.8.3), on %s', (platform) => {
  const fixture = useApp(() => startCompressedApp(platform), {
    extra: (app) => ({ document: app.get(Document) }),
    reset: ({ document }) => (document.version = 1),
  });

  const tagOf = async (path: string, headers: Record<string, string>): Promise<string> =>
    (await fixture.http.get(path).set(headers).expect(200)).headers.etag as string;

  describe('no strong tag is shared by two content codings', () => {
    it('the identity tag is the hash of the bytes; a coded one names its coding', async () => {
      const identity = await fixture.http.get('/content').set(IDENTITY).expect(200);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.headers.etag).toBe(sha1Tag(identity.text));

      const gzip = await fixture.http.get('/content').set(GZIP).expect(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.text).toBe(identity.text);
      expect(gzip.headers.etag).toBe(`${identity.headers.etag.slice(0, -1)}.gzip"`);

      const brotli = await fixture.http.get('/content').set(BROTLI).expect(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers.etag).toBe(`${identity.headers.etag.slice(0, -1)}.br"`);
    });

    it('so do version tags', async () => {
      const identity = await tagOf('/versioned', IDENTITY);
      expect(identity).toMatch(STRONG_TAG);
      expect(await tagOf('/versioned', GZIP)).toBe(`${identity.slice(0, -1)}.gzip"`);
    });

    it('a weak tag is the same for every coding: they mean the same (§8.8.1)', async () => {
      const identity = await tagOf('/weak', IDENTITY);
      expect(identity).toMatch(WEAK_TAG);
      const gzip = await fixture.http.get('/weak').set(GZIP).expect(200);
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.etag).toBe(identity);
    });

    it('a response the compressor leaves alone keeps its tag', async () => {
      const response = await fixture.http.get('/small').set(GZIP).expect(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.etag).toBe(sha1Tag(response.text));
    });
  });

  describe('If-None-Match (§13.1.2) with either form', () => {
    it.each(['/content', '/versioned'])('%s: the coded tag revalidates, and the 304 carries it back', async (path) => {
      const tag = await tagOf(path, GZIP);
      const response = await fixture.http.get(path).set(GZIP).set('If-None-Match', tag).expect(304);
      expect(response.headers.etag).toBe(tag);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.text).toBe('');
    });

    it('the identity tag revalidates too, and gets the identity tag back', async () => {
      const tag = await tagOf('/versioned', IDENTITY);
      const response = await fixture.http.get('/versioned').set(GZIP).set('If-None-Match', tag).expect(304);
      expect(response.headers.etag).toBe(tag);
    });

    it.each(['/content', '/versioned'])('%s: the 304 carries the Vary: Accept-Encoding of the 200', async (path) => {
      const ok = await fixture.http.get(path).set(GZIP).expect(200);
      expect(ok.headers.vary).toMatch(/accept-encoding/i);
      const response = await fixture.http.get(path).set(GZIP).set('If-None-Match', ok.headers.etag).expect(304);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    });

    it('a HEAD 304 carries no Content-Encoding either', async () => {
      const tag = await tagOf('/versioned', GZIP);
      const response = await fixture.http.head('/versioned').set(GZIP).set('If-None-Match', tag).expect(304);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.etag).toBe(tag);
    });

    it('a changed resource is a 200, whichever form was sent', async () => {
      const tag = await tagOf('/versioned', GZIP);
      fixture.document.version = 2;
      const response = await fixture.http.get('/versioned').set(GZIP).set('If-None-Match', tag).expect(200);
      expect(response.headers.etag).not.toBe(tag);
    });
  });

  describe('If-Match (§13.1.1) with either form', () => {
    it('the coded tag of the current version writes, and the answer is tagged for its coding', async () => {
      const tag = await tagOf('/versioned', GZIP);
      const response = await fixture.http.patch('/versioned').set(GZIP).set('If-Match', tag).send({}).expect(200);
      expect(response.headers.etag).toBe(`${(await tagOf('/versioned', IDENTITY)).slice(0, -1)}.gzip"`);
    });

    it('and so does the identity tag', async () => {
      await fixture.http
        .patch('/versioned')
        .set('If-Match', await tagOf('/versioned', IDENTITY))
        .send({})
        .expect(200);
    });

    it('a stale coded tag is a 412 with the current tag', async () => {
      const stale = await tagOf('/versioned', GZIP);
      fixture.document.version = 2;
      const response = await fixture.http.patch('/versioned').set(IDENTITY).set('If-Match', stale).send({}).expect(412);
      expect(response.headers.etag).toBe(await tagOf('/versioned', IDENTITY));
    });

    it('a tag a proxy weakened is a 412 that says what happened and what to do', async () => {
      const weakened = `W/${await tagOf('/versioned', IDENTITY)}`;
      const response = await fixture.http
        .patch('/versioned')
        .set(IDENTITY)
        .set('If-Match', weakened)
        .send({})
        .expect(412);
      expect(response.body.detail).toContain('a weak tag never passes');
      expect(response.body.detail).toContain('a proxy that compressed the response made the tag weak');
      expect(response.body.detail).toContain(`the current entity tag is ${weakened.slice(2)}`);
    });
  });
});
