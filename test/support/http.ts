import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Response } from 'supertest';

/** Both platforms, for `describe.each`. */
export { PLATFORMS } from '../../sample/platform.js';

export type Client = ReturnType<typeof request>;

/** A supertest client for an app that listens. */
export async function client(app: INestApplication): Promise<Client> {
  return request(await app.getUrl());
}

/** `path` answered 200, then the same request with that ETag in If-None-Match answered 304: both responses. */
export async function revalidate(
  http: Client,
  path: string,
  method: 'get' | 'head' = 'get',
): Promise<{ ok: Response; notModified: Response }> {
  const ok = await http[method](path).expect(200);
  const notModified = await http[method](path)
    .set('If-None-Match', ok.headers.etag as string)
    .expect(304);
  return { ok, notModified };
}

/** How many times a header occurs in a response, whatever its case. */
export function headerCount(response: Response, name: string): number {
  const raw: string[] = (response as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
  return raw.filter((value, index) => index % 2 === 0 && value.toLowerCase() === name.toLowerCase()).length;
}

/** The strong tag the module should send for these bytes with its default SHA-1. */
export function sha1Tag(bytes: string | Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}"`;
}

/** A quoted tag with only RFC 9110 etagc characters, the digest as base64url. */
export const STRONG_TAG = /^"[A-Za-z0-9_-]{27}"$/;
export const WEAK_TAG = /^W\/"[A-Za-z0-9_-]{27}"$/;

/** What came of a race of writes that all sent the same `If-Match`. */
export interface WriteRace {
  readonly statuses: number[];
  /** The body of the one 200, if there was one. */
  readonly winner: unknown;
}

/**
 * Sends `count` concurrent PUTs to /users/1, each with another user and the
 * same `If-Match`, spread over the clients in turn (one per instance).
 */
export async function racePuts(clients: readonly Client[], tag: string, count = 50): Promise<WriteRace> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      clients[i % clients.length]!.put('/users/1')
        .set('If-Match', tag)
        .send({ name: `Writer ${i}`, age: i }),
    ),
  );
  return {
    statuses: responses.map((response) => response.status),
    winner: responses.find((response) => response.status === 200)?.body,
  };
}

/** How many of `statuses` are `status`. */
export function countOf(statuses: readonly number[], status: number): number {
  return statuses.filter((each) => each === status).length;
}
