import { createParamDecorator } from '@nestjs/common';
import { readIfMatch } from '../request/request-conditions.js';

/**
 * Injects the request's validated `If-Match` condition: `{ kind: 'any' }`
 * for `*`, `{ kind: 'tags', tags }` for a list (each tag without the
 * content coding a compressor appended), `undefined` when absent. A
 * malformed header is a 400 before the handler runs. Hand it to
 * `EtagService.assertIfMatch()` inside the transaction that writes.
 */
export const IfMatch = createParamDecorator(readIfMatch);
