/**
 * Content-Range (RFC 9110 §14.4), Accept-Ranges (§14.3) and the layout of a
 * multipart/byteranges body (§14.6, §15.3.7.2; RFC 2046 §5.1.1).
 *
 * Cross-checked against Go's ServeFile multipart cases (fs_test.go,
 * ServeFileRangeTests: each part's Content-Range and bytes, Content-Length
 * equal to the body's length) and its rangesMIMESize, which counts the same
 * delimiters: `--B CRLF` before the first part, `CRLF --B CRLF` before each
 * next one and `CRLF --B-- CRLF` at the end. Go writes Content-Range before
 * Content-Type in each part (sorted names); we follow the order of the
 * §14.6 example. `send` and @fastify/send answer several ranges with 200.
 */
import { ACCEPT_RANGES, formatContentRange, formatUnsatisfiedRange } from '../../lib/http/content-range.js';
import { multipartByteranges, randomBoundary } from '../../lib/http/multipart-byteranges.js';

describe('Content-Range and Accept-Ranges (RFC 9110 §14.3, §14.4)', () => {
  it('formats a satisfied range with the complete length', () => {
    expect(formatContentRange({ first: 0, last: 4 }, 8)).toBe('bytes 0-4/8');
    expect(formatContentRange({ first: 2, last: 8 }, 9)).toBe('bytes 2-8/9');
    expect(formatContentRange({ first: 10, last: 10 }, 11)).toBe('bytes 10-10/11');
    const max = Number.MAX_SAFE_INTEGER;
    expect(formatContentRange({ first: 0, last: max - 1 }, max)).toBe(`bytes 0-${max - 1}/${max}`);
  });

  it('formats the unsatisfied range of a 416 (§15.5.17)', () => {
    expect(formatUnsatisfiedRange(9)).toBe('bytes */9');
    expect(formatUnsatisfiedRange(0)).toBe('bytes */0');
  });

  it('advertises the bytes unit', () => {
    expect(ACCEPT_RANGES).toBe('bytes');
  });

  it.each([
    [{ first: 5, last: 4 }, 10],
    [{ first: 0, last: 10 }, 10],
    [{ first: -1, last: 2 }, 10],
    [{ first: 0.5, last: 2 }, 10],
    [{ first: 0, last: 0 }, 0],
    [{ first: 0, last: Infinity }, Infinity],
  ])('refuses %j of %p bytes, naming it', (range, length) => {
    expect(() => formatContentRange(range, length)).toThrow(
      new TypeError(
        `Content-Range: ${range.first}-${range.last} is not a range of a representation of ${length} bytes; ` +
          'expected whole numbers with first <= last < length (RFC 9110 §14.4)',
      ),
    );
  });

  it('refuses an unsatisfied range of a length that is not bytes', () => {
    expect(() => formatUnsatisfiedRange(-1)).toThrow(
      new TypeError('Content-Range: length must be a whole number of bytes, got -1'),
    );
  });
});

