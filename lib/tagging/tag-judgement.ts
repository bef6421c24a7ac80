import type { CodedConditionList } from '../http/content-coding.js';
import { judgeConditions, type ParsedConditions, type PreconditionOutcome } from '../http/preconditions.js';
import {
  judgeRangeRequest,
  type ParsedRangeRequest,
  type RangeOutcome,
  type RangeRepresentation,
} from '../http/range-request.js';
import type { Tag } from './tag.js';

/**
 * {@link judgeConditions} against a tag the module made: a listed tag that
 * is the same representation's tag under an earlier secret counts as the
 * current one (its weakness and coding kept), so rotating the secret sends
 * no wave of 412s or 200s. The earlier tags are computed only when a listed
 * tag is not the current one.
 */
export function judgeTagged(
  conditions: ParsedConditions,
  current: Tag | undefined,
  lastModified?: number,
): PreconditionOutcome {
  return judgeConditions(acceptFormerTags(conditions, current), current, lastModified);
}

function acceptFormerTags(conditions: ParsedConditions, current: Tag | undefined): ParsedConditions {
  if (current?.former === undefined) return conditions;
  const stale = (list: CodedConditionList | undefined) =>
    list?.kind === 'tags' && list.tags.some((tag) => tag.opaque !== current.opaque);
  if (!stale(conditions.ifMatch) && !stale(conditions.ifNoneMatch)) return conditions;

  const former = new Set(current.former());
  const translate = (list: CodedConditionList | undefined): CodedConditionList | undefined =>
    list?.kind !== 'tags'
      ? list
      : {
          kind: 'tags',
          tags: list.tags.map((tag) => (former.has(tag.opaque) ? { ...tag, opaque: current.opaque } : tag)),
        };
  return { ...conditions, ifMatch: translate(conditions.ifMatch), ifNoneMatch: translate(conditions.ifNoneMatch) };
}

/**
 * {@link judgeRangeRequest} against a tag the module made: an `If-Range`
 * tag that is the current representation's tag under an earlier secret
 * names the same bytes, so it counts as the current one (its weakness
 * kept: a weak tag still never matches, RFC 9110 §13.1.5).
 */
export function judgeRangeTagged(
  request: ParsedRangeRequest,
  representation: RangeRepresentation & { readonly current?: Tag },
): RangeOutcome {
  const { current } = representation;
  if (request.kind === 'range' && request.ifRange?.kind === 'tag' && current?.former !== undefined) {
    const { tag } = request.ifRange;
    if (tag.opaque !== current.opaque && current.former().includes(tag.opaque)) {
      const ifRange = { kind: 'tag', tag: { weak: tag.weak, opaque: current.opaque } } as const;
      return judgeRangeRequest({ ...request, ifRange }, representation);
    }
  }
  return judgeRangeRequest(request, representation);
}
