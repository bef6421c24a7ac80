import type { PreconditionOutcome } from '../http/preconditions.js';
import type { Tag } from '../tagging/entity-tagger.js';
import {
  EtagMalformedConditionException,
  EtagNotModifiedException,
  EtagPreconditionFailedException,
  EtagPreconditionRequiredException,
} from './etag.exceptions.js';

/**
 * Turns a precondition outcome into the module's response: nothing for
 * `proceed`, else the exception its status calls for, carrying the current
 * tag. The one mapping, shared by the guard, the send path and `EtagService`.
 */
export function throwUnlessProceed(outcome: PreconditionOutcome, current: Tag | undefined): void {
  const etag = current?.header;
  switch (outcome.status) {
    case 'proceed':
      return;
    case 'not-modified':
      throw new EtagNotModifiedException(etag!);
    case 'precondition-failed':
      throw outcome.weakTags
        ? EtagPreconditionFailedException.weakIfMatch(etag)
        : new EtagPreconditionFailedException(outcome.header, etag);
    case 'precondition-required':
      throw new EtagPreconditionRequiredException();
    case 'malformed':
      throw new EtagMalformedConditionException(outcome.header, outcome.near);
  }
}
