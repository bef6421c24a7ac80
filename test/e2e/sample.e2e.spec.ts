import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import pg from 'pg';
import { seedAvatar } from '../../sample/avatars/seed-avatar.js';
import { DATABASES, type FreshDatabase, freshPostgresDatabase } from '../support/databases.js';
import { startSampleApp } from '../support/sample.js';
import { type Client, client, countOf, PLATFORMS, racePuts, sha1Tag, STRONG_TAG, WEAK_TAG } from '../support/http.js';

/** A user as the sample sends it; `version` and `updatedAt` are the server's. */
function user(id: number, name: string, age: number, version?: number) {
  return { id, name, age, version: version ?? expect.any(Number), updatedAt: expect.any(String) };
}
const SHAUN = user(1, 'Shaun', 27, 1);
/** Random writes per sequence of the list tag's property test, at most. */
const WRITES = 8;

/** The sample's version tag: the version hashed with the resource's path (no API version). */
function versionTag(target: string, version: number): string {
  return `"${createHash('sha1').update(` ${target}`).update('\n').update(String(version)).digest('base64url')}"`;
}

const SEED = seedAvatar();

/** The strong tag of bytes at a path: the hash of their SHA-256 under the target URI, as a version tag's. */
function fileTag(target: string, bytes: Buffer): string {
  const digest = createHash('sha256').update(bytes).digest('base64url');
  return `"${createHash('sha1').update(` ${target}\n${digest}`).digest('base64url')}"`;
}

/** Another PNG: the seed with bytes after its end, which decoders ignore. */
const OTHER = Buffer.concat([SEED, Buffer.from('another avatar')]);

