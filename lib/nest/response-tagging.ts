import { isGetOrHead, judgeConditions, type ParsedConditions } from '../http/preconditions.js';
import type { HttpPlatform, OutgoingBody } from '../platform/http-platform.js';
import type { Tag } from '../tagging/entity-tagger.js';
import { representationBytes } from '../tagging/representation.js';
import type { EtagRequest } from './current-state.interface.js';
import type { EtagRoute } from './etag-routes.js';
import { throwUnlessProceed } from './precondition-exception.js';

/** One request on a decorated route, as the send path needs it. */
export interface TaggedExchange {
  readonly route: EtagRoute;
  readonly request: EtagRequest;
  readonly response: object;
  readonly conditions: ParsedConditions;
  /** The tag of the state loaded before the handler, on a route with a `current` source. */
  readonly stateTag?: Tag;
}

/**
 * Tags what a decorated route sends, where the platform sends it: after
 * every interceptor, so the tag is of the body the client receives.
 *
 * - A content tag is the hash of the bytes sent (or of the selected fields
 *   of the object serialised into them); GET/HEAD conditions of a route
 *   without a `current` source are judged here, against it.
 * - On a route with a `current` source the state's tag is the route's tag:
 *   a GET/HEAD sends the tag its state was judged by, and a write the tag of
 *   the new state it answers with, both as `EtagService.tag()` computes them.
 */
export function tagOnSend(platform: HttpPlatform, exchange: TaggedExchange): void {
  const { route, request, response, conditions, stateTag } = exchange;
  platform.interceptSend(response, ({ value, bytes }: OutgoingBody) => {
    // Leave alone what the module cannot judge: a non-2xx outcome, a route that set its own tag.
    const status = platform.statusCode(response);
    if (status < 200 || status > 299 || platform.getHeader(response, 'ETag') !== undefined) return;

    const safe = isGetOrHead(request.method);
    let tag: Tag | undefined;
    if (route.current === undefined) {
      tag = route.tagger.ofBody(value, bytes);
      if (safe) throwUnlessProceed(judgeConditions(conditions, tag), tag);
    } else {
      tag = safe && stateTag !== undefined ? stateTag : route.tagState(value);
    }
    if (tag === undefined) return;
    // RFC 9110 §9.3.4: a PUT response carries a validator only when the
    // stored representation is exactly what the client sent.
    if (request.method === 'PUT' && !sameRepresentation(request, bytes)) return;
    platform.setHeader(response, 'ETag', tag.header);
    platform.settleFreshness(request);
  });
}

// The content received, byte for byte when Nest keeps the raw body
// (`rawBody: true`), else as its JSON: whitespace aside, the same bytes.
function sameRepresentation(request: EtagRequest, stored: string | Uint8Array): boolean {
  if (Buffer.isBuffer(request.rawBody)) return request.rawBody.equals(Buffer.from(stored));
  const sent = request.body;
  if (sent === undefined || sent === null) return false;
  return representationBytes(sent)?.toString() === stored.toString();
}
