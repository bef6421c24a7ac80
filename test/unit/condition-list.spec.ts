import { excerpt, NEAR_LIMIT, parseConditionList } from '../../lib/http/condition-list.js';

const strong = (opaque: string) => ({ weak: false, opaque });
const weak = (opaque: string) => ({ weak: true, opaque });
const tags = (...list: Array<{ weak: boolean; opaque: string }>) => ({ kind: 'tags', tags: list });
const malformed = (near: string) => ({ kind: 'malformed', near });

/** One test a row: each of its field values parses to what the row says. */
function parses(
  rows: ReadonlyArray<readonly [title: string, cases: ReadonlyArray<readonly [string | string[], object]>]>,
) {
  it.each(rows)('%s', (_title, cases) => {
    for (const [value, parsed] of cases) expect([value, parseConditionList(value)]).toEqual([value, parsed]);
  });
}

describe('parseConditionList (RFC 9110 §13.1.1, §13.1.2)', () => {
  describe('absent header', () => {
    it('returns undefined', () => {
      expect(parseConditionList(undefined)).toBeUndefined();
    });
  });

  describe('"*" (any current representation)', () => {
    parses([
      ['parses a lone *', [['*', { kind: 'any' }]]],
      ['accepts * surrounded by OWS', [[' \t* ', { kind: 'any' }]]],
      [
        'accepts * as the one field line of an array',
        [
          [['*'], { kind: 'any' }],
          [[' * '], { kind: 'any' }],
        ],
      ],
    ]);
  });

  describe('a single entity tag', () => {
    parses([
      ['parses a strong tag', [['"xyzzy"', tags(strong('xyzzy'))]]],
      ['parses a weak tag', [['W/"xyzzy"', tags(weak('xyzzy'))]]],
      ['parses an empty opaque-tag', [['""', tags(strong(''))]]],
    ]);
  });

  describe('#entity-tag lists (RFC 9110 §5.6.1)', () => {
    parses([
      [
        'parses a comma-separated list with OWS (spaces and tabs)',
        [[' "a" ,\tW/"b"\t,  "c"', tags(strong('a'), weak('b'), strong('c'))]],
      ],
      ['parses a list without any OWS', [['"a","b"', tags(strong('a'), strong('b'))]]],
      ['skips empty list elements (RFC 9110 §5.6.1.2)', [[', , "a",, "b" ,', tags(strong('a'), strong('b'))]]],
      [
        'keeps a comma inside an opaque-tag (the value is scanned, not split)',
        [['"a,b", "c"', tags(strong('a,b'), strong('c'))]],
      ],
      ['keeps duplicate tags in order', [['"a", "a"', tags(strong('a'), strong('a'))]]],
    ]);
  });

  describe('several field lines (RFC 9110 §5.3)', () => {
    parses([
      ['combines an array of field lines into one list', [[['"a"', '"b"'], tags(strong('a'), strong('b'))]]],
      [
        'combines field lines that are themselves lists',
        [[['"a", W/"b"', '"c"'], tags(strong('a'), weak('b'), strong('c'))]],
      ],
    ]);
  });

  describe('"*" beside anything (the grammar is "*" / #entity-tag: one * only, §13.1.1, §13.1.2)', () => {
    parses([
      [
        'rejects *,* and * repeated with OWS',
        [
          ['*,*', malformed('*,*')],
          ['* , *', malformed('* , *')],
        ],
      ],
      [
        'rejects * sent on several field lines (joined with commas, §5.3)',
        [
          [['*', '*'], malformed('*, *')],
          [['*', '*', '*'], malformed('*, *, *')],
        ],
      ],
      [
        'rejects * beside empty list elements (* is no list element)',
        [
          ['*,', malformed('*,')],
          [', *', malformed('*')],
          [['', '*'], malformed('*')],
        ],
      ],
      [
        'rejects * mixed with an entity tag, either side',
        [
          ['*, "a"', malformed('*, "a"')],
          ['"a", *', malformed('*')],
          [['"a"', '*'], malformed('*')],
          ['W/"a",*,"b"', malformed('*,"b"')],
        ],
      ],
      [
        'rejects * followed by whitespace that is not OWS',
        [
          ['*\n', malformed('*')],
          ['\n*', malformed('*')],
        ],
      ],
    ]);
  });

  describe('malformed values', () => {
    parses([
      [
        'rejects an unquoted tag, with the text where parsing stopped',
        [
          ['abc123', malformed('abc123')],
          ['"a", abc123', malformed('abc123')],
        ],
      ],
      ['rejects W/ followed by an unquoted tag', [['W/abc', malformed('W/abc')]]],
      ['rejects a lowercase w/', [['w/"a"', malformed('w/"a"')]]],
      ['rejects two tags without a comma between them', [['"a" "b"', malformed('"b"')]]],
      ['rejects an unterminated opaque-tag', [['"a", "b', malformed('"b')]]],
      [
        'rejects a space or DQUOTE inside an opaque-tag',
        [
          ['"a b"', malformed('"a b"')],
          ['"a"b"', malformed('b"')],
        ],
      ],
      ['rejects text right after *', [['*abc', malformed('*abc')]]],
      [
        'reads an empty value or one of only commas as a list of no tags (§5.6.1: a #rule may be empty)',
        [
          ['', tags()],
          ['  ', tags()],
          [', ,', tags()],
        ],
      ],
    ]);
  });

  describe('the near excerpt is bounded (a 400 never echoes a long header back)', () => {
    const bad = 'x'.repeat(NEAR_LIMIT);

    it(`quotes up to ${NEAR_LIMIT} characters as they are`, () => {
      expect(NEAR_LIMIT).toBe(200);
      expect(parseConditionList(`"a", ${bad}`)).toEqual(malformed(bad));
    });

    it('cuts a longer one to its first 200 characters followed by …', () => {
      expect(parseConditionList(`"a", ${bad}y`)).toEqual(malformed(`${bad}…`));
      const near = parseConditionList(`*, ${'"a", '.repeat(5000)}`);
      expect(near).toEqual(malformed(`*, ${'"a", '.repeat(39)}"a…`));
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
