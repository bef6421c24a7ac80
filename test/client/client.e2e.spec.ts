import {
  EtagClient,
  HttpError,
  PreconditionFailedError,
  PreconditionRequiredError,
  type ConflictHandler,
} from '../../lib/client/index.js';
import { PLATFORMS, recordingFetch, type SampleServer, SHAUN, startSample, type User } from './sample-server.js';

describe.each(PLATFORMS)('EtagClient against the sample users API on %s', (platform) => {
  let server: SampleServer;

  beforeEach(async () => {
    server = await startSample(platform);
  });
  afterEach(() => server.app.close());

  function clientWith(options: ConstructorParameters<typeof EtagClient>[0] = {}) {
    const recording = recordingFetch();
    const client = new EtagClient({ baseUrl: server.url, fetch: recording.fetch, ...options });
    const sentHeader = (name: string) => recording.sent.map((request) => request.headers.get(name));
    return { client, sent: recording.sent, sentHeader };
  }

  /** The tag a plain GET returns now, past every client's memory. */
  async function currentTag(path: string): Promise<string | null> {
    return (await fetch(server.url + path)).headers.get('etag');
  }

  describe('revalidation (RFC 9110 §13.1.2)', () => {
    it('a second GET sends If-None-Match and gets a 304 with the remembered body', async () => {
      const { client, sentHeader } = clientWith();
      const first = await client.get<User>('/users/1');
      expect(first).toMatchObject({ status: 200, revalidated: false, body: SHAUN });
      expect(first.etag).toBe(await currentTag('/users/1'));

      const second = await client.get<User>('/users/1');
      expect(second).toMatchObject({ status: 304, revalidated: true, body: SHAUN, etag: first.etag });
      expect(sentHeader('if-none-match')).toEqual([null, first.etag]);
    });

    it('a changed resource is a 200 with the new body, remembered in place of the old', async () => {
      const { client } = clientWith();
      const other = clientWith().client;
      await client.get('/users/1');
      await other.get('/users/1');
      await other.patch('/users/1', { age: 28 });
      const fresh = await client.get<User>('/users/1');
      expect(fresh).toMatchObject({ status: 200, revalidated: false, body: { ...SHAUN, age: 28 } });
      expect((await client.get<User>('/users/1')).revalidated).toBe(true);
    });

    it('each use hands out its own copy: changing a body does not change what is remembered', async () => {
      const { client } = clientWith();
      const first = await client.get<{ name: string }>('/users/1');
      first.body.name = 'Changed by the caller';
      expect((await client.get<User>('/users/1')).body).toMatchObject(SHAUN);
    });
  });

  describe('writes send the remembered tag in If-Match (RFC 9110 §13.1.1)', () => {
    it('PATCH sends the tag it read, and remembers the new one from Content-Location and ETag (§8.7)', async () => {
      const { client, sentHeader } = clientWith();
      const read = await client.get<User>('/users/1');
      const patched = await client.patch<User>('/users/1', { age: 28 });
      expect(sentHeader('if-match')).toEqual([null, read.etag]);
      expect(patched).toMatchObject({ status: 200, body: { ...SHAUN, age: 28 } });
      expect(patched.etag).toBe(await currentTag('/users/1'));
      expect((await client.remembered('/users/1'))?.etag).toBe(patched.etag);

      // So a second write needs no re-read, and a GET revalidates to the patched user.
      await client.patch<User>('/users/1', { name: 'Sean' });
      expect(sentHeader('if-match')[2]).toBe(patched.etag);
      expect(await client.get<User>('/users/1')).toMatchObject({ status: 304, body: { id: 1, name: 'Sean', age: 28 } });
    });

    it('PUT answered without a validator: the old tag is forgotten, and the next write says to read first', async () => {
      const { client } = clientWith();
      await client.get('/users/1');
      const saved = await client.put<User, Omit<User, 'id'>>('/users/1', { name: 'Shaun', age: 28 });
      expect(saved).toMatchObject({ status: 200, etag: undefined });
      expect(await client.remembered('/users/1')).toBeUndefined();
      await expect(client.put('/users/1', SHAUN)).rejects.toBeInstanceOf(PreconditionRequiredError);
    });

    it('a create-only PUT sends If-None-Match: *, and is a 412 when the user exists', async () => {
      const { client, sentHeader } = clientWith();
      const ann = { id: 2, name: 'Ann', age: 3 };
      const created = await client.put<User>('/users/2', ann, { createOnly: true });
      expect(created).toMatchObject({ status: 201, body: ann });
      expect(sentHeader('if-none-match')).toEqual(['*']);
      // The sample stores more than was sent (a version, a date): no validator (§9.3.4), so nothing is remembered.
      expect(await client.remembered('/users/2')).toBeUndefined();
      expect(await client.get<User>('/users/2')).toMatchObject({ status: 200, body: ann });

      const again = await client.put<User>('/users/2', ann, { createOnly: true }).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(PreconditionFailedError);
      expect(again).toMatchObject({ status: 412, sentTag: undefined, currentTag: await currentTag('/users/2') });
    });

    it('POST remembers the created user under its Content-Location', async () => {
      const { client } = clientWith();
      const created = await client.post<User>('/users', { name: 'Ann', age: 3 });
      expect(created.status).toBe(201);
      expect(await client.get<User>(`/users/${created.body.id}`)).toMatchObject({ status: 304, body: created.body });
    });
  });

  describe('mid-air collisions: two clients save the same version', () => {
    it('one succeeds; the other gets a typed 412 with the current tag, and succeeds after re-reading', async () => {
      const alice = clientWith().client;
      const bob = clientWith().client;
      await alice.get<User>('/users/1');
      const bobsCopy = await bob.get<User>('/users/1');

      await alice.patch<User>('/users/1', { age: 28 });
      const conflict = await bob.put<User>('/users/1', { ...bobsCopy.body, name: 'Sean' }).catch((error) => error);

      expect(conflict).toBeInstanceOf(PreconditionFailedError);
      const current = await currentTag('/users/1');
      expect(conflict).toMatchObject({ status: 412, method: 'PUT', sentTag: bobsCopy.etag, currentTag: current });
      expect(conflict.problem).toMatchObject({ type: 'about:blank', status: 412, header: 'If-Match' });
      expect(conflict.message).toContain(`its current tag is ${current}`);

      // Retrying without reading sends the same stale tag again: another 412, never an overwrite.
      await expect(bob.put<User>('/users/1', { ...bobsCopy.body, name: 'Sean' })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      const reread = await (conflict as PreconditionFailedError).reread<User>();
      expect(reread).toMatchObject({ status: 200, body: { ...SHAUN, age: 28 }, etag: current });
      const saved = await bob.put<User>('/users/1', { ...reread.body, name: 'Sean' });
      expect(saved.body).toMatchObject({ id: 1, name: 'Sean', age: 28 });
    });

    it('onConflict re-reads, merges and retries once', async () => {
      const alice = clientWith().client;
      await alice.get('/users/1');
      const merge: ConflictHandler<Partial<User>> = async (conflict, mine) => {
        const theirs = await conflict.reread<User>();
        return { ...theirs.body, ...mine };
      };
      const { client: bob, sentHeader } = clientWith({ onConflict: merge as ConflictHandler });
      await bob.get('/users/1');

      await alice.patch('/users/1', { age: 28 });
      const saved = await bob.patch<User>('/users/1', { name: 'Sean' });
      expect(saved.body).toMatchObject({ id: 1, name: 'Sean', age: 28 });
      expect(sentHeader('if-match').filter((tag) => tag !== null)).toHaveLength(2);
    });

    it('onConflict giving up (undefined) lets the 412 through; onConflict: false skips it', async () => {
      const alice = clientWith().client;
      let conflicts = 0;
      const bob = clientWith({ onConflict: () => void conflicts++ }).client;
      await alice.get('/users/1');
      await bob.get('/users/1');
      await alice.patch('/users/1', { age: 28 });
      await expect(bob.patch('/users/1', { age: 30 })).rejects.toBeInstanceOf(PreconditionFailedError);
      expect(conflicts).toBe(1);

      await bob.get('/users/1');
      await alice.patch('/users/1', { age: 29 });
      await expect(bob.patch('/users/1', { age: 30 }, { onConflict: false })).rejects.toBeInstanceOf(
        PreconditionFailedError,
      );
      expect(conflicts).toBe(1);
    });
  });

  describe('DELETE', () => {
    it('sends the remembered tag and forgets the resource', async () => {
      const { client, sentHeader } = clientWith();
      const read = await client.get('/users/1');
      expect((await client.delete('/users/1')).status).toBe(204);
      expect(sentHeader('if-match')).toEqual([null, read.etag]);
      expect(await client.remembered('/users/1')).toBeUndefined();
      await expect(client.get('/users/1')).rejects.toMatchObject({ name: 'HttpError', status: 404 });
    });

    it('with a stale tag is a 412, and the user stays', async () => {
      const alice = clientWith().client;
      const bob = clientWith().client;
      await alice.get('/users/1');
      await bob.get('/users/1');
      await alice.patch('/users/1', { age: 28 });
      await expect(bob.delete('/users/1')).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await fetch(`${server.url}/users/1`)).status).toBe(200);
    });
  });

  describe('a write the client has no tag for', () => {
    it('is a 428 error saying the resource was never read', async () => {
      const { client, sentHeader } = clientWith();
      const error = await client.patch('/users/1', { age: 28 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PreconditionRequiredError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 428, problem: { status: 428, header: 'If-Match' } });
      expect((error as Error).message).toMatch(
        /no tag for this resource: it was never read.*Read it first with get\(\)/,
      );
      expect(sentHeader('if-match')).toEqual([null]);
    });
  });
});
