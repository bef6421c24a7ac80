/**
 * Byte ranges of files (RFC 9110 §14) and If-Range (§13.1.5), end to end on
 * both platforms: every upstream case of Go's net/http and of send /
 * @fastify/send (test/support/range-cases.ts, judged by the unit suite),
 * multipart/byteranges byte for byte, the §13.2.2 order, and compressors.
 */
import { request as httpRequest } from 'node:http';
import { statSync, utimesSync } from 'node:fs';
import type { ByteRange } from '../../lib/http/byte-ranges.js';
import { UPSTREAM_RANGE_CASES } from '../support/range-cases.js';
import { DIGITS, startFilesApp, useFilesApp } from './fixture/files.app.js';
import { PLATFORMS } from '../support/http.js';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** What a GET of `path` with `Range: range` must answer for this content (RFC 9110 §14.2, §15.3.7, §15.5.17). */
function expectRange(answer: Answer, content: string, ranges: readonly ByteRange[] | 'whole' | 416): void {
  const length = Buffer.byteLength(content);
  if (ranges === 416) {
    expect(answer.status).toBe(416);
    expect(answer.headers.get('content-range')).toBe(`bytes */${length}`);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    return;
  }
  expect(answer.headers.get('accept-ranges')).toBe('bytes');
  if (ranges === 'whole') {
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-range')).toBeNull();
    expect(answer.body.toString()).toBe(content);
    return;
  }
  expect(answer.status).toBe(206);
  expect(answer.headers.get('content-length')).toBe(String(answer.body.length));
  if (ranges.length === 1) {
    const [{ first, last }] = ranges as [ByteRange];
    expect(answer.headers.get('content-range')).toBe(`bytes ${first}-${last}/${length}`);
    expect(answer.body.toString()).toBe(content.slice(first, last + 1));
    return;
  }
  // §15.3.7.2: no Content-Range of the whole; each part its own, in the order asked, and a close delimiter.
  expect(answer.headers.get('content-range')).toBeNull();
  const boundary = /^multipart\/byteranges; boundary=([0-9a-f]{32})$/.exec(answer.headers.get('content-type') ?? '');
  expect(boundary).not.toBeNull();
  const parts = ranges.map(
    ({ first, last }, i) =>
      `${i === 0 ? '' : '\r\n'}--${boundary![1]}\r\nContent-Type: text/plain\r\n` +
      `Content-Range: bytes ${first}-${last}/${length}\r\n\r\n${content.slice(first, last + 1)}`,
  );
  expect(answer.body.toString()).toBe(`${parts.join('')}\r\n--${boundary![1]}--\r\n`);
}

