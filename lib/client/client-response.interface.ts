/** What a request through an {@link EtagClient} gives back. */
export interface ClientResponse<T> {
  /**
   * The absolute URL the response came from (without its fragment): the one
   * requested, or where `fetch` followed a redirect to. The client remembers
   * the body under it, when it is of the requested URL's origin.
   */
  readonly url: string;
  /** The status the server sent: `304` when a GET was revalidated. */
  readonly status: number;
  /**
   * `true` when the server answered `304 Not Modified` and {@link body} is the
   * representation the client remembered: still current, not sent again.
   */
  readonly revalidated: boolean;
  /**
   * The body: parsed JSON when the `Content-Type` is JSON (`application/json`,
   * `…+json`), otherwise text; `undefined` when the response has none (a `204`).
   */
  readonly body: T;
  /** The resource's entity tag after this request, if the server sent one. */
  readonly etag: string | undefined;
  /** The response's headers (in a browser across origins, only those the server exposes). */
  readonly headers: Headers;
}
