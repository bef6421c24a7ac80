import type { ExecutionContext } from '@nestjs/common';
import { EtagMalformedConditionException } from './etag.exceptions.js';
import { parseConditionList, type ConditionList } from './http/condition-list.js';
import type { ConditionHeader } from './http/preconditions.js';

/** A condition header that parsed: `*` or a list of tags. */
export type ValidCondition = Exclude<ConditionList, { kind: 'malformed' }>;

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