describe.each(PLATFORMS.flatMap((platform) => DATABASES.map((kind) => [platform, kind] as const)))(
  'the sample users API on %s and %s',
  (platform, kind) => {
    let app: INestApplication;
    let http: Client;
    let database: FreshDatabase | undefined;

    // A database of its own for every test: seeded with user 1, nothing else.
    beforeEach(async () => {
      database = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
      app = await startSampleApp(platform, { database: database?.url });
      http = await client(app);
    });
    afterEach(async () => {
      await app.close();
      await database?.drop();
    });

    async function tagOf(path: string): Promise<string> {
      return (await http.get(path).expect(200)).headers.etag as string;
    }

    describe('reading', () => {
      it('GET /users/1 is the seeded user with the strong tag of its version, and 304 with it', async () => {
        const response = await http.get('/users/1').expect(200);
        expect(response.body).toEqual(SHAUN);
        expect(response.headers.etag).toBe(versionTag('/users/1', 1));
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

      it('GET /users/1 sends Last-Modified, its last write to the second, and revalidates by date too', async () => {
        const response = await http.get('/users/1').expect(200);
        const lastModified = response.headers['last-modified'] as string;
        expect(lastModified).toBe(
          new Date(Math.floor(Date.parse(response.body.updatedAt) / 1000) * 1000).toUTCString(),
        );
        const byDate = await http.get('/users/1').set('If-Modified-Since', lastModified).expect(304);
        expect(byDate.headers['last-modified']).toBe(lastModified);
        expect(byDate.headers.etag).toBe(response.headers.etag);
        await http.get('/users/1').set('If-Modified-Since', 'Sat, 01 Jan 2000 00:00:00 GMT').expect(200);
      });

      describe('GET /users: the list validator, from the sum of the versions (tombstones included)', () => {
        it('is 304 while nothing changed', async () => {
          const tag = await tagOf('/users');
          await http.get('/users').set('If-None-Match', tag).expect(304);
          await http.get('/users/1').expect(200);
          await http.get('/users').set('If-None-Match', tag).expect(304);
        });

        it('is 200 with a new tag after a create, an update or a delete of any user', async () => {
          const seen = [await tagOf('/users')];
          const fresh = async (): Promise<void> => {
            const response = await http.get('/users').set('If-None-Match', seen.join(', ')).expect(200);
            expect(seen).not.toContain(response.headers.etag);
            seen.push(response.headers.etag as string);
          };
          await http.post('/users').send({ name: 'Ann', age: 3 }).expect(201);
          await fresh();
          await http
            .patch('/users/2')
            .set('If-Match', await tagOf('/users/2'))
            .send({ age: 4 })
            .expect(200);
          await fresh();
          await http.delete('/users/2').expect(204);
          await fresh();
          await http.put('/users/1').set('If-Match', '*').send({ name: 'Shaun', age: 28 }).expect(200);
          await fresh();
        });
      });

      describe('the list tag never repeats, with no row every write updates (sample/store/list-version.ts)', () => {
        // HEAD: the list's tag without the list.
        async function listTag(): Promise<string> {
          return (await http.head('/users').expect(200)).headers.etag as string;
        }

        it('create, update and delete in every order, 200 random sequences: the list tag never repeats an earlier one', async () => {
          const seen = new Set([await listTag()]);
          const live = [1];
          const write = fc.record({ kind: fc.constantFrom('create', 'update', 'delete'), pick: fc.nat() });
          await fc.assert(
            fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: WRITES }), async (writes) => {
              for (const { kind, pick } of writes) {
                const at = pick % Math.max(live.length, 1);
                if (kind === 'create' || live.length === 0) {
                  const created = await http.post('/users').send({ name: 'Listed', age: pick % 100 });
                  expect(created.status).toBe(201);
                  live.push(created.body.id);
                } else if (kind === 'update') {
                  await http
                    .patch(`/users/${live[at]}`)
                    .set('If-Match', '*')
                    .send({ age: pick % 100 })
                    .expect(200);
                } else {
                  await http.delete(`/users/${live.splice(at, 1)[0]}`).expect(204);
                }
                const tag = await listTag();
                expect(seen.has(tag)).toBe(false);
                seen.add(tag);
              }
            }),
            { numRuns: 200 },
          );
        }, 300_000);

        if (kind === 'postgres') {
          it('a write that commits after a later one still changes the list tag (no "max" that a late commit can hide under)', async () => {
            const a = (await http.post('/users').send({ name: 'Slow', age: 1 }).expect(201)).body.id as number;
            const b = (await http.post('/users').send({ name: 'Fast', age: 1 }).expect(201)).body.id as number;
            // A slow writer updates user a as the store does (version + 1) and does not commit yet.
            const slow = new pg.Client({ connectionString: database!.url });
            await slow.connect();
            try {
              await slow.query('BEGIN');
              await slow.query('UPDATE users SET age = 2, version = version + 1, updated_at = $2 WHERE id = $1', [
                a,
                Date.now(),
              ]);
              // A fast one begins later, writes user b and commits first: a reader sees its write only.
              await http.patch(`/users/${b}`).set('If-Match', '*').send({ age: 2 }).expect(200);
              const between = await listTag();
              await slow.query('COMMIT');
              const after = await listTag();
              expect(after).not.toBe(between);
              await http.get('/users').set('If-None-Match', between).expect(200);
            } finally {
              await slow.end();
            }
          });
        }
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
        expect(account.text).toBe('{"id":1,"name":"Shaun","age":27}');
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
        expect(response.body).toEqual(user(2, 'Ann', 3));
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

      it('values no store could keep as sent are a 400, and nothing is stored', async () => {
        const list = await tagOf('/users');
        for (const body of [
          { name: 'nul\u0000byte', age: 1 },
          { name: 'lone \ud800 surrogate', age: 1 },
          { name: 'x'.repeat(201), age: 1 },
          { name: 'Big', age: 2 ** 31 },
        ]) {
          await http.post('/users').send(body).expect(400);
        }
        await http.get('/users').set('If-None-Match', list).expect(304);
      });

      it('POST with a bad body is a 400 naming the property', async () => {
        const response = await http.post('/users').send({ name: 'Ann', age: -1 }).expect(400);
        expect(response.body.message).toBe('"age" must be a whole number from 0 to 2147483647, got -1');
      });

      it('a create-only PUT (If-None-Match: *) creates a missing user, then refuses to overwrite it', async () => {
        const created = await http.put('/users/7').set('If-None-Match', '*').send({ name: 'Zed', age: 9 }).expect(201);
        expect(created.body).toEqual(user(7, 'Zed', 9));
        expect(created.headers.location).toBe('/users/7');
        expect(created.headers['content-location']).toBe('/users/7');
        await http.put('/users/7').set('If-None-Match', '*').send({ name: 'Other', age: 1 }).expect(412);
        expect((await http.get('/users/7').expect(200)).body).toEqual(user(7, 'Zed', 9));
        // §9.3.4: the server added id, version and updatedAt to what was sent, so no validator; the client re-reads.
        expect(created.headers.etag).toBeUndefined();
      });

      it('a user deleted and created again never takes back an old version, so an old tag stays stale', async () => {
        const old = await tagOf('/users/1');
        await http.delete('/users/1').set('If-Match', old).expect(204);
        await http.put('/users/1').set('If-None-Match', '*').send({ name: 'Shaun', age: 27 }).expect(201);
        expect(await tagOf('/users/1')).not.toBe(old);
        await http.put('/users/1').set('If-Match', old).send({ name: 'Lost', age: 0 }).expect(412);
      });

      it("a create-only PUT's id never uses up POST's ids: at the largest id (2^53 − 1) it is harmless, and POST steps over the ids PUT took (issue #18)", async () => {
        const last = Number.MAX_SAFE_INTEGER;
        await http.put(`/users/${last}`).set('If-None-Match', '*').send({ name: 'Last', age: 1 }).expect(201);
        expect((await http.post('/users').send({ name: 'Next', age: 1 }).expect(201)).body.id).toBe(2);
        for (const id of [3, 4]) {
          await http.put(`/users/${id}`).set('If-None-Match', '*').send({ name: 'Put', age: 1 }).expect(201);
        }
        expect((await http.post('/users').send({ name: 'After', age: 1 }).expect(201)).body.id).toBe(5);
        await http.put('/users/9007199254740992').set('If-None-Match', '*').send({ name: 'Over', age: 1 }).expect(400);
        expect((await http.get(`/users/${last}`).expect(200)).body.id).toBe(last);
        expect((await http.get('/users').expect(200)).body.map((each: { id: number }) => each.id)).toEqual([
          1,
          2,
          3,
          4,
          5,
          last,
        ]);
      });

      it('a deleted id is never handed out again: POST takes a new one, and a create-only PUT brings the user back with a newer version', async () => {
        const created = await http.post('/users').send({ name: 'Ann', age: 3 }).expect(201);
        await http.delete('/users/2').expect(204);
        expect((await http.post('/users').send({ name: 'Bo', age: 4 }).expect(201)).body.id).toBe(3);
        const back = await http.put('/users/2').set('If-None-Match', '*').send({ name: 'Ann', age: 3 }).expect(201);
        expect(back.body.version).toBeGreaterThan(created.body.version);
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
        expect(response.body).toEqual(user(1, 'Shaun', 28, 2));
        const next = await tagOf('/users/1');
        expect(next).toBe(versionTag('/users/1', 2));
        // §9.3.4: the client sent {name, age}, the server stored more: no validator.
        expect(response.headers.etag).toBeUndefined();
      });

      it("a version in the body is the server's, never a condition: it is ignored", async () => {
        const tag = await tagOf('/users/1');
        await http.put('/users/1').set('If-Match', tag).send({ name: 'Shaun', age: 28, version: 1 }).expect(200);
        await http.put('/users/1').set('If-Match', tag).send({ name: 'Lost', age: 0, version: 2 }).expect(412);
        expect((await http.get('/users/1')).body).toEqual(user(1, 'Shaun', 28, 2));
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
        expect(response.body).toEqual(user(1, 'Shaun', 31, 2));
        expect(response.headers['last-modified']).toBeDefined();
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

      it('DELETE honours If-Unmodified-Since: a date before the last write is a 412, after it a 204', async () => {
        const lastModified = (await http.get('/users/1').expect(200)).headers['last-modified'] as string;
        const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
        const failed = await http.delete('/users/1').set('If-Unmodified-Since', before).expect(412);
        expect(failed.body).toMatchObject({ status: 412, header: 'If-Unmodified-Since' });
        await http.delete('/users/1').set('If-Unmodified-Since', lastModified).expect(204);
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
        expect((await http.get('/users/1')).body).toEqual(user(1, 'Shaun A', 27));
      });

      it('50 concurrent PUTs with the same If-Match: exactly one wins, 49 get 412, no lost update', async () => {
        const { statuses, winner } = await racePuts([http], await tagOf('/users/1'));
        expect(countOf(statuses, 200)).toBe(1);
        expect(countOf(statuses, 412)).toBe(49);
        expect((await http.get('/users/1')).body).toEqual(winner);
      });
    });

    // GET/PUT /users/:id/avatar (issue #20); the README's curl transcript of it is sample-curl.e2e.spec.ts.
    describe("a user's avatar, a file: the seeded PNG, ranges and resumption, revalidation, writes under If-Match", () => {
      const bytes = (request: ReturnType<Client['get']>) =>
        request.buffer(true).parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const putAvatar = (id: number, body: Buffer) =>
        http.put(`/users/${id}/avatar`).set('Content-Type', 'image/png').send(body);

      it('user 1 has the seeded PNG, with the same strong tag on every fresh sample', async () => {
        const response = await bytes(http.get('/users/1/avatar')).expect(200);
        expect(response.body).toEqual(SEED);
        expect(response.headers).toMatchObject({
          'content-type': 'image/png',
          'content-length': String(SEED.length),
          'accept-ranges': 'bytes',
          'cache-control': 'no-cache',
          etag: fileTag('/users/1/avatar', SEED),
        });
        expect(response.headers['last-modified']).toBeDefined();
      });

      it('curl -r 0-99, then curl -C -: a 206 of 100 bytes, then the rest; once complete, a 416', async () => {
        const first = await bytes(http.get('/users/1/avatar').set('Range', 'bytes=0-99')).expect(206);
        expect(first.headers['content-range']).toBe(`bytes 0-99/${SEED.length}`);
        const rest = await bytes(http.get('/users/1/avatar').set('Range', 'bytes=100-')).expect(206);
        expect(rest.headers['content-range']).toBe(`bytes 100-${SEED.length - 1}/${SEED.length}`);
        expect(Buffer.concat([first.body, rest.body])).toEqual(SEED);
        const done = await http.get('/users/1/avatar').set('Range', `bytes=${SEED.length}-`).expect(416);
        expect(done.headers['content-range']).toBe(`bytes */${SEED.length}`);
      });

      it('revalidates with a 304, and resumes under If-Range only while the avatar is the same', async () => {
        const tag = (await http.head('/users/1/avatar').expect(200)).headers.etag as string;
        await http.get('/users/1/avatar').set('If-None-Match', tag).expect(304);
        await http.get('/users/1/avatar').set('Range', 'bytes=100-').set('If-Range', tag).expect(206);
        await putAvatar(1, OTHER).set('If-Match', tag).expect(204);
        const whole = await bytes(http.get('/users/1/avatar').set('Range', 'bytes=100-').set('If-Range', tag));
        expect(whole.status).toBe(200);
        expect(whole.body).toEqual(OTHER);
      });

      it('PUT: 428 without If-Match, 204 with the new tag, 412 with the old one, 415 for what is no PNG', async () => {
        await putAvatar(1, OTHER).expect(428);
        const tag = fileTag('/users/1/avatar', SEED);
        const written = await putAvatar(1, OTHER).set('If-Match', tag).expect(204);
        expect(written.headers.etag).toBe(fileTag('/users/1/avatar', OTHER));
        const stale = await putAvatar(1, SEED).set('If-Match', tag).expect(412);
        expect(stale.headers.etag).toBe(written.headers.etag);
        await http
          .put('/users/1/avatar')
          .set('Content-Type', 'image/png')
          .set('If-Match', written.headers.etag as string)
          .send(Buffer.from('not a png'))
          .expect(415);
      });

      it('a new user has no avatar (404) until If-None-Match: * creates it (201); an unknown user has none', async () => {
        await http.put('/users/2').set('If-None-Match', '*').send({ name: 'Ann', age: 3 }).expect(201);
        await http.get('/users/2/avatar').expect(404);
        const created = await putAvatar(2, OTHER).set('If-None-Match', '*').expect(201);
        expect(created.headers.etag).toMatch(STRONG_TAG);
        await putAvatar(2, SEED).set('If-None-Match', '*').expect(412);
        await http.get('/users/42/avatar').expect(404);
        await putAvatar(42, SEED).set('If-None-Match', '*').expect(404);
      });
    });
  },
);