describe('multipart/byteranges layout (RFC 9110 §14.6, §15.3.7.2)', () => {
  // Go's testdata/file: "0123456789\n", 11 bytes; ServeFileRangeTests "bytes=0-0,-2".
  const FILE = '0123456789\n';
  /** Lays out spans written as `0-1 5-8`. */
  const layOut = (spans: string, length: number, type: string | undefined, boundary?: string) =>
    multipartByteranges(
      spans.split(' ').map((span) => {
        const [first, last] = span.split('-').map(Number);
        return { first, last };
      }),
      length,
      type,
      boundary,
    );
  const assemble = (layout: ReturnType<typeof multipartByteranges>) =>
    layout.parts.map((part) => part.head + FILE.slice(part.first, part.last + 1)).join('') + layout.tail;

  it('lays out each part with its Content-Type and Content-Range, and counts every byte', () => {
    const layout = layOut('0-0 9-10', 11, 'text/plain; charset=utf-8', 'B0UND');
    expect(layout.contentType).toBe('multipart/byteranges; boundary=B0UND');
    expect(layout.parts).toEqual([
      {
        head: '--B0UND\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-0/11\r\n\r\n',
        first: 0,
        last: 0,
      },
      {
        head: '\r\n--B0UND\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 9-10/11\r\n\r\n',
        first: 9,
        last: 10,
      },
    ]);
    expect(layout.tail).toBe('\r\n--B0UND--\r\n');
    const body = assemble(layout);
    expect(body).toBe(
      '--B0UND\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-0/11\r\n\r\n0' +
        '\r\n--B0UND\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 9-10/11\r\n\r\n9\n' +
        '\r\n--B0UND--\r\n',
    );
    expect(layout.contentLength).toBe(181);
    expect(Buffer.byteLength(body)).toBe(181);
  });

  it('omits Content-Type in the parts when the representation has none', () => {
    const layout = layOut('0-1 5-8', 11, undefined, 'x');
    expect(assemble(layout)).toBe(
      '--x\r\nContent-Range: bytes 0-1/11\r\n\r\n01\r\n--x\r\nContent-Range: bytes 5-8/11\r\n\r\n5678\r\n--x--\r\n',
    );
    expect(layout.contentLength).toBe(89);
  });

  it('counts the length of large ranges without reading them', () => {
    const length = 100 * 1024 * 1024;
    const layout = layOut(`0-${length / 2 - 1} ${length - 10}-${length - 1}`, length, 'video/mp4', 'b');
    const heads = layout.parts.reduce((sum, part) => sum + part.head.length, 0);
    expect(layout.contentLength).toBe(heads + length / 2 + 10 + layout.tail.length);
    expect(layout.parts[1].head).toBe(
      '\r\n--b\r\nContent-Type: video/mp4\r\nContent-Range: bytes 104857590-104857599/104857600\r\n\r\n',
    );
  });

  it('keeps the order of the ranges given', () => {
    const layout = layOut('7-8 0-1', 11, undefined, 'x');
    expect(layout.parts.map(({ first, last }) => [first, last])).toEqual([
      [7, 8],
      [0, 1],
    ]);
  });

  it('makes a random boundary of 32 hex digits when none is given, a new one each time', () => {
    const ranges = [
      { first: 0, last: 0 },
      { first: 2, last: 2 },
    ];
    const a = multipartByteranges(ranges, 3, undefined);
    const b = multipartByteranges(ranges, 3, undefined);
    expect(a.contentType).toMatch(/^multipart\/byteranges; boundary=[0-9a-f]{32}$/);
    expect(a.contentType).not.toBe(b.contentType);
    expect(randomBoundary()).toMatch(/^[0-9a-f]{32}$/);
  });

  describe('bad input is refused with a clear error', () => {
    const two = [
      { first: 0, last: 0 },
      { first: 2, last: 2 },
    ];

    it.each(['', 'a b', 'a"b', 'x'.repeat(71), 'a\r\nb', 'é'])('boundary %j', (boundary) => {
      expect(() => multipartByteranges(two, 3, undefined, boundary)).toThrow(
        new TypeError(`multipart/byteranges: boundary ${JSON.stringify(boundary)} is not 1 to 70 of 0-9A-Za-z'+_.-`),
      );
    });

    it('accepts a boundary of 70 characters', () => {
      expect(multipartByteranges(two, 3, undefined, 'x'.repeat(70)).tail).toBe(`\r\n--${'x'.repeat(70)}--\r\n`);
    });

    it.each(['text/plain\r\nX-Injected: 1', 'text/plain\n', 'text/plain\0', 'text/plain; name="é"'])(
      'content type %j',
      (type) => {
        expect(() => multipartByteranges(two, 3, type, 'b')).toThrow(
          new TypeError(
            `multipart/byteranges: content type ${JSON.stringify(type)} holds a character other than visible ASCII, SP or HTAB`,
          ),
        );
      },
    );

    it('fewer than two ranges (one range is sent as it is)', () => {
      expect(() => multipartByteranges([{ first: 0, last: 0 }], 3, undefined, 'b')).toThrow(
        new TypeError(
          'multipart/byteranges: expected two ranges or more, got 1 (a single range is sent as it is, RFC 9110 §15.3.7.2)',
        ),
      );
    });

    it('a range outside the representation', () => {
      expect(() => layOut('0-0 2-3', 3, undefined, 'b')).toThrow(TypeError);
    });
  });
});
