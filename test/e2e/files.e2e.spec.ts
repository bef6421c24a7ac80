/**
 * Files as representations (issue #20): validators from the file's state,
 * never from its bytes, conditional GET and HEAD that open no file, one
 * version per response, and writes of files under @Precondition().
 * Ranges are ranges.e2e.spec.ts.
 */
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { DIGITS, Folder, RacyFile, startFilesApp, useFilesApp } from './fixture/files.app.js';
import { type Client, client, countOf, PLATFORMS, STRONG_TAG, WEAK_TAG } from '../support/http.js';

const CONTENT_FIELDS = ['content-type', 'content-length', 'accept-ranges', 'content-range'];
const put = (http: Client, path: string, body: string) =>
  http.put(path).set('Content-Type', 'application/octet-stream').send(Buffer.from(body));

describe.each(PLATFORMS)('files on %s', (platform) => {
  const fixture = useFilesApp(platform);

  const tagOf = async (path: string) => (await fixture.http.get(path).expect(200)).headers.etag as string;
  const lastModified = (name: string) => new Date(Math.floor(statSync(fixture.folder.of(name)).mtimeMs / 1000) * 1000);

  describe('validators from the state, never the bytes (RFC 9110 §8.8)', () => {
    it('GET: the whole file, its length, a strong tag of its digest, Last-Modified, Accept-Ranges', async () => {
      const response = await fixture.http.get('/files/digits.txt').expect(200);
      expect(response.text).toBe(DIGITS);
      expect(response.headers).toMatchObject({
        'content-length': '11',
        'content-type': 'text/plain; charset=utf-8',
        'accept-ranges': 'bytes',
        'last-modified': lastModified('digits.txt').toUTCString(),
      });
      expect(response.headers.etag).toMatch(STRONG_TAG);
      expect(response.headers['content-range']).toBeUndefined();
    });

    it('a file without a digest has a weak tag of size and modification time', async () => {
      const response = await fixture.http.get('/weak/digits.txt').expect(200);
      expect(response.headers.etag).toMatch(WEAK_TAG);
      expect(response.text).toBe(DIGITS);
    });

    it('a digest a store kept makes the strong tag, and the store’s time Last-Modified', async () => {
      const response = await fixture.http.get('/stored/digits.txt').expect(200);
      expect(response.headers.etag).toMatch(STRONG_TAG);
      expect(response.headers['last-modified']).toBe('Thu, 02 Jan 2020 03:04:05 GMT');
    });

    it('an empty file: a 200 with no bytes, and a tag', async () => {
      const response = await fixture.http.get('/files/empty.txt').expect(200);
      expect(response.headers['content-length']).toBe('0');
      expect(response.headers.etag).toMatch(STRONG_TAG);
    });

    it('a plain StreamableFile on a route with a current source carries its validators, and no Accept-Ranges', async () => {
      const response = await fixture.http.get('/stream/digits.txt').expect(200);
      expect(response.text).toBe(DIGITS);
      expect(response.headers.etag).toMatch(STRONG_TAG);
      expect(response.headers['last-modified']).toBe(lastModified('digits.txt').toUTCString());
      expect(response.headers['accept-ranges']).toBeUndefined();
      await fixture.http
        .get('/stream/digits.txt')
        .set('If-None-Match', response.headers.etag as string)
        .expect(304);
    });

    it('the digest is read once, then reused while the file is unchanged', async () => {
      await fixture.http.get('/files/digits.txt').expect(200);
      fixture.files.reset();
      await fixture.http.get('/files/digits.txt').set('If-None-Match', '"other"').expect(200);
      // One open and one read of 11 bytes to send them: none to hash them again.
      expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 1, reads: 1 });
    });

    it('a same-size rewrite whose modification time is put back gets a new strong tag (the status change time moved)', async () => {
      const path = fixture.folder.of('digits.txt');
      // Whole seconds: a time in milliseconds goes through a float on its way to the file system.
      utimesSync(path, 1_700_000_000, 1_700_000_000);
      const [strong, weak] = [await tagOf('/files/digits.txt'), await tagOf('/weak/digits.txt')];
      writeFileSync(path, '9876543210\n');
      utimesSync(path, 1_700_000_000, 1_700_000_000);
      expect(await tagOf('/files/digits.txt')).not.toBe(strong);
      // The weak tag cannot see it: why it never answers If-Match or If-Range.
      expect(await tagOf('/weak/digits.txt')).toBe(weak);
    });

    it('two instances with copies of the file of other modification times: digest tags equal, weak tags not', async () => {
      const other = await startFilesApp(platform);
      try {
        utimesSync(other.get(Folder).of('digits.txt'), new Date(0), new Date(1_000_000));
        const there = await client(other);
        expect((await there.get('/files/digits.txt')).headers.etag).toBe(await tagOf('/files/digits.txt'));
        expect((await there.get('/weak/digits.txt')).headers.etag).not.toBe(await tagOf('/weak/digits.txt'));
      } finally {
        await other.close();
      }
    });
  });

  describe('conditional GET and HEAD open no file (RFC 9110 §13.1, §9.3.2)', () => {
    let tag: string;
    beforeEach(async () => {
      tag = await tagOf('/files/digits.txt'); // the digest, read once
      fixture.files.reset();
    });

    it('HEAD: the headers of the GET, no body, no open', async () => {
      const response = await fixture.http.head('/files/digits.txt').expect(200);
      expect(response.headers).toMatchObject({ etag: tag, 'content-length': '11', 'accept-ranges': 'bytes' });
      expect(response.text ?? '').toBe('');
      expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 0, reads: 0 });
    });

    it.each(['GET', 'HEAD'])(
      '%s If-None-Match current → 304 with the validators, no content fields, no open',
      async (method) => {
        const response = await fixture.http[method === 'GET' ? 'get' : 'head']('/files/digits.txt')
          .set('If-None-Match', tag)
          .expect(304);
        expect(response.headers.etag).toBe(tag);
        expect(response.headers['last-modified']).toBe(lastModified('digits.txt').toUTCString());
        expect(response.headers['cache-control']).toBe('no-cache');
        for (const field of CONTENT_FIELDS) expect(response.headers[field]).toBeUndefined();
        expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 0, reads: 0 });
      },
    );

    it('If-Modified-Since = Last-Modified → 304, no open', async () => {
      const since = lastModified('digits.txt').toUTCString();
      await fixture.http.get('/files/digits.txt').set('If-Modified-Since', since).expect(304);
      expect(fixture.files.opens).toBe(0);
    });

    it('If-Match stale → 412 with the current tag, no open; If-Unmodified-Since earlier → 412', async () => {
      const response = await fixture.http.get('/files/digits.txt').set('If-Match', '"stale"').expect(412);
      expect(response.headers.etag).toBe(tag);
      const earlier = new Date(lastModified('digits.txt').getTime() - 1000).toUTCString();
      await fixture.http.get('/files/digits.txt').set('If-Unmodified-Since', earlier).expect(412);
      expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 0, reads: 0 });
    });

    it('the weak route revalidates too: If-None-Match compares weakly', async () => {
      const weak = await tagOf('/weak/digits.txt');
      fixture.files.reset();
      await fixture.http.get('/weak/digits.txt').set('If-None-Match', weak).expect(304);
      expect(fixture.files.opens).toBe(0);
    });
  });

  describe('a file that is not there', () => {
    it('is a 404 for GET and HEAD, whose body names no path', async () => {
      const response = await fixture.http.get('/files/missing.txt').expect(404);
      expect(JSON.stringify(response.body)).not.toContain(fixture.folder.path);
      await fixture.http.head('/files/missing.txt').expect(404);
      await fixture.http.get('/files/missing.txt').set('Range', 'bytes=0-1').expect(404);
    });
  });

  describe('one version a response', () => {
    it('a file replaced between its judgement and the open is sent whole, with the new length and no validators', async () => {
      for (const range of [undefined, 'bytes=0-4']) {
        fixture.folder.reset();
        const request = fixture.http.get('/racy/digits.txt');
        const response = await (range === undefined ? request : request.set('Range', range)).expect(200);
        expect(response.text).toBe(RacyFile.REPLACEMENT);
        expect(response.headers['content-length']).toBe(String(RacyFile.REPLACEMENT.length));
        expect(response.headers.etag).toBeUndefined();
        expect(response.headers['last-modified']).toBeUndefined();
      }
    });
  });

  describe('writes of files through @Precondition() (RFC 9110 §13.1.1, §13.1.2)', () => {
    it('If-Match current → 204 with the tag of the bytes stored, which the next GET sends', async () => {
      const tag = await tagOf('/files/digits.txt');
      const written = await put(fixture.http, '/files/digits.txt', 'new digits\n').set('If-Match', tag).expect(204);
      expect(written.headers.etag).toMatch(STRONG_TAG);
      expect(written.headers.etag).not.toBe(tag);
      const read = await fixture.http.get('/files/digits.txt').expect(200);
      expect(read.text).toBe('new digits\n');
      expect(read.headers.etag).toBe(written.headers.etag);
    });

    it('If-Match stale → 412 with the current tag, and the file is unchanged', async () => {
      const tag = await tagOf('/files/digits.txt');
      const response = await put(fixture.http, '/files/digits.txt', 'lost\n').set('If-Match', '"stale"').expect(412);
      expect(response.headers.etag).toBe(tag);
      expect(readFileSync(fixture.folder.of('digits.txt'), 'utf8')).toBe(DIGITS);
    });

    it('no condition → 428; a weak If-Match → 412; If-Match with a weak route’s own tag → 412', async () => {
      await put(fixture.http, '/files/digits.txt', 'x').expect(428);
      const strong = await tagOf('/files/digits.txt');
      const weakened = await put(fixture.http, '/files/digits.txt', 'x').set('If-Match', `W/${strong}`).expect(412);
      expect(weakened.body.detail).toMatch(/weak/);
      await put(fixture.http, '/weak/digits.txt', 'x')
        .set('If-Match', await tagOf('/weak/digits.txt'))
        .expect(412);
      expect(readFileSync(fixture.folder.of('digits.txt'), 'utf8')).toBe(DIGITS);
    });

    it('If-None-Match: * creates the file (201) and is a 412 once it exists', async () => {
      const created = await put(fixture.http, '/files/new.txt', 'created\n').set('If-None-Match', '*').expect(201);
      expect(created.headers.etag).toBe(await tagOf('/files/new.txt'));
      await put(fixture.http, '/files/new.txt', 'again\n').set('If-None-Match', '*').expect(412);
      expect(readFileSync(fixture.folder.of('new.txt'), 'utf8')).toBe('created\n');
    });

    it('concurrent writes with one If-Match: one stores, the others get 412', async () => {
      const tag = await tagOf('/files/digits.txt');
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          put(fixture.http, '/files/digits.txt', `writer ${i}\n`).set('If-Match', tag),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(countOf(statuses, 204)).toBe(1);
      expect(countOf(statuses, 412)).toBe(7);
      const winner = responses.find((response) => response.status === 204)!;
      expect((await fixture.http.get('/files/digits.txt')).headers.etag).toBe(winner.headers.etag);
    });

    it('a PUT with Content-Range is refused (400, RFC 9110 §14.5)', async () => {
      const tag = await tagOf('/files/digits.txt');
      const response = await put(fixture.http, '/files/digits.txt', 'xx')
        .set('If-Match', tag)
        .set('Content-Range', 'bytes 0-1/11')
        .expect(400);
      expect(JSON.stringify(response.body)).toMatch(/Content-Range.*§14\.5/);
      expect(readFileSync(fixture.folder.of('digits.txt'), 'utf8')).toBe(DIGITS);
    });
  });
});
