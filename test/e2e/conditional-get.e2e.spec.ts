import { headerCount, PLATFORMS, sha1Tag, STRONG_TAG, WEAK_TAG, revalidate } from '../support/http.js';
import { useFixture } from './fixture/fixture.app.js';

describe.each(PLATFORMS)('conditional GET on %s', (platform) => {
  const fixture = useFixture(platform);

  async function tagOf(path: string): Promise<string> {
    const response = await fixture.http.get(path).expect(200);
    return response.headers.etag as string;
  }

  describe('ETag (RFC 9110 §8.8.3)', () => {
    it('@Etag() sends one strong, quoted tag: the hash of the body bytes', async () => {
      const response = await fixture.http.get('/strong').expect(200);
      expect(response.headers.etag).toMatch(STRONG_TAG);
      expect(response.headers.etag).toBe(sha1Tag('{"name":"Shaun","age":27}'));
      expect(response.body).toEqual({ name: 'Shaun', age: 27 });
      expect(headerCount(response, 'ETag')).toBe(1);
    });

    it('is equal for equal bodies and changes when any byte does, key order included', async () => {
      const first = await tagOf('/strong');
      expect(await tagOf('/strong')).toBe(first);
      fixture.store.user = { name: 'Shaun', age: 28 };
      const older = await tagOf('/strong');
      expect(older).not.toBe(first);
      fixture.store.user = { age: 27, name: 'Shaun' };
      expect(await tagOf('/strong')).not.toBe(first);
    });

    it("the seed's table: the strong tag follows age, the weak name tag does not", async () => {
      const strong = await tagOf('/strong');
      const weak = await tagOf('/weak-name');
      expect(weak).toMatch(WEAK_TAG);
      fixture.store.user = { name: 'Shaun', age: 28 };
      expect(await tagOf('/strong')).not.toBe(strong);
      expect(await tagOf('/weak-name')).toBe(weak);
      fixture.store.user = { age: 40, name: 'Shaun' };
      expect(await tagOf('/weak-name')).toBe(weak);
      fixture.store.user = { name: 'Shaunna', age: 27 };
      expect(await tagOf('/weak-name')).not.toBe(weak);
    });

    it('the strong tag is the hash of the exact bytes received', async () => {
      const response = await fixture.http.get('/strong').expect(200);
      expect(response.text).toBe('{"name":"Shaun","age":27}');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers.etag).toBe(sha1Tag(response.text));
    });

    it('interceptors outside @Etag change the body, and the tag is of the body they produce', async () => {
      const wrapped = await fixture.http.get('/order/outer-wrap').expect(200);
      expect(wrapped.text).toBe('{"data":{"name":"Shaun"}}');
      expect(wrapped.headers.etag).toBe(sha1Tag(wrapped.text));
      const stripped = await fixture.http.get('/order/outer-strip').expect(200);
      expect(stripped.text).toBe('{"name":"Shaun"}');
      expect(stripped.headers.etag).toBe(sha1Tag(stripped.text));
    });

    it('interceptors inside @Etag are tagged as they serialise: the tag is of the bytes sent', async () => {
      const stripped = await fixture.http.get('/order/inner-strip').expect(200);
      expect(stripped.text).toBe('{"name":"Shaun"}');
      expect(stripped.headers.etag).toBe(sha1Tag(stripped.text));
    });

    it('{ weak: true } sends the body hash as a weak tag', async () => {
      expect(await tagOf('/weak-all')).toBe(`W/${sha1Tag('{"name":"Shaun","age":27}')}`);
    });

    it('fields reach nested properties and every element of an array', async () => {
      const nested = await tagOf('/nested');
      const list = await tagOf('/list-names');
      fixture.store.user = { name: 'Shaun', age: 99 };
      expect(await tagOf('/nested')).toBe(nested); // street (the age) is not selected
      expect(await tagOf('/list-names')).toBe(list);
      fixture.store.user = { name: 'Other', age: 99 };
      expect(await tagOf('/list-names')).not.toBe(list);
    });

    it('tags a string or Buffer result by its bytes', async () => {
      const text = await fixture.http.get('/text').expect(200);
      expect(text.headers.etag).toBe(sha1Tag('hello Shaun'));
      // Express sends a Buffer result as JSON, Fastify as bytes: the tag is of what is sent.
      const binary = await fixture.http
        .get('/binary')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(binary.headers.etag).toBe(sha1Tag(binary.body as Buffer));
    });

    it('leaves null results and streams untouched, with no tag', async () => {
      const nothing = await fixture.http.get('/nothing').expect(200);
      expect(nothing.headers.etag).toBeUndefined();
      const stream = await fixture.http
        .get('/stream')
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done(null, text));
        });
      expect(stream.status).toBe(200);
      expect(stream.body).toBe('streamed');
      expect(stream.headers.etag).toBeUndefined();
    });

    it('leaves a tag the route set itself alone', async () => {
      const response = await fixture.http.get('/own-etag').expect(200);
      expect(response.headers.etag).toBe('"mine"');
      expect(headerCount(response, 'ETag')).toBe(1);
    });

    it('is never a function of the client: cookies, Authorization, user agent and address change nothing', async () => {
      for (const path of ['/strong', '/weak-name', '/current']) {
        const plain = await tagOf(path);
        const clients = [
          { Cookie: 'session=alice' },
          { Cookie: 'session=bob; tracking=1' },
          { Authorization: 'Bearer token-of-carol' },
          { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' },
          { 'X-Forwarded-For': '203.0.113.7', Forwarded: 'for=198.51.100.9' },
        ];
        for (const headers of clients) {
          const response = await fixture.http.get(path).set(headers).expect(200);
          expect(response.headers.etag).toBe(plain);
        }
      }
    });

    it("undecorated routes get no tag on either platform (Express's own is switched off)", async () => {
      const response = await fixture.http.get('/plain').expect(200);
      expect(response.headers.etag).toBeUndefined();
      await fixture.http.get('/plain').set('If-None-Match', '"x"').expect(200);
    });
  });

  describe('If-None-Match on GET (RFC 9110 §13.1.2) → 304 (§15.4.5)', () => {
    it('a matching tag gives 304 with no body, the same ETag, and no Content-Type or Content-Length', async () => {
      const tag = await tagOf('/strong');
      const response = await fixture.http.get('/strong').set('If-None-Match', tag).expect(304);
      expect(response.headers.etag).toBe(tag);
      expect(response.text ?? '').toBe('');
      expect(response.headers['content-type']).toBeUndefined();
      expect(response.headers['content-length']).toBeUndefined();
      expect(headerCount(response, 'ETag')).toBe(1);
    });

    it('the handler still runs without a current source (the tag is of its result)', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-None-Match', tag).expect(304);
      expect(fixture.store.calls.strong).toBe(2);
    });

    it('compares weakly: W/ on the client side still matches a strong tag', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-None-Match', `W/${tag}`).expect(304);
      const weak = await tagOf('/weak-name');
      await fixture.http.get('/weak-name').set('If-None-Match', weak).expect(304);
    });

    it('answers a field route from the value: its 304 and 412 never serialise the body', async () => {
      let reads = 0;
      fixture.store.user = {
        name: 'Shaun',
        get age() {
          reads++;
          return 27;
        },
      };
      const weak = await tagOf('/weak-name');
      // The 200 serialised the body once; the field tag read `name` alone.
      expect(reads).toBe(1);
      const notModified = await fixture.http.get('/weak-name').set('If-None-Match', weak).expect(304);
      expect(notModified.headers.etag).toBe(weak);
      expect(notModified.text).toBe('');
      const refused = await fixture.http.get('/weak-name').set('If-Match', '"other"').expect(412);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers.etag).toBe(weak);
      expect(reads).toBe(1);
    });

    it('parses the list grammar: OWS, empty elements, other tags (§5.6.1)', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-None-Match', ` , "x",\t${tag} ,, "y"`).expect(304);
      await fixture.http.get('/strong').set('If-None-Match', '"x", "y"').expect(200);
    });

    it('reads several If-None-Match field lines as one list (§5.3)', async () => {
      const tag = await tagOf('/strong');
      // An array goes to Node's setHeader as is: one field line per element.
      const lines = ['"x"', tag] as unknown as string;
      await fixture.http.get('/strong').set('If-None-Match', lines).expect(304);
      await fixture.http
        .get('/strong')
        .set('If-None-Match', ['"x"', '"y"'] as unknown as string)
        .expect(200);
    });

    it('"*" matches any current representation', async () => {
      await fixture.http.get('/strong').set('If-None-Match', '*').expect(304);
    });

    it('a stale tag gets the new representation with its tag', async () => {
      const old = await tagOf('/strong');
      fixture.store.user = { name: 'Shaun', age: 28 };
      const response = await fixture.http.get('/strong').set('If-None-Match', old).expect(200);
      expect(response.body).toEqual({ name: 'Shaun', age: 28 });
      expect(response.headers.etag).not.toBe(old);
    });

    it('a malformed If-None-Match is ignored: served as if absent', async () => {
      const response = await fixture.http.get('/strong').set('If-None-Match', 'abc123').expect(200);
      expect(response.headers.etag).toMatch(STRONG_TAG);
      // even when it holds the current tag: the platform does not second-guess the module
      const tag = response.headers.etag as string;
      const mixed = await fixture.http.get('/strong').set('If-None-Match', `*, ${tag}`).expect(200);
      expect(mixed.body).toEqual({ name: 'Shaun', age: 27 });
    });

    it('Cache-Control: no-cache does not stop the origin from answering 304 (§13.2.1)', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('Cache-Control', 'no-cache').set('If-None-Match', tag).expect(304);
    });

    it('a 304 keeps the Cache-Control, Content-Location, Date, Expires and Vary the 200 would carry', async () => {
      const { ok, notModified: response } = await revalidate(fixture.http, '/cached');
      for (const header of ['cache-control', 'content-location', 'expires', 'vary', 'etag']) {
        expect(response.headers[header]).toBe(ok.headers[header]);
      }
      expect(response.headers.date).toBeDefined();
      expect(response.headers['content-type']).toBeUndefined();
    });

    it('applies only to 2xx outcomes: a handler error keeps its response, with no tag and no 304', async () => {
      const missing = await fixture.http.get('/missing').set('If-None-Match', '*').expect(404);
      expect(missing.body).toMatchObject({ statusCode: 404, message: 'no such thing' });
      expect(missing.headers.etag).toBeUndefined();
      const invalid = await fixture.http.get('/invalid').expect(400);
      expect(invalid.headers.etag).toBeUndefined();
    });
  });

  describe('HEAD (RFC 9110 §9.3.2)', () => {
    it('answers with the headers of GET, the ETag included, and no body', async () => {
      const get = await fixture.http.get('/strong').expect(200);
      const head = await fixture.http.head('/strong').expect(200);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.text ?? '').toBe('');
    });

    it('answers 304 to a matching If-None-Match, with no Content-Type or Content-Length', async () => {
      const tag = await tagOf('/strong');
      const head = await fixture.http.head('/strong').set('If-None-Match', tag).expect(304);
      expect(head.headers.etag).toBe(tag);
      expect(head.headers['content-type']).toBeUndefined();
      expect(head.headers['content-length']).toBeUndefined();
    });

    it('answers 304 through a current source, with the cache headers set by @Header()', async () => {
      const { notModified: head } = await revalidate(fixture.http, '/current', 'head');
      expect(head.headers['cache-control']).toBe('private, max-age=5');
      expect(head.headers['content-length']).toBeUndefined();
    });
  });

  describe('If-Match on GET (RFC 9110 §13.1.1)', () => {
    it('a current strong tag proceeds; a stale one is a 412 with the current ETag', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-Match', tag).expect(200);
      const failed = await fixture.http.get('/strong').set('If-Match', '"stale"').expect(412);
      expect(failed.headers.etag).toBe(tag);
      expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a weak tag never matches (strong comparison)', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-Match', `W/${tag}`).expect(412);
    });

    it('If-Match is judged before If-None-Match (§13.2.2)', async () => {
      const tag = await tagOf('/strong');
      await fixture.http.get('/strong').set('If-Match', '"stale"').set('If-None-Match', tag).expect(412);
    });
  });

  describe('@Etag on a controller, overridden per handler', () => {
    it('a handler inherits the controller options', async () => {
      const tag = await tagOf('/overrides/inherited');
      expect(tag).toMatch(WEAK_TAG);
      fixture.store.user = { name: 'Shaun', age: 1 };
      expect(await tagOf('/overrides/inherited')).toBe(tag);
    });

    it('a handler weak: false drops the inherited fields: a strong tag over the body', async () => {
      expect(await tagOf('/overrides/strong')).toBe(sha1Tag('{"name":"Shaun","age":27}'));
    });

    it("a handler's fields replace the controller's, and the work is done once", async () => {
      const tag = await tagOf('/overrides/age');
      fixture.store.user = { name: 'Other', age: 27 };
      expect(await tagOf('/overrides/age')).toBe(tag);
      expect(fixture.store.calls['overrides-age']).toBe(2);
    });
  });
});
