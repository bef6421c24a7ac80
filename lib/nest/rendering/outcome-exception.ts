import type { PreconditionOutcome } from '../../http/preconditions.js';
import type { Tag } from '../../tagging/tag.js';
import type { EtagConditionException } from '../exceptions/etag-condition.exception.js';
import {
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from '../exceptions/etag.exceptions.js';

/**
 * The module's response to a precondition outcome, as an exception carrying
 * the current tag: the one mapping from outcome to status, shared by the
 * guard, the send path, `WritePrecondition` and `EtagService`. `undefined`
 * for `proceed`.
 */
export function exceptionFor(
  outcome: PreconditionOutcome,
  current: Tag | undefined,
): EtagConditionException | undefined {
  const etag = current?.header;
  switch (outcome.status) {
    case 'proceed':
      return undefined;
    case 'not-modified':
      return new EtagNotModifiedException(etag!);
    case 'precondition-failed':
      return outcome.weakTags
        ? EtagPreconditionFailedException.weakIfMatch(etag)
        : new EtagPreconditionFailedException(outcome.header, etag);
    case 'precondition-required':
      return new EtagPreconditionRequiredException();
    case 'malformed':
      return new EtagMalformedConditionException(outcome.header, outcome.near);
  }
}

/** Throws {@link exceptionFor} the outcome, unless it is `proceed`. */
export function throwUnlessProceed(outcome: PreconditionOutcome, current: Tag | undefined): void {
  const exception = exceptionFor(outcome, current);
  if (exception !== undefined) throw exception;
}
