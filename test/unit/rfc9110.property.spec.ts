/**
 * Property tests of the RFC core, each against a reference written here
 * from the RFC 9110 grammar and rules alone, never calling the code under
 * test: the references read the ABNF as regular expressions and do their
 * calendar arithmetic with `Date`, where lib/http scans by hand.
 */
import fc from 'fast-check';
import { NEAR_LIMIT, parseConditionList } from '../../lib/http/condition-list.js';
import type { EntityTag } from '../../lib/http/entity-tag.js';
import { formatHttpDate, parseHttpDate } from '../../lib/http/http-date.js';
import { evaluatePreconditions, judgeConditions, parseConditions } from '../../lib/http/preconditions.js';

// Enough cases to reach the corners, few enough for a second or two in all.
const RUNS = { numRuns: 1500 };

type FieldValue = string | string[];

/** Several field lines of one field are one list, joined with commas (§5.3). */
const combined = (value: FieldValue): string => (typeof value === 'string' ? value : value.join(', '));

// ---------------------------------------------------------------------------
// If-Match / If-None-Match = "*" / #entity-tag  (§13.1.1, §13.1.2, §8.8.3, §5.6.1.2)

const OWS = '[ \\t]*';
const ETAGC = '[\\x21\\x23-\\x7e\\x80-\\xff]';
const ENTITY_TAG = `(?:W/)?"${ETAGC}*"`;
// A recipient's #element: [ element ] *( OWS "," OWS [ element ] ), with the
// field's own OWS around it, written so that no two OWS touch (no backtracking).
const TAG_LIST = new RegExp(`^${OWS}(?:${ENTITY_TAG}${OWS})?(?:,${OWS}(?:${ENTITY_TAG}${OWS})?)*$`);
const STAR = new RegExp(`^${OWS}\\*${OWS}$`);
const EACH_TAG = new RegExp(`(W/)?"(${ETAGC}*)"`, 'g');

type ReferenceList = { kind: 'any' } | { kind: 'tags'; tags: EntityTag[] } | 'malformed';

function referenceConditionList(value: FieldValue): ReferenceList {
  const text = combined(value);
  if (STAR.test(text)) return { kind: 'any' };
  if (!TAG_LIST.test(text)) return 'malformed';
  // The whole value is tags between OWS and commas: each match is the next tag.
  return { kind: 'tags', tags: [...text.matchAll(EACH_TAG)].map((m) => ({ weak: m[1] !== undefined, opaque: m[2] })) };
}

const etagc = fc.oneof(
  fc.constantFrom('a', '1', '!', '#', '~', ',', 'W', '/', '*', '\x80', '\xe9', '\xff'),
  fc.integer({ min: 0x21, max: 0xff }).map((code) => String.fromCharCode(code === 0x22 || code === 0x7f ? 0x21 : code)),
);
const ows = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 2 });
const listElement = fc
  .oneof(
    { weight: 12, arbitrary: fc.tuple(fc.boolean(), fc.string({ unit: etagc, maxLength: 5 })) },
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant('*') },
    // Near misses: the wrong case, no quotes, a space, DEL, NUL, a character above obs-text.
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'abc',
        'w/"a"',
        'W/a',
        '"a',
        'a"',
        '"a b"',
        '"\x7f"',
        '"\x00"',
        '"\u0100"',
        'W/ "a"',
        '""x',
        '**',
        'W/',
        '\n',
        ';',
      ),
    },
  )
  .map((element) => (typeof element === 'string' ? element : `${element[0] ? 'W/' : ''}"${element[1]}"`));
const listSeparator = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(ows, ows).map(([before, after]) => `${before},${after}`) },
  { weight: 1, arbitrary: ows },
  { weight: 1, arbitrary: fc.constantFrom(';', '\n,', ',\r') },
);
const listLine = fc
  .tuple(ows, fc.array(fc.tuple(listElement, listSeparator), { maxLength: 5 }), listElement, ows)
  .map(([lead, pairs, last, trail]) => lead + pairs.map(([element, sep]) => element + sep).join('') + last + trail);
