import { createParamDecorator } from '@nestjs/common';
import { readIfNoneMatch } from '../request/request-conditions.js';

/**
 * Injects the request's validated `If-None-Match` condition, as `@IfMatch()`
 * does for `If-Match`. For writes on routes without a `current` source:
 * hand it to `EtagService.assertIfNoneMatch()` inside the transaction that
 * writes (`If-None-Match: *` makes a create-only request). On GET and HEAD
 * the module answers 304 itself.
 */
export const IfNoneMatch = createParamDecorator(readIfNoneMatch);
