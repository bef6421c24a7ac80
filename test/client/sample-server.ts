import type { INestApplication } from '@nestjs/common';
import { CLIENT_READ_HEADER_NAMES } from '../../lib/http/client-read-headers.js';
import type { Platform } from '../../sample/platform.js';
import { startSampleApp } from '../support/sample.js';

export { PLATFORMS } from '../../sample/platform.js';

/** The seeded user of the sample. */
/** The seeded user, as far as the client tests look: the sample adds its `version` and `updatedAt`. */
export const SHAUN = { id: 1, name: 'Shaun', age: 27 };

export interface User {
  readonly id: number;
  readonly name: string;
  readonly age: number;
}

/** A running sample app and its address (`http://127.0.0.1:port`). */
export interface SampleServer {
  readonly app: INestApplication;
  readonly url: string;
}

/**
 * Starts the sample on loopback with a fresh in-memory database. With `origin`,
 * a page there may call it: the headers the client reads are exposed, as a
 * cross-origin deployment of the client needs.
 */
export async function startSample(platform: Platform, origin?: string): Promise<SampleServer> {
  const app = await startSampleApp(platform, {
    configure: (app) =>
      origin === undefined
        ? undefined
        : app.enableCors({
            origin,
            // Fastify's CORS plugin allows GET, HEAD and POST unless told otherwise.
            methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
            exposedHeaders: [...CLIENT_READ_HEADER_NAMES],
          }),
  });
  return { app, url: await app.getUrl() };
}

/** A `fetch` that records the headers of every request it sends. */
export function recordingFetch(): {
  fetch: typeof fetch;
  sent: Array<{ method: string; url: string; headers: Headers }>;
} {
  const sent: Array<{ method: string; url: string; headers: Headers }> = [];
  return {
    sent,
    fetch: (input, init) => {
      sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    },
  };
}
