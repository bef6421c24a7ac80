/**
 * Over 150 lines, and one concern: what a write may assume about the stored
 * resource, the forms a store enforces it in (a filter, a judgement of the
 * state it read), the answer when it does not hold, and how the guard makes it.
 */
import { ConflictException, type ExecutionContext, type HttpException, NotFoundException } from '@nestjs/common';
import type { ConditionHeader } from '../../http/header-names.js';
import type { ParsedConditions, PreconditionOutcome } from '../../http/preconditions.js';
import { judgeTagged } from '../../tagging/tag-judgement.js';
import type { Tag } from '../../tagging/tag.js';
import type { EtagConditionException } from '../exceptions/etag-condition.exception.js';
import { EtagPreconditionFailedException } from '../exceptions/etag.exceptions.js';
import { exceptionFor } from '../rendering/outcome-exception.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import { exchangeOf } from './exchange.js';
import { paramFactory } from './request-conditions.js';
import { type WriteFilter, writeFilter } from './write-filter.js';

/**
 * What a conditional write may assume about the stored resource, in a form a
 * store enforces inside the write itself (compare-and-swap): the state the
 * request's conditions held for must still be the stored one when it writes.
 * The module judged the conditions before the handler; between that and
 * the write, another request (or another instance) may have written.
 *
 * - `none`: no condition was sent; write as usual.
 * - `version`: write only if the resource still has `version` (routes with
 *   `@Etag({ version })`) or, on other routes, still has the tag `tag`:
 *   `UPDATE … SET …, version = $new WHERE id = $1 AND version = $2`.
 * - `exists`: `If-Match: *`; write only if the resource exists.
 * - `absent`: the conditions held because it did not exist (a create-only
 *   `If-None-Match: *`); write only if it still does not.
 *
 * The expected version comes from the version the request's tags matched,
 * never from the request body. Type it as the route's version column is
 * typed, e.g. `WritePrecondition<number>`, and {@link where} gives a filter
 * an ORM takes as it is.
 *
 * @typeParam V the type of the version (`unknown` unless declared).
 * @typeParam K the name of the route's `version` property (`'version'`).
 */
export class WritePrecondition<V = unknown, K extends string = 'version'> {
  /** The precondition of a write that sent no condition. */
  static readonly NONE: WritePrecondition<never> = new WritePrecondition<never>('none', undefined, undefined);

  readonly #judge: Rejudge | undefined;

  /** Made by the module, for the write of one request; a store only reads it. */
  constructor(
    readonly kind: 'none' | 'version' | 'exists' | 'absent',
    /** The version the conditions held for (`kind: 'version'` on a version route). */
    readonly version: V | undefined,
    /** The tag they held for (`kind: 'version'`). */
    readonly tag: string | undefined,
    judge?: Rejudge,
  ) {
    this.#judge = judge;
  }

  /**
   * Whether the request's conditions still hold for `current`, the state
   * the store reads inside its write (in a transaction that holds the row,
   * e.g. `SELECT … FOR UPDATE`). `undefined` for a resource that does not
   * exist. Judged as before the handler: the same validators, the same
   * `Last-Modified` (never later than now), the same §13.2.2 order.
   */
  holdsFor(current: unknown): boolean {
    return this.#judge === undefined || this.#judge.outcomeFor(current).status === 'proceed';
  }

  /**
   * The 412 to throw when the write finds that the conditions no longer hold,
   * e.g. when an `UPDATE … WHERE version = $2` changed no row: the response
   * the module gives when it judges them itself, with the same detail (a
   * weak `If-Match` says why it never matches).
   * @param current the stored state now, if the store has it: its tag goes in the response's `ETag`.
   */
  failed(current?: unknown): EtagConditionException {
    const judge = this.#judge;
    if (judge === undefined) return new EtagPreconditionFailedException('If-Match', undefined);
    const tag = current === undefined ? undefined : judge.tagOf(current);
    const outcome = judge.outcomeFor(current);
    // The conditions may hold again by the time the store reads (a write that
    // lost a race to one that restored the state): the write still failed.
    return outcome.status === 'precondition-failed'
      ? exceptionFor(outcome, tag)!
      : new EtagPreconditionFailedException(judge.header, tag?.header);
  }

