import { parseCacheControl } from '../../lib/http/cache-control.js';

const directives = (value: string | null) => Object.fromEntries(parseCacheControl(value));

describe('Cache-Control (RFC 9111 §5.2): #cache-directive, token [ "=" ( token / quoted-string ) ]', () => {
  it('absent or empty: no directive', () => {
    expect(directives(null)).toEqual({});
    expect(directives('')).toEqual({});
    expect(directives(' , ,')).toEqual({});
  });

  it('names are case-insensitive: lowercase out; a directive without a value has undefined', () => {
    expect(directives('No-Store, PRIVATE')).toEqual({ 'no-store': undefined, private: undefined });
  });

  it('token and quoted-string values, OWS around the separators and the "="', () => {
    expect(directives('max-age=60 ,\tprivate = "Set-Cookie" , s-maxage= 5')).toEqual({
      'max-age': '60',
      private: 'Set-Cookie',
      's-maxage': '5',
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

  it('an unterminated quoted value ends the value', () => {
    expect(directives('private="a, b')).toEqual({ private: 'a, b' });
  });

  it('is linear: 100,000 commas, quotes or escapes take no time to speak of', () => {
    for (const hostile of [
      ','.repeat(100_000),
      '"'.repeat(100_000),
      `x="${'\\'.repeat(100_000)}`,
      'a'.repeat(100_000),
    ]) {
      const started = performance.now();
      parseCacheControl(hostile);
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
});
