import type { INestApplication } from '@nestjs/common';
import { createSampleApp } from '../../sample/create-app.js';
import { type Client, client, countOf, PLATFORMS, racePuts, sha1Tag, STRONG_TAG, WEAK_TAG } from './http.js';

const SHAUN = { id: 1, name: 'Shaun', age: 27 };

describe.each(PLATFORMS)('the sample users API on %s', (platform) => {
  let app: INestApplication;
  let http: Client;

  beforeEach(async () => {
    app = await createSampleApp({ platform, database: ':memory:', logger: false });
    await app.listen(0, '127.0.0.1');
    http = await client(app);
  });
  afterEach(() => app.close());

  async function tagOf(path: string): Promise<string> {
    return (await http.get(path).expect(200)).headers.etag as string;
  }

  describe('reading', () => {
    it('GET /users/1 is the seeded user with a strong tag, and 304 with it', async () => {
      const response = await http.get('/users/1').expect(200);
      expect(response.body).toEqual(SHAUN);
      expect(response.headers.etag).toBe(sha1Tag(JSON.stringify(SHAUN)));
      const revalidated = await http
        .get('/users/1')
        .set('If-None-Match', response.headers.etag as string)
        .expect(304);
      expect(revalidated.headers.etag).toBe(response.headers.etag);
      expect(revalidated.text ?? '').toBe('');
    });

    it('GET /users lists the users with a strong tag', async () => {
      const response = await http.get('/users').expect(200);
      expect(response.body).toEqual([SHAUN]);
      expect(response.headers.etag).toMatch(STRONG_TAG);
    });

    it('GET /users/1/profile has a weak tag that follows the name and not the age', async () => {
      const profile = await tagOf('/users/1/profile');
      expect(profile).toMatch(WEAK_TAG);
      await http
        .patch('/users/1')
        .set('If-Match', await tagOf('/users/1'))
        .send({ age: 28 })
        .expect(200);
      expect(await tagOf('/users/1/profile')).toBe(profile);
      await http
        .patch('/users/1')
        .set('If-Match', await tagOf('/users/1'))
        .send({ name: 'Sean' })
        .expect(200);
      expect(await tagOf('/users/1/profile')).not.toBe(profile);
    });

    it('GET /users/1/account: ClassSerializerInterceptor drops the password hash, and a new password is no new tag', async () => {
      const account = await http.get('/users/1/account').expect(200);
      expect(account.text).toBe(JSON.stringify(SHAUN));
      expect(account.headers.etag).toBe(sha1Tag(account.text));
      await http.put('/users/1/password').send({ password: 'correct horse battery' }).expect(204);
      const revalidated = await http
        .get('/users/1/account')
        .set('If-None-Match', account.headers.etag as string)
        .expect(304);
      expect(revalidated.headers.etag).toBe(account.headers.etag);
      await http.put('/users/1/password').send({ password: 'short' }).expect(400);
    });

    it('an unknown id is a 404 that says which, with no tag', async () => {
      const response = await http.get('/users/42').set('If-None-Match', '*').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, message: 'user 42 does not exist' });
      expect(response.headers.etag).toBeUndefined();
    });

    it('an id that is not a number is a 400 that says what was expected', async () => {
      const response = await http.get('/users/abc').expect(400);
      expect(response.body.message).toBe('the user id must be a positive whole number, got "abc"');
    });

    it('a malformed id stays a 400 with conditions: never a 304 or 412 (§13.2.1)', async () => {
      const tag = await tagOf('/users/1');
      for (const id of ['01', '1.0', '0x1', '1e0', 'abc']) {
        await http.get(`/users/${id}`).set('If-None-Match', tag).expect(400);
        await http.put(`/users/${id}`).set('If-Match', '"stale"').send({ name: 'X', age: 1 }).expect(400);
        await http.delete(`/users/${id}`).set('If-Match', '"stale"').expect(400);
      }
    });

    it('a missing user is a 404 with If-Match too, except for a PUT that could create it (§13.2.1)', async () => {
      await http.get('/users/99').set('If-Match', '*').expect(404);
      await http.patch('/users/99').set('If-Match', '*').send({ age: 1 }).expect(404);
      await http.delete('/users/99').set('If-Match', '"x"').expect(404);
      await http.put('/users/99').set('If-Match', '"x"').send({ name: 'X', age: 1 }).expect(412);
    });
  });

  describe('creating', () => {
    it('POST /users is a 201 with Location, Content-Location and the tag GET returns', async () => {
      const response = await http.post('/users').send({ name: 'Ann', age: 3 }).expect(201);
      expect(response.body).toEqual({ id: 2, name: 'Ann', age: 3 });
      expect(response.headers.location).toBe('/users/2');
      expect(response.headers['content-location']).toBe('/users/2');
      expect(response.headers.etag).toBe(await tagOf('/users/2'));
    });

    it('a conditional POST is judged against the list /users', async () => {
      const list = await tagOf('/users');
      await http.post('/users').set('If-Match', '"stale"').send({ name: 'Ann', age: 3 }).expect(412);
      await http.post('/users').set('If-None-Match', '*').send({ name: 'Ann', age: 3 }).expect(412);
      await http.post('/users').set('If-Match', list).send({ name: 'Ann', age: 3 }).expect(201);
      expect((await http.get('/users').expect(200)).body).toHaveLength(2);
    });

    it('POST with a bad body is a 400 naming the property', async () => {
      const response = await http.post('/users').send({ name: 'Ann', age: -1 }).expect(400);
      expect(response.body.message).toBe('"age" must be a whole number of at least 0, got -1');
    });

    it('a create-only PUT (If-None-Match: *) creates a missing user, then refuses to overwrite it', async () => {
      const created = await http.put('/users/7').set('If-None-Match', '*').send({ name: 'Zed', age: 9 }).expect(201);
      expect(created.body).toEqual({ id: 7, name: 'Zed', age: 9 });
      expect(created.headers.location).toBe('/users/7');
      await http.put('/users/7').set('If-None-Match', '*').send({ name: 'Other', age: 1 }).expect(412);
      expect((await http.get('/users/7').expect(200)).body).toEqual({ id: 7, name: 'Zed', age: 9 });
      // §9.3.4: the server added the id to what was sent, so no validator; the client re-reads.
      expect(created.headers.etag).toBeUndefined();
    });

    it('a create-only PUT of the exact representation answers with the tag GET returns', async () => {
      const sent = { id: 8, name: 'Ida', age: 4 };
      const created = await http.put('/users/8').set('If-None-Match', '*').send(sent).expect(201);
      expect(created.headers['content-location']).toBe('/users/8');
      expect(created.headers.etag).toBe(await tagOf('/users/8'));
    });
  });

  describe('writing with preconditions', () => {
    it('PUT without If-Match is a 428', async () => {
      const response = await http.put('/users/1').send({ name: 'X', age: 1 }).expect(428);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await http.get('/users/1')).body).toEqual(SHAUN);
    });

    it('PUT with If-Match: abc123 is a 400 naming the header', async () => {
      const response = await http.put('/users/1').set('If-Match', 'abc123').send({ name: 'X', age: 1 }).expect(400);
      expect(response.body).toMatchObject({ status: 400, header: 'If-Match' });
      expect(response.body.detail).toContain('If-Match');
    });

    it('PUT with the current tag succeeds and GET then shows a new tag', async () => {
      const tag = await tagOf('/users/1');
      const response = await http.put('/users/1').set('If-Match', tag).send({ name: 'Shaun', age: 28 }).expect(200);
      expect(response.body).toEqual({ id: 1, name: 'Shaun', age: 28 });
      const next = await tagOf('/users/1');
      expect(next).not.toBe(tag);
      // §9.3.4: the client sent {name, age}, the server stored {id, name, age}: no validator.
      expect(response.headers.etag).toBeUndefined();
    });

    it('a PUT response carries an ETag when the stored representation is exactly what was sent', async () => {
      const tag = await tagOf('/users/1');
      const sent = { id: 1, name: 'Shaun', age: 30 };
      const response = await http.put('/users/1').set('If-Match', tag).send(sent).expect(200);
      expect(response.headers.etag).toBe(await tagOf('/users/1'));
    });

    it('a weak tag in If-Match is a 412', async () => {
      const tag = await tagOf('/users/1');
      await http.put('/users/1').set('If-Match', `W/${tag}`).send({ name: 'X', age: 1 }).expect(412);
    });

    it('If-Match: * updates an existing user and fails on a missing one', async () => {
      await http.put('/users/1').set('If-Match', '*').send({ name: 'Star', age: 1 }).expect(200);
      await http.put('/users/99').set('If-Match', '*').send({ name: 'Star', age: 1 }).expect(412);
      await http.get('/users/99').expect(404);
    });

    it('PATCH answers with the new user, its ETag (the one GET returns) and Content-Location', async () => {
      const tag = await tagOf('/users/1');
      const response = await http.patch('/users/1').set('If-Match', tag).send({ age: 31 }).expect(200);
      expect(response.body).toEqual({ id: 1, name: 'Shaun', age: 31 });
      expect(response.headers['content-location']).toBe('/users/1');
      expect(response.headers.etag).toBe(await tagOf('/users/1'));
      // and the client can chain the next write on it without re-reading
      await http
        .patch('/users/1')
        .set('If-Match', response.headers.etag as string)
        .send({ age: 32 })
        .expect(200);
    });

    it('DELETE honours If-Match when sent', async () => {
      await http.delete('/users/1').set('If-Match', '"stale"').expect(412);
      await http
        .delete('/users/1')
        .set('If-Match', await tagOf('/users/1'))
        .expect(204);
      await http.get('/users/1').expect(404);
      await http.post('/users').send({ name: 'Bo', age: 2 }).expect(201);
      await http.delete('/users/2').expect(204);
    });
  });

  describe("the seed's mid-air collision", () => {
    it('A and B read user 1; A saves; B saves with the old tag and gets 412 with the current tag', async () => {
      const [a, b] = await Promise.all([http.get('/users/1'), http.get('/users/1')]);
      const tag = a.headers.etag as string;
      expect(b.headers.etag).toBe(tag);
      await http.put('/users/1').set('If-Match', tag).send({ name: 'Shaun A', age: 27 }).expect(200);
      const lost = await http.put('/users/1').set('If-Match', tag).send({ name: 'Shaun B', age: 27 }).expect(412);
      expect(lost.headers.etag).toBe(await tagOf('/users/1'));
      expect((await http.get('/users/1')).body).toEqual({ id: 1, name: 'Shaun A', age: 27 });
    });

    it('50 concurrent PUTs with the same If-Match: exactly one wins, 49 get 412, no lost update', async () => {
      const { statuses, winner } = await racePuts([http], await tagOf('/users/1'));
      expect(countOf(statuses, 200)).toBe(1);
      expect(countOf(statuses, 412)).toBe(49);
      expect((await http.get('/users/1')).body).toEqual(winner);
    });
  });
});
