import { formatUnsatisfiedRange } from '../../http/content-range.js';
import { RESPONSE } from '../../http/header-names.js';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';
import type { ConditionProblem } from '../exceptions/etag-condition.exception.js';
import type { EtagRangeNotSatisfiableException } from '../exceptions/etag-range.exception.js';
import { renderProblem } from './problem.js';

/**
 * Puts a 416 Range Not Satisfiable together, the one place that does (RFC
 * 9110 §15.5.17): `Content-Range: bytes *\/length` (§14.4 SHOULD) and the
 * problem details every refusal of the module carries.
 */
export function renderRangeNotSatisfiable(
  platform: HttpPlatform,
  response: object,
  exception: EtagRangeNotSatisfiableException,
): Replacement {
  platform.setHeader(response, RESPONSE.contentRange, formatUnsatisfiedRange(exception.length));
  return renderProblem(platform, response, exception.getResponse() as ConditionProblem, exception.etag);
}
