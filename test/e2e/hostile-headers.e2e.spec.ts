import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { hostileConditionValues } from '../../bench/hostile-headers.js';
import { PLATFORMS } from '../support/http.js';
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

  describe('control and format characters in a malformed value are escaped in the 400 detail', () => {
    // Node's parser refuses C0 controls but tab, and DEL, before the app (a 400 of its own); obs-text bytes
    // arrive as latin1 characters: C1 controls, and the bytes of U+2028, U+2029 and the bidi controls.
    const CLASSES: readonly (readonly [string, Buffer])[] = [
      ['a tab (C0)', Buffer.from([0x09])],
      ['NEL (C1)', Buffer.from([0x85])],
      ['U+2028 LINE SEPARATOR, as UTF-8', Buffer.from('\u2028')],
      ['U+2029 PARAGRAPH SEPARATOR, as UTF-8', Buffer.from('\u2029')],
      ['U+202E RIGHT-TO-LEFT OVERRIDE, as UTF-8', Buffer.from('\u202e')],
      ['U+2066 LEFT-TO-RIGHT ISOLATE, as UTF-8', Buffer.from('\u2066')],
    ];

    it.each(CLASSES)('%s', async (_class, bytes) => {
      const port = portOf(fixture.app);
      const head = Buffer.concat([
        Buffer.from('PUT /current HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'),
        Buffer.from('Content-Length: 2\r\nConnection: close\r\nIf-Match: x'),
        bytes,
        Buffer.from('INFO forged log line\r\n\r\n{}'),
      ]);
      const reply = await rawExchange(port, head);
      expect(reply.status).toBe(400);
      const detail = (JSON.parse(reply.body) as { detail: string }).detail;
      // Nothing raw: no C0 but the text's own, no DEL, no C1, no line or paragraph separator, no bidi control.
      expect([...detail].filter(isRaw)).toEqual([]);
      // Still identifiable: every byte is there, escaped.
      expect(detail).toContain('got: x');
      expect(detail).toContain('INFO forged log line');
      expect(detail).toMatch(/\\x(09|8[0-5])/);
    });
  });
});

/** A character no problem detail may hold raw: C0, DEL, C1, U+2028/2029, bidi embeddings, overrides and isolates. */
function isRaw(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Sends raw bytes on a fresh connection, and reads the status and body of the reply. */
function rawExchange(port: number, bytes: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = received.toString('utf8');
      const [head, ...body] = text.split('\r\n\r\n');
      resolve({ status: Number(head!.split(' ')[1]), body: body.join('\r\n\r\n') });
    });
  });
}
