import { useApp } from '../support/fixture-app.js';
import { PLATFORMS, sha1Tag, STRONG_TAG } from '../support/http.js';
import { Account, AccountStore, type SerializerPlacement, startPipelineApp } from './fixture/pipeline.app.js';

/** Starts the pipeline app for one suite, and resets its store before each test. */
function usePipeline(...args: Parameters<typeof startPipelineApp>) {
  return useApp(() => startPipelineApp(...args), {
    extra: (app) => ({ store: app.get(AccountStore) }),
    reset: ({ store }) => {
      store.account = new Account({ name: 'ann', password: 'hunter2' });
      store.person = { name: 'ann', email: 'ann@example.org' };
      store.reset();
    },
  });
}

describe.each(PLATFORMS)('tags over what the client receives, on %s', (platform) => {
  describe.each<SerializerPlacement>(['global', 'inside'])('ClassSerializerInterceptor bound %s', (serializer) => {
    const pipeline = usePipeline(platform, { serializer });
    const tagOf = async (path: string) => (await pipeline.http.get(path).expect(200)).headers.etag as string;
    /** A write of /accounts/current with this If-Match. */
    const writeIf = (tag: string, method: 'put' | 'patch', body: object) =>
      pipeline.http[method]('/accounts/current').set('If-Match', tag).send(body);

    describe('a content tag', () => {
      it('is the hash of the bytes received, which leave out the @Exclude()d field', async () => {
        const response = await pipeline.http.get('/accounts/content').expect(200);
        expect(response.text).toBe('{"id":1,"name":"ann"}');
        expect(response.headers.etag).toBe(sha1Tag(response.text));
      });

      it('does not change when only the excluded field does, and revalidates to 304', async () => {
        const tag = await tagOf('/accounts/content');
        pipeline.store.account.password = 'correct horse battery staple';
        const again = await pipeline.http.get('/accounts/content').set('If-None-Match', tag).expect(304);
        expect(again.headers.etag).toBe(tag);
        expect(again.text).toBe('');
      });

      it('changes when a field the client sees does', async () => {
        const tag = await tagOf('/accounts/content');
        pipeline.store.account.name = 'bob';
        const changed = await pipeline.http.get('/accounts/content').set('If-None-Match', tag).expect(200);
        expect(changed.headers.etag).toBe(sha1Tag('{"id":1,"name":"bob"}'));
      });
    });

    describe('a current source: one tag for the 200 and the preconditions', () => {
      it('200 → If-None-Match with that tag → 304, without running the handler', async () => {
        const ok = await pipeline.http.get('/accounts/current').expect(200);
        expect(ok.text).toBe('{"id":1,"name":"ann"}');
        expect(ok.headers.etag).toMatch(STRONG_TAG);
        const calls = pipeline.store.calls.current;
        await pipeline.http
          .get('/accounts/current')
          .set('If-None-Match', ok.headers.etag as string)
          .expect(304);
        expect(pipeline.store.calls.current).toBe(calls);
      });

      it('the tag leaves out the @Exclude()d field: a password change is no change', async () => {
        const tag = await tagOf('/accounts/current');
        pipeline.store.account.password = 'correct horse battery staple';
        await pipeline.http.get('/accounts/current').set('If-None-Match', tag).expect(304);
      });

      it('If-Match with the tag of the 200 lets the write through', async () => {
        const tag = await tagOf('/accounts/current');
        const written = await writeIf(tag, 'put', { name: 'bob' }).expect(200);
        expect(written.text).toBe('{"id":1,"name":"bob"}');
        expect(pipeline.store.account.name).toBe('bob');
        const read = await pipeline.http.get('/accounts/current').expect(200);
        expect(read.headers.etag).not.toBe(tag);
        await writeIf(tag, 'put', { name: 'eve' }).expect(412);
        expect(pipeline.store.account.name).toBe('bob');
      });

      it('a write answering with the new entity carries the tag a GET of it then sends', async () => {
        const tag = await tagOf('/accounts/current');
        const patched = await writeIf(tag, 'patch', { name: 'bob' }).expect(200);
        expect(patched.text).toBe('{"id":1,"name":"bob"}');
        const read = await pipeline.http.get('/accounts/current').expect(200);
        expect(patched.headers.etag).toBe(read.headers.etag);
        await pipeline.http
          .get('/accounts/current')
          .set('If-None-Match', patched.headers.etag as string)
          .expect(304);
      });
    });
  });

  describe('a global CacheInterceptor (APP_INTERCEPTOR)', () => {
    const pipeline = usePipeline(platform, { cache: true });

    it('cache hits carry the tag of the body they send, and revalidate to 304', async () => {
      const first = await pipeline.http.get('/cached').expect(200);
      expect(first.headers.etag).toBe(sha1Tag('{"name":"ann"}'));
      const hit = await pipeline.http.get('/cached').expect(200);
      expect(pipeline.store.calls.cached).toBe(1);
      expect(hit.text).toBe(first.text);
      expect(hit.headers.etag).toBe(first.headers.etag);
      const revalidated = await pipeline.http.get('/cached').set('If-None-Match', first.headers.etag as string);
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.etag).toBe(first.headers.etag);
      expect(pipeline.store.calls.cached).toBe(1);
    });
  });

  describe('versioned routes (v1 and v2 of one URI)', () => {
    const pipeline = usePipeline(platform);
    const get = (path: string, version: string, tag?: string) => {
      const request = pipeline.http.get(path).set('X-API-Version', version);
      return tag === undefined ? request : request.set('If-None-Match', tag);
    };

    describe.each(['current', 'content'])('with a %s tag', (kind) => {
      const path = `/people/${kind}`;

      it('never share a tag', async () => {
        const v1 = await get(path, '1').expect(200);
        const v2 = await get(path, '2').expect(200);
        expect(v1.text).toBe('{"name":"ann"}');
        expect(v2.text).toBe('{"name":"ann","email":"ann@example.org"}');
        expect(v1.headers.etag).not.toBe(v2.headers.etag);
      });

      it('a v1 tag never gets a 304 from v2; each version revalidates its own', async () => {
        const v1 = (await get(path, '1').expect(200)).headers.etag as string;
        const v2 = (await get(path, '2').expect(200)).headers.etag as string;
        const crossed = await get(path, '2', v1).expect(200);
        expect(crossed.text).toBe('{"name":"ann","email":"ann@example.org"}');
        await get(path, '1', v1).expect(304);
        await get(path, '2', v2).expect(304);
      });
    });
  });
});
