/**
 * What the client remembers of one resource it has read: the validators and
 * the representation they validate. The body is kept as the text received, so
 * a store can put an entry anywhere (`sessionStorage` only holds strings), and
 * so every use parses a fresh copy that no caller can have changed.
 */
export interface RememberedRepresentation {
  /** The `ETag` the server sent, exactly as sent (`"…"` or `W/"…"`). */
  readonly etag?: string;
  /** The `Last-Modified` the server sent. */
  readonly lastModified?: string;
  /** The body as received, parsed again on every use. */
  readonly body: string;
  /** The body's `Content-Type`, which says how to parse it. */
  readonly contentType?: string;
  /**
   * The values of the request headers the response's `Vary` names, by lowercase
   * name (`''` for a header that was not sent). The entry serves only requests
   * that send the same values (RFC 9111 §4.1).
   */
  readonly vary?: Readonly<Record<string, string>>;
}

/**
 * Where an {@link EtagClient} keeps what it has read, keyed by absolute URL
 * (without its fragment). One entry per URL: a response selected by other
 * values of the headers it varies on replaces the one before.
 *
 * Implement it to keep entries elsewhere (`sessionStorage`, IndexedDB); any
 * method may return a promise. A store may drop an entry whenever it likes:
 * the client then sends an unconditional request, as it would for a resource
 * it never read.
 */
export interface RepresentationStore {
  /** The entry for `url`, or `undefined`. */
  get(url: string): RememberedRepresentation | undefined | Promise<RememberedRepresentation | undefined>;
  /** Remembers `representation` for `url`, replacing any entry it had. */
  set(url: string, representation: RememberedRepresentation): void | Promise<void>;
  /** Forgets `url`; a URL it does not hold is no error. */
  delete(url: string): void | Promise<void>;
}
