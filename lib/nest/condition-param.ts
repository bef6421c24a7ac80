import type { ExecutionContext } from '@nestjs/common';
import type { ConditionList } from '../http/condition-list.js';
import { parseConditions, type TagConditionHeader } from '../http/preconditions.js';
import { withoutCodings } from './content-coding.js';
import type { EtagRequest } from './current-state.interface.js';
import { throwUnlessProceed } from './precondition-exception.js';

/** A condition header that parsed: `*` or a list of tags. */
export type ValidCondition = Exclude<ConditionList, { kind: 'malformed' }>;

/** A validated `If-Match` condition, as `@IfMatch()` hands it to a handler. */
export type IfMatchCondition = ValidCondition;

/** A validated `If-None-Match` condition, as `@IfNoneMatch()` hands it to a handler. */
export type IfNoneMatchCondition = ValidCondition;

/**
 * Reads one condition header for a parameter decorator by the same rules
 * as the module's own check (`parseConditions`): `undefined` when absent, a
 * 400 when malformed — except a malformed `If-None-Match` on GET/HEAD, which
 * is ignored as if absent.
 */
export function readCondition(header: TagConditionHeader, context: ExecutionContext): ValidCondition | undefined {
  const request = context.switchToHttp().getRequest<EtagRequest>();
  const name = header === 'If-Match' ? 'ifMatch' : 'ifNoneMatch';
  const value = withoutCodings(request.headers[header.toLowerCase()]);
  const conditions = parseConditions({ method: request.method, [name]: value });
  throwUnlessProceed(conditions.outcome, undefined);
  return conditions[name] as ValidCondition | undefined;
}

/** `@IfMatch()`'s factory; exported so bootstrap can find the routes that check their own conditions. */
export const readIfMatch = (_data: unknown, context: ExecutionContext): IfMatchCondition | undefined =>
  readCondition('If-Match', context);

/** `@IfNoneMatch()`'s factory. */
export const readIfNoneMatch = (_data: unknown, context: ExecutionContext): IfNoneMatchCondition | undefined =>
  readCondition('If-None-Match', context);
