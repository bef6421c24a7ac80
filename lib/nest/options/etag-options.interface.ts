import type { Type } from '@nestjs/common';
import type { CurrentState } from '../current-state.interface.js';

/**
 * Defaults for every route, given to `EtagModule.forRoot()`.
 */
export interface EtagModuleOptions {
  /**
   * Send weak tags (`W/"…"`) unless a route says otherwise.
   * @defaultValue `false`
   */
  weak?: boolean;
  /**
   * The Node.js crypto hash that makes the tags, e.g. `'sha1'`, `'sha256'`.
   * Checked against `crypto.getHashes()` at bootstrap.
   * @defaultValue `'sha1'`
   */
  algorithm?: string;
  /**
   * On Express, keep Express's own automatic weak `ETag` (and its own 304s)
   * on every response the module does not tag itself, error responses
   * included. By default the module switches it off
   * (`app.set('etag', false)`) so that every entity tag and every 304 comes
   * from this module, as on Fastify, and error responses carry no tag.
   * @defaultValue `false`
   */
  expressEtag?: boolean;
  /**
   * Make every tag a keyed hash (HMAC with `algorithm`) of what it covers:
   * content, field and version tags alike. Without the key, a tag of a
   * low-entropy resource (a name, a small record, a version number) cannot
   * be used to confirm a guess offline. Instances that share the secret send
   * the same tags. A list rotates secrets: the first makes the tags, and a
   * tag made with any later one still matches (for `If-None-Match` and
   * `If-Match`), so a rollout sends no wave of 412s or 200s. At least 16
   * characters each; keep them out of the source (e.g. `ConfigService`).
   * @defaultValue none: plain hashes, as without the option
   */
  secret?: string | readonly string[];
  /**
   * The `Cache-Control` of every response the module tags (a 2xx with the
   * `ETag` it set, and every 304 of a decorated route), unless the handler,
   * a `@Header()` or an interceptor set one: they win. The default,
   * `'no-cache'`, lets every cache store the response but never reuse it
   * without asking the app (RFC 9111 §5.2.2.4), so a browser sends the tag
   * back on every read and no heuristic freshness applies (§4.2.2). `false`
   * sends none. A route may say otherwise: `'private, no-cache'` for
   * per-user data, `'max-age=0, s-maxage=60'` for a shared cache that keeps
   * a copy a minute, then revalidates it. Checked as a `Cache-Control` value
   * at bootstrap.
   * @defaultValue `'no-cache'`
   */
  cacheControl?: string | false;
}

/**
 * Per-route options of `@Etag()`, on a handler or a controller class. The
 * handler's wins, option by option, over the controller's, over the module's.
 */
export interface EtagOptions {
  /**
   * Send a weak tag `W/"…"`. Implied by `fields`; `weak: false` together
   * with `fields` is rejected (a tag over part of a representation cannot
   * promise byte-for-byte identity, RFC 9110 §8.8.1).
   */
  weak?: boolean;
  /**
   * Compute a weak tag over these properties only (their canonical JSON
   * hashed with `crypto`, or `object-hash` when a selected value is an object).
   * Dotted paths reach nested properties (`'address.city'`); when the result
   * is an array the properties are picked from each element.
   */
  fields?: readonly string[];
  /**
   * An injectable class that loads the current state of the target resource
   * before the handler runs, so that preconditions are judged against the
   * state before a write and a 304 skips the handler.
   */
  current?: Type<CurrentState>;
  /**
   * Take the tag from a version of the resource instead of its body: the
   * name of the property of the `current` state (and of a write's result)
   * that holds it, e.g. `'version'` for a version column, a revision
   * counter, Kubernetes' `resourceVersion`. The state then needs to hold
   * just that (one small indexed read), every precondition is judged before
   * the handler, and a 304 or 412 costs no handler, no serialisation and no
   * body hash. The tag is the hash of the version, the target URI and the
   * route's API version, so `/users/1`, `/users/1/profile`, `v1` and `v2`
   * never share one. It is strong: only use it when the version changes
   * whenever the body's bytes would; otherwise add `weak: true`.
   * Needs `current`; not with `fields`.
   */
  version?: string;
  /**
   * Send `Last-Modified` and evaluate `If-Modified-Since` and
   * `If-Unmodified-Since` (RFC 9110 §8.8.2, §13.1.3, §13.1.4): the name of
   * the property that holds the last modification date (a `Date`, epoch
   * milliseconds, or a date string), read from the `current` state when
   * the route has one, else from the body sent.
   */
  lastModified?: string;
  /**
   * The route's `Cache-Control` (see {@link EtagModuleOptions.cacheControl}):
   * a value such as `'private, no-cache'`, or `false` for none. Checked as a
   * `Cache-Control` value when the decorator is applied.
   */
  cacheControl?: string | false;
  /**
   * Serve byte ranges (RFC 9110 §14) of a file: `Accept-Ranges: bytes`,
   * `Range` → 206 (several ranges as `multipart/byteranges`) or 416, under
   * `If-Range` (§13.1.5), after the other conditions. Needs a `current`
   * source that returns a file state (`EtagFiles.stat()`, `fileState()`) and a
   * handler that returns the body `EtagFiles.file()` makes; a `PUT` with
   * `Content-Range` is then refused (400, §14.5).
   * @defaultValue `false`
   */
  ranges?: boolean;
}

/**
 * The module options once defaults are applied and they are validated, as
 * `EtagService.options` shows them. The secrets themselves are not among
 * them: only whether there are some.
 */
export interface ResolvedEtagModuleOptions {
  readonly weak: boolean;
  readonly algorithm: string;
  readonly expressEtag: boolean;
  /** Whether tags are keyed: HMACs under the `secret` option. */
  readonly keyed: boolean;
  /** The `Cache-Control` of tagged responses, or `false` for none. */
  readonly cacheControl: string | false;
}

/** The module options with the secrets, for the one provider that makes tags; not exported from the package. */
export interface ModuleSettings {
  readonly options: ResolvedEtagModuleOptions;
  /** The secrets, the one that makes tags first; empty without `secret`. */
  readonly secrets: readonly string[];
}

/** The effective options of one route. */
export interface RouteEtagOptions {
  readonly weak: boolean;
  readonly fields: readonly string[] | undefined;
  readonly current: Type<CurrentState> | undefined;
  readonly version: string | undefined;
  readonly lastModified: string | undefined;
  readonly cacheControl: string | false;
  readonly ranges: boolean;
}
