import { Injectable } from '@nestjs/common';
import { PROCEED } from '../http/preconditions.js';
import { judgeTagged } from '../tagging/tag-judgement.js';
import { EtagTaggers } from './etag-taggers.provider.js';
import type { EtagOptions, ResolvedEtagModuleOptions } from './options/etag-options.interface.js';
import { mergeRouteOptions } from './options/route-options.merge.js';
import { validateRouteOptions } from './options/route-options.validation.js';
import { throwUnlessProceed } from './rendering/outcome-exception.js';
import type { IfMatchCondition, IfNoneMatchCondition } from './request/request-conditions.js';
import { type CompiledRoute, compileRoute } from './routes/compiled-route.js';

/**
 * Where a tag is scoped, for the options whose tags depend on it: a version
 * tag is the hash of the version with the target URI, and a route with
 * `@Version()` keys its state tags by the API version.
 */
export interface TagScope {
  /** The target URI's path and query, as the client sends it: `/users/1`. */
  readonly target: string;
  /** The route's API version(s), as `@Version()` gives them. */
  readonly apiVersion?: string | readonly string[];
}

/**
 * Computes tags and checks conditions as the module does for a route, where
 * a tag must be computed outside a decorated route: above all in a store
 * that re-checks `If-Match` inside the transaction that writes
 * (compare-and-swap). Its public members are its whole API; what it makes
 * tags with (the secrets among it) is held where neither `JSON.stringify`
 * nor `util.inspect` of the service reaches.
 */
@Injectable()
export class EtagService {
  readonly #taggers: EtagTaggers;
  readonly #routes = new WeakMap<EtagOptions, Map<string, CompiledRoute>>();
  readonly #default: Map<string, CompiledRoute> = new Map();

  /** Made by Nest's dependency injection, from the module's own provider: inject the service, never construct it. */
  constructor(taggers: EtagTaggers) {
    this.#taggers = taggers;
  }

  /** The module options, validated, with their defaults (whether tags are keyed, never the secrets). */
  get options(): ResolvedEtagModuleOptions {
    return this.#taggers.options;
  }

  /**
   * The `ETag` a route with these options sends for `value` when `value` is
   * what it sends, serialised as plain JSON; with a `current` source, the
   * tag of the state `value`; with `version`, the tag of its version at
   * `scope.target`. An entity is tagged as class-transformer's
   * `instanceToPlain` presents it, when the app has class-transformer.
   *
   * @param options the route's `@Etag()` options (merged over the module's).
   * @param scope where the tag is scoped; needed with `version`.
   * @returns the quoted tag, or `undefined` for a value that gets none
   *   (`undefined`, `null`, a stream, a state without its version).
   * @throws TypeError for options a route would refuse, or `version` without `scope`.
   */
  tag(value: unknown, options?: EtagOptions, scope?: TagScope): string | undefined {
    return this.#tagOf(value, options, scope)?.header;
  }

  /**
   * Throws a 412 carrying the current tag unless `condition` holds for the
   * current value (strong comparison, RFC 9110 §13.1.1). Call it inside the
   * transaction that writes, with the state it read there.
   *
   * @param condition from `@IfMatch()`; `undefined` (no `If-Match`) always holds.
   * @param current the stored value now, or `undefined` when it does not exist.
   * @param options, scope as for {@link tag}: the route's, so the tags compared are the ones it sends.
   */
  assertIfMatch(
    condition: IfMatchCondition | undefined,
    current: unknown,
    options?: EtagOptions,
    scope?: TagScope,
  ): void {
    this.#assert({ ifMatch: condition }, current, options, scope);
  }

  /**
   * Throws a 412 carrying the current tag unless `condition` holds for the
   * current value: no listed tag matches it (weak comparison), and for `*`
   * it does not exist (RFC 9110 §13.1.2). For writes; call it inside the
   * transaction that writes, e.g. to create only what does not exist yet.
   *
   * @param condition from `@IfNoneMatch()`; `undefined` (no header) always holds.
   * @param current the stored value now, or `undefined` when it does not exist.
   * @param options, scope as for {@link tag}.
   */
  assertIfNoneMatch(
    condition: IfNoneMatchCondition | undefined,
    current: unknown,
    options?: EtagOptions,
    scope?: TagScope,
  ): void {
    this.#assert({ ifNoneMatch: condition }, current, options, scope);
  }

  // Judged as a write that may create the resource, so a missing one fails If-Match (§13.1.1).
  #assert(
    condition: { ifMatch?: IfMatchCondition; ifNoneMatch?: IfNoneMatchCondition },
    current: unknown,
    options: EtagOptions | undefined,
    scope: TagScope | undefined,
  ): void {
    const tag = this.#tagOf(current, options, scope);
    throwUnlessProceed(judgeTagged({ method: 'PUT', outcome: PROCEED, ...condition }, tag), tag);
  }

  #tagOf(value: unknown, options: EtagOptions | undefined, scope: TagScope | undefined) {
    const route = this.#routeOf(options, scope);
    if (route.versionOf !== undefined && scope === undefined) {
      throw new TypeError(
        'EtagService: option "version" makes a tag of the version and the target URI; pass the scope, ' +
          "e.g. tag(user, { version: 'version' }, { target: '/users/1' })",
      );
    }
    return route.validatorsOf(value ?? undefined, scope?.target ?? '').tag;
  }

  // Compiled as a route is, once per options object and API version.
  #routeOf(options: EtagOptions | undefined, scope: TagScope | undefined): CompiledRoute {
    let byVersion = options === undefined ? this.#default : this.#routes.get(options);
    if (byVersion === undefined) this.#routes.set(options!, (byVersion = new Map()));
    const apiVersion = scope?.apiVersion;
    const key = apiVersion === undefined ? '' : JSON.stringify(apiVersion);
    let route = byVersion.get(key);
    if (route === undefined) {
      const where = 'EtagService';
      const merged = mergeRouteOptions(this.#taggers.options, undefined, validateRouteOptions(options, where), where);
      // A content state is tagged as a route with a current source tags it: keyed by the API version.
      route = compileRoute(this.#taggers, merged, {
        where,
        requireIfMatch: false,
        // No request goes through it: the service's routes only tag.
        guarded: false,
        apiVersion,
        headers: [],
      });
      byVersion.set(key, route);
    }
    return route;
  }
}
