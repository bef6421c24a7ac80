import { request as httpRequest, Agent } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { hostileConditionValues } from '../../bench/hostile-headers.js';
import { PLATFORMS } from './http.js';
import { useFixture } from './fixture/fixture.app.js';

/**
 * Condition headers built to be expensive, each just under Node's 16 KB
 * header limit, answered through the whole request path (the guard, the
 * list grammar, the codings read from each parsed tag, the §13.2.2 order,
 * the send path) in linear time: each must cost under 1 ms more than a
 * plain request to the same route, measured in the same run.
 */
// The bench's shapes (bench/hostile-headers.ts), each just under Node's 16 KB header limit.
const SHAPES = Object.entries(hostileConditionValues(15_500)).map(
  ([shape, { value, wellFormed }]) => [shape, value, wellFormed] as const,
);

/** The fastest of `count` answers, in milliseconds: the cost with the least noise from other work. */
async function fastest(port: number, agent: Agent, send: RequestSpec, count: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < count; i++) best = Math.min(best, (await timed(port, agent, send)).ms);
  return best;
}

interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

function timed(port: number, agent: Agent, spec: RequestSpec): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      agent,
      method: spec.method,
      path: spec.path,
      headers: spec.headers,
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode!, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
    });
    req.on('error', reject);
    req.end(spec.body);
  });
}

function portOf(app: INestApplication): number {
  return (app.getHttpServer().address() as { port: number }).port;
}

describe.each(PLATFORMS)('hostile condition headers of 16 KB, through the request path, on %s', (platform) => {
  const fixture = useFixture(platform);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());

  const read = (headers: Record<string, string> = {}): RequestSpec => ({ method: 'GET', path: '/strong', headers });
  const write = (headers: Record<string, string> = {}): RequestSpec => ({
    method: 'PUT',
    path: '/current',
    headers: { 'content-type': 'application/json', 'if-match': '"x"', ...headers },
    body: '{"name":"Shaun","age":27}',
  });

  it.each(SHAPES)(
    '%s: If-None-Match on GET and If-Match on PUT each cost under 1 ms more than a plain request',
    async (_shape, value) => {
      const port = portOf(fixture.app);
      // Warm the routes up, so that the JIT compiles the path before it is timed.
      for (let i = 0; i < 20; i++) {
        await timed(port, agent, read({ 'if-none-match': value }));
        await timed(port, agent, write({ 'if-match': value }));
      }
      const plainRead = await fastest(port, agent, read(), 15);
      const hostileRead = await fastest(port, agent, read({ 'if-none-match': value }), 15);
      const plainWrite = await fastest(port, agent, write(), 15);
      const hostileWrite = await fastest(port, agent, write({ 'if-match': value }), 15);
      expect(hostileRead - plainRead).toBeLessThan(1);
      expect(hostileWrite - plainWrite).toBeLessThan(1);
    },
  );

  describe('coding suffixes are read from parsed tags, never stripped from the text (RFC 9110 §8.8.3)', () => {
    const detailOf = (body: unknown) => (body as { detail: string }).detail;

    it('a malformed If-Match stays malformed whatever it holds: 400, quoting what was sent, nothing written', async () => {
      const current = (await fixture.http.get('/current').expect(200)).headers.etag as string;
      const spliced = await fixture.http
        .put('/current')
        .set('If-Match', `"stale",.gzip${current}`)
        .send({ name: 'Writer', age: 1 })
        .expect(400);
      expect(detailOf(spliced.body)).toMatch(
        new RegExp(`got: \\.gzip${current.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      );
      const dangling = await fixture.http.put('/current').set('If-Match', '"V",.br"').send({}).expect(400);
      expect(detailOf(dangling.body)).toMatch(/got: \.br"$/);
      expect(fixture.store.calls.replace).toBeUndefined();
      expect(fixture.store.user).toEqual({ name: 'Shaun', age: 27 });
    });

    it('a coded tag still passes If-Match, and revalidates with If-None-Match, 304 carrying it back', async () => {
      const current = (await fixture.http.get('/current').expect(200)).headers.etag as string;
      const coded = `${current.slice(0, -1)}.gzip"`;
      const revalidated = await fixture.http.get('/current').set('If-None-Match', coded).expect(304);
      expect(revalidated.headers.etag).toBe(coded);
      await fixture.http.put('/current').set('If-Match', coded).send({ name: 'Writer', age: 1 }).expect(200);
      expect(fixture.store.user).toEqual({ name: 'Writer', age: 1 });
    });
  });
});
