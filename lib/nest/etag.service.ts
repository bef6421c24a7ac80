import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PROCEED } from '../http/preconditions.js';
import { judgeTagged } from '../tagging/rotation.js';
import { EntityTagger } from '../tagging/entity-tagger.js';
import {
  createRepresentationTagger,
  type RepresentationTagger,
  type TagKind,
} from '../tagging/representation-tagger.js';
import type { IfMatchCondition, IfNoneMatchCondition } from './condition-param.js';
import { ETAG_MODULE_OPTIONS } from './etag.module-definition.js';
import type { EtagModuleOptions, EtagOptions, ResolvedEtagModuleOptions } from './etag-options.interface.js';
import { resolveModuleOptions, validateRouteOptions } from './etag-options.validation.js';
import { loadPlainState, type PlainState } from './plain-state.js';
import { throwUnlessProceed } from './precondition-exception.js';
import { mergeRouteOptions } from './route-options.js';

/**
 * Makes entity tags with the module's options. Inject it where a tag must
 * be computed outside a decorated route, above all in a store that
 * re-checks `If-Match` inside the transaction that writes (compare-and-swap).
 */
@Injectable()
export class EtagService implements OnModuleInit {
  /** The module options, validated, with their defaults. */
  readonly options: ResolvedEtagModuleOptions;
  /** @internal The hash every tag of this module is made with. */
  readonly tagger: EntityTagger;
  private readonly taggers = new WeakMap<EtagOptions, RepresentationTagger>();
  private readonly defaultTagger: RepresentationTagger;
  /** How a state is presented before it is tagged; see plain-state.ts. */
  plain: PlainState = (state) => state;

  constructor(@Inject(ETAG_MODULE_OPTIONS) options: EtagModuleOptions | undefined) {
    this.options = resolveModuleOptions(options);
    this.tagger = new EntityTagger(this.options.algorithm, this.options.secrets);
    this.defaultTagger = this.createTagger(mergeRouteOptions(this.options, undefined, undefined));
  }

  /** @internal Loads class-transformer, if the app has it, for {@link plain}. */
  async onModuleInit(): Promise<void> {
    this.plain = await loadPlainState();
  }

  /**
   * The `ETag` a route with these options sends for `value` when `value` is
   * what it sends, serialised as plain JSON; with a `current` source, the
   * tag of the state `value`. An entity is tagged as class-transformer's
   * `instanceToPlain` presents it, when the app has class-transformer.
   *
   * @param options the route's `@Etag()` options (merged over the module's).
   * @returns the quoted tag, or `undefined` for a value that gets none
   *   (`undefined`, `null`, a stream).
   */
  tag(value: unknown, options?: EtagOptions): string | undefined {
    return this.taggerOf(options).ofValue(this.plain(value))?.header;
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
    this.assert({ ifMatch: condition }, current, options);
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
    this.assert({ ifNoneMatch: condition }, current, options);
  }

  /** Builds the tagger of one route's tag kind; the decorated routes' are built once each. */
  createTagger(kind: TagKind): RepresentationTagger {
    return createRepresentationTagger(this.tagger, kind);
  }

  // Judged as a write that may create the resource, so a missing one fails If-Match (§13.1.1).
  private assert(
    condition: { ifMatch?: IfMatchCondition; ifNoneMatch?: IfNoneMatchCondition },
    current: unknown,
    options: EtagOptions | undefined,
  ): void {
    const tag = this.taggerOf(options).ofValue(this.plain(current));
    throwUnlessProceed(judgeTagged({ method: 'PUT', outcome: PROCEED, ...condition }, tag), tag);
  }

  private taggerOf(options: EtagOptions | undefined): RepresentationTagger {
    if (options === undefined) return this.defaultTagger;
    let tagger = this.taggers.get(options);
    if (tagger === undefined) {
      const route = validateRouteOptions(options, 'EtagService.tag()');
      tagger = this.createTagger(mergeRouteOptions(this.options, undefined, route));
      this.taggers.set(options, tagger);
    }
    return tagger;
  }
}
