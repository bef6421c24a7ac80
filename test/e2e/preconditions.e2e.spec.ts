import { connect } from 'node:net';
import { PLATFORMS, sha1Tag, revalidate } from '../support/http.js';
import { useFixture } from './fixture/fixture.app.js';

// useFixture() resets the store to this user before each test.
const SHAUN = { name: 'Shaun', age: 27 };

describe.each(PLATFORMS)('preconditions on %s', (platform) => {
  const fixture = useFixture(platform);

  /** A PUT of `user` to `path` with these condition headers. */
  const putWith = (path: string, conditions: Record<string, string>, user: object) =>
    fixture.http.put(path).set(conditions).send(user);

  async function currentTag(): Promise<string> {
    const response = await fixture.http.get('/current').expect(200);
    return response.headers.etag as string;
  }

  describe('a current source judges GET before the handler runs', () => {
    it('a 304 skips the handler', async () => {
      const tag = await currentTag();
      const response = await fixture.http.get('/current').set('If-None-Match', tag).expect(304);
      expect(response.headers.etag).toBe(tag);
      expect(fixture.store.calls.current).toBe(1);
    });

    it('a failed If-Match is a 412 that skips the handler', async () => {
      await currentTag();
      await fixture.http.get('/current').set('If-Match', '"stale"').expect(412);
      expect(fixture.store.calls.current).toBe(1);
    });

    it('when the resource does not exist, If-None-Match is ignored and the handler answers 404', async () => {
      fixture.store.user = undefined;
      await fixture.http.get('/current').set('If-None-Match', '"x"').expect(404);
      await fixture.http.get('/current').set('If-None-Match', '*').expect(404);
      expect(fixture.store.calls.current).toBe(2);
    });

    it('…and so is If-Match: the GET would be a 404 without it (§13.2.1)', async () => {
      fixture.store.user = undefined;
      await fixture.http.get('/current').set('If-Match', '*').expect(404);
      await fixture.http.get('/current').set('If-Match', '"x"').expect(404);
    });

    it('a PUT, which could create the resource, gets 412 for If-Match on a missing one (§13.1.1)', async () => {
      fixture.store.user = undefined;
      const response = await putWith('/current', { 'If-Match': '"x"' }, { name: 'X', age: 1 }).expect(412);
      expect(response.headers.etag).toBeUndefined();
      expect(fixture.store.calls.replace).toBeUndefined();
      expect(fixture.store.user).toBeUndefined();
    });
  });

  describe('@RequireIfMatch (RFC 6585 §3)', () => {
    it('a write without If-Match is a 428 problem, and the handler does not run', async () => {
      const response = await fixture.http.put('/current').send({ name: 'X', age: 1 }).expect(428);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'about:blank', title: 'Precondition Required', status: 428 });
      expect(response.body.detail).toContain('If-Match');
      expect(fixture.store.calls.replace).toBeUndefined();
      expect(fixture.store.user).toEqual(SHAUN);
    });

    it('If-None-Match: * (create-only) satisfies it', async () => {
      fixture.store.user = undefined;
      await putWith('/current', { 'If-None-Match': '*' }, { name: 'New', age: 1 }).expect(200);
      expect(fixture.store.user).toEqual({ name: 'New', age: 1 });
    });

    it('on a controller, it leaves GET and HEAD alone and guards the writes', async () => {
      await fixture.http.get('/required').expect(200);
      await fixture.http.head('/required').expect(200);
      await fixture.http.put('/required').send({ name: 'X', age: 1 }).expect(428);
    });

    it('If-None-Match with a tag does not', async () => {
      await putWith('/current', { 'If-None-Match': '"x"' }, { name: 'X', age: 1 }).expect(428);
    });
  });

  describe('If-Match on a write (RFC 9110 §13.1.1)', () => {
    it('the current tag lets the write through', async () => {
      const tag = await currentTag();
      await putWith('/current', { 'If-Match': tag }, { name: 'A', age: 2 }).expect(200);
      expect(fixture.store.user).toEqual({ name: 'A', age: 2 });
      expect(await currentTag()).not.toBe(tag);
    });

    it('a stale tag is a 412 problem with the current ETag, and nothing changes', async () => {
      const tag = await currentTag();
      const response = await putWith('/current', { 'If-Match': '"stale"' }, { name: 'B', age: 3 }).expect(412);
      expect(response.headers.etag).toBe(tag);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'about:blank',
        title: 'Precondition Failed',
        status: 412,
        header: 'If-Match',
      });
      expect(response.body.detail).toContain(tag);
      expect(fixture.store.calls.replace).toBeUndefined();
      expect(fixture.store.user).toEqual(SHAUN);
    });

    it('a weak tag never matches (strong comparison): 412 that says so', async () => {
      const tag = await currentTag();
      const response = await fixture.http.put('/current').set('If-Match', `W/${tag}`).send({ name: 'C', age: 1 });
      expect(response.status).toBe(412);
      expect(response.body.detail).toContain('uses the strong comparison, which a weak tag never passes');
    });

    it('a list matches if any member does', async () => {
      const tag = await currentTag();
      await fixture.http.put('/current').set('If-Match', `"old", ${tag}`).send({ name: 'D', age: 1 }).expect(200);
    });

    it('"*" matches an existing resource and fails on a missing one', async () => {
      await putWith('/current', { 'If-Match': '*' }, { name: 'E', age: 1 }).expect(200);
      fixture.store.user = undefined;
      await putWith('/current', { 'If-Match': '*' }, { name: 'F', age: 1 }).expect(412);
      expect(fixture.store.user).toBeUndefined();
    });

    it('a malformed If-Match is a 400 that names the header and the expected form', async () => {
      const response = await putWith('/current', { 'If-Match': 'abc123' }, { name: 'G', age: 1 }).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, header: 'If-Match' });
      expect(response.body.detail).toContain('"abc123" or W/"abc123"');
      expect(response.body.detail).toContain('got: abc123');
      expect(fixture.store.user).toEqual(SHAUN);
    });

    it('a list mixing "*" with tags is malformed', async () => {
      await putWith('/current', { 'If-Match': '*, "a"' }, { name: 'H', age: 1 }).expect(400);
    });

    it('a malformed If-Match on GET is a 400 too', async () => {
      await fixture.http.get('/current').set('If-Match', 'abc123').expect(400);
    });
  });

  describe('If-None-Match on a write (RFC 9110 §13.1.2)', () => {
    it('"*" on an existing resource is a 412 (create-only)', async () => {
      await putWith('/current', { 'If-None-Match': '*' }, { name: 'I', age: 1 }).expect(412);
      expect(fixture.store.user).toEqual(SHAUN);
    });

    it('a malformed If-None-Match on a write is a 400', async () => {
      await putWith('/current', { 'If-Match': '*', 'If-None-Match': 'nope' }, { name: 'J', age: 1 }).expect(400);
    });
  });

  describe('validators on a PUT response (RFC 9110 §9.3.4)', () => {
    it('carry an ETag when the stored representation is the content sent: the tag GET now returns', async () => {
      const tag = await currentTag();
      const response = await putWith('/current', { 'If-Match': tag }, { name: 'K', age: 5 }).expect(200);
      expect(response.headers.etag).toBe(await currentTag());
    });
  });

  describe('validators on a PUT response, without the raw body', () => {
    it('compare the content as JSON: insignificant whitespace aside, the same', async () => {
      const tag = await currentTag();
      const response = await fixture.http
        .put('/current')
        .set('If-Match', tag)
        .set('Content-Type', 'application/json')
        .send('{ "name" : "K", "age" : 5 }')
        .expect(200);
      expect(response.headers.etag).toBe(await currentTag());
    });
  });

  describe('compare-and-swap in the handler (@IfMatch + EtagService)', () => {
    it('the handler sees the condition and its own 412 carries the current ETag', async () => {
      const tag = await currentTag();
      const failed = await putWith('/cas', { 'If-Match': '"stale"' }, { name: 'L', age: 1 }).expect(412);
      expect(failed.headers.etag).toBe(tag);
      expect(fixture.store.calls.cas).toBe(1);
      await putWith('/cas', { 'If-Match': tag }, { name: 'L', age: 1 }).expect(200);
      expect(fixture.store.user).toEqual({ name: 'L', age: 1 });
    });

    it('@IfNoneMatch: a create-only write fails on an existing resource, succeeds on a missing one', async () => {
      const tag = await currentTag();
      const failed = await putWith('/cas-both', { 'If-None-Match': '*' }, { name: 'N', age: 1 }).expect(412);
      expect(failed.headers.etag).toBe(tag);
      expect(failed.body).toMatchObject({ status: 412, header: 'If-None-Match' });
      await putWith('/cas-both', { 'If-None-Match': tag }, { name: 'N', age: 1 }).expect(428);
      fixture.store.user = undefined;
      await putWith('/cas-both', { 'If-None-Match': '*' }, { name: 'N', age: 1 }).expect(200);
      expect(fixture.store.user).toEqual({ name: 'N', age: 1 });
    });

    it('@IfNoneMatch: a listed tag that matches the stored one fails the write', async () => {
      const tag = await currentTag();
      await putWith('/cas-both', { 'If-Match': '*', 'If-None-Match': tag }, { name: 'N', age: 1 }).expect(412);
      await putWith('/cas-both', { 'If-Match': '*', 'If-None-Match': '"other"' }, { name: 'N', age: 1 }).expect(200);
    });

    it('@IfNoneMatch reads a malformed If-None-Match on GET as the module does: ignored, as if absent', async () => {
      const response = await fixture.http.get('/if-none-match').set('If-None-Match', 'abc123').expect(200);
      expect(response.body).toEqual({ condition: null });
      const listed = await fixture.http.get('/if-none-match').set('If-None-Match', '"x", W/"y.gzip"').expect(200);
      // Each tag as the module reads it: the coding a compressor appended apart (RFC 9110 §8.8.3).
      expect(listed.body).toEqual({
        condition: {
          kind: 'tags',
          tags: [
            { weak: false, opaque: 'x', codings: '' },
            { weak: true, opaque: 'y', codings: '.gzip' },
          ],
        },
      });
    });

    it('@IfMatch rejects a malformed header with a 400 before the handler', async () => {
      await putWith('/cas', { 'If-Match': 'abc123' }, {}).expect(400);
      expect(fixture.store.calls.cas).toBeUndefined();
    });
  });

  describe('the exception filter', () => {
    it("renders the module's 412 thrown by a service on a route without @Etag", async () => {
      const response = await fixture.http.put('/service-412').expect(412);
      expect(response.headers.etag).toBe('"current"');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 412, title: 'Precondition Failed' });
    });
  });
});

