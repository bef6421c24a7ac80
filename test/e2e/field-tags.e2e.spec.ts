import { createHash } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { Etag, EtagModule } from '../../lib/index.js';
import { startFixtureApp, useApp } from '../support/fixture-app.js';
import { PLATFORMS, WEAK_TAG } from '../support/http.js';

/**
 * A `fields` tag never turns a 2xx into a 5xx, and is always a tag of what
 * was sent: the selection is written iteratively (no depth overflows the
 * stack), and a selection that cannot be written faithfully (a getter that
 * gives a new value on each read, a value object-hash cannot hash) is tagged
 * by the bytes sent instead, a weak tag all the same.
 */
const weakTagOf = (bytes: string) => `W/"${createHash('sha1').update(bytes).digest('base64url')}"`;

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function nestedMaps(depth: number): Map<string, unknown> {
  let map = new Map<string, unknown>([['leaf', 1]]);
  for (let i = 0; i < depth; i++) map = new Map([['m', map]]);
  return map;
}

let reads = 0;

@Controller('fields')
class FieldsController {
  /** 3,000 deep: JSON sends it, and object-hash, which the module used before, overflowed the stack at 2,000. */
  @Get('deep')
  @Etag({ fields: ['tree'] })
  deep() {
    return { id: 1, tree: nested(3_000) };
  }

  /** 10,000 Maps deep: JSON sends `{}`, object-hash overflows; the bytes sent are tagged. */
  @Get('maps')
  @Etag({ fields: ['tree'] })
  maps() {
    return { id: 1, tree: nestedMaps(10_000) };
  }

  /** A getter that gives a new value on each read: the body has one value, a second read another. */
  @Get('getter')
  @Etag({ fields: ['n'] })
  getter() {
    return Object.defineProperty({ id: 1 }, 'n', { enumerable: true, get: () => `n${reads++}` });
  }
}

describe.each(PLATFORMS)('fields tags of hostile values, on %s', (platform) => {
  const fixture = useApp(() =>
    startFixtureApp(platform, { imports: [EtagModule.forRoot()], controllers: [FieldsController] }),
  );

  it('a selected value 3,000 objects deep: 200 with a weak tag that revalidates (304)', async () => {
    const response = await fixture.http.get('/fields/deep').expect(200);
    expect(response.headers.etag).toMatch(WEAK_TAG);
    expect(response.headers.etag).not.toBe(weakTagOf(response.text));
    await fixture.http.get('/fields/deep').set('If-None-Match', response.headers.etag).expect(304);
  });

  it('a selected Map nested 10,000 deep: 200, tagged by the bytes sent', async () => {
    const response = await fixture.http.get('/fields/maps').expect(200);
    expect(response.text).toBe('{"id":1,"tree":{}}');
    expect(response.headers.etag).toBe(weakTagOf(response.text));
    await fixture.http.get('/fields/maps').set('If-None-Match', response.headers.etag).expect(304);
  });

  it('a getter-backed body: 200, each response tagged by its own bytes, never by another read', async () => {
    const first = await fixture.http.get('/fields/getter').expect(200);
    expect(first.headers.etag).toBe(weakTagOf(first.text));
    const second = await fixture.http.get('/fields/getter').set('If-None-Match', first.headers.etag).expect(200);
    expect(second.text).not.toBe(first.text);
    expect(second.headers.etag).toBe(weakTagOf(second.text));
  });
});
