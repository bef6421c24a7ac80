import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DATABASES, type FreshDatabase, freshPostgresDatabase } from '../support/databases.js';
import { PLATFORMS } from '../support/http.js';
import { type Round, type Scenario, WRITE_RACES } from './races.js';
import { SAMPLE_START_LIMIT, type SampleProcess, startSampleProcess } from '../support/sample.js';

/** Rounds per race: each sends 50 concurrent requests, spread over both instances. */
const ROUNDS = 20;

// The seed's load balancer: instances started separately, sharing one database.
describe.each(PLATFORMS.flatMap((platform) => DATABASES.map((kind) => [platform, kind] as const)))(
  'two sample instances on %s sharing one %s database',
  (platform, kind) => {
    let dir: string | undefined;
    let database: FreshDatabase | undefined;
    let a: SampleProcess;
    let b: SampleProcess;

    beforeAll(
      async () => {
        let env: Record<string, string>;
        if (kind === 'postgres') {
          database = await freshPostgresDatabase();
          env = { PLATFORM: platform, DATABASE_URL: database.url };
        } else {
          dir = mkdtempSync(join(tmpdir(), 'nestjs-etag-'));
          // DATABASE_URL would win over SAMPLE_DB (CI sets it for the PostgreSQL runs).
          env = { PLATFORM: platform, SAMPLE_DB: join(dir, 'users.db'), DATABASE_URL: '' };
        }
        // One after the other: the first creates the schema, the second finds it.
        a = await startSampleProcess(env);
        b = await startSampleProcess(env);
      },
      2 * SAMPLE_START_LIMIT + 10_000,
    );
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('both send the same tag for /users/1, and a tag read from A is honoured by B', async () => {
      const [fromA, fromB] = await Promise.all([request(a.url).get('/users/1'), request(b.url).get('/users/1')]);
      expect(fromA.status).toBe(200);
      expect(fromA.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(fromB.headers.etag).toBe(fromA.headers.etag);
      const tag = fromA.headers.etag as string;
      await request(b.url).put('/users/1').set('If-Match', tag).send({ name: 'Shaun', age: 28 }).expect(200);
      await request(a.url).get('/users/1').set('If-None-Match', tag).expect(200);
      await request(a.url).put('/users/1').set('If-Match', tag).send({ name: 'Lost', age: 0 }).expect(412);
    });

    describe.each(WRITE_RACES)('$name', (scenario: Scenario) => {
      it(`${ROUNDS} rounds of 50: exactly one winner a round, every loser ${scenario.losers.join(' or ')}, no 5xx, and the stored state is the winner's`, async () => {
        const apis = [request(a.url), request(b.url)];
        for (let round = 0; round < ROUNDS; round++) {
          const outcome: Round = await scenario.run(apis, round);
          const statuses = outcome.responses.map((response) => response.status);
          const winners = outcome.responses.filter((response) => response.status < 300);
          expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
          expect(statuses.filter((status) => status >= 300 && !scenario.losers.includes(status))).toEqual([]);
          await scenario.check(apis, winners[0]!, outcome);
        }
        // 1,000 requests through two processes: seconds here, far more on a loaded CI machine.
      }, 180_000);
    });
  },
);

describe('the sample with a bad module option', () => {
  it('stops at bootstrap with a message naming the option', async () => {
    const start = startSampleProcess({ SAMPLE_DB: ':memory:', DATABASE_URL: '', ETAG_ALGORITHM: 'md55' });
    await expect(start).rejects.toThrow(
      /the sample exited with 1[\s\S]*option "algorithm" must be a hash[\s\S]*"md55"/,
    );
  });
});
