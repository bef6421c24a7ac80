import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import pg from 'pg';
import { createSampleApp } from '../../sample/create-app.js';
import { DATABASES, type FreshDatabase, freshPostgresDatabase } from '../support/databases.js';
import { type Client, client, PLATFORMS } from './http.js';

/** Random writes per sequence, at most. */
const WRITES = 8;

/**
 * The list's validator without a row every write updates: the sum of every user's version, deleted users'
 * tombstones included (sample/store/list-version.ts). It must never repeat, in any order of writes, and under
 * concurrency it must not miss a write that commits after a later one.
 */
describe.each(PLATFORMS.flatMap((platform) => DATABASES.map((kind) => [platform, kind] as const)))(
  "the sample's list tag on %s and %s",
  (platform, kind) => {
    let app: INestApplication;
    let http: Client;
    let database: FreshDatabase | undefined;

    beforeAll(async () => {
      database = kind === 'postgres' ? await freshPostgresDatabase() : undefined;
      app = await createSampleApp({ platform, database: database?.url ?? ':memory:', logger: false });
      await app.listen(0, '127.0.0.1');
      http = await client(app);
    });
    afterAll(async () => {
      await app.close();
      await database?.drop();
    });

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
              live.push((await http.post('/users').send({ name: 'Listed', age: pick % 100 }).expect(201)).body.id);
            } else if (kind === 'update') {
              await http.patch(`/users/${live[at]}`).set('If-Match', '*').send({ age: pick % 100 }).expect(200);
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
  },
);