describe.each(PLATFORMS)("an app's own global filter on %s", (platform) => {
  const fixture = useFixture(platform, { appFilter: true });

  it('still renders every other exception', async () => {
    const response = await fixture.http.get('/missing').expect(404);
    expect(response.headers['x-handled-by']).toBe('app-filter');
    expect(response.body).toEqual({ handledBy: 'app-filter', status: 404 });
  });

  it("does not swallow the module's 304 and 412 on decorated routes", async () => {
    const { notModified } = await revalidate(fixture.http, '/strong');
    expect(notModified.headers['x-handled-by']).toBeUndefined();
    const failed = await fixture.http.get('/strong').set('If-Match', '"stale"').expect(412);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe.each(PLATFORMS)('validators on a PUT response with rawBody: true on %s', (platform) => {
  const fixture = useFixture(platform, { rawBody: true });

  async function put(body: string): Promise<string | undefined> {
    const tag = (await fixture.http.get('/current').expect(200)).headers.etag as string;
    const response = await fixture.http
      .put('/current')
      .set('If-Match', tag)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(200);
    return response.headers.etag as string | undefined;
  }

  it('are sent when the stored bytes are the bytes received (RFC 9110 §9.3.4)', async () => {
    expect(await put('{"name":"K","age":5}')).toBe(sha1Tag('{"name":"K","age":5}'));
  });

  it('are not sent when the bytes differ, even only in whitespace or number form', async () => {
    expect(await put('{ "name": "K", "age": 5 }')).toBeUndefined();
    expect(await put('{"name":"K","age":5.0}')).toBeUndefined();
  });
});

describe.each(PLATFORMS)('a request whose header fields Node cut short, on %s', (platform) => {
  const fixture = useFixture(platform);

  /** Sends a raw request with `fillers` header lines before the condition. */
  async function raw(method: string, path: string, fillers: number, condition: string): Promise<string> {
    const url = new URL(await fixture.app.getUrl());
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${url.host}`];
    for (let i = 0; i < fillers; i++) lines.push('a: b');
    lines.push(condition, 'Content-Type: application/json', 'Content-Length: 2', 'Connection: close', '', '{}');
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end(lines.join('\r\n')));
      let response = '';
      socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
      socket.on('end', () => resolve(response));
      socket.on('error', reject);
    });
  }

  it('a write is a 431 naming the limit, and is not made', async () => {
    // 998 fillers, Host and the condition: 1,000 fields, as many as Node reads (maxHeadersCount 2000).
    const response = await raw('PUT', '/current', 998, 'If-Match: "stale"');
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    expect(response).toContain('application/problem+json');
    expect(response).toMatch(/1000 or more header fields/);
    expect(fixture.store.calls.replace).toBeUndefined();
    expect(fixture.store.user).toEqual({ name: 'Shaun', age: 27 });
  });

  it('with a few fields the same write is judged as usual: a 412', async () => {
    expect(await raw('PUT', '/current', 10, 'If-Match: "stale"')).toMatch(/^HTTP\/1\.1 412 /);
  });

  it('a read is served as if the dropped condition were absent', async () => {
    expect(await raw('GET', '/strong', 1200, 'If-None-Match: *')).toMatch(/^HTTP\/1\.1 200 /);
  });
});