  /**
   * The `WHERE` of the write: `key` (e.g. `{ id }`), plus the expected
   * version under the route's `version` property for `kind: 'version'`
   * (`{ id, version: 3 }`). For `exists` and `none` it is `key` alone. For
   * `absent` it is `key` too, the row an insert must not find: a create-only
   * write inserts (a unique-key conflict, or an insert-or-ignore that inserts
   * nothing, is then the 412 {@link refusal} gives), it never updates.
   * A plain object: TypeORM, Prisma and MikroORM take it as a filter.
   *
   * @throws TypeError for `kind: 'version'` on a route without `@Etag({ version })`:
   *   a tag of content has no column to compare; judge it with {@link holdsFor} instead.
   */
  where<W extends object>(key: W): WriteFilter<W, V, K> {
    if (this.kind === 'version' && this.version === undefined) {
      throw new TypeError(
        'WritePrecondition.where(): this route has no version (@Etag({ version })), so the expected state is a ' +
          'tag of content no filter can compare; read the row inside a transaction and judge it with holdsFor()',
      );
    }
    return writeFilter(key, this.#judge?.versionPath, this.kind === 'version' ? this.version : undefined);
  }

  /**
   * The error to throw when the write changed no row, judged against
   * `current`, the state now (what the route's `CurrentState` returns;
   * `undefined` or `null`: gone), by the module's own rules (RFC 9110
   * §13.2.1): a condition that is now false is the 412 with the current tag
   * ({@link failed}); a resource that is gone and was not to be created (a
   * `PATCH` or `DELETE`, or no condition at all) is a 404; a resource whose
   * conditions still hold, yet was not written, changed in between: a 409.
   *
   * @param notFound the 404's message, e.g. `user 7 does not exist`.
   */
  refusal(current: unknown, notFound?: string): HttpException {
    const state = current ?? undefined;
    if (!this.holdsFor(state)) return this.failed(state);
    if (state === undefined) return new NotFoundException(notFound);
    return new ConflictException('The resource changed while it was being written: read it again and retry');
  }

  /**
   * The route's current state, read again through its `CurrentState`
   * (`undefined` where the module has no way to read it).
   * @internal the filter reads it to answer an ORM's own conflict error.
   */
  reload(): Promise<unknown> {
    return Promise.resolve(this.#judge?.load?.());
  }
}

/** The request's conditions, to judge again against the state a store reads inside its write. */
interface Rejudge {
  outcomeFor(state: unknown): PreconditionOutcome;
  /** The state's current tag, for the 412's `ETag`. */
  tagOf(state: unknown): Tag | undefined;
  /** The condition a 412 names: the first the request sent, in the order of RFC 9110 §13.2.2. */
  readonly header: ConditionHeader;
  /** The route's `version` property, where a filter puts the expected version. */
  readonly versionPath: string | undefined;
  /** Reads the route's current state again. */
  readonly load?: () => unknown;
}

/** The precondition of a write judged against `state` (`undefined`: absent). */
export function writePrecondition(
  route: CompiledRoute,
  conditions: ParsedConditions,
  state: unknown,
  current: Tag | undefined,
  target: string,
  load?: () => unknown,
): WritePrecondition {
  const { ifMatch, ifNoneMatch, ifUnmodifiedSince } = conditions;
  if (ifMatch === undefined && ifNoneMatch === undefined && ifUnmodifiedSince === undefined) {
    return WritePrecondition.NONE;
  }
  const judge: Rejudge = {
    outcomeFor(now) {
      const validators = route.validatorsOf(now ?? undefined, target);
      return judgeTagged(conditions, validators.tag, validators.lastModified);
    },
    tagOf: (now) => route.validatorsOf(now ?? undefined, target).tag,
    header:
      ifMatch !== undefined ? 'If-Match' : ifUnmodifiedSince !== undefined ? 'If-Unmodified-Since' : 'If-None-Match',
    versionPath: route.versionPath,
    load,
  };
  if (current === undefined) return new WritePrecondition('absent', undefined, undefined, judge);
  const tagsOrDates = ifMatch?.kind === 'tags' || ifNoneMatch !== undefined || ifUnmodifiedSince !== undefined;
  if (!tagsOrDates) return new WritePrecondition('exists', undefined, undefined, judge);
  return new WritePrecondition('version', route.versionOf?.(state), current.header, judge);
}

/** `@Precondition()`'s factory: what the guard left for the write. */
export const readWritePrecondition = paramFactory(
  'precondition',
  (_data, context: ExecutionContext): WritePrecondition =>
    exchangeOf(context.switchToHttp().getRequest<object>())?.precondition ?? WritePrecondition.NONE,
);
