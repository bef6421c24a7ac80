import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { countOf, PLATFORMS, racePuts } from './http.js';
import { type SampleProcess, startSampleProcess } from './sample-process.js';

// The seed's load balancer: instances started separately, one database.
describe.each(PLATFORMS)('two sample instances sharing one SAMPLE_DB on %s', (platform) => {
  let dir: string;
  let a: SampleProcess;
  let b: SampleProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-etag-'));
    const env = { PLATFORM: platform, SAMPLE_DB: join(dir, 'users.db') };
    a = await startSampleProcess(env);
    b = await startSampleProcess(env);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('both send the same tag for /users/1', async () => {
    const [fromA, fromB] = await Promise.all([request(a.url).get('/users/1'), request(b.url).get('/users/1')]);
    expect(fromA.status).toBe(200);
    expect(fromA.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(fromB.headers.etag).toBe(fromA.headers.etag);
  });

  it('a tag read from A is honoured by B', async () => {
    const tag = (await request(a.url).get('/users/1').expect(200)).headers.etag as string;
    await request(b.url).put('/users/1').set('If-Match', tag).send({ name: 'Shaun', age: 28 }).expect(200);
    await request(a.url).get('/users/1').set('If-None-Match', tag).expect(200);
    await request(a.url).put('/users/1').set('If-Match', tag).send({ name: 'Lost', age: 0 }).expect(412);
  });

  it('50 concurrent PUTs with one tag, split across A and B: exactly one wins, no lost update', async () => {
    const tag = (await request(a.url).get('/users/1').expect(200)).headers.etag as string;
    const { statuses, winner } = await racePuts([request(a.url), request(b.url)], tag);
    expect(countOf(statuses, 200)).toBe(1);
    expect(countOf(statuses, 412)).toBe(49);
    expect((await request(a.url).get('/users/1')).body).toEqual(winner);
    expect((await request(b.url).get('/users/1')).body).toEqual(winner);
  });
});

describe('the sample with a bad module option', () => {
  it('stops at bootstrap with a message naming the option', async () => {
    const start = startSampleProcess({ SAMPLE_DB: ':memory:', ETAG_ALGORITHM: 'md55' });
    await expect(start).rejects.toThrow(
      /the sample exited with 1[\s\S]*option "algorithm" must be a hash[\s\S]*"md55"/,
    );
  });
});
