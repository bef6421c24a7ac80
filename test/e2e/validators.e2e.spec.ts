import { useApp } from '../support/fixture-app.js';
import { PLATFORMS, STRONG_TAG } from '../support/http.js';
import { Documents, startValidatorsApp, UPDATED_AT } from './fixture/validators.app.js';

// The IMF-fixdate of UPDATED_AT, to the second (RFC 9110 §5.6.7, §8.8.2).
const LAST_MODIFIED = 'Thu, 02 Jan 2020 03:04:05 GMT';
const EARLIER = 'Thu, 02 Jan 2020 03:04:04 GMT';
const LATER = 'Thu, 02 Jan 2020 03:04:06 GMT';

describe.each(PLATFORMS)('validators that cost one small read, on %s', (platform) => {
  const fixture = useApp(() => startValidatorsApp(platform), {
    extra: (app) => ({ documents: app.get(Documents) }),
    reset: ({ documents }) => {
      documents.version = 1;
      documents.updatedAt = UPDATED_AT;
      documents.reset();
    },
  });

  const calls = (what: string): number => fixture.documents.of(what);
  const tagOf = async (): Promise<string> =>
    (await fixture.http.get('/documents/versioned').expect(200)).headers.etag as string;

  describe('version tags (@Etag({ current, version }))', () => {
    it('the 200 carries the strong tag of the version, the one the preconditions are judged by', async () => {
      const response = await fixture.http.get('/documents/versioned').expect(200);
      expect(response.headers.etag).toMatch(STRONG_TAG);
      expect(response.body.version).toBe(1);
      await fixture.http
        .get('/documents/versioned')
        .set('If-None-Match', response.headers.etag as string)
        .expect(304);
    });

    it('a 304 runs no handler and serialises nothing', async () => {
      const tag = await tagOf();
      const [read, serialised] = [calls('read'), calls('serialised')];
      const response = await fixture.http.get('/documents/versioned').set('If-None-Match', tag).expect(304);
      expect(response.headers.etag).toBe(tag);
      expect(response.text).toBe('');
      expect(calls('read')).toBe(read);
      expect(calls('serialised')).toBe(serialised);
    });

    it('a HEAD 304 likewise', async () => {
      const tag = await tagOf();
      const read = calls('read');
      await fixture.http.head('/documents/versioned').set('If-None-Match', tag).expect(304);
      expect(calls('read')).toBe(read);
    });

    it('a 412 runs no handler and serialises nothing, and carries the current tag', async () => {
      const tag = await tagOf();
      const serialised = calls('serialised');
      const response = await fixture.http.put('/documents/versioned').set('If-Match', '"stale"').send({}).expect(412);
      expect(response.headers.etag).toBe(tag);
      expect(calls('write')).toBe(0);
      expect(calls('serialised')).toBe(serialised);
    });

    it('a write with the current tag goes through, and answers with the tag of the new version', async () => {
      const tag = await tagOf();
      const written = await fixture.http.patch('/documents/versioned').set('If-Match', tag).expect(200);
      expect(written.body.version).toBe(2);
      expect(written.headers.etag).not.toBe(tag);
      expect(written.headers.etag).toBe(await tagOf());
      await fixture.http.put('/documents/versioned').set('If-Match', tag).send({}).expect(412);
    });

    it('a new version is a new tag, whatever the body', async () => {
      const tag = await tagOf();
      fixture.documents.version = 2;
      const response = await fixture.http.get('/documents/versioned').set('If-None-Match', tag).expect(200);
      expect(response.headers.etag).not.toBe(tag);
    });
  });

  describe('Last-Modified (RFC 9110 §8.8.2)', () => {
    it('is sent on the 200, to the second, from the state', async () => {
      const response = await fixture.http.get('/documents/versioned').expect(200);
      expect(response.headers['last-modified']).toBe(LAST_MODIFIED);
    });

    it('is never later than the response’s Date (§8.8.2.1)', async () => {
      fixture.documents.updatedAt = new Date(Date.now() + 3_600_000);
      const response = await fixture.http.get('/documents/versioned').expect(200);
      expect(Date.parse(response.headers['last-modified'] as string)).toBeLessThanOrEqual(
        Date.parse(response.headers.date as string),
      );
    });

    it('is sent on the 304', async () => {
      const response = await fixture.http
        .get('/documents/versioned')
        .set('If-Modified-Since', LAST_MODIFIED)
        .expect(304);
      expect(response.headers['last-modified']).toBe(LAST_MODIFIED);
      expect(response.headers.etag).toMatch(STRONG_TAG);
    });

    it('comes from the body sent on a route without a current source', async () => {
      const response = await fixture.http.get('/documents/dated').expect(200);
      expect(response.headers['last-modified']).toBe(LAST_MODIFIED);
      const revalidated = await fixture.http
        .get('/documents/dated')
        .set('If-Modified-Since', LAST_MODIFIED)
        .expect(304);
      expect(revalidated.headers['last-modified']).toBe(LAST_MODIFIED);
      await fixture.http.get('/documents/dated').set('If-Modified-Since', EARLIER).expect(200);
    });
  });

  describe('If-Modified-Since (§13.1.3)', () => {
    it('false (not modified since) → 304, for the same or a later date; true → 200', async () => {
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', LAST_MODIFIED).expect(304);
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', LATER).expect(304);
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', EARLIER).expect(200);
    });

    it('on HEAD too', async () => {
      await fixture.http.head('/documents/versioned').set('If-Modified-Since', LAST_MODIFIED).expect(304);
      await fixture.http.head('/documents/versioned').set('If-Modified-Since', EARLIER).expect(200);
    });

    it('reads the obsolete forms: rfc850-date and asctime-date (§5.6.7)', async () => {
      await fixture.http
        .get('/documents/versioned')
        .set('If-Modified-Since', 'Thursday, 02-Jan-20 03:04:05 GMT')
        .expect(304);
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', 'Thu Jan  2 03:04:05 2020').expect(304);
      await fixture.http
        .get('/documents/versioned')
        .set('If-Modified-Since', 'Thursday, 02-Jan-20 03:04:04 GMT')
        .expect(200);
    });

    it('ignores an invalid date, or a list of dates', async () => {
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', 'yesterday').expect(200);
      await fixture.http.get('/documents/versioned').set('If-Modified-Since', '2020-01-02T03:04:05Z').expect(200);
      await fixture.http
        .get('/documents/versioned')
        .set('If-Modified-Since', `${LAST_MODIFIED}, ${LAST_MODIFIED}`)
        .expect(200);
    });

    it('is ignored when If-None-Match is sent: tags take precedence (§13.2.2)', async () => {
      await fixture.http
        .get('/documents/versioned')
        .set('If-None-Match', '"other"')
        .set('If-Modified-Since', LAST_MODIFIED)
        .expect(200);
      await fixture.http
        .get('/documents/versioned')
        .set('If-None-Match', await tagOf())
        .set('If-Modified-Since', EARLIER)
        .expect(304);
    });
  });

  describe('If-Unmodified-Since (§13.1.4)', () => {
    it('false (modified since) → 412 naming it, and nothing is written', async () => {
      const response = await fixture.http.patch('/documents/versioned').set('If-Unmodified-Since', EARLIER).expect(412);
      expect(response.body).toMatchObject({ status: 412, header: 'If-Unmodified-Since' });
      expect(calls('touch')).toBe(0);
    });

    it('true (not modified since) → the write goes through', async () => {
      await fixture.http.patch('/documents/versioned').set('If-Unmodified-Since', LAST_MODIFIED).expect(200);
      expect(fixture.documents.version).toBe(2);
    });

    it('is ignored when If-Match is sent: tags take precedence (§13.2.2)', async () => {
      await fixture.http
        .patch('/documents/versioned')
        .set('If-Match', await tagOf())
        .set('If-Unmodified-Since', EARLIER)
        .expect(200);
    });

    it('ignores an invalid date', async () => {
      await fixture.http.patch('/documents/versioned').set('If-Unmodified-Since', 'not a date').expect(200);
    });

    it('does not satisfy @RequireIfMatch, which asks for an entity tag', async () => {
      await fixture.http.put('/documents/versioned').set('If-Unmodified-Since', LAST_MODIFIED).send({}).expect(428);
    });
  });
});
