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
   * What the request sent in each header the response's `Vary` names, by
   * lowercase name: the SHA-256 (hex) of the value, `''` for a header not
   * sent. Never the value itself, which may be a credential. The entry serves
   * only requests that send the same values (RFC 9111 §4.1).
   */
  readonly vary?: Readonly<Record<string, string>>;
}

/**
 * Where an {@link EtagClient} keeps what it has read, by key: the absolute URL
 * (without its fragment) for a request without credentials; for one with an
 * `Authorization`, a `Cookie` or an identity, a digest of them, a space, then
 * the URL (a URL holds no space). A store never sees a credential. One entry
 * per key: a response selected by other values of the headers it varies on
 * replaces the one before.
 *
 * Implement it to keep entries elsewhere (`sessionStorage`, IndexedDB); any
 * method may return a promise. A store may drop an entry whenever it likes:
 * the client then sends an unconditional request, as it would for a resource
 * it never read.
 */
export interface RepresentationStore {
  /** The entry for `key`, or `undefined`. */
  get(key: string): RememberedRepresentation | undefined | Promise<RememberedRepresentation | undefined>;
  /** Remembers `representation` for `key`, replacing any entry it had. */
  set(key: string, representation: RememberedRepresentation): void | Promise<void>;
  /** Forgets `key`; a key it does not hold is no error. */
  delete(key: string): void | Promise<void>;
  /**
   * Forgets every entry the client put there, which `EtagClient.clear()`
   * needs (a sign-out). Optional for a store written before it existed: its
   * client's `clear()` then throws, rather than leave a user's entries behind.
   */
  clear?(): void | Promise<void>;
}