const conditionValue: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 5, arbitrary: listLine },
  { weight: 1, arbitrary: fc.tuple(ows, ows).map(([before, after]) => `${before}*${after}`) },
  { weight: 2, arbitrary: fc.array(listLine, { minLength: 1, maxLength: 3 }) },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom('"', 'W', '/', ',', ' ', '\t', '*', 'a', '\x80', '\xff', '\x00', '\u0100', 'w'),
      maxLength: 16,
    }),
  },
);

/** A malformed result's near is a bounded excerpt of the value, marked when cut. */
function expectBoundedNear(near: string, text: string): void {
  expect(near.length).toBeLessThanOrEqual(NEAR_LIMIT + 1);
  if (near.length === NEAR_LIMIT + 1) {
    expect(near.endsWith('…')).toBe(true);
    expect(text).toContain(near.slice(0, -1));
  } else {
    expect(text).toContain(near);
  }
}

describe('parseConditionList against the grammar (RFC 9110 §13.1.1, §13.1.2)', () => {
  it('yields exactly the list the grammar defines, or malformed, and never throws', () => {
    fc.assert(
      fc.property(conditionValue, (value) => {
        const actual = parseConditionList(value);
        const expected = referenceConditionList(value);
        if (expected === 'malformed') {
          expect(actual?.kind).toBe('malformed');
          if (actual?.kind === 'malformed') expectBoundedNear(actual.near, combined(value));
        } else {
          expect(actual).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('quotes at most 200 characters of a long malformed value', () => {
    const long = fc.tuple(fc.constantFrom('x', '*, ', '"a" "b'), fc.string({ unit: 'binary-ascii', maxLength: 600 }));
    fc.assert(
      fc.property(long, ([head, tail]) => {
        const actual = parseConditionList(head + tail);
        expect(actual?.kind).toBe('malformed');
        if (actual?.kind === 'malformed') expectBoundedNear(actual.near, head + tail);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// HTTP-date = IMF-fixdate / obs-date  (§5.6.7)

const DAY = '(?<dayName>Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_L = '(?<dayName>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '(?<hour>\\d\\d):(?<minute>\\d\\d):(?<second>\\d\\d)';
const IMF_FIXDATE = new RegExp(`^${DAY}, (?<day>\\d\\d) ${MONTH} (?<year>\\d{4}) ${TIME} GMT$`);
const RFC850_DATE = new RegExp(`^${DAY_L}, (?<day>\\d\\d)-${MONTH}-(?<yy>\\d\\d) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} (?<day>\\d\\d| \\d) ${TIME} (?<year>\\d{4})$`);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Civil {
  year: number;
  month: number; // 0-11
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The parts of a Date, in UTC. */
function civilOf(date: Date): Civil {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth(),
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/** Midnight UTC of a day, by Date (which would read years 0-99 as 19xx through Date.UTC). */
function midnight(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/**
 * The epoch seconds of a date, or undefined when it is not one: the time
 * outside 00:00:00-23:59:60 with 60 only as the leap second 23:59:60, the day
 * not in the month, or the day name not the date's.
 */
function referenceInstant(dayName: number, { year, month, day, hour, minute, second }: Civil): number | undefined {
  if (hour > 23 || minute > 59 || second > 60 || (second === 60 && (hour !== 23 || minute !== 59))) return undefined;
  const date = midnight(year, month, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined;
  if (date.getUTCDay() !== dayName) return undefined;
  return date.getTime() / 1000 + hour * 3600 + minute * 60 + second;
}

/** §5.6.7: more than 50 years in the future means the most recent past year with those two digits. */
function referenceRfc850Year(twoDigits: number, civil: Omit<Civil, 'year'>, now: Date): number {
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  const candidate = midnight(century + twoDigits, civil.month, civil.day);
  candidate.setUTCHours(civil.hour, civil.minute, civil.second);
  const fiftyYearsOn = new Date(now.getTime());
  fiftyYearsOn.setUTCFullYear(now.getUTCFullYear() + 50);
  return candidate.getTime() > fiftyYearsOn.getTime() ? century + twoDigits - 100 : century + twoDigits;
}

function referenceHttpDate(value: FieldValue, now: Date): number | undefined {
  // One date only: several field lines are a list (§13.1.3, §13.1.4).
  if (typeof value !== 'string') return value.length === 1 ? referenceHttpDate(value[0], now) : undefined;
  const text = value.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  for (const form of [IMF_FIXDATE, RFC850_DATE, ASCTIME_DATE]) {
    const parts = form.exec(text)?.groups;
    if (parts === undefined) continue;
    const { dayName, day, month, year, yy, hour, minute, second } = parts;
    const civil = { month: MONTHS.indexOf(month), day: +day, hour: +hour, minute: +minute, second: +second };
    if (yy === undefined) return referenceInstant(DAYS.indexOf(dayName), { ...civil, year: +year });
    return referenceInstant(LONG_DAYS.indexOf(dayName), { ...civil, year: referenceRfc850Year(+yy, civil, now) });
  }
  return undefined;
}

type DateForm = 'imf' | 'rfc850' | 'asctime';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Writes a date in one of the three forms, out-of-range parts and all. */
function renderDate(form: DateForm, c: Civil, dayName: number, zeroPadDay = false): string {
  const time = `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
  if (form === 'imf') return `${DAYS[dayName]}, ${pad(c.day, 2)} ${MONTHS[c.month]} ${pad(c.year, 4)} ${time} GMT`;
  if (form === 'rfc850') {
    return `${LONG_DAYS[dayName]}, ${pad(c.day, 2)}-${MONTHS[c.month]}-${pad(c.year % 100, 2)} ${time} GMT`;
  }
  const day = c.day < 10 && !zeroPadDay ? ` ${c.day}` : pad(c.day, 2);
  return `${DAYS[dayName]} ${MONTHS[c.month]} ${day} ${time} ${pad(c.year, 4)}`;
}

const mostly = (likely: fc.Arbitrary<number>, edges: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 6, arbitrary: likely }, { weight: 1, arbitrary: edges });
const civilDate: fc.Arbitrary<Civil> = fc.record({
  year: mostly(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
  month: fc.integer({ min: 0, max: 11 }),
  day: mostly(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 32 })),
  hour: mostly(fc.integer({ min: 0, max: 23 }), fc.constantFrom(23, 24)),
  minute: mostly(fc.integer({ min: 0, max: 59 }), fc.constantFrom(59, 60)),
  second: mostly(fc.integer({ min: 0, max: 59 }), fc.constantFrom(59, 60, 61)),
});
const clockDate = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2200-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/** A date in a random form whose day name is, most of the time, the right one for `now`. */
const dateText = fc
  .record({
    form: fc.constantFrom<DateForm>('imf', 'rfc850', 'asctime'),
    civil: civilDate,
    wrongDay: mostly(fc.constant(0), fc.integer({ min: 1, max: 6 })),
    zeroPadDay: fc.boolean(),
    now: clockDate,
    // Sometimes a two-digit year within seconds of 50 years from now, where it turns a century.
    fiftyYearsOn: mostly(fc.constant(NaN), fc.integer({ min: -2, max: 2 })),
  })
  .map(({ form, civil, wrongDay, zeroPadDay, now, fiftyYearsOn }) => {
    if (form === 'rfc850' && !Number.isNaN(fiftyYearsOn)) {
      const near = new Date(now.getTime());
      near.setUTCFullYear(now.getUTCFullYear() + 50);
      near.setUTCSeconds(near.getUTCSeconds() + fiftyYearsOn);
      civil = { ...civil, ...civilOf(near) };
    }
    const year = form === 'rfc850' ? referenceRfc850Year(civil.year % 100, civil, now) : civil.year;
    const dayName = (midnight(year, civil.month, civil.day).getUTCDay() + wrongDay) % 7;
    return { text: renderDate(form, { ...civil, year }, dayName, zeroPadDay), now };
  });

const dateChars = fc.constantFrom(...'SunModay, 0123456789:-GMTJanNov \tx\n\u00a0'.split(''));
// OWS, and whitespace that is not OWS (§5.6.3).
const spaces = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\u00a0'), minLength: 1, maxLength: 2 });
/** The same date spoiled or wrapped as a field value: whitespace, case, one character changed, a list. */
const dateValue: fc.Arbitrary<{ value: FieldValue; now: Date }> = fc
  .tuple(dateText, fc.nat(), dateChars, fc.integer({ min: 0, max: 10 }), spaces)
  .map(([{ text, now }, at, char, how, space]) => {
    const i = at % (text.length + 1);
    const variants: FieldValue[] = [
      text,
      text,
      text,
      ` \t${text}\t `,
      at % 2 ? `${space}${text}` : `${text}${space}`,
      text.toLowerCase(),
      text.slice(0, i) + char + text.slice(i + 1),
      text.slice(0, i) + char + text.slice(i),
      `${text}, ${text}`,
      [text],
      [text, text],
    ];
    return { value: variants[how], now };
  });
const dateGarbage = fc.record({ value: fc.string({ unit: dateChars, maxLength: 32 }), now: clockDate });

describe('parseHttpDate against the grammar (RFC 9110 §5.6.7)', () => {
  it('yields exactly the instant the grammar defines, or undefined, and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: dateValue }, { weight: 1, arbitrary: dateGarbage }),
        ({ value, now }) => {
          expect(parseHttpDate(value, now)).toBe(referenceHttpDate(value, now));
        },
      ),
      RUNS,
    );
  });

  it('reads back every second formatHttpDate writes, 0000 to 9999', () => {
    const seconds = fc.integer({ min: -62167219200, max: 253402300799 });
    fc.assert(
      fc.property(seconds, fc.double({ min: 0, max: 0.999, noNaN: true }), (whole, fraction) => {
        expect(referenceHttpDate(formatHttpDate(whole + fraction), new Date())).toBe(whole);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------
// The order of evaluation, §13.2.2 (with §13.2.1, §13.1.1-4 and RFC 6585 §3)

// Last modification dates in seconds around this instant: Sun, 06 Nov 1994 08:49:37 GMT.
const T0 = 784111777;
const NOW = new Date('2026-06-15T12:00:00Z');

type TagHeader =
  | { kind: 'absent' }
  | { kind: 'any'; value: FieldValue }
  | { kind: 'tags'; tags: EntityTag[]; value: FieldValue }
  | { kind: 'malformed'; value: FieldValue };
type DateHeader =
  { kind: 'absent' } | { kind: 'date'; seconds: number; value: FieldValue } | { kind: 'ignored'; value: FieldValue };

interface Scenario {
  method: string;
  requireIfMatch: boolean;
  current: EntityTag | undefined;
  lastModified: number | undefined;
  ifMatch: TagHeader;
  ifNoneMatch: TagHeader;
  ifUnmodifiedSince: DateHeader;
  ifModifiedSince: DateHeader;
}

const smallTag = fc.record({ weak: fc.boolean(), opaque: fc.constantFrom('1', '2', '3') });
const tagHeader: fc.Arbitrary<TagHeader> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'absent' as const }) },
  { weight: 1, arbitrary: fc.constantFrom<TagHeader>({ kind: 'any', value: '*' }, { kind: 'any', value: [' * '] }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(smallTag, { maxLength: 3 }), fc.constantFrom(', ', ',', ' ,\t', ', , '), fc.boolean())
      .map(([tags, separator, asLines]): TagHeader => {
        const written = tags.map((t) => `${t.weak ? 'W/' : ''}"${t.opaque}"`);
        return { kind: 'tags', tags, value: asLines && written.length > 0 ? written : written.join(separator) };
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<FieldValue>('abc123', '"1" "2"', 'W/1', 'w/"1"', '"1', '*, "1"', '*,*', ['*', '*'], ['"1"', '*'])
      .map((value): TagHeader => ({ kind: 'malformed', value })),
  },
);

const dateHeader: fc.Arbitrary<DateHeader> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'absent' as const }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.integer({ min: -2, max: 2 }), fc.constantFrom<DateForm>('imf', 'rfc850', 'asctime'))
      .map(([offset, form]): DateHeader => {
        const date = new Date((T0 + offset) * 1000);
        return { kind: 'date', seconds: T0 + offset, value: renderDate(form, civilOf(date), date.getUTCDay()) };
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<FieldValue>(
        'yesterday',
        'Mon, 06 Nov 1994 08:49:37 GMT', // the wrong day name
        'sun, 06 Nov 1994 08:49:37 GMT',
        'Sun, 06 Nov 1994 08:49:37 UTC',
        'Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT',
        ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 GMT'],
      )
      .map((value): DateHeader => ({ kind: 'ignored', value })),
  },
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE'),
  requireIfMatch: fc.constantFrom(false, false, false, true),
  current: fc.option(smallTag, { nil: undefined }),
  lastModified: fc.option(
    fc
      .tuple(fc.integer({ min: -2, max: 2 }), fc.constantFrom(0, 0, 0.5))
      .map(([offset, fraction]) => T0 + offset + fraction),
    { nil: undefined },
  ),
  ifMatch: tagHeader,
  ifNoneMatch: tagHeader,
  ifUnmodifiedSince: dateHeader,
  ifModifiedSince: dateHeader,
});

const sent = (header: TagHeader | DateHeader): FieldValue | undefined =>
  header.kind === 'absent' ? undefined : header.value;

/** RFC 9110 §13.2.2 read step by step, on what each header means rather than on its text. */
function referenceOutcome(s: Scenario): object {
  const safe = s.method === 'GET' || s.method === 'HEAD';
  // RFC 6585 §3: a write on such a route must carry If-Match, or If-None-Match: * to create.
  if (s.requireIfMatch && !safe && s.ifMatch.kind === 'absent' && s.ifNoneMatch.kind !== 'any') {
    return { status: 'precondition-required' };
  }
  // §15.5.1: a condition nobody can read; If-None-Match on GET/HEAD is then ignored instead.
  if (s.ifMatch.kind === 'malformed') return { status: 'malformed', header: 'If-Match' };
  if (s.ifNoneMatch.kind === 'malformed' && !safe) return { status: 'malformed', header: 'If-None-Match' };
  // §13.2.1: without the resource, only a method that can create it answers 2xx or 412.
  const current = s.current;
  if (current === undefined && s.method !== 'PUT' && s.method !== 'POST') return { status: 'proceed' };
  // §13.1.3, §13.1.4: no representation, no modification date; dates compare to the second.
  const modified = current !== undefined && s.lastModified !== undefined ? Math.floor(s.lastModified) : undefined;

  // Step 1: If-Match, strong comparison (§13.1.1, §8.8.3.2).
  if (s.ifMatch.kind !== 'absent') {
    const tags = s.ifMatch.kind === 'tags' ? s.ifMatch.tags : [];
    const matches =
      current !== undefined &&
      (s.ifMatch.kind === 'any' || tags.some((t) => !t.weak && !current.weak && t.opaque === current.opaque));
    if (!matches) {
      const weakOnly = tags.length > 0 && tags.every((t) => t.weak);
      return weakOnly
        ? { status: 'precondition-failed', header: 'If-Match', weakTags: true }
        : { status: 'precondition-failed', header: 'If-Match' };
    }
  }
  // Step 2: If-Unmodified-Since when If-Match is absent (§13.1.4).
  if (s.ifMatch.kind === 'absent' && s.ifUnmodifiedSince.kind === 'date' && modified !== undefined) {
    if (!(modified <= s.ifUnmodifiedSince.seconds)) {
      return { status: 'precondition-failed', header: 'If-Unmodified-Since' };
    }
  }
  // Step 3: If-None-Match, weak comparison (§13.1.2).
  if (s.ifNoneMatch.kind === 'any' || s.ifNoneMatch.kind === 'tags') {
    const none = s.ifNoneMatch;
    const matches =
      current !== undefined && (none.kind === 'any' || none.tags.some((t) => t.opaque === current.opaque));
    if (matches) return safe ? { status: 'not-modified' } : { status: 'precondition-failed', header: 'If-None-Match' };
  }
  // Step 4: If-Modified-Since on GET/HEAD when the request has no If-None-Match at all (§13.1.3).
  if (safe && s.ifNoneMatch.kind === 'absent' && s.ifModifiedSince.kind === 'date' && modified !== undefined) {
    if (modified <= s.ifModifiedSince.seconds) return { status: 'not-modified' };
  }
  // Step 5.
  return { status: 'proceed' };
}

describe('evaluatePreconditions against RFC 9110 §13.2.2', () => {
  it('decides every combination of the four conditions as the RFC orders them, and never throws', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const request = {
          method: s.method,
          requireIfMatch: s.requireIfMatch,
          ifMatch: sent(s.ifMatch),
          ifNoneMatch: sent(s.ifNoneMatch),
          ifUnmodifiedSince: sent(s.ifUnmodifiedSince),
          ifModifiedSince: sent(s.ifModifiedSince),
          now: NOW,
        };
        const outcome = evaluatePreconditions({ ...request, current: s.current, lastModified: s.lastModified });
        // near is the parser's excerpt, checked above; the decision is the reference's.
        const expected = referenceOutcome(s);
        expect(outcome).toEqual(outcome.status === 'malformed' ? { ...expected, near: outcome.near } : expected);
        // Parsing once and judging later decides the same.
        expect(judgeConditions(parseConditions(request), s.current, s.lastModified)).toEqual(outcome);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------
// A long If-None-Match costs time in proportion to its length.

describe('a pathological If-None-Match is parsed and judged in linear time', () => {
  // Each builds a value of about `size` characters.
  const shapes: Record<string, (size: number) => string> = {
    'many tags': (size) => '"abcdef", '.repeat(size / 10),
    'many weak empty tags': (size) => 'W/"",'.repeat(size / 5),
    'empty elements and OWS': (size) => ' ,\t'.repeat(size / 3) + '"a"',
    'one unterminated tag': (size) => `"${'a'.repeat(size - 1)}`,
    'near-identical tags': (size) => `"${'x'.repeat(98)}0", `.repeat(size / 103),
  };
  const current: EntityTag = { weak: false, opaque: `${'x'.repeat(98)}1` };

  function judge(value: string, tag: EntityTag): void {
    judgeConditions(parseConditions({ method: 'GET', ifNoneMatch: value }), tag);
  }

  /** The fastest of a few rounds of `runs` calls, in milliseconds per call: the least disturbed by other work. */
  function timePerCall(value: string, runs: number): number {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) judge(value, current);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6 / runs);
    }
    return best;
  }

  it.each(Object.keys(shapes))('%s: compares each listed tag once', (shape) => {
    const value = shapes[shape](16 * 1024);
    let comparisons = 0;
    const counting = {
      weak: false,
      get opaque() {
        comparisons++;
        return current.opaque;
      },
    };
    judge(value, counting);
    const listed = parseConditionList(value);
    expect(comparisons).toBe(listed?.kind === 'tags' ? listed.tags.length : 0);
  });

  it.each(Object.keys(shapes))('%s: 16 KB takes well under 1 ms more per KB than 4 KB', (shape) => {
    const small = shapes[shape](4 * 1024);
    const large = shapes[shape](16 * 1024);
    expect(large.length).toBeGreaterThanOrEqual(15 * 1024);
    timePerCall(large, 5); // warm up
    const growthPerKb = (timePerCall(large, 20) - timePerCall(small, 20)) / 12;
    // Linear work costs about a microsecond per KB here; a quadratic scan of
    // 16 KB would cost milliseconds. 1 ms per KB leaves room for a busy machine.
    expect(growthPerKb).toBeLessThan(1);
  });
});
