import { brand } from './cross-build.js';
import { rangeNotSatisfiable } from './condition-problems.js';
import { EtagConditionException } from './etag-condition.exception.js';

/**
 * 416 Range Not Satisfiable (RFC 9110 §15.5.17): `Range` asks only for bytes
 * the representation does not have (`bytes=500-` of a 100-byte file). Sent
 * with `Content-Range: bytes *\/length`, which tells the client the current
 * length (§14.4), and the current `ETag`, so a client resuming a download
 * can tell whether its copy is still the resource's.
 */
export class EtagRangeNotSatisfiableException extends EtagConditionException {
  /**
   * @param length the representation's length in bytes.
   * @param etag the current entity tag, if the representation has one.
   */
  constructor(
    readonly length: number,
    etag?: string,
  ) {
    super(rangeNotSatisfiable(length), 416, etag);
  }
}

brand(EtagRangeNotSatisfiableException, 'EtagRangeNotSatisfiableException');
