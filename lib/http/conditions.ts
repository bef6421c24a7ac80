/**
 * Each entity-tag condition on its own (RFC 9110 §13.1.1, §13.1.2), for the
 * §13.2.2 order in preconditions.ts and for stores that judge a condition
 * inside their write.
 */
import type { ConditionList } from './condition-list.js';
import { type EntityTag, strongMatch, weakMatch } from './entity-tag.js';

/**
 * `If-Match` is true when the current representation exists and, unless the
 * field is `*`, its tag strongly matches a listed tag (RFC 9110 §13.1.1).
 */
export function ifMatchHolds(condition: ConditionList, current: EntityTag | undefined): boolean {
  if (current === undefined || condition.kind === 'malformed') return false;
  return condition.kind === 'any' || condition.tags.some((tag) => strongMatch(tag, current));
}

/** `true` for a list of weak tags only: an `If-Match` that can never hold. */
export function onlyWeakTags(condition: ConditionList): boolean {
  return condition.kind === 'tags' && condition.tags.length > 0 && condition.tags.every((tag) => tag.weak);
}

/**
 * `If-None-Match` is true when no current representation exists (for `*`) or
 * none of the listed tags weakly matches the current one (RFC 9110 §13.1.2).
 */
export function ifNoneMatchHolds(condition: ConditionList, current: EntityTag | undefined): boolean {
  if (current === undefined) return true;
  if (condition.kind === 'any') return false;
  return condition.kind === 'tags' && !condition.tags.some((tag) => weakMatch(tag, current));
}
