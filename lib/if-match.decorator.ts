import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { EtagMalformedConditionException } from './etag.exceptions.js';
import type { IfMatchCondition } from './etag.service.js';
import { parseConditionList } from './http/condition-list.js';

/**
 * Injects the request's validated `If-Match` condition: `{ kind: 'any' }`
 * for `*`, `{ kind: 'tags', tags }` for a list, `undefined` when absent.
 * A malformed header is a 400 before the handler runs. Hand it to
 * `EtagService.assertIfMatch()` inside the transaction that writes.
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IfMatchCondition | undefined => {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const condition = parseConditionList(request.headers['if-match']);
    if (condition?.kind === 'malformed') throw new EtagMalformedConditionException('If-Match', condition.near);
    return condition;
  },
);
