import { Inject, Injectable } from '@nestjs/common';
import { EntityTagger } from './entity-tagger.js';
import { EtagPreconditionFailedException } from './etag.exceptions.js';
import { ETAG_MODULE_OPTIONS } from './etag.module-definition.js';
import type {
  EtagModuleOptions,
  EtagOptions,
  ResolvedEtagModuleOptions,
  RouteEtagOptions,
} from './etag-options.interface.js';
import { resolveModuleOptions, validateRouteOptions } from './etag-options.validation.js';
import { compileFieldProjection } from './field-projection.js';
import type { IfMatchCondition, IfNoneMatchCondition } from './condition-param.js';
import { type EntityTag, parseEntityTag } from './http/entity-tag.js';
import { ifMatchHolds, ifNoneMatchHolds, onlyWeakTags } from './http/preconditions.js';
import { isUntagged, representationBytes } from './representation.js';
import { mergeRouteOptions } from './route-options.js';

/**
 * Computes a route's tag for a value.
 * @param bytes the value's serialised bytes, when the caller has them already.
 */
export type TagFunction = (value: unknown, bytes?: string | Uint8Array) => string | undefined;

/**
 * Makes entity tags with the module's options. Inject it where a tag must
 * be computed outside a decorated route, above all in a store that
 * re-checks `If-Match` inside the transaction that writes (compare-and-swap).
 */
@Injectable()
export class EtagService {
  /** The module options, validated, with their defaults. */
  readonly options: ResolvedEtagModuleOptions;
  private readonly tagger: EntityTagger;
  private readonly compiled = new WeakMap<EtagOptions, TagFunction>();
  private readonly defaultTag: TagFunction;

  constructor(@Inject(ETAG_MODULE_OPTIONS) options: EtagModuleOptions | undefined) {
    this.options = resolveModuleOptions(options);
    this.tagger = new EntityTagger(this.options.algorithm);
    this.defaultTag = this.createTagFunction(mergeRouteOptions(this.options, undefined, undefined));
  }

  /**
   * The `ETag` a route with these options sends for `value`: the same tag
   * the interceptor computes for a handler result.
   *
   * @param options the route's `@Etag()` options (merged over the module's).
   * @returns the quoted tag, or `undefined` for a value that gets none
   *   (`undefined`, `null`, a stream).
   */
  tag(value: unknown, options?: EtagOptions): string | undefined {
    if (options === undefined) return this.defaultTag(value);
    let tag = this.compiled.get(options);
    if (tag === undefined) {
      const route = validateRouteOptions(options, 'EtagService.tag()');
      tag = this.createTagFunction(mergeRouteOptions(this.options, undefined, route));
      this.compiled.set(options, tag);
    }
    return tag(value);
  }

  /**
   * Throws a 412 carrying the current tag unless `condition` holds for the
   * current value (strong comparison, RFC 9110 §13.1.1). Call it inside the
   * transaction that writes, with the state it read there.
   *
   * @param condition from `@IfMatch()`; `undefined` (no `If-Match`) always holds.
   * @param current the stored value now, or `undefined` when it does not exist.
   */
  assertIfMatch(condition: IfMatchCondition | undefined, current: unknown, options?: EtagOptions): void {
    if (condition === undefined) return;
    const [tag, entityTag] = this.currentTag(current, options);
    if (!ifMatchHolds(condition, entityTag)) {
      throw onlyWeakTags(condition)
        ? EtagPreconditionFailedException.weakIfMatch(tag)
        : new EtagPreconditionFailedException('If-Match', tag);
    }
  }

  /**
   * Throws a 412 carrying the current tag unless `condition` holds for the
   * current value: no listed tag matches it (weak comparison), and for `*`
   * it does not exist (RFC 9110 §13.1.2). For writes; call it inside the
   * transaction that writes, e.g. to create only what does not exist yet.
   *
   * @param condition from `@IfNoneMatch()`; `undefined` (no header) always holds.
   * @param current the stored value now, or `undefined` when it does not exist.
   */
  assertIfNoneMatch(condition: IfNoneMatchCondition | undefined, current: unknown, options?: EtagOptions): void {
    if (condition === undefined) return;
    const [tag, entityTag] = this.currentTag(current, options);
    if (!ifNoneMatchHolds(condition, entityTag)) {
      throw new EtagPreconditionFailedException('If-None-Match', tag);
    }
  }

  // The tag of the stored value, as sent and as compared; none when it does not exist.
  private currentTag(current: unknown, options?: EtagOptions): [string | undefined, EntityTag | undefined] {
    const tag = this.tag(current, options);
    return [tag, tag === undefined ? undefined : parseEntityTag(tag)];
  }

  /** Builds the tag function of one route, once. */
  createTagFunction(route: RouteEtagOptions): TagFunction {
    const { tagger } = this;
    if (route.fields !== undefined) {
      const project = compileFieldProjection(route.fields);
      return (value, bytes) => {
        if (isUntagged(value)) return undefined;
        if (typeof value === 'string' || Buffer.isBuffer(value)) return tagger.ofBytes(value, true);
        if (typeof value !== 'object') return bytesTag(value, bytes, true);
        // Only the selected values are hashed, never the whole result: natively
        // when their JSON is canonical, with object-hash when it is not.
        const projection = project(value);
        return projection.flat
          ? tagger.ofBytes(JSON.stringify(projection.value), true)
          : tagger.ofValues(projection.value);
      };
    }
    const { weak } = route;
    return (value, bytes) => bytesTag(value, bytes, weak);

    function bytesTag(value: unknown, bytes: string | Uint8Array | undefined, weak: boolean): string | undefined {
      const data = bytes ?? representationBytes(value);
      return data === undefined ? undefined : tagger.ofBytes(data, weak);
    }
  }
}
