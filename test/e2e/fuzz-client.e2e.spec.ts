/**
 * The client's lane of the HTTP fuzz (see fuzz-client-lane.ts): seeded random
 * requests through `EtagClient`s, for several users, against routes that
 * change between requests (redirects within the origin and to another one,
 * hostile `Content-Location` and `Location`, `Cache-Control`, `Vary`), on
 * both platforms. A failure names the seed and the request.
 * `CLIENT_FUZZ_SEED=<n>` runs another sequence, `CLIENT_FUZZ_REQUESTS` more or
 * fewer requests.
 */
import type { INestApplication } from '@nestjs/common';
import { type Elsewhere, startElsewhere } from '../client/elsewhere.js';
import { ClientLane, type FuzzRoutes, startFuzzServer } from './fuzz-client-lane.js';
import { Random } from './fuzz-values.js';
import { PLATFORMS } from '../support/http.js';

const SEED = Number(process.env.CLIENT_FUZZ_SEED || 20261206);
const REQUESTS = Number(process.env.CLIENT_FUZZ_REQUESTS || 1000);
/** A bound on the run of one platform, whatever happens. */
const RUN_LIMIT_MS = 90_000;
const MAX_PROBLEMS = 10;

describe.each(PLATFORMS)('the client under changing redirects and hostile locations on %s', (platform) => {
  // The fuzzed server, its address, and the other origin, which claims to be the representation of one of ours.
  const fixture = {} as { app: INestApplication; routes: FuzzRoutes; ours: string; elsewhere: Elsewhere };

  beforeAll(async () => {
    Object.assign(fixture, await startFuzzServer(platform));
    fixture.ours = (await fixture.app.getUrl()).replace('[::1]', '127.0.0.1');
    fixture.elsewhere = await startElsewhere(`${fixture.ours}/fz/1`);
  });
  afterAll(async () => {
    await fixture.app.close();
    await fixture.elsewhere.close();
  });

  it(
    `${REQUESTS} random requests (seed ${SEED}): no user gets another's body, nothing of another origin is remembered or sent a validator`,
    async () => {
      const started = Date.now();
      const lane = new ClientLane(new Random(SEED), fixture.ours, fixture.elsewhere, fixture.routes);
      const problems: string[] = [];
      let n = 0;
      for (; n < REQUESTS && problems.length < MAX_PROBLEMS && Date.now() - started < RUN_LIMIT_MS; n++) {
        problems.push(...(await lane.step()).map((problem) => `seed ${SEED}, request ${n}: ${problem}`));
      }
      expect(problems).toEqual([]);
      expect(n).toBe(REQUESTS);
      const { tally } = lane;
      // The lane reached what it is for.
      expect(tally.crossOrigin).toBeGreaterThan(REQUESTS / 50);
      expect(tally.revalidated).toBeGreaterThan(REQUESTS / 50);
      console.log(
        `client fuzz on ${platform}, seed ${SEED}: ${tally.requests} requests, ${tally.changes} route changes ` +
          `(${tally.redirects} to redirects), ${tally.crossOrigin} reaching the other origin, ${tally.revalidated} ` +
          `revalidated, ${tally.errors} errors in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    RUN_LIMIT_MS + 30_000,
  );
});
