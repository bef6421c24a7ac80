import type { ExecutionContext } from '@nestjs/common';
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
 * never from the request body.
 */
export class WritePrecondition {
  /** The precondition of a write that sent no condition. */
  static readonly NONE = new WritePrecondition('none', undefined, undefined);

  readonly #judge: Rejudge | undefined;

  /** Made by the module, for the write of one request; a store only reads it. */
  constructor(
    readonly kind: 'none' | 'version' | 'exists' | 'absent',
    /** The version the conditions held for (`kind: 'version'` on a version route). */
    readonly version: unknown,
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
}

/** The request's conditions, to judge again against the state a store reads inside its write. */
interface Rejudge {
  outcomeFor(state: unknown): PreconditionOutcome;
  /** The state's current tag, for the 412's `ETag`. */
  tagOf(state: unknown): Tag | undefined;
  /** The condition a 412 names: the first the request sent, in the order of RFC 9110 §13.2.2. */
  readonly header: ConditionHeader;
}

/** The precondition of a write judged against `state` (`undefined`: absent). */
export function writePrecondition(
  route: CompiledRoute,
  conditions: ParsedConditions,
  state: unknown,
  current: Tag | undefined,
  target: string,
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
