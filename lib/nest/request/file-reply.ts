import { NotFoundException } from '@nestjs/common';
import { ACCEPT_RANGES } from '../../http/content-range.js';
import { RESPONSE, RESPONSE_KEY } from '../../http/header-names.js';
import { formatHttpDate } from '../../http/http-date.js';
import { isGetOrHead } from '../../http/preconditions.js';
import type { HttpPlatform } from '../../platform/http-platform.js';
import type { Reply, ReplyHook } from '../../platform/reply-hook.js';
import { sameVersion } from '../../tagging/file-digests.js';
import { FILE_STATE, type FileFacts } from '../../tagging/file-state.js';
import type { FileStat } from '../../tagging/file-validators.js';
import type { Validators } from '../../tagging/state-validators.js';
import { type EtagFileBody, isFileBody, NO_BYTES } from '../files/file-body.js';
import { applyCachePolicy } from '../rendering/cache-policy.js';
import { renderPartialContent } from '../rendering/partial-content.js';
import { type Exchange, exchangeOf } from './exchange.js';

/**
 * The send path of streamed bodies, which no platform send path sees
 * (installed once per app, see `HttpPlatform.installReplyHook`):
 *
 * - a GET or HEAD of a route with a `current` source that answers with a
 *   `StreamableFile` carries the validators its state was judged by, the
 *   file itself is never read to make them;
 * - the module's own file body (`EtagFiles.file()`) is told what to send
 *   and is opened only for it: nothing for a HEAD, the whole file, or the
 *   ranges the guard chose (a 206); a file that changed since its state was
 *   judged is sent whole, without the validators of the other version;
 * - a write answering with a file state (`EtagFiles.write()`) sends that
 *   state's validators and no body: the stored representation is the
 *   content the client sent (RFC 9110 §9.3.4).
 */
export function createReplyHook(platform: HttpPlatform): ReplyHook<Exchange> {
  return {
    exchangeOf,
    claims: (body) =>
      typeof (body as { getStream?: unknown }).getStream === 'function' ||
      (body as { [FILE_STATE]?: true })[FILE_STATE] === true,
    onReply: (exchange, request, response, body, status) =>
      replyWith(platform, exchange, request as { method: string }, response, body, status),
  };
}

async function replyWith(
  platform: HttpPlatform,
  exchange: Exchange,
  request: { method: string },
  response: object,
  body: object,
  status: number | undefined,
): Promise<Reply> {
  const sent = { body, status };
  // Leave alone a response that is no success (RFC 9110 §13.2.1), or that set its own tag.
  const code = status ?? platform.statusCode(response);
  if (code < 200 || code > 299 || platform.getHeader(response, RESPONSE_KEY.etag) !== undefined) return sent;
  const { route, state } = exchange;
  if (!isGetOrHead(request.method)) {
    if (typeof (body as { getStream?: unknown }).getStream === 'function') return sent;
    sendValidators(platform, response, route.validatorsOf(body, platform.targetOf(request)), route.cacheControl);
    return { body: undefined, status };
  }
  if (state === undefined) return sent;
  if (!isFileBody(body)) {
    sendValidators(platform, response, state, route.cacheControl);
    return sent;
  }
  if (route.ranges) platform.setHeader(response, RESPONSE.acceptRanges, ACCEPT_RANGES);
  if (request.method === 'HEAD') {
    body.plan(NO_BYTES);
    const size = state.file?.size ?? (await found(body.stat())).size;
    sendValidators(platform, response, state, route.cacheControl);
    platform.setHeader(response, RESPONSE.contentLength, String(size));
    return sent;
  }
  const opened = await found(body.open());
  // Never the validators of one version with the bytes of another: a file
  // replaced since its state was judged is sent whole, untagged.
  const judged = state.file;
  if (judged === undefined || sameFile(judged, opened)) {
    sendValidators(platform, response, state, route.cacheControl);
    // Ranges only ever replace a 200 (RFC 9110 §14.2).
    if (exchange.ranges !== undefined && code === 200)
      return sendRanges(platform, response, body, exchange.ranges, opened.size);
  }
  platform.setHeader(response, RESPONSE.contentLength, String(opened.size));
  return sent;
}

function sendRanges(
  platform: HttpPlatform,
  response: object,
  body: EtagFileBody,
  ranges: NonNullable<Exchange['ranges']>,
  length: number,
): Reply {
  const type = platform.getHeader(response, RESPONSE_KEY.contentType);
  const { status, plan } = renderPartialContent(
    platform,
    response,
    ranges,
    length,
    typeof type === 'string' ? type : body.getHeaders().type,
  );
  body.plan(plan);
  return { body, status };
}

// A file that is not there (no state said it was, or it went since) is a
// 404, before any header is sent; the message names no path.
async function found<T>(opening: Promise<T>): Promise<T> {
  try {
    return await opening;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundException();
    throw error;
  }
}

// A state stat() made is checked by every fact it has; one a store made
// (a row's size, time and digest) describes the bytes, not this file's times.
function sameFile(judged: FileFacts, opened: FileStat): boolean {
  return judged.ino === undefined ? judged.size === opened.size : sameVersion(judged, opened);
}

// The validators, and with a tag the route's cache policy, as the send path sends them.
function sendValidators(
  platform: HttpPlatform,
  response: object,
  validators: Validators,
  cacheControl: string | false,
): void {
  const { tag, lastModified } = validators;
  if (lastModified !== undefined && platform.getHeader(response, RESPONSE_KEY.lastModified) === undefined) {
    platform.setHeader(response, RESPONSE.lastModified, formatHttpDate(lastModified));
  }
  if (tag === undefined) return;
  platform.setEntityTag(response, tag);
  applyCachePolicy(platform, response, cacheControl);
}
