import { type CodedConditionList, heldTag } from '../../http/content-coding.js';
import type { EntityTag } from '../../http/entity-tag.js';
import { CONTENT_FIELDS, RESPONSE, RESPONSE_KEY } from '../../http/header-names.js';
import { formatHttpDate } from '../../http/http-date.js';
import { addVary } from '../../http/vary.js';
import type { HttpPlatform, Replacement } from '../../platform/http-platform.js';
import { applyCachePolicy } from './cache-policy.js';

/** What a 304 is put together from, whoever decided it. */
export interface NotModified {
  /** The current tag; `undefined` for a 304 a service threw without one. */
  readonly tag: EntityTag | undefined;
  /** The request's `If-None-Match`, for the coding of the tag the client holds. */
  readonly ifNoneMatch: CodedConditionList | undefined;
  /** The current `Last-Modified`, in epoch seconds, when the route has one. */
  readonly lastModified?: number;
  /** The route's `Cache-Control` policy; `undefined` for a 304 a service threw on an undecorated route. */
  readonly cacheControl?: string | false;
  /**
   * `true` when nothing has described content yet: a 304 decided before the
   * handler ran has no content header to drop.
   */
  readonly beforeHandler?: boolean;
}

const NOT_MODIFIED: Replacement = { status: 304, body: undefined };

/**
 * Puts a 304 Not Modified together, the one place that does (RFC 9110
 * §15.4.5): the `ETag` the client holds, of the coding it holds (RFC 9111
 * §4.3.4: its cache finds the response it updates), `Last-Modified`, the
 * headers a 200 would carry (the route's `Cache-Control`, the `Vary` of a
 * compressed 200), and nothing that describes content. The caller sends it
 * as its context does: the platform's send hook, the filter.
 */
export function renderNotModified(platform: HttpPlatform, response: object, notModified: NotModified): Replacement {
  const { tag, ifNoneMatch, lastModified, cacheControl, beforeHandler } = notModified;
  if (tag !== undefined) platform.setHeader(response, RESPONSE.etag, heldTag(ifNoneMatch, tag));
  if (lastModified !== undefined) platform.setHeader(response, RESPONSE.lastModified, formatHttpDate(lastModified));
  if (beforeHandler !== true) {
    for (const name of CONTENT_FIELDS) {
      if (platform.getHeader(response, name) !== undefined) platform.removeHeader(response, name);
    }
  }
  applyCachePolicy(platform, response, cacheControl);
  if (platform.compresses(response)) {
    const vary = addVary(platform.getHeader(response, RESPONSE_KEY.vary), 'Accept-Encoding');
    if (vary !== undefined) platform.setHeader(response, RESPONSE.vary, vary);
  }
  return NOT_MODIFIED;
}
