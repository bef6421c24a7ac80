import type { Type } from '@nestjs/common';
import type { CurrentState } from './current-state.interface.js';

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
}

/** The module options once defaults are applied and they are validated. */
export interface ResolvedEtagModuleOptions {
  readonly weak: boolean;
  readonly algorithm: string;
  readonly expressEtag: boolean;
}

/** The effective options of one route. */
export interface RouteEtagOptions {
  readonly weak: boolean;
  readonly fields: readonly string[] | undefined;
  readonly current: Type<CurrentState> | undefined;
}
