/**
 * One suite for the three ORM examples (examples/typeorm, examples/prisma, examples/mikro-orm), run by each
 * example's spec on Express and Fastify against a PostgreSQL database of its own: two app instances sharing it,
 * racing conditional writes, and the answers a client relies on (304, 412 with the current tag, 428, 404).
 * Without DATABASE_URL they are skipped, and the global setup says so once; CI never skips.
 */
import type { DynamicModule, Type } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { DATABASES, type FreshDatabase, freshPostgresDatabase } from '../support/databases.js';
import { type Client, PLATFORMS, STRONG_TAG } from '../support/http.js';
import { startFixtureApp } from '../support/fixture-app.js';
import { SAMPLE_START_LIMIT, type SampleProcess, startSampleProcess } from '../support/sample.js';
import { InterleavedController } from './interleaved.controller.js';

/** How an example is started. */
export interface Example {
  readonly name: string;
  /** The app's root module on the database at `url`, to run in this process. */
  module?(url: string): DynamicModule;
  /**
   * Or the app's compiled entry (built by the global setup), to run as processes of their own: for an ORM
   * whose Nest module is CommonJS that requires Nest 12's ES modules, which Node loads and Jest does not.
   */
  main?: string;
  /** Creates the schema, for an ORM whose app does not (Prisma: its migration). */
  prepare?(url: string): Promise<void>;
  /**
   * The example's module in this process, for the app that also serves `InterleavedController` (and `extra`
   * controllers): where a write is overtaken after the guard, so the ORM's own conflict check is what answers.
   */
  interleaved(url: string): DynamicModule;
  /** Controllers of this example's own for the interleaved app. */
  extra?: readonly Type[];
  /** More tests of this example: its interleaved app. */
  more?(interleaved: () => Client): void;
}

const ROUNDS = 10;
const CONCURRENT = 50;

