/**
 * The sample's file resource, GET/PUT /users/:id/avatar, on both platforms
 * and both databases: the seeded PNG with a tag that is the same on every
 * fresh sample, ranges and resumption, revalidation, and writes under
 * If-Match. The README's curl transcript is sample-curl.e2e.spec.ts.
 */
import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { seedAvatar } from '../../sample/avatars/seed-avatar.js';
import { createSampleApp } from '../../sample/create-app.js';
import { DATABASES, type FreshDatabase, freshPostgresDatabase } from '../support/databases.js';
import { type Client, client, PLATFORMS, STRONG_TAG } from './http.js';

const SEED = seedAvatar();

/** The strong tag of bytes at a path: the hash of their SHA-256 under the target URI, as a version tag's. */
function fileTag(target: string, bytes: Buffer): string {
  const digest = createHash('sha256').update(bytes).digest('base64url');
  return `"${createHash('sha1').update(` ${target}\n${digest}`).digest('base64url')}"`;
}

/** Another PNG: the seed with a different last byte of its (ignored) trailing data. */
const OTHER = Buffer.concat([SEED, Buffer.from('another avatar')]);

describe.each(PLATFORMS.flatMap((platform) => DATABASES.map((kind) => [platform, kind] as const)))(
  'the sample’s avatars on %s and %s',
  (platform, kind) => {
    let app: INestApplication;
    let http: Client;
    let database: FreshDatabase | undefined;
    beforeEach(async () => {
      database = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
      app = await createSampleApp({ platform, database: database?.url ?? ':memory:', logger: false });
      await app.listen(0, '127.0.0.1');
      http = await client(app);
    });
    afterEach(async () => {
      await app.close();
      await database?.drop();
    });

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
  },
);
