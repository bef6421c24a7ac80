import { RESPONSE, RESPONSE_KEY } from '../../http/header-names.js';
import { formatHttpDate } from '../../http/http-date.js';
import { isConditional, isGetOrHead, PROCEED } from '../../http/preconditions.js';
import type { HttpPlatform, OutgoingBody, Prepared, Replacement, SendHook } from '../../platform/http-platform.js';
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
 *   nothing runs before the handler: a read changes nothing). A field tag
 *   is made of the value before the platform serialises it, so a read
 *   answered 304 or 412 on such a route serialises nothing.
 * - On a route with a `current` source the state's validators are the
 *   route's: a GET/HEAD sends those its state was judged by, and a write
 *   those of the new state it answers with (for the resource its
 *   `Content-Location` names, else the target).
 */
export function createSendHook(platform: HttpPlatform): SendHook<CompiledRoute, PreparedBody> {
  return {
    prepares: (route) => route.valueNeeded,
    prepare: (route, request, response, value) => prepareBody(platform, route, request as EtagRequest, response, value),
    onSend: (route, request, response, body) =>
      tagResponse(platform, route, exchangeFor(route, request), request as EtagRequest, response, body),
  };
}

// Looked up only where the guard ran: a plain read has no exchange to find.
const exchangeFor = (route: CompiledRoute, request: object): Exchange | undefined =>
  route.guarded ? exchangeOf(request) : undefined;

/** What the send path learnt of a body before it was serialised: its tag, where the value alone makes it. */
interface PreparedBody extends Prepared {
  /** The tag, and the date, the conditions of a read were judged against already. */
  readonly judged?: { readonly tag: Tag; readonly lastModified: number | undefined };
}

/**
 * Before serialisation: keeps the value where the send path needs it (a
 * field tag, a date read from it, the new state a write answers with), and
 * on a read whose tag the value alone makes (a field tag) judges the
 * conditions now, so that a 304 or 412 never serialises the body.
 */
function prepareBody(
  platform: HttpPlatform,
  route: CompiledRoute,
  request: EtagRequest,
  response: object,
  value: unknown,
): PreparedBody | undefined {
  if (!route.valueNeeded) return undefined;
  const read = isGetOrHead(request.method);
  if (route.current !== undefined) return read ? undefined : { value };
  if (!read || !isTaggable(platform, response)) return { value };
  const tag = route.valueTag(value);
  if (tag === undefined) return { value };
  const lastModified = route.bodyLastModified?.(value);
  const replacement = judgeRead(platform, route, exchangeFor(route, request), request, response, tag, lastModified);
  return { value, replacement, judged: { tag, lastModified } };
}

// Leave alone what the module cannot judge: a non-2xx outcome, a route that set its own tag.
function isTaggable(platform: HttpPlatform, response: object): boolean {
  const status = platform.statusCode(response);
  return status >= 200 && status <= 299 && platform.getHeader(response, RESPONSE_KEY.etag) === undefined;
}

/**
 * A read's conditions judged against the tag of the body it is about to send, on a route without a
 * `current` source: the 304, 412 or 400 to send instead, or `undefined` to send the body.
 */
function judgeRead(
  platform: HttpPlatform,
  route: CompiledRoute,
  exchange: Exchange | undefined,
  request: EtagRequest,
  response: object,
  tag: Tag,
  lastModified: number | undefined,
): Replacement | undefined {
  const conditions = exchange?.conditions ?? readConditions(request, false);
  if (conditions.outcome === PROCEED && !isConditional(conditions)) return undefined;
  const outcome = judgeTagged(conditions, tag, lastModified);
  const notModified = { tag, ifNoneMatch: conditions.ifNoneMatch, lastModified, cacheControl: route.cacheControl };
  return renderOutcome(platform, response, outcome, notModified, tag.header);
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
  { bytes, prepared }: OutgoingBody<PreparedBody>,
): Replacement | undefined {
  if (!isTaggable(platform, response)) return undefined;
  const value = prepared === undefined ? bytes : prepared.value;

  const state = exchange?.state;
  const read = isGetOrHead(request.method);
  let tag: Tag | undefined;
  let lastModified: number | undefined;
  if (prepared?.judged !== undefined) {
    ({ tag, lastModified } = prepared.judged);
  } else if (route.current === undefined) {
    tag = route.bodyTag(value, bytes);
    lastModified = route.bodyLastModified?.(value);
    const replacement = read ? judgeRead(platform, route, exchange, request, response, tag, lastModified) : undefined;
    if (replacement !== undefined) return replacement;
  } else if (read && state !== undefined) {
    ({ tag, lastModified } = state);
  } else {
    const location = platform.getHeader(response, RESPONSE_KEY.contentLocation);
    const validators = route.validatorsOf(value, typeof location === 'string' ? location : platform.targetOf(request));
    ({ tag, lastModified } = validators);
  }
  // RFC 9110 §9.3.4: a PUT response carries a validator (ETag or
  // Last-Modified) only when the stored representation is exactly what the client sent.
  if (request.method === 'PUT' && !sameRepresentation(request, bytes)) return undefined;
  if (lastModified !== undefined && platform.getHeader(response, RESPONSE_KEY.lastModified) === undefined) {
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
