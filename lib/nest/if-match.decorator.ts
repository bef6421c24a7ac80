import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type IfMatchCondition, readCondition } from './condition-param.js';

/**
 * Injects the request's validated `If-Match` condition: `{ kind: 'any' }`
 * for `*`, `{ kind: 'tags', tags }` for a list, `undefined` when absent.
 * A malformed header is a 400 before the handler runs. Hand it to
 * `EtagService.assertIfMatch()` inside the transaction that writes.
 */
export const IfMatch = createParamDecorator((_data: unknown, context: ExecutionContext): IfMatchCondition | undefined =>
  readCondition('If-Match', context),
);
