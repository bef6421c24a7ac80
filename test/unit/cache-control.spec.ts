import { type CacheDirective, cacheDirectives, parseCacheControl } from '../../lib/http/cache-control.js';
import { responseCacheControlProblem } from '../../lib/http/cache-control-sender.js';

/** A parsed value of these directives, with no empty list element. */
const list = (...directives: CacheDirective[]) => ({ kind: 'directives', directives, emptyElements: 0 });

describe('parseCacheControl (RFC 9111 §5.2)', () => {
  describe('directives without an argument', () => {
    it('parses one', () => {
      expect(parseCacheControl('no-cache')).toEqual(list({ name: 'no-cache' }));
    });

    it('lower-cases names, which compare case-insensitively', () => {
      expect(parseCacheControl('No-Cache, PRIVATE')).toEqual(list({ name: 'no-cache' }, { name: 'private' }));
    });

    it('takes every tchar in a name (RFC 9110 §5.6.2)', () => {
      expect(parseCacheControl("x!#$%&'*+-.^_`|~09AZaz")).toEqual(list({ name: "x!#$%&'*+-.^_`|~09azaz" }));
    });
  });

  describe('arguments', () => {
    it('parses a token argument as it is', () => {
      expect(parseCacheControl('max-age=0, s-maxage=60')).toEqual(
        list({ name: 'max-age', argument: '0' }, { name: 's-maxage', argument: '60' }),
      );
    });

    it('keeps the case of an argument', () => {
      expect(parseCacheControl('ext=AbC')).toMatchObject({ directives: [{ name: 'ext', argument: 'AbC' }] });
    });

    it('unquotes a quoted-string argument, with the comma inside it', () => {
      expect(parseCacheControl('private="Set-Cookie, X-User", no-store')).toEqual(
        list({ name: 'private', argument: 'Set-Cookie, X-User', quoted: true }, { name: 'no-store' }),
      );
    });

    it('resolves quoted-pairs', () => {
      expect(parseCacheControl('ext="a\\"b\\\\c\\d"')).toMatchObject({
        directives: [{ name: 'ext', argument: 'a"b\\cd', quoted: true }],
      });
    });

    it('takes an empty quoted-string', () => {
      expect(parseCacheControl('ext=""')).toMatchObject({ directives: [{ name: 'ext', argument: '', quoted: true }] });
    });

    it('takes obs-text and tabs inside quotes', () => {
      expect(parseCacheControl('ext="\u00e9\tx"')).toMatchObject({ directives: [{ argument: '\u00e9\tx' }] });
    });
  });

  describe('the list (RFC 9110 §5.6.1)', () => {
    it('takes optional whitespace around elements: spaces and tabs', () => {
      expect(parseCacheControl(' \tpublic ,\tmax-age=60\t')).toEqual(
        list({ name: 'public' }, { name: 'max-age', argument: '60' }),
      );
    });

    it('takes a list without whitespace', () => {
      expect(parseCacheControl('a,b=1,c')).toMatchObject({ directives: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    });

    it.each([
      [',a', 1],
      ['a,', 1],
      ['a,,b', 1],
      [' , a , , b , ', 3],
      [',', 2],
      [', ,', 3],
    ])('counts the empty elements of %j: %d', (text, count) => {
      const parsed = parseCacheControl(text);
      expect(parsed.kind).toBe('directives');
      expect(parsed).toMatchObject({ emptyElements: count });
    });

    it('reads an empty or blank value as an empty list', () => {
      expect(parseCacheControl('')).toEqual({ kind: 'directives', directives: [], emptyElements: 0 });
      expect(parseCacheControl(' \t ')).toEqual({ kind: 'directives', directives: [], emptyElements: 0 });
    });

    it('keeps a directive that appears twice, in order', () => {
      expect(parseCacheControl('max-age=1, max-age=2')).toMatchObject({
        directives: [
          { name: 'max-age', argument: '1' },
          { name: 'max-age', argument: '2' },
        ],
      });
    });
  });

  describe('malformed values: where the scan stopped and what it expected', () => {
    it.each([
      ['no cache', 3, 'a comma'],
      ['max-age =60', 8, '"=" right after the directive name, with no space'],
      ['max-age= 60', 8, 'an argument after "=" (a token or a quoted-string)'],
      ['max-age=', 8, 'an argument after "=" (a token or a quoted-string)'],
      ['=60', 0, 'a directive name (a token)'],
      ['a=b=c', 3, 'a comma'],
      ['a;b', 1, 'a comma'],
      ['"no-cache"', 0, 'a directive name (a token)'],
      ['private="Set-Cookie', 19, 'a closing quote'],
      ['ext="a\\', 7, 'a closing quote'],
      ['ext="a\\\nb"', 7, 'a character allowed in a quoted-string'],
      ['ext="a\u0000"', 6, 'a character allowed in a quoted-string'],
      ['ext="a"b', 7, 'a comma'],
      ['no-cache\r\nSet-Cookie: a=b', 8, 'a comma'],
      ['no-cache\n', 8, 'a comma'],
      ['max-age=６0', 8, 'an argument after "=" (a token or a quoted-string)'],
      ['ext="\u0100"', 5, 'a character allowed in a quoted-string'],
      ['no-cache, 😀', 10, 'a directive name (a token)'],
      ['a=(b)', 2, 'an argument after "=" (a token or a quoted-string)'],
    ])('%j: at %d, expects %s', (text, at, expected) => {
      expect(parseCacheControl(text)).toEqual({ kind: 'malformed', at, expected });
    });
  });

  describe('hostile input', () => {
    it('parses a 100,000-directive value in one pass', () => {
      const text = Array.from({ length: 100_000 }, (_, i) => `x${i}=${i}`).join(', ');
      const parsed = parseCacheControl(text);
      expect(parsed.kind).toBe('directives');
      expect(parsed.kind === 'directives' && parsed.directives.length).toBe(100_000);
    });

    it('stops at the first fault of a long value, however long the rest', () => {
      const text = `a b${',c'.repeat(200_000)}`;
      expect(parseCacheControl(text)).toEqual({ kind: 'malformed', at: 2, expected: 'a comma' });
    });

    it('reads a long run of quoted-pairs and an unterminated quote to the end', () => {
      expect(parseCacheControl(`e="${'\\a'.repeat(100_000)}"`)).toMatchObject({
        directives: [{ argument: 'a'.repeat(100_000) }],
      });
      expect(parseCacheControl(`e="${'\\"'.repeat(100_000)}`)).toEqual({
        kind: 'malformed',
        at: 200_003,
        expected: 'a closing quote',
      });
    });
  });
});

describe('responseCacheControlProblem (what a server may send)', () => {
  it.each([
    'no-cache',
    'private, no-cache',
    'max-age=0, must-revalidate',
    'max-age=0, s-maxage=60',
    'public, max-age=31536000, immutable',
    'no-store',
    'private="Set-Cookie, X-User"',
    'no-cache="Set-Cookie"',
    'max-age=0, stale-while-revalidate=0, stale-if-error=86400',
    'MAX-AGE=0',
    'community="UCI"',
    'ext=token',
  ])('accepts %j', (text) => {
    expect(responseCacheControlProblem(text)).toBeUndefined();
  });

  it.each([
    ['', 'it holds no directive'],
    [' , ', 'it holds no directive'],
    [' no-cache', 'it starts or ends with whitespace'],
    ['no-cache\t', 'it starts or ends with whitespace'],
    ['no-cache,', 'it has an empty list element (a sender must not send one, RFC 9110 §5.6.1)'],
    ['no-cache,,private', 'it has an empty list element (a sender must not send one, RFC 9110 §5.6.1)'],
    ['max-age=0, Max-Age=5', '"max-age" appears twice (RFC 9111 §4.2.1)'],
    ['max-stale=5', '"max-stale" is a request directive (RFC 9111 §5.2.1), not a response one'],
    ['only-if-cached', '"only-if-cached" is a request directive (RFC 9111 §5.2.1), not a response one'],
    ['max-age', '"max-age" needs a whole number of seconds, unquoted, such as max-age=60'],
    ['max-age=1h', '"max-age" needs a whole number of seconds, unquoted, such as max-age=60'],
    ['max-age=-1', '"max-age" needs a whole number of seconds, unquoted, such as max-age=60'],
    ['s-maxage="60"', '"s-maxage" needs a whole number of seconds, unquoted, such as s-maxage=60'],
    [
      'stale-while-revalidate=1.5',
      '"stale-while-revalidate" needs a whole number of seconds, unquoted, such as stale-while-revalidate=60',
    ],
    ['no-store=1', '"no-store" takes no argument'],
    ['must-revalidate=""', '"must-revalidate" takes no argument'],
    ['public=yes', '"public" takes no argument'],
    [
      'private=Set-Cookie',
      '"private" takes no argument, or a quoted list of header field names such as private="Set-Cookie"',
    ],
    [
      'no-cache="Set Cookie"',
      '"no-cache" takes no argument, or a quoted list of header field names such as no-cache="Set-Cookie"',
    ],
    [
      'no-cache=""',
      '"no-cache" takes no argument, or a quoted list of header field names such as no-cache="Set-Cookie"',
    ],
    ['no cache', 'it is not a list of directives: at character 4 the grammar expects a comma'],
    ['max-age=0\r\nSet-Cookie: admin=1', 'it is not a list of directives: at character 10 the grammar expects a comma'],
    ['private="Set-Cookie', 'it is not a list of directives: at character 20 the grammar expects a closing quote'],
  ])('refuses %j: %s', (text, problem) => {
    expect(responseCacheControlProblem(text)).toBe(problem);
  });
});

const directives = (value: string | null) => Object.fromEntries(cacheDirectives(value));

describe('cacheDirectives: Cache-Control as a recipient reads it (RFC 9111 §5.2, RFC 9110 §5.6.1.2)', () => {
  it('absent or empty: no directive', () => {
    expect(directives(null)).toEqual({});
    expect(directives('')).toEqual({});
    expect(directives(' , ,')).toEqual({});
  });

  it('names are case-insensitive: lowercase out; a directive without a value has undefined', () => {
    expect(directives('No-Store, PRIVATE')).toEqual({ 'no-store': undefined, private: undefined });
  });

  it('token and quoted-string values, OWS around the separators; an element with OWS around its "=" is skipped', () => {
    expect(directives('max-age=60 ,\tprivate="Set-Cookie" , s-maxage= 5, no-store')).toEqual({
      'max-age': '60',
      private: 'Set-Cookie',
      'no-store': undefined,
    });
  });

  it('a comma inside a quoted value is no separator; quoted-pairs unquote (RFC 9110 §5.6.4)', () => {
    expect(directives('private="Set-Cookie, no-store", x="a\\"b"')).toEqual({
      private: 'Set-Cookie, no-store',
      x: 'a"b',
    });
  });

  it('a malformed element is skipped, quoted text and all; the others count', () => {
    expect(directives('no-store junk, private')).toEqual({ private: undefined });
    expect(directives('x="a, no-store" y, max-age=1')).toEqual({ 'max-age': '1' });
    expect(directives('=1, "no-store", private')).toEqual({ private: undefined });
  });

  it('the first of a repeated directive is kept', () => {
    expect(directives('max-age=1, max-age=2')).toEqual({ 'max-age': '1' });
  });

  it('an unterminated quoted value is no directive: its element, to the end of the value, is skipped', () => {
    expect(directives('no-store, private="a, b')).toEqual({ 'no-store': undefined });
  });

  it('is linear: 100,000 commas, quotes or escapes take no time to speak of', () => {
    for (const hostile of [
      ','.repeat(100_000),
      '"'.repeat(100_000),
      `x="${'\\'.repeat(100_000)}`,
      'a'.repeat(100_000),
    ]) {
      const started = performance.now();
      cacheDirectives(hostile);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
