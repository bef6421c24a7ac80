import type { ByteRange } from '../../http/byte-ranges.js';
import { cacheDirectives } from '../../http/cache-control.js';
import { formatContentRange } from '../../http/content-range.js';
import { RESPONSE, RESPONSE_KEY } from '../../http/header-names.js';
import { multipartByteranges } from '../../http/multipart-byteranges.js';
import type { HttpPlatform } from '../../platform/http-platform.js';
import type { BodyPlan } from '../files/file-body.js';

/**
 * Puts a 206 Partial Content together, the one place that does (RFC 9110
 * §15.3.7), over the headers the 200 would carry (validators, cache
 * headers): one range with its `Content-Range` and the representation's
 * `Content-Type`; several as `multipart/byteranges` (§14.6), each part with
 * its own, and no `Content-Range` of the whole. `Content-Length` is known
 * before a byte is read. `Cache-Control: no-transform` keeps a compressor
 * (Express's `compression`) or a proxy from encoding the part: its
 * `Content-Range` counts bytes of the file (RFC 9111 §5.2.2.6).
 *
 * @param type the representation's `Content-Type`, for the parts.
 * @returns the status and what the body sends.
 */
export function renderPartialContent(
  platform: HttpPlatform,
  response: object,
  ranges: readonly ByteRange[],
  length: number,
  type: string | undefined,
): { status: 206; plan: BodyPlan } {
  const cacheControl = platform.getHeader(response, RESPONSE_KEY.cacheControl);
  const given = Array.isArray(cacheControl) ? cacheControl.join(', ') : (cacheControl as string | undefined);
  if (!cacheDirectives(given ?? null).has('no-transform')) {
    platform.setHeader(response, RESPONSE.cacheControl, given ? `${given}, no-transform` : 'no-transform');
  }
  if (ranges.length === 1) {
    const range = ranges[0]!;
    platform.setHeader(response, RESPONSE.contentRange, formatContentRange(range, length));
    platform.setHeader(response, RESPONSE.contentLength, String(range.last - range.first + 1));
    return { status: 206, plan: { parts: ranges } };
  }
  const layout = multipartByteranges(ranges, length, type);
  platform.setHeader(response, RESPONSE.contentType, layout.contentType);
  platform.setHeader(response, RESPONSE.contentLength, String(layout.contentLength));
  return { status: 206, plan: { parts: layout.parts, tail: layout.tail } };
}
