import { isGetOrHead, type ParsedConditions } from '../http/preconditions.js';
import { judgeTagged } from '../tagging/rotation.js';
import type { HttpPlatform, OutgoingBody } from '../platform/http-platform.js';
import type { Tag } from '../tagging/entity-tagger.js';
import { representationBytes } from '../tagging/representation.js';
import { applyCachePolicy } from './cache-policy.js';
import type { EtagRequest } from './current-state.interface.js';
import { type EtagRoute, lastModifiedHeader } from './etag-route.js';
import { throwUnlessProceed } from './precondition-exception.js';

/** One request on a decorated route, as the send path needs it. */
export interface TaggedExchange {
  readonly route: EtagRoute;
  readonly request: EtagRequest;
  readonly response: object;
  readonly conditions: ParsedConditions;
  /** The target URI's path and query: what a version tag is scoped to. */
  readonly target: string;
  /** The validators of the state loaded before the handler, on a route with a `current` source. */
  readonly state?: { readonly tag: Tag | undefined; readonly lastModified: string | undefined };
}

/**
 * Tags what a decorated route sends, where the platform sends it: after
 * every interceptor, so the tag is of the body the client receives.
 *
 * - A content tag is the hash of the bytes sent (or of the selected fields
 *   of the object serialised into them); GET/HEAD conditions of a route
 *   without a `current` source are judged here, against it.
 * - On a route with a `current` source the state's validators are the
 *   route's: a GET/HEAD sends those its state was judged by, and a write
 *   those of the new state it answers with (for the resource its
 *   `Content-Location` names, else the target).
 */
export function tagOnSend(platform: HttpPlatform, exchange: TaggedExchange): void {
  const { route, request, response, conditions, state, target } = exchange;
  platform.interceptSend(response, ({ value, bytes }: OutgoingBody) => {
    // Leave alone what the module cannot judge: a non-2xx outcome, a route that set its own tag.
    const status = platform.statusCode(response);
    if (status < 200 || status > 299 || platform.getHeader(response, 'ETag') !== undefined) return;

    const safe = isGetOrHead(request.method);
    let tag: Tag | undefined;
    let modified: string | undefined;
    if (route.current === undefined) {
      tag = route.bodyTag(value, bytes);
      const lastModified = route.bodyLastModified?.(value);
      const [seconds, header] = lastModified === undefined ? [] : lastModifiedHeader(lastModified);
      modified = header;
      if (safe) {
        const outcome = judgeTagged(conditions, tag, seconds);
        if (outcome.status === 'not-modified' && modified !== undefined) {
          platform.setHeader(response, 'Last-Modified', modified);
        }
        throwUnlessProceed(outcome, tag);
      }
    } else if (safe && state !== undefined) {
      ({ tag, lastModified: modified } = state);
    } else {
      const location = platform.getHeader(response, 'Content-Location');
      const validators = route.validatorsOf(value, typeof location === 'string' ? location : target);
      tag = validators.tag;
      modified = validators.lastModified === undefined ? undefined : lastModifiedHeader(validators.lastModified)[1];
    }
    // RFC 9110 §9.3.4: a PUT response carries a validator (ETag or
    // Last-Modified) only when the stored representation is exactly what the client sent.
    if (request.method === 'PUT' && !sameRepresentation(request, bytes)) return;
    if (modified !== undefined && platform.getHeader(response, 'Last-Modified') === undefined) {
      platform.setHeader(response, 'Last-Modified', modified);
    }
    if (tag === undefined) return;
    platform.setEntityTag(response, tag.header);
    applyCachePolicy(platform, response, route.cacheControl);
    // Without a validator condition Express's req.fresh is false already.
    if (request.headers['if-none-match'] !== undefined || request.headers['if-modified-since'] !== undefined) {
      platform.settleFreshness(request);
    }
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
