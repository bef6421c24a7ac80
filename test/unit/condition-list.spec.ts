import { excerpt, NEAR_LIMIT, parseConditionList } from '../../lib/http/condition-list.js';

describe('parseConditionList (RFC 9110 §13.1.1, §13.1.2)', () => {
  describe('absent header', () => {
    it('returns undefined', () => {
      expect(parseConditionList(undefined)).toBeUndefined();
    });
  });

  describe('"*" (any current representation)', () => {
    it('parses a lone *', () => {
      expect(parseConditionList('*')).toEqual({ kind: 'any' });
    });

    it('accepts * surrounded by OWS', () => {
      expect(parseConditionList(' \t* ')).toEqual({ kind: 'any' });
    });

    it('accepts * as the one field line of an array', () => {
      expect(parseConditionList(['*'])).toEqual({ kind: 'any' });
      expect(parseConditionList([' * '])).toEqual({ kind: 'any' });
    });
  });

  describe('a single entity tag', () => {
    it('parses a strong tag', () => {
      expect(parseConditionList('"xyzzy"')).toEqual({ kind: 'tags', tags: [{ weak: false, opaque: 'xyzzy' }] });
    });

    it('parses a weak tag', () => {
      expect(parseConditionList('W/"xyzzy"')).toEqual({ kind: 'tags', tags: [{ weak: true, opaque: 'xyzzy' }] });
    });

    it('parses an empty opaque-tag', () => {
      expect(parseConditionList('""')).toEqual({ kind: 'tags', tags: [{ weak: false, opaque: '' }] });
    });
  });

  describe('#entity-tag lists (RFC 9110 §5.6.1)', () => {
    it('parses a comma-separated list with OWS (spaces and tabs)', () => {
      expect(parseConditionList(' "a" ,\tW/"b"\t,  "c"')).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: true, opaque: 'b' },
          { weak: false, opaque: 'c' },
        ],
      });
    });

    it('parses a list without any OWS', () => {
      expect(parseConditionList('"a","b"')).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: false, opaque: 'b' },
        ],
      });
    });

    it('skips empty list elements (RFC 9110 §5.6.1.2)', () => {
      expect(parseConditionList(', , "a",, "b" ,')).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: false, opaque: 'b' },
        ],
      });
    });

    it('keeps a comma inside an opaque-tag (the value is scanned, not split)', () => {
      expect(parseConditionList('"a,b", "c"')).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a,b' },
          { weak: false, opaque: 'c' },
        ],
      });
    });

    it('keeps duplicate tags in order', () => {
      expect(parseConditionList('"a", "a"')).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: false, opaque: 'a' },
        ],
      });
    });
  });

  describe('several field lines (RFC 9110 §5.3)', () => {
    it('combines an array of field lines into one list', () => {
      expect(parseConditionList(['"a"', '"b"'])).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: false, opaque: 'b' },
        ],
      });
    });

    it('combines field lines that are themselves lists', () => {
      expect(parseConditionList(['"a", W/"b"', '"c"'])).toEqual({
        kind: 'tags',
        tags: [
          { weak: false, opaque: 'a' },
          { weak: true, opaque: 'b' },
          { weak: false, opaque: 'c' },
        ],
      });
    });
  });

  describe('"*" beside anything (the grammar is "*" / #entity-tag: one * only, §13.1.1, §13.1.2)', () => {
    it('rejects *,* and * repeated with OWS', () => {
      expect(parseConditionList('*,*')).toEqual({ kind: 'malformed', near: '*,*' });
      expect(parseConditionList('* , *')).toEqual({ kind: 'malformed', near: '* , *' });
    });

    it('rejects * sent on several field lines (joined with commas, §5.3)', () => {
      expect(parseConditionList(['*', '*'])).toEqual({ kind: 'malformed', near: '*, *' });
      expect(parseConditionList(['*', '*', '*'])).toEqual({ kind: 'malformed', near: '*, *, *' });
    });

    it('rejects * beside empty list elements (* is no list element)', () => {
      expect(parseConditionList('*,')).toEqual({ kind: 'malformed', near: '*,' });
      expect(parseConditionList(', *')).toEqual({ kind: 'malformed', near: '*' });
      expect(parseConditionList(['', '*'])).toEqual({ kind: 'malformed', near: '*' });
    });

    it('rejects * mixed with an entity tag, either side', () => {
      expect(parseConditionList('*, "a"')).toEqual({ kind: 'malformed', near: '*, "a"' });
      expect(parseConditionList('"a", *')).toEqual({ kind: 'malformed', near: '*' });
      expect(parseConditionList(['"a"', '*'])).toEqual({ kind: 'malformed', near: '*' });
      expect(parseConditionList('W/"a",*,"b"')).toEqual({ kind: 'malformed', near: '*,"b"' });
    });

    it('rejects * followed by whitespace that is not OWS', () => {
      expect(parseConditionList('*\n')).toEqual({ kind: 'malformed', near: '*' });
      expect(parseConditionList('\n*')).toEqual({ kind: 'malformed', near: '*' });
    });
  });

  describe('malformed values', () => {
    it('rejects an unquoted tag, with the text where parsing stopped', () => {
      expect(parseConditionList('abc123')).toEqual({ kind: 'malformed', near: 'abc123' });
      expect(parseConditionList('"a", abc123')).toEqual({ kind: 'malformed', near: 'abc123' });
    });

    it('rejects W/ followed by an unquoted tag', () => {
      expect(parseConditionList('W/abc')).toEqual({ kind: 'malformed', near: 'W/abc' });
    });

    it('rejects a lowercase w/', () => {
      expect(parseConditionList('w/"a"')).toEqual({ kind: 'malformed', near: 'w/"a"' });
    });

    it('rejects two tags without a comma between them', () => {
      expect(parseConditionList('"a" "b"')).toEqual({ kind: 'malformed', near: '"b"' });
    });

    it('rejects an unterminated opaque-tag', () => {
      expect(parseConditionList('"a", "b')).toEqual({ kind: 'malformed', near: '"b' });
    });

    it('rejects a space or DQUOTE inside an opaque-tag', () => {
      expect(parseConditionList('"a b"')).toEqual({ kind: 'malformed', near: '"a b"' });
      expect(parseConditionList('"a"b"')).toEqual({ kind: 'malformed', near: 'b"' });
    });

    it('rejects text right after *', () => {
      expect(parseConditionList('*abc')).toEqual({ kind: 'malformed', near: '*abc' });
    });

    it('reads an empty value or one of only commas as a list of no tags (§5.6.1: a #rule may be empty)', () => {
      expect(parseConditionList('')).toEqual({ kind: 'tags', tags: [] });
      expect(parseConditionList('  ')).toEqual({ kind: 'tags', tags: [] });
      expect(parseConditionList(', ,')).toEqual({ kind: 'tags', tags: [] });
    });
  });

  describe('the near excerpt is bounded (a 400 never echoes a long header back)', () => {
    const bad = 'x'.repeat(NEAR_LIMIT);

    it(`quotes up to ${NEAR_LIMIT} characters as they are`, () => {
      expect(NEAR_LIMIT).toBe(200);
      expect(parseConditionList(`"a", ${bad}`)).toEqual({ kind: 'malformed', near: bad });
    });

    it('cuts a longer one to its first 200 characters followed by …', () => {
      expect(parseConditionList(`"a", ${bad}y`)).toEqual({ kind: 'malformed', near: `${bad}…` });
      const near = parseConditionList(`*, ${'"a", '.repeat(5000)}`);
      expect(near).toEqual({ kind: 'malformed', near: `*, ${'"a", '.repeat(39)}"a…` });
    });
  });
});

describe('excerpt', () => {
  it('returns text of at most 200 characters unchanged', () => {
    expect(excerpt('')).toBe('');
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('a'.repeat(200))).toBe('a'.repeat(200));
  });

  it('cuts text of 201 characters or more to 200 followed by …', () => {
    expect(excerpt('a'.repeat(201))).toBe(`${'a'.repeat(200)}…`);
    expect(excerpt('b'.repeat(16384))).toBe(`${'b'.repeat(200)}…`);
  });

  it('never splits a UTF-16 surrogate pair: cuts before it, at 199', () => {
    expect(excerpt(`${'a'.repeat(199)}😀tail`)).toBe(`${'a'.repeat(199)}…`);
    expect(excerpt(`${'a'.repeat(198)}😀tail`)).toBe(`${'a'.repeat(198)}😀…`);
  });
});