describe.each(PLATFORMS)('byte ranges of files on %s', (platform) => {
  const fixture = useFilesApp(platform);

  async function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    const response = await fetch(`${fixture.url}${path}`, { method, headers });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }
  const tagOf = async (path: string) => (await get(path)).headers.get('etag')!;

  describe('the upstream cases (RFC 9110 §14.1.2, §14.2)', () => {
    const cases = UPSTREAM_RANGE_CASES.flatMap(({ source, content, cases }, i) =>
      cases.map((c) => ({ ...c, source, content, name: `upstream-${i}.txt` })),
    );
    it.each(cases)('$source: $range of $length bytes', async ({ range, content, name, expected }) => {
      const answer = await get(`/weak/${name}`, { Range: range });
      const outcome = expected.status;
      expectRange(answer, content, outcome === 'partial' ? expected.ranges : outcome === 'whole' ? 'whole' : 416);
    });
  });

  describe('Range (RFC 9110 §14.2)', () => {
    it('a single range: 206 with Content-Range, its length, the validators of the 200, no-transform', async () => {
      const whole = await get('/files/digits.txt');
      const answer = await get('/files/digits.txt', { Range: 'bytes=3-7' });
      expectRange(answer, DIGITS, [{ first: 3, last: 7 }]);
      expect(answer.headers.get('etag')).toBe(whole.headers.get('etag'));
      expect(answer.headers.get('last-modified')).toBe(whole.headers.get('last-modified'));
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-cache, no-transform');
    });

    it('several: multipart/byteranges, parts in the order asked, with the representation’s type', async () => {
      const answer = await get('/files/digits.txt', { Range: 'bytes=7-8,0-1' });
      expect(answer.body.toString()).toContain('Content-Type: text/plain; charset=utf-8\r\n');
      const weak = await get('/weak/digits.txt', { Range: 'bytes=7-8,0-1' });
      expectRange(weak, DIGITS, [
        { first: 7, last: 8 },
        { first: 0, last: 1 },
      ]);
    });

    it('overlapping or adjacent ranges are coalesced into one part', async () => {
      expectRange(await get('/weak/digits.txt', { Range: 'bytes=1-2,3-5' }), DIGITS, [{ first: 1, last: 5 }]);
      expectRange(await get('/weak/digits.txt', { Range: 'bytes=-2 , 7-' }), DIGITS, [{ first: 7, last: 10 }]);
    });

    it('the unit is case-insensitive: BYTES=0-4', async () => {
      expectRange(await get('/weak/digits.txt', { Range: 'BYTES=0-4' }), DIGITS, [{ first: 0, last: 4 }]);
    });

    it('416 opens no file', async () => {
      await get('/files/digits.txt'); // the digest, read once
      fixture.files.reset();
      for (const range of ['bytes=11-', 'bytes=11-12', 'bytes=100-', 'bytes=-0']) {
        expectRange(await get('/files/digits.txt', { Range: range }), DIGITS, 416);
      }
      expect({ opens: fixture.files.opens, reads: fixture.files.reads }).toEqual({ opens: 0, reads: 0 });
    });

    it('is ignored when it cannot be read, or asks for too much: 65 ranges, 12 KB, two field lines', async () => {
      const many = `bytes=${Array.from({ length: 65 }, (_, i) => `${i % 11}-${i % 11}`).join(',')}`;
      // Node itself refuses a head over 16 KB (431).
      for (const range of [many, `bytes=${'0-0,'.repeat(3000)}`, 'bytes=0-1;x', 'bytes 0-1']) {
        expectRange(await get('/weak/digits.txt', { Range: range }), DIGITS, 'whole');
      }
      const twoLines = await new Promise<Answer>((resolve, reject) => {
        const sent = httpRequest(`${fixture.url}/weak/digits.txt`, {
          headers: ['Host', new URL(fixture.url).host, 'Range', 'bytes=0-1', 'Range', 'bytes=3-4'] as unknown as Record<
            string,
            string
          >,
        });
        sent.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode!,
              headers: new Headers(response.headers as Record<string, string>),
              body: Buffer.concat(chunks),
            }),
          );
        });
        sent.on('error', reject).end();
      });
      expectRange(twoLines, DIGITS, 'whole');
    });

    it('HEAD ignores Range: the 200’s headers, no Content-Range, no open', async () => {
      await get('/files/digits.txt');
      fixture.files.reset();
      const answer = await get('/files/digits.txt', { Range: 'bytes=0-4' }, 'HEAD');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-length')).toBe('11');
      expect(answer.headers.get('content-range')).toBeNull();
      expect(fixture.files.opens).toBe(0);
    });

    it('a write ignores Range', async () => {
      const tag = await tagOf('/files/digits.txt');
      const answer = await fetch(`${fixture.url}/files/digits.txt`, {
        method: 'PUT',
        headers: { 'If-Match': tag, Range: 'bytes=0-1', 'Content-Type': 'application/octet-stream' },
        body: 'written\n',
      });
      expect(answer.status).toBe(204);
      expect((await get('/files/digits.txt')).body.toString()).toBe('written\n');
    });
  });

  describe('the order of RFC 9110 §13.2.2: Range is judged last', () => {
    it('If-None-Match current beats Range, even an unsatisfiable one: 304', async () => {
      const tag = await tagOf('/files/digits.txt');
      expect((await get('/files/digits.txt', { Range: 'bytes=0-4', 'If-None-Match': tag })).status).toBe(304);
      expect((await get('/files/digits.txt', { Range: 'bytes=50-', 'If-None-Match': tag })).status).toBe(304);
      const since = (await get('/files/digits.txt')).headers.get('last-modified')!;
      expect((await get('/files/digits.txt', { Range: 'bytes=0-4', 'If-Modified-Since': since })).status).toBe(304);
    });

    it('If-Match stale beats Range: 412, satisfiable or not', async () => {
      expect((await get('/files/digits.txt', { Range: 'bytes=0-4', 'If-Match': '"stale"' })).status).toBe(412);
      expect((await get('/files/digits.txt', { Range: 'bytes=50-', 'If-Match': '"stale"' })).status).toBe(412);
    });

    it('a false If-Range sends the whole 200, never a 416', async () => {
      const answer = await get('/files/digits.txt', { Range: 'bytes=50-', 'If-Range': '"other"' });
      expectRange(answer, DIGITS, 'whole');
    });
  });

  describe('If-Range (RFC 9110 §13.1.5): a strong, exact match, or the whole', () => {
    it('the current strong tag → 206; anything else → 200', async () => {
      const tag = await tagOf('/files/digits.txt');
      const ranged = (ifRange: string) => get('/files/digits.txt', { Range: 'bytes=0-4', 'If-Range': ifRange });
      expectRange(await ranged(tag), DIGITS, [{ first: 0, last: 4 }]);
      for (const other of [
        '"other"',
        `W/${tag}`,
        `"x", ${tag}`,
        `${tag.slice(0, -1)}.gzip"`,
        'junk',
        tag.slice(1, -1),
      ]) {
        expectRange(await ranged(other), DIGITS, 'whole');
      }
    });

    it('a weak tag never matches, even the route’s own', async () => {
      const weak = await tagOf('/weak/digits.txt');
      expectRange(await get('/weak/digits.txt', { Range: 'bytes=0-4', 'If-Range': weak }), DIGITS, 'whole');
    });

    it('the exact Last-Modified of a file modified over a second ago → 206; another date → 200', async () => {
      const path = fixture.folder.of('digits.txt');
      utimesSync(path, 1_600_000_000, 1_600_000_000);
      const lastModified = new Date(statSync(path).mtimeMs).toUTCString();
      const ranged = (date: string) => get('/files/digits.txt', { Range: 'bytes=0-4', 'If-Range': date });
      expectRange(await ranged(lastModified), DIGITS, [{ first: 0, last: 4 }]);
      expectRange(await ranged(new Date(1_600_000_001_000).toUTCString()), DIGITS, 'whole');
      expectRange(await ranged(new Date(1_599_999_999_000).toUTCString()), DIGITS, 'whole');
    });

    it('without Range, If-Range is ignored', async () => {
      expectRange(await get('/files/digits.txt', { 'If-Range': '"other"' }), DIGITS, 'whole');
    });

    it('a tag made under the previous secret still names the same bytes (rotation)', async () => {
      const before = await startFilesApp(platform, { module: { secret: 'the secret before the rotation' } });
      const after = await startFilesApp(platform, {
        module: { secret: ['the secret after the rotation', 'the secret before the rotation'] },
      });
      try {
        const read = await fetch(`${await before.getUrl()}/files/digits.txt`);
        await read.arrayBuffer();
        const old = read.headers.get('etag')!;
        const answer = await fetch(`${await after.getUrl()}/files/digits.txt`, {
          headers: { Range: 'bytes=0-4', 'If-Range': old },
        });
        expect(answer.status).toBe(206);
        expect(answer.headers.get('etag')).not.toBe(old);
        expect(await answer.text()).toBe('01234');
      } finally {
        await Promise.all([before.close(), after.close()]);
      }
    });
  });
});

