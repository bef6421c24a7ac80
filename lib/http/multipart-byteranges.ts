/**
 * The layout of a `multipart/byteranges` body (RFC 9110 §14.6, §15.3.7.2;
 * RFC 2046 §5.1.1), worked out before a byte is read, so that a platform
 * can send Content-Length first and then stream each part straight from
 * its source, with no buffering:
 *
 *   --BOUNDARY CRLF                          ┐
 *   Content-Type: text/plain CRLF            │ part.head (the first)
 *   Content-Range: bytes 0-49/1000 CRLF      │
 *   CRLF                                     ┘
 *   …bytes 0 to 49 of the representation…      part.first…part.last
 *   CRLF --BOUNDARY CRLF …                     part.head (each next one)
 *   CRLF --BOUNDARY-- CRLF                     tail
 *
 * The CRLF before each later boundary belongs to the delimiter (RFC 2046),
 * so the ranges are sent exactly as they are.
 */
import { randomBytes } from 'node:crypto';
import type { ByteRange } from './byte-ranges.js';
import { formatContentRange } from './content-range.js';

/** One body part: the text to write, then the representation's bytes `first` to `last` (inclusive). */
export interface BodyPart extends ByteRange {
  readonly head: string;
}

/** Everything a platform needs to send a multipart/byteranges 206. */
export interface MultipartByteranges {
  /** The response's `Content-Type`: `multipart/byteranges; boundary=…`. */
  readonly contentType: string;
  readonly parts: readonly BodyPart[];
  /** The close delimiter, written after the last part's bytes. */
  readonly tail: string;
  /** The response's `Content-Length`: every head, every range and the tail, in bytes. */
  readonly contentLength: number;
}

// A boundary that needs no quoting in the Content-Type parameter (every
// character is a tchar) and is valid for RFC 2046 (1 to 70 bchars).
const BOUNDARY = /^[0-9A-Za-z'+_.-]{1,70}$/;
// A field value written into the body: visible ASCII, SP and HTAB, so that
// each character is one byte and none can end the line.
const FIELD_VALUE = /^[\x20-\x7e\t]*$/;

/**
 * A fresh random boundary: 32 hex digits. It is unpredictable, so that no
 * one who can write a stored file can place a delimiter inside it and make
 * a client read parts that were never sent.
 */
export function randomBoundary(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Lays out the multipart/byteranges body of `ranges` of a representation of
 * `length` bytes. Every part carries the representation's `Content-Type`,
 * when it has one (§15.3.7.2 SHOULD), and its own `Content-Range`.
 *
 * @param boundary a random one when omitted; tests pass their own.
 * @throws TypeError for a boundary that is not 1 to 70 of `0-9A-Za-z'+_.-`,
 *   a content type holding a character other than visible ASCII, SP or HTAB,
 *   fewer than two ranges (one range is sent without multipart, §15.3.7.2),
 *   or a range that is not inside the representation.
 */
export function multipartByteranges(
  ranges: readonly ByteRange[],
  length: number,
  contentType: string | undefined,
  boundary: string = randomBoundary(),
): MultipartByteranges {
  if (typeof boundary !== 'string' || !BOUNDARY.test(boundary)) {
    throw new TypeError(`multipart/byteranges: boundary ${JSON.stringify(boundary)} is not 1 to 70 of 0-9A-Za-z'+_.-`);
  }
  if (contentType !== undefined && (typeof contentType !== 'string' || !FIELD_VALUE.test(contentType))) {
    throw new TypeError(
      `multipart/byteranges: content type ${JSON.stringify(contentType)} holds a character other than visible ASCII, SP or HTAB`,
    );
  }
  if (ranges.length < 2) {
    throw new TypeError(
      `multipart/byteranges: expected two ranges or more, got ${ranges.length} (a single range is sent as it is, RFC 9110 §15.3.7.2)`,
    );
  }
  const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
  let contentLength = 0;
  const parts = ranges.map((range, index): BodyPart => {
    const delimiter = index === 0 ? `--${boundary}\r\n` : `\r\n--${boundary}\r\n`;
    const head = `${delimiter}${type}Content-Range: ${formatContentRange(range, length)}\r\n\r\n`;
    contentLength += head.length + (range.last - range.first + 1);
    return { head, first: range.first, last: range.last };
  });
  const tail = `\r\n--${boundary}--\r\n`;
  contentLength += tail.length;
  return { contentType: `multipart/byteranges; boundary=${boundary}`, parts, tail, contentLength };
}