/** The example's two instances on each platform, and the tests every example must pass. */
export function describeExample(example: Example): void {
  const describeIf = DATABASES.includes('postgres') ? describe : describe.skip;
  describeIf.each(PLATFORMS)(`the ${example.name} example on %s, two instances sharing PostgreSQL`, (platform) => {
    let database: FreshDatabase | undefined;
    const instances: Instance[] = [];
    let apis: Client[] = [];
    let interleaved: Client;

    beforeAll(
      async () => {
        database = await freshPostgresDatabase();
        await example.prepare?.(database.url);
        // One after the other: the first creates what its ORM creates on start, the second finds it.
        for (let i = 0; i < 2; i++) instances.push(await start(example, platform, database.url));
        apis = instances.map((instance) => request(instance.url));
        const module = example.interleaved(database.url);
        const controllers = [...(module.controllers ?? []), InterleavedController, ...(example.extra ?? [])];
        const third = await startApp({ ...module, controllers }, platform);
        instances.push(third);
        interleaved = request(third.url);
      },
      2 * SAMPLE_START_LIMIT + 30_000,
    );
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop()));
      await database?.drop();
    });

    async function create(title: string): Promise<{ id: number; tag: string; body: Record<string, unknown> }> {
      const created = await apis[0]!.post('/documents').send({ title }).expect(201);
      const read = await apis[1]!.get(`/documents/${created.body.id}`).expect(200);
      return { id: created.body.id, tag: read.headers.etag as string, body: read.body };
    }

    it('POST is a 201 with Location and Content-Location, and the ETag a GET of the new document sends', async () => {
      const created = await apis[0]!.post('/documents').send({ title: 'Located' }).expect(201);
      expect(created.headers.location).toBe(`/documents/${created.body.id}`);
      expect(created.headers['content-location']).toBe(`/documents/${created.body.id}`);
      const read = await apis[1]!.get(`/documents/${created.body.id}`).expect(200);
      expect(read.headers.etag).toMatch(STRONG_TAG);
      expect(created.headers.etag).toBe(read.headers.etag);
    });

    it('a conditional GET is a 304, by tag and by date, on either instance', async () => {
      const { id, tag } = await create('Revalidated');
      const read = await apis[0]!.get(`/documents/${id}`).expect(200);
      await apis[1]!.get(`/documents/${id}`).set('If-None-Match', tag).expect(304);
      const modified = read.headers['last-modified'] as string;
      await apis[1]!.get(`/documents/${id}`).set('If-Modified-Since', modified).expect(304);
      const list = await apis[0]!.get('/documents').expect(200);
      await apis[1]!
        .get('/documents')
        .set('If-None-Match', list.headers.etag as string)
        .expect(304);
    });

    it('a stale If-Match is a 412 problem+json with the current ETag, and nothing is written', async () => {
      const { id, tag } = await create('Stale');
      const changed = await apis[0]!.patch(`/documents/${id}`).set('If-Match', tag).send({ title: 'Changed' });
      expect(changed.status).toBe(200);
      for (const api of apis) {
        const stale = await api.patch(`/documents/${id}`).set('If-Match', tag).send({ title: 'Lost' }).expect(412);
        expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(stale.body).toMatchObject({ status: 412, header: 'If-Match' });
        expect(stale.headers.etag).toBe(changed.headers.etag);
        await api.delete(`/documents/${id}`).set('If-Match', tag).expect(412);
      }
      expect((await apis[1]!.get(`/documents/${id}`).expect(200)).body.title).toBe('Changed');
    });

    it('a write without If-Match is a 428, and a missing document a 404 whatever its If-Match', async () => {
      const { id, tag } = await create('Required');
      await apis[0]!.patch(`/documents/${id}`).send({ title: 'No' }).expect(428);
      await apis[1]!.delete(`/documents/${id}`).expect(428);
      await apis[0]!.delete(`/documents/${id}`).set('If-Match', tag).expect(204);
      await apis[1]!.patch(`/documents/${id}`).set('If-Match', tag).send({ title: 'Gone' }).expect(404);
      await apis[0]!.delete(`/documents/${id}`).set('If-Match', tag).expect(404);
      await apis[1]!.get(`/documents/${id}`).expect(404);
    });

    it("the list's tag and Last-Modified move on a delete", async () => {
      const { id, tag } = await create('Deleted later');
      const before = await apis[0]!.get('/documents').expect(200);
      // Last-Modified has whole seconds: the delete must fall in a later one to show.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await apis[1]!.delete(`/documents/${id}`).set('If-Match', tag).expect(204);
      const after = await apis[0]!
        .get('/documents')
        .set('If-None-Match', before.headers.etag as string)
        .expect(200);
      expect(after.body).toHaveLength(before.body.length - 1);
      expect(Date.parse(after.headers['last-modified'] as string)).toBeGreaterThan(
        Date.parse(before.headers['last-modified'] as string),
      );
      await apis[1]!
        .get('/documents')
        .set('If-Modified-Since', before.headers['last-modified'] as string)
        .expect(200);
    });

    it(`${ROUNDS} rounds of ${CONCURRENT} racing PATCH and DELETE with one If-Match, then ${CONCURRENT} conditional POSTs: one winner a round, losers 412 (or 404 once deleted), never a 5xx, and the store holds the winner's`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { id, tag } = await create(`Round ${round}`);
        const writes = await race((api, i) =>
          i % 2
            ? api
                .patch(`/documents/${id}`)
                .set('If-Match', tag)
                .send({ title: `Writer ${i}` })
            : api.delete(`/documents/${id}`).set('If-Match', tag),
        );
        const winner = oneWinner(writes, [412, 404], round);
        for (const api of apis) {
          const stored = await api.get(`/documents/${id}`);
          if (winner.status === 204) expect(stored.status).toBe(404);
          else expect({ status: stored.status, body: stored.body }).toEqual({ status: 200, body: winner.body });
        }

        const list = await apis[round % 2]!.get('/documents').expect(200);
        const posts = await race((api, i) =>
          api
            .post('/documents')
            .set('If-Match', list.headers.etag as string)
            .send({ title: `Poster ${i}` }),
        );
        const created = oneWinner(posts, [412], round);
        for (const api of apis) {
          const after = await api.get('/documents').expect(200);
          expect(after.body).toHaveLength(list.body.length + 1);
          expect(after.body).toContainEqual(created.body);
        }
      }
    }, 180_000);

    it("a write overtaken after the guard meets the ORM's own check: a 412 with the current tag, or a 404 once deleted", async () => {
      const { id } = await create('Overtaken');
      const path = `/interleaved/${id}`;
      const read = await interleaved.get(path).expect(200);
      const overtaken = await interleaved
        .patch(path)
        .set('If-Match', read.headers.etag as string)
        .send({ title: 'Mine', overtakenBy: 'update' })
        .expect(412);
      expect(overtaken.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(overtaken.body).toMatchObject({ status: 412, header: 'If-Match' });
      const now = await interleaved.get(path).expect(200);
      expect(now.body.title).toBe('Another writer');
      expect(overtaken.headers.etag).toBe(now.headers.etag);
      await interleaved
        .patch(path)
        .set('If-Match', now.headers.etag as string)
        .send({ title: 'Mine', overtakenBy: 'delete' })
        .expect(404);
    });

    example.more?.(() => interleaved);

    /** `CONCURRENT` requests at once, spread over both instances. */
    function race(send: (api: Client, i: number) => PromiseLike<Response>): Promise<Response[]> {
      return Promise.all(Array.from({ length: CONCURRENT }, (_, i) => send(apis[i % apis.length]!, i)));
    }
  });
}

type Instance = Pick<SampleProcess, 'url' | 'stop'>;

/** One instance of the example, in this process or in one of its own. */
async function start(example: Example, platform: (typeof PLATFORMS)[number], url: string): Promise<Instance> {
  if (example.main !== undefined) return startSampleProcess({ PLATFORM: platform, DATABASE_URL: url }, example.main);
  return startApp(example.module!(url), platform);
}

async function startApp(module: DynamicModule, platform: (typeof PLATFORMS)[number]): Promise<Instance> {
  const app = await startFixtureApp(platform, { imports: [module] });
  return { url: await app.getUrl(), stop: () => app.close() };
}

/** The one 2xx of a race, after checking that every other answer is one of `losers`. */
function oneWinner(responses: readonly Response[], losers: readonly number[], round: number): Response {
  const winners = responses.filter((response) => response.status < 300);
  const others = responses.filter((response) => response.status >= 300 && !losers.includes(response.status));
  expect({ round, winners: winners.length, others: others.map((each) => `${each.status} ${each.text}`) }).toEqual({
    round,
    winners: 1,
    others: [],
  });
  return winners[0]!;
}
