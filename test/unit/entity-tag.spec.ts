import { type EntityTag, formatEntityTag, parseEntityTag, strongMatch, weakMatch } from '../../lib/http/entity-tag.js';

const INVALID_OPAQUE =
  /is not a valid opaque-tag; expected characters %x21 \/ %x23-7E \/ obs-text \(RFC 9110 §8\.8\.3\)/;

describe('formatEntityTag (RFC 9110 §8.8.3)', () => {
  describe('strong tags', () => {
    it('wraps the opaque-tag in DQUOTEs', () => {
      expect(formatEntityTag('abc')).toBe('"abc"');
      expect(formatEntityTag('abc', false)).toBe('"abc"');
    });

    it('accepts an empty opaque-tag (*etagc allows zero characters)', () => {
      expect(formatEntityTag('')).toBe('""');
    });

    it('accepts every etagc boundary character (%x21, %x23, %x7E, obs-text)', () => {
      expect(formatEntityTag('!#~\x80\xff')).toBe('"!#~\x80\xff"');
    });
  });

  describe('weak tags (RFC 9110 §8.8.3 weak = %s"W/")', () => {
    it('prefixes a case-sensitive W/', () => {
      expect(formatEntityTag('abc', true)).toBe('W/"abc"');
    });
  });

  describe('invalid opaque-tags throw TypeError', () => {
    it('rejects a space', () => {
      expect(() => formatEntityTag('a b')).toThrow(TypeError);
      expect(() => formatEntityTag('a b')).toThrow('entity tag: "a b" is not a valid opaque-tag');
    });

    it('rejects a DQUOTE', () => {
      expect(() => formatEntityTag('a"b', true)).toThrow(TypeError);
      expect(() => formatEntityTag('a"b', true)).toThrow(INVALID_OPAQUE);
    });

    it('rejects control characters (tab, newline, NUL, DEL)', () => {
      for (const bad of ['a\tb', 'a\nb', 'a\u0000b', 'a\x7fb']) {
        expect(() => formatEntityTag(bad)).toThrow(TypeError);
        expect(() => formatEntityTag(bad)).toThrow(INVALID_OPAQUE);
      }
    });

    it('rejects characters above obs-text (%xFF)', () => {
      expect(() => formatEntityTag('a\u20acb')).toThrow(INVALID_OPAQUE);
    });

    it('rejects a non-string, naming the value it got', () => {
      expect(() => formatEntityTag(42 as unknown as string)).toThrow(TypeError);
      expect(() => formatEntityTag(42 as unknown as string)).toThrow('entity tag: number 42 is not a valid opaque-tag');
      expect(() => formatEntityTag(undefined as unknown as string)).toThrow(TypeError);
    });
  });
});

describe('parseEntityTag (RFC 9110 §8.8.3)', () => {
  describe('valid tags', () => {
    it('parses a strong tag', () => {
      expect(parseEntityTag('"xyzzy"')).toEqual({ weak: false, opaque: 'xyzzy' });
    });

    it('parses a weak tag', () => {
      expect(parseEntityTag('W/"xyzzy"')).toEqual({ weak: true, opaque: 'xyzzy' });
    });

    it('parses an empty opaque-tag, strong and weak', () => {
      expect(parseEntityTag('""')).toEqual({ weak: false, opaque: '' });
      expect(parseEntityTag('W/""')).toEqual({ weak: true, opaque: '' });
    });

    it('trims surrounding whitespace', () => {
      expect(parseEntityTag('  \t"abc" \t')).toEqual({ weak: false, opaque: 'abc' });
      expect(parseEntityTag(' W/"abc" ')).toEqual({ weak: true, opaque: 'abc' });
    });

    it('round-trips formatEntityTag', () => {
      expect(parseEntityTag(formatEntityTag('r-1_A', true))).toEqual({ weak: true, opaque: 'r-1_A' });
    });
  });

  describe('invalid tags return undefined', () => {
    it.each<[string, string[]]>([
      ['rejects a lowercase w/ (the weak indicator is case-sensitive)', ['w/"x"']],
      ['rejects an unquoted tag', ['abc', 'W/abc']],
      ['rejects a missing opening or closing quote', ['"abc', 'abc"', '"', 'W/"']],
      ['rejects a DQUOTE inside the opaque-tag', ['"a"b"']],
      ['rejects a space inside the opaque-tag or after W/', ['"a b"', 'W/ "a"']],
      ['rejects the empty string and a list', ['', '"a", "b"']],
    ])('%s', (_title, texts) => {
      for (const text of texts) expect([text, parseEntityTag(text)]).toEqual([text, undefined]);
    });
  });
});

describe('comparison (RFC 9110 §8.8.3.2)', () => {
  const tag = (weak: boolean, opaque: string): EntityTag => ({ weak, opaque });

  // The example table of RFC 9110 §8.8.3.2.
  const table = [
    { pair: 'W/"1" vs W/"1"', a: tag(true, '1'), b: tag(true, '1'), strong: false, weak: true },
    { pair: 'W/"1" vs W/"2"', a: tag(true, '1'), b: tag(true, '2'), strong: false, weak: false },
    { pair: 'W/"1" vs "1"', a: tag(true, '1'), b: tag(false, '1'), strong: false, weak: true },
    { pair: '"1" vs "1"', a: tag(false, '1'), b: tag(false, '1'), strong: true, weak: true },
  ];

  describe.each([
    { kind: 'strong', match: strongMatch },
    { kind: 'weak', match: weakMatch },
  ] as const)('$kind comparison (RFC 9110 §8.8.3.2)', ({ kind, match }) => {
    it.each(table)(`$pair: ${kind} match is $${kind}`, (row) => {
      expect(match(row.a, row.b)).toBe(row[kind]);
      expect(match(row.b, row.a)).toBe(row[kind]);
    });

    if (kind === 'strong') {
      it('does not match two different strong tags', () => {
        expect(strongMatch(tag(false, '1'), tag(false, '2'))).toBe(false);
      });
    } else {
      it('compares opaque-tags case-sensitively', () => {
        expect(weakMatch(tag(false, 'abc'), tag(false, 'ABC'))).toBe(false);
      });
    }
  });
});
