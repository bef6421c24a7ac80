import { RESPONSE } from '../../http/header-names.js';
import { formatHttpDate } from '../../http/http-date.js';
import { isConditional, isGetOrHead, PROCEED } from '../../http/preconditions.js';
import type { HttpPlatform, OutgoingBody, Replacement, SendHook } from '../../platform/http-platform.js';
import { representationBytes } from '../../tagging/representation.js';
import { judgeTagged } from '../../tagging/tag-judgement.js';
import type { Tag } from '../../tagging/tag.js';
import type { EtagRequest } from '../current-state.interface.js';
import { applyCachePolicy } from '../rendering/cache-policy.js';
import { renderOutcome } from '../rendering/outcome-response.js';
import type { CompiledRoute } from '../routes/compiled-route.js';
import { type Exchange, exchangeOf } from './exchange.js';
import { readConditions } from './request-conditions.js';

/**
 * The send path: tags what a decorated route sends, where the platform
 * sends it, after every interceptor, so the tag is of the body the client
 * receives. Installed once per app (see `HttpPlatform.installSendHook`).
 *
 * - A content tag is the hash of the bytes sent (or of the selected fields
 *   of the object serialised into them); GET/HEAD conditions of a route
 *   without a `current` source are read and judged here, against it, and a
 *   304, 412 or 400 replaces the response there and then (on such a route
 *   nothing runs before the handler: a read changes nothing).
 * - On a route with a `current` source the state's validators are the
 *   route's: a GET/HEAD sends those its state was judged by, and a write
 *   those of the new state it answers with (for the resource its
 *   `Content-Location` names, else the target).
 */
export function createSendHook(platform: HttpPlatform): SendHook<CompiledRoute> {
  return {
    needsValue: (route, request) =>
      route.current === undefined ? route.bodyValueNeeded : !isGetOrHead((request as EtagRequest).method),
    onSend: (route, request, response, body) =>
      tagResponse(platform, route, exchangeOf(request), request as EtagRequest, response, body),
  };
}

/**
 * @param exchange what the guard learnt before the handler, on a route that
 *   has it (a `current` source, `@RequireIfMatch()`, a write); a read of
 *   any other route runs no guard, and its conditions are read here.
 */
function tagResponse(
  platform: HttpPlatform,
  route: CompiledRoute,
  exchange: Exchange | undefined,
  request: EtagRequest,
  response: object,
  { value, bytes }: OutgoingBody,
): Replacement | undefined {
  // Leave alone what the module cannot judge: a non-2xx outcome, a route that set its own tag.
  const status = platform.statusCode(response);
  if (status < 200 || status > 299 || platform.getHeader(response, RESPONSE.etag) !== undefined) return undefined;

  const state = exchange?.state;
  const read = isGetOrHead(request.method);
  let tag: Tag | undefined;
  let lastModified: number | undefined;
  if (route.current === undefined) {
    tag = route.bodyTag(value, bytes);
    lastModified = route.bodyLastModified?.(value);
    const conditions = read ? (exchange?.conditions ?? readConditions(request, false)) : undefined;
    if (conditions !== undefined && (conditions.outcome !== PROCEED || isConditional(conditions))) {
      const outcome = judgeTagged(conditions, tag, lastModified);
      const notModified = { tag, ifNoneMatch: conditions.ifNoneMatch, lastModified, cacheControl: route.cacheControl };
      const replacement = renderOutcome(platform, response, outcome, notModified, tag.header);
      if (replacement !== undefined) return replacement;
    }
  } else if (read && state !== undefined) {
    ({ tag, lastModified } = state);
  } else {
    const location = platform.getHeader(response, RESPONSE.contentLocation);
    const validators = route.validatorsOf(value, typeof location === 'string' ? location : platform.targetOf(request));
    ({ tag, lastModified } = validators);
  }
  // RFC 9110 §9.3.4: a PUT response carries a validator (ETag or
  // Last-Modified) only when the stored representation is exactly what the client sent.
  if (request.method === 'PUT' && !sameRepresentation(request, bytes)) return undefined;
  if (lastModified !== undefined && platform.getHeader(response, RESPONSE.lastModified) === undefined) {
    platform.setHeader(response, RESPONSE.lastModified, formatHttpDate(lastModified));
  }
  if (tag === undefined) return undefined;
  platform.setEntityTag(response, tag);
  applyCachePolicy(platform, response, route.cacheControl);
  return undefined;
}

// The content received, byte for byte when Nest keeps the raw body
// (`rawBody: true`), else as its JSON: whitespace aside, the same bytes.
function sameRepresentation(request: EtagRequest, stored: string | Uint8Array): boolean {
  if (Buffer.isBuffer(request.rawBody)) return request.rawBody.equals(Buffer.from(stored));
  const sent = request.body;
  if (sent === undefined || sent === null) return false;
  return representationBytes(sent)?.toString() === stored.toString();
}
