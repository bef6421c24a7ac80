import type { IncomingHttpHeaders } from 'node:http';
import { type PageOrigin, servePages } from '../browser/chromium.js';

/** A request the other origin received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** The other origin: what it received, its address, and how to stop it. */
export interface Elsewhere extends PageOrigin {
  readonly received: Received[];
}

/**
 * Another origin (another port of 127.0.0.1), as hostile as it can be: it
 * answers everything with a forged body and tag (`"forged"`), a
 * `Content-Location` (default `/users/2`, a path our origin has too), a 304
 * to `If-None-Match: "forged"`, and lets any page read it all (CORS with
 * credentials, every header exposed).
 */
export async function startElsewhere(contentLocation = '/users/2'): Promise<Elsewhere> {
  const received: Received[] = [];
  const origin = await servePages((request, response) => {
    const cors = {
      'Access-Control-Allow-Origin': request.headers.origin ?? '*',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'ETag, Content-Location, Location, Vary',
    };
    if (request.method === 'OPTIONS') {
      response
        .writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
          'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '',
        })
        .end();
      return;
    }
    received.push({ method: request.method!, url: request.url!, headers: request.headers });
    const headers = {
      ...cors,
      ETag: '"forged"',
      'Content-Location': contentLocation,
      'Content-Type': 'application/json',
    };
    if (request.headers['if-none-match'] === '"forged"') response.writeHead(304, headers).end();
    else response.writeHead(200, headers).end(JSON.stringify({ forged: true }));
  });
  return { ...origin, received };
}

/** The condition headers among what the other origin received: none may be the client's validators. */
export function conditionsReceived(elsewhere: Elsewhere): string[] {
  return elsewhere.received.flatMap(({ method, url, headers }) =>
    ['if-match', 'if-none-match', 'if-modified-since']
      .filter((name) => headers[name] !== undefined)
      .map((name) => `${method} ${url} ${name}: ${String(headers[name])}`),
  );
}
