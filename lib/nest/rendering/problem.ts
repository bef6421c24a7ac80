import { RESPONSE } from '../../http/header-names.js';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';
import type { ConditionProblem } from '../exceptions/etag-condition.exception.js';

/**
 * Puts a 400, 412, 428 or 431 together, the one place that does: problem
 * details (RFC 9457 §3) serialised here, with the current `ETag` when the
 * resource has one (so a client can refetch and retry), as
 * `application/problem+json` that no browser sniffs into anything else.
 * The caller sends it as its context does: the guard, the platform's send
 * hook, the filter.
 */
export function renderProblem(
  platform: HttpPlatform,
  response: object,
  problem: ConditionProblem,
  etag: string | undefined,
): Replacement {
  if (etag !== undefined) platform.setHeader(response, RESPONSE.etag, etag);
  // Serialised here: handed an object with a non-JSON media type, Nest 11's
  // Express adapter would warn and re-type it.
  platform.setHeader(response, RESPONSE.contentType, 'application/problem+json');
  platform.setHeader(response, RESPONSE.contentTypeOptions, 'nosniff');
  return { status: problem.status, body: JSON.stringify(problem) };
}
