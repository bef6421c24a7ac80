import {
  ConflictException,
  createParamDecorator,
  type ExecutionContext,
  type HttpException,
  NotFoundException,
} from '@nestjs/common';
import type { ConditionHeader, ParsedConditions } from '../http/preconditions.js';
import { judgeTagged } from '../tagging/rotation.js';
import type { Tag } from '../tagging/entity-tagger.js';
import { EtagPreconditionFailedException } from './etag.exceptions.js';
import type { EtagRoute } from './etag-route.js';
import { type WriteFilter, writeFilter } from './write-filter.js';

/** Where the guard leaves a write's precondition for `@Precondition()`. */
export const WRITE_PRECONDITION = Symbol.for('nestjs-etag:write-precondition');

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
 *   `UPDATE … SET …, version = version + 1 WHERE id = $1 AND version = $2`.
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

  constructor(
    readonly kind: 'none' | 'version' | 'exists' | 'absent',
    /** The version the conditions held for (`kind: 'version'` on a version route). */
    readonly version: V | undefined,
    /** The tag they held for (`kind: 'version'`). */
    readonly tag: string | undefined,
    private readonly judge?: Rejudge,
  ) {}

  /**
   * Whether the request's conditions still hold for `current`, the state
   * the store reads inside its write (in a transaction that holds the row,
   * e.g. `SELECT … FOR UPDATE`). `undefined` for a resource that does not exist.
   */
  holdsFor(current: unknown): boolean {
    return this.judge === undefined || this.judge.holds(current);
  }

  /**
   * The 412 to throw when the write finds that the conditions no longer hold,
   * e.g. when an `UPDATE … WHERE version = $2` changed no row.
   * @param current the stored state now, if the store has it: its tag goes in the response's `ETag`.
   */
  failed(current?: unknown): EtagPreconditionFailedException {
    const tag = current === undefined ? undefined : this.judge?.tagOf(current);
    return new EtagPreconditionFailedException(this.judge?.header ?? 'If-Match', tag?.header);
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
    return writeFilter(key, this.judge?.versionPath, this.kind === 'version' ? this.version : undefined);
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
    return this.judge?.load?.() ?? Promise.resolve(undefined);
  }
}

/** The request's conditions, to judge again against the state a store reads inside its write. */
interface Rejudge {
  holds(state: unknown): boolean;
  /** The state's current tag, for the 412's `ETag`. */
  tagOf(state: unknown): Tag | undefined;
  /** The condition a 412 names: the first the request sent, in the order of RFC 9110 §13.2.2. */
  readonly header: ConditionHeader;
  /** The route's `version` property, where a filter puts the expected version. */
  readonly versionPath: string | undefined;
  /** Reads the route's current state again. */
  readonly load?: () => Promise<unknown>;
}

/** The precondition of a write judged against `state` (`undefined`: absent). */
export function writePrecondition(
  route: EtagRoute,
  conditions: ParsedConditions,
  state: unknown,
  current: Tag | undefined,
  target: string,
  load?: () => Promise<unknown>,
): WritePrecondition {
  const { ifMatch, ifNoneMatch, ifUnmodifiedSince } = conditions;
  if (ifMatch === undefined && ifNoneMatch === undefined && ifUnmodifiedSince === undefined) {
    return WritePrecondition.NONE;
  }
  // Judged again, for a store that re-reads the state inside its transaction.
  const judge: Rejudge = {
    holds(now) {
      const validators = route.validatorsOf(now ?? undefined, target);
      return judgeTagged(conditions, validators.tag, validators.lastModified).status === 'proceed';
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

/** Reads what the guard left; exported so bootstrap can find the routes that use it. */
export function readWritePrecondition(_data: unknown, context: ExecutionContext): WritePrecondition {
  return (
    context.switchToHttp().getRequest<{ [WRITE_PRECONDITION]?: WritePrecondition }>()[WRITE_PRECONDITION] ??
    WritePrecondition.NONE
  );
}

/**
 * Injects the {@link WritePrecondition} of a write on a route with a
 * `current` source: hand it to the store, which enforces it inside the
 * write. On a route without one, bootstrap stops with what to do.
 */
export const Precondition = createParamDecorator(readWritePrecondition);