describe.each(PLATFORMS)('byte ranges behind the compressor of %s', (platform) => {
  const fixture = useFilesApp(platform, { compress: true });
  const get = (headers: Record<string, string>) =>
    fetch(`${fixture.url}/files/digits.txt`, { headers: { 'Accept-Encoding': 'gzip', ...headers } });

  it('a 206 is never encoded: its Content-Range counts the file’s bytes', async () => {
    const answer = await get({ Range: 'bytes=2-5' });
    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-encoding')).toBeNull();
    expect(answer.headers.get('content-range')).toBe('bytes 2-5/11');
    expect(await answer.text()).toBe('2345');
  });

  it('the 200 is encoded and its tag names the coding; as If-Range that tag asks for other bytes: 200', async () => {
    const whole = await get({});
    expect(whole.headers.get('content-encoding')).toBe('gzip');
    const coded = whole.headers.get('etag')!;
    expect(coded).toMatch(/\.gzip"$/);
    expect(await whole.text()).toBe(DIGITS); // fetch decodes it
    const ranged = await get({ Range: 'bytes=2-5', 'If-Range': coded });
    expect(ranged.status).toBe(200);
    expect(await ranged.text()).toBe(DIGITS);
    const identity = coded.replace('.gzip"', '"');
    expect((await get({ Range: 'bytes=2-5', 'If-Range': identity })).status).toBe(206);
  });
});
