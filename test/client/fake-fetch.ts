import { EtagClient, type EtagClientOptions } from '../../lib/client/index.js';

/**
 * A client whose `fetch` is a function of the test's: the client's unit
 * tests run without a server, and see every request it sends.
 */

/** A request as the client sent it. */
export interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly redirect: RequestInit['redirect'];
  /** Not in Node's types of RequestInit, though its fetch takes it. */
  readonly cache: string | undefined;
}

export const ORIGIN = 'http://127.0.0.1:1';

/** A client whose `fetch` is `server`, and the requests it sent. */
export function clientOf(server: (request: Sent) => Response, options: EtagClientOptions = {}) {
  const sent: Sent[] = [];
  const client = new EtagClient({
    baseUrl: ORIGIN,
    fetch: async (url, init) => {
      const request = {
        method: init.method!,
        url,
        headers: new Headers(init.headers),
        body: init.body as string | undefined,
        redirect: init.redirect,
        cache: (init as { cache?: string }).cache,
      };
      sent.push(request);
      return server(request);
    },
    ...options,
  });
  return { client, sent };
}

export const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** Answers 304 to a matching If-None-Match, else 200 with `body` and `headers`. */
export function resource(body: unknown, headers: Record<string, string>) {
  return (request: Sent) =>
    request.method === 'GET' && headers.ETag !== undefined && request.headers.get('if-none-match') === headers.ETag
      ? new Response(null, { status: 304, headers: { ETag: headers.ETag } })
      : json(body, headers);
}

/**
 * `response` as `fetch` gives it after following redirects to `url`: a
 * constructed Response has no URL of its own.
 */
export function reachedAt(url: string, response: Response): Response {
  Object.defineProperty(response, 'url', { value: url });
  Object.defineProperty(response, 'redirected', { value: true });
  return response;
}
