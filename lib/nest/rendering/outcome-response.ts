import type { PreconditionOutcome } from '../../http/preconditions.js';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';
import { problemFor } from '../exceptions/condition-problems.js';
import { type NotModified, renderNotModified } from './not-modified.js';
import { renderProblem } from './problem.js';

/**
 * The response to an outcome decided without an exception, by the guard or
 * the send path: the 304 `notModified` describes, or the problem of a
 * refusal with the current `etag`; `undefined` for `proceed`.
 */
export function renderOutcome(
  platform: HttpPlatform,
  response: object,
  outcome: PreconditionOutcome,
  notModified: NotModified,
  etag: string | undefined,
): Replacement | undefined {
  if (outcome.status === 'not-modified') return renderNotModified(platform, response, notModified);
  const problem = problemFor(outcome, etag);
  return problem === undefined ? undefined : renderProblem(platform, response, problem, etag);
}
