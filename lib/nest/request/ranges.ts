import { BadRequestException } from '@nestjs/common';
import type { ByteRange } from '../../http/byte-ranges.js';
import { REQUEST } from '../../http/header-names.js';
import { parseRangeRequest } from '../../http/range-request.js';
import type { Validators } from '../../tagging/state-validators.js';
import { judgeRangeTagged } from '../../tagging/tag-judgement.js';
import type { EtagRequest } from '../current-state.interface.js';
import { EtagRangeNotSatisfiableException } from '../exceptions/etag-range.exception.js';

/**
 * The last step of the RFC 9110 §13.2.2 order on a route with `ranges`:
 * `Range` under `If-Range` (§13.1.5, §14.2), judged in the guard against the
 * file state, once every other condition let the request through, so a
 * 416 opens no file either. Returns the ranges a 206 sends, or `undefined`
 * for the whole 200 (no `Range`, not a GET, a false `If-Range`, a value
 * the server ignores).
 *
 * `If-Range` is compared with the tag exactly: a tag with a coding
 * (`"abc.gzip"`) names compressed bytes, whose offsets are not the file's.
 *
 * @throws EtagRangeNotSatisfiableException (416) when no range overlaps the file.
 */
export function judgeRanges(request: EtagRequest, validators: Validators): readonly ByteRange[] | undefined {
  const { headers, method } = request;
  const range = headers[REQUEST.range];
  const file = validators.file;
  if (range === undefined || method !== 'GET' || file === undefined) return undefined;
  // The clock of the response's Date: If-Range's date holds only once its second is over (§8.8.2.2).
  const now = new Date();
  const outcome = judgeRangeTagged(parseRangeRequest({ method, range, ifRange: headers[REQUEST.ifRange], now }), {
    length: file.size,
    current: validators.tag,
    lastModified: validators.lastModified,
    date: Math.floor(now.getTime() / 1000),
  });
  if (outcome.status === 'unsatisfiable') {
    throw new EtagRangeNotSatisfiableException(file.size, validators.tag?.header);
  }
  return outcome.status === 'partial' ? outcome.ranges : undefined;
}

/**
 * A `PUT` with `Content-Range` asks for a partial update, which a route of
 * whole files does not make: refused, lest part of a file be stored as
 * all of it (RFC 9110 §14.5).
 *
 * @throws BadRequestException (400) naming the field.
 */
export function refusePartialPut(request: EtagRequest): void {
  if (request.method === 'PUT' && request.headers[REQUEST.contentRange] !== undefined) {
    throw new BadRequestException(
      'Content-Range in a PUT asks for a partial update, which this resource does not make (RFC 9110 §14.5): ' +
        'send the whole representation without Content-Range',
    );
  }
}
