/**
 * The errors the client throws: `HttpError` for a response it will not take,
 * its two kinds for the precondition statuses (412, 428), and `WeakTagError`
 * for a write it will not send. One concern, one file.
 */
import { CLIENT_READ_HEADERS } from '../http/client-read-headers.js';
import type { ClientResponse } from './client-response.interface.js';

/** An RFC 9457 problem details object, as a server sends it in `application/problem+json`. */
export interface ProblemDetails {
  /** A URI that identifies the problem type; `about:blank` when only the status says it. */
  readonly type?: string;
  /** A short summary of the problem type. */
  readonly title?: string;
  /** The HTTP status. */
  readonly status?: number;
  /** What went wrong this time, for a person to read. */
  readonly detail?: string;
  /** A URI that identifies this occurrence. */
  readonly instance?: string;
  /** Extension members, such as `header` in the responses of nestjs-etag. */
  readonly [extension: string]: unknown;
}

/**
 * A response with a status outside 2xx (and not a `304` the client asked
 * for), or a redirect of a write the client guards with `If-Match`, which it
 * does not follow.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  /** The response status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: Headers;
  /** The problem details, when the body is `application/problem+json`. */
  readonly problem: ProblemDetails | undefined;

  /**
   * @param method the request method.
   * @param url the absolute URL requested.
   * @param response the response, whose body has been read into `body`.
   * @param body the body, parsed as {@link ClientResponse.body} is.
   * @param explanation what the client makes of it, when it knows more than the status.
   */
  constructor(
    readonly method: string,
    readonly url: string,
    response: Response,
    readonly body: unknown,
    explanation?: string,
  ) {
    const problem = /^application\/problem\+json/i.test(response.headers.get(CLIENT_READ_HEADERS.contentType) ?? '')
      ? (body as ProblemDetails)
      : undefined;
    const detail = explanation ?? problem?.detail;
    // A browser shows a redirect that was not followed as an `opaqueredirect`: status 0, nothing else.
    const status =
      response.type === 'opaqueredirect' ? 'a redirect' : `${response.status} ${response.statusText}`.trimEnd();
    super(`${method} ${url}: ${status}${detail ? `: ${detail}` : ''}`);
    this.status = response.status;
    this.headers = response.headers;
    this.problem = problem;
  }
}

/**
 * A `412 Precondition Failed` on a write: someone else changed the resource
 * after this client read it (a mid-air collision), or, for a create-only write,
 * it exists already. Nothing was written. The client keeps the tag that
 * failed until the resource is read again, so a retry without reading fails
 * the same way rather than overwrite; {@link reread} fetches the current
 * version to reapply the change to.
 */
export class PreconditionFailedError extends HttpError {
  override readonly name: string = 'PreconditionFailedError';
  /** The resource's current entity tag, from the 412's `ETag`, or `undefined` when the server sent none. */
  readonly currentTag: string | undefined;
  readonly #reread: () => Promise<ClientResponse<unknown>>;

  /**
   * @param sentTag the `If-Match` the client sent, `undefined` for a create-only write.
   * @param reread reads the resource again.
   */
  constructor(
    method: string,
    url: string,
    response: Response,
    body: unknown,
    readonly sentTag: string | undefined,
    reread: () => Promise<ClientResponse<unknown>>,
  ) {
    const current = response.headers.get(CLIENT_READ_HEADERS.etag) ?? undefined;
    super(
      method,
      url,
      response,
      body,
      sentTag === undefined
        ? undefined
        : `the resource changed after it was read: sent If-Match ${sentTag}, its current tag is ${current ?? 'unknown'}. ` +
            'Read it again (reread()), reapply the change and save again',
    );
    this.currentTag = current;
    this.#reread = reread;
  }

  /** Reads the current version of the resource (a GET, with the first request's other headers), remembering its tag. */
  reread<T = unknown>(): Promise<ClientResponse<T>> {
    return this.#reread() as Promise<ClientResponse<T>>;
  }
}

/**
 * A `428 Precondition Required`: the server only accepts this write with a
 * precondition, and the client had no tag to send. The resource was never read
 * through this client, or was forgotten since (after a write whose response
 * carried no tag, or eviction from the store). Read it, then write.
 */
export class PreconditionRequiredError extends HttpError {
  override readonly name: string = 'PreconditionRequiredError';

  /** @param sentCondition whether the request carried a precondition nonetheless. */
  constructor(method: string, url: string, response: Response, body: unknown, sentCondition: boolean) {
    super(
      method,
      url,
      response,
      body,
      sentCondition
        ? undefined
        : 'the server needs If-Match, and the client has no tag for this resource: it was never read, or was ' +
            'forgotten since (a write answered without a tag, the store full). Read it first with get()',
    );
  }
}

/**
 * Thrown before a `PUT`, `PATCH` or `DELETE` is sent, when the only tag the
 * client has for the resource is weak (`W/"…"`). `If-Match` compares tags
 * strongly (RFC 9110 §13.1.1): a weak tag never matches, so the request could
 * only fail. Nothing was sent. The server has to send strong tags for the
 * resources it lets clients write; or the caller sets `If-Match` itself
 * (`*` writes over whatever version exists).
 */
export class WeakTagError extends Error {
  override readonly name: string = 'WeakTagError';

  /**
   * @param method the request method.
   * @param url the absolute URL of the write.
   * @param tag the weak tag remembered for it.
   */
  constructor(
    readonly method: string,
    readonly url: string,
    readonly tag: string,
  ) {
    super(
      `${method} ${url} was not sent: the tag remembered for it, ${tag}, is weak, and If-Match compares strongly ` +
        '(RFC 9110 §13.1.1), so it could never match. The server must send strong tags for what clients write',
    );
  }
}
