import type { ExecutionContext } from '@nestjs/common';
import { EtagMalformedConditionException } from './etag.exceptions.js';
import { parseConditionList, type ConditionList } from './http/condition-list.js';
import type { ConditionHeader } from './http/preconditions.js';

/** A condition header that parsed: `*` or a list of tags. */
export type ValidCondition = Exclude<ConditionList, { kind: 'malformed' }>;

/** A validated `If-Match` condition, as `@IfMatch()` hands it to a handler. */
export type IfMatchCondition = ValidCondition;

/** A validated `If-None-Match` condition, as `@IfNoneMatch()` hands it to a handler. */
export type IfNoneMatchCondition = ValidCondition;

/**
 * Reads one condition header for a parameter decorator: the parsed value,
 * `undefined` when absent, a 400 when malformed (before the handler runs).
 */
export function readCondition(header: ConditionHeader, context: ExecutionContext): ValidCondition | undefined {
  const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  const condition = parseConditionList(request.headers[header.toLowerCase()]);
  if (condition?.kind === 'malformed') throw new EtagMalformedConditionException(header, condition.near);
  return condition;
}
