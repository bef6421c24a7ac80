/**
 * Seeded random values for the HTTP fuzz: condition field values (entity-tag
 * lists, `*`, HTTP dates in the three forms of RFC 9110 §5.6.7, garbage,
 * long values) and request bodies. Every value says what is known of it, so
 * the oracle can judge the answer; nothing here knows the code under test.
 */

/** mulberry32: a small seeded generator, the same numbers for the same seed on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the choices, each as likely as its weight; only the chosen one is made. */
  weighted<T>(choices: readonly (readonly [number, () => T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, make] of choices) {
      roll -= weight;
      if (roll < 0) return make();
    }
    return choices[choices.length - 1]![1]();
  }

  /** `length` characters, each picked from `alphabet`. */
  string(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(this.next() * alphabet.length)];
    return text;
  }
}

// ---------------------------------------------------------------------------
// Entity tags and their lists (RFC 9110 §8.8.3, §13.1.1, §13.1.2, §5.6.1)

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// etagc = %x21 / %x23-7E / obs-text: the odd ones, and obs-text bytes (sent as Latin-1).
const ODD_ETAGC = "!#$%&'()*+,-./:;<=>?@[\\]^`{|}~W\x80\x9f\xa0\xe9\xff";
/** What a field value may hold and still be sent: HTAB, SP, VCHAR and obs-text (no CR, LF, NUL or DEL). */
const FIELD_CHARS = `${BASE64URL} \t"',;*/=W\\!#$%&()+<>?@[]^\`{|}~:\x80\x85\xa0\xc3\xa9\xff`;
const OWS = ['', '', '', ' ', '  ', '\t', ' \t '];

/** The tags a condition may name, as opaque-tags (without quotes). */
export interface TagChoices {
  /** The target's current tag; `undefined` when it does not exist. */
  readonly current: string | undefined;
  /** Tags it had before: a write under one of them is a lost update. */
  readonly stale: readonly string[];
  /** Tags of other resources. */
  readonly other: readonly string[];
}

/** A condition field as sent: one value per field line. */
export interface FieldLines {
  readonly lines: readonly string[];
}

function ows(random: Random): string {
  return random.pick(OWS);
}

function randomOpaque(random: Random): string {
  return random.chance(0.7)
    ? random.string(BASE64URL, random.int(0, 27))
    : random.string(BASE64URL + ODD_ETAGC, random.int(1, 12));
}

/**
 * A content-coding suffix a compressor appends to a strong tag (RFC 9110
 * §8.8.3), or text that looks like one and is not a coding.
 */
const CODING_SUFFIXES = ['.gzip', '.br', '.deflate.br', '.zstd', '.x-gzip', '.GZIP', '.gz', '.br.', '.'];

function opaqueOf(random: Random, tags: TagChoices): string {
  return random.weighted<string>([
    [5, () => tags.current ?? randomOpaque(random)],
    [2, () => (tags.current ?? randomOpaque(random)) + random.pick(CODING_SUFFIXES)],
    [3, () => (tags.stale.length > 0 ? random.pick(tags.stale) : randomOpaque(random))],
    [1, () => (tags.other.length > 0 ? random.pick(tags.other) : randomOpaque(random))],
    [2, () => randomOpaque(random)],
    [1, () => ''],
  ]);
}

function entityTag(random: Random, tags: TagChoices): string {
  return `${random.chance(0.25) ? 'W/' : ''}"${opaqueOf(random, tags)}"`;
}

/** `#entity-tag` with OWS and empty elements: `count` elements, some of them empty. */
function tagList(random: Random, tags: TagChoices, count: number): string {
  const elements = Array.from({ length: count }, () => (random.chance(0.12) ? '' : entityTag(random, tags)));
  const lead = random.chance(0.1) ? `,${ows(random)}` : '';
  const tail = random.chance(0.1) ? `${ows(random)},` : '';
  return ows(random) + lead + elements.map((element) => element + ows(random)).join(`,${ows(random)}`) + tail;
}

/** Near misses of the grammar: each makes a list malformed wherever it stands. */
const NEAR_MISSES = [
  'abc',
  'w/"a"',
  'W/a',
  '"a',
  '"a b"',
  'W/ "a"',
  '""x',
  '**',
  'W/',
  ';',
  '"a";q=1',
  "'a'",
  // A coding suffix outside a tag, and C1 controls and the bytes of U+2028 and U+202E (as Latin-1) where a log line breaks.
  '.gzip"a"',
  '"a",.br"',
  'x\x85INFO forged',
  '\xe2\x80\xa8"a"',
  '"a"\xe2\x80\xae',
];

function malformedList(random: Random, tags: TagChoices): string {
  const elements = Array.from({ length: random.int(0, 3) }, () => entityTag(random, tags));
  elements.splice(random.int(0, elements.length), 0, random.pick([...NEAR_MISSES, '*']));
  return elements.join(random.pick([', ', ',', ' , ', ' ']));
}

function garbage(random: Random, length: number): string {
  return random.string(FIELD_CHARS, length);
}

/** Several KB of tags, the current one (if any) anywhere or nowhere. */
function longList(random: Random, tags: TagChoices): string {
  return tagList(random, tags, random.int(60, 160));
}

/**
 * An `If-Match` or `If-None-Match` field: a tag list, `*` (alone, with OWS,
 * or where it has no place), near misses, garbage, a few KB of tags or of
 * garbage (now and then past the limit on a request's head), an empty
 * value, or the field on two lines.
 */
export function conditionField(random: Random, tags: TagChoices): FieldLines {
  const one = (): string =>
    random.weighted<string>([
      [45, () => tagList(random, tags, random.int(1, 5))],
      [10, () => `${ows(random)}*${ows(random)}`],
      [4, () => random.pick(['*, *', '*, ""', `"${tags.current ?? 'x'}", *`, '* ,', '**'])],
      [10, () => malformedList(random, tags)],
      [10, () => garbage(random, random.int(0, 80))],
      [5, () => longList(random, tags)],
      [3, () => garbage(random, random.int(1000, 5000))],
      // Past Node's 16 KB limit on a request's head: a 431 from the platform, before any route.
      [0.5, () => garbage(random, random.int(16_500, 20_000))],
      [2, () => random.pick(['', ' ', ',', ' , ,'])],
    ]);
  return { lines: random.chance(0.1) ? [one(), one()] : [one()] };
}

// ---------------------------------------------------------------------------
// HTTP dates (RFC 9110 §5.6.7)

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const YEAR_SECONDS = 365 * 86400;

/** An `If-Modified-Since` or `If-Unmodified-Since` field, and the instant it names when it surely is one. */
export interface DateField extends FieldLines {
  /** Epoch seconds, when the field is one valid HTTP-date; `undefined` when it is not, or may not be. */
  readonly instant: number | undefined;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function timeOf(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The three forms of one instant. rfc850's two-digit year is only unambiguous within 50 years of now. */
function forms(seconds: number): { imf: string; rfc850: string; asctime: string; asctimePadded: string } {
  const date = new Date(seconds * 1000);
  const day = date.getUTCDate();
  const month = MONTHS[date.getUTCMonth()]!;
  const year = date.getUTCFullYear();
  const dayName = DAYS[date.getUTCDay()]!;
  return {
    imf: date.toUTCString(),
    rfc850: `${LONG_DAYS[date.getUTCDay()]}, ${pad(day)}-${month}-${pad(year % 100)} ${timeOf(date)} GMT`,
    asctime: `${dayName} ${month} ${String(day).padStart(2, ' ')} ${timeOf(date)} ${year}`,
    asctimePadded: `${dayName} ${month} ${pad(day)} ${timeOf(date)} ${year}`,
  };
}

/** Dates that are not HTTP-dates: each breaks one rule of §5.6.7 (or of RFC 5322's day name). */
function invalidDate(random: Random, seconds: number): string {
  const { imf, rfc850, asctime } = forms(seconds);
  const weekday = new Date(seconds * 1000).getUTCDay();
  return random.weighted<string>([
    [3, () => imf.replace(DAYS[weekday]!, DAYS[(weekday + 1) % 7]!)], // the wrong day name
    [2, () => imf.toLowerCase()],
    [2, () => imf.replace('GMT', random.pick(['UTC', 'gmt', '+0000', 'Z']))],
    [
      2,
      () =>
        random.pick([
          'Wed, 31 Feb 2024 10:00:00 GMT',
          'Sat, 29 Feb 2025 10:00:00 GMT',
          'Thu, 31 Apr 2025 10:00:00 GMT',
        ]),
    ],
    [2, () => imf.replace(/\d\d:\d\d:\d\d/, random.pick(['24:00:00', '12:60:00', '12:00:61', '12:00:60', '1:00:00']))],
    [2, () => imf.replace(' ', '  ')],
    [2, () => `${imf}, ${forms(seconds + 1).imf}`], // a list of dates
    [1, () => `${imf} ${random.pick(['x', '+1', 'GMT'])}`],
    [1, () => rfc850.replace(/-(\d\d) /, '-19$1 ')],
    [1, () => asctime.replace(/ \d{4}$/, ' 94')],
    [2, () => new Date(seconds * 1000).toISOString()],
    [1, () => String(seconds)],
    [2, () => garbage(random, random.int(0, 40))],
    [1, () => garbage(random, random.int(1000, 4000))],
  ]);
}

/**
 * A date field near `around` (epoch seconds, e.g. the target's
 * `Last-Modified`): a second or two either side, a day, years. Valid in any
 * of the three forms, with OWS around it, or invalid; sometimes on two lines
 * (Node keeps only the first of a repeated date field, so its meaning is left unknown).
 */
export function dateField(random: Random, around: number): DateField {
  const seconds =
    around +
    random.weighted<number>([
      [6, () => random.int(-2, 2)],
      [2, () => random.pick([-86400, 86400])],
      [2, () => random.int(-30 * YEAR_SECONDS, 30 * YEAR_SECONDS)],
    ]);
  if (random.chance(0.3)) return { lines: [invalidDate(random, seconds)], instant: undefined };
  const all = forms(seconds);
  const text = random.weighted<string>([
    [5, () => all.imf],
    [2, () => all.rfc850],
    [1, () => all.asctime],
    [1, () => all.asctimePadded],
  ]);
  const value = `${ows(random)}${text}${ows(random)}`;
  if (random.chance(0.05)) return { lines: [value, forms(seconds + 3600).imf], instant: undefined };
  return { lines: [value], instant: seconds };
}

// ---------------------------------------------------------------------------
// Bodies

/** What a user write sends; `name` and `age` as the server must store them when it accepts the body. */
export interface UserFields {
  readonly name?: string;
  readonly age?: number;
}

export type WriteMethod = 'PUT' | 'PATCH' | 'POST';

/** A request body and the methods that must accept it (all others must refuse it with a 400). */
export interface Body {
  readonly text: string;
  readonly fields: UserFields;
  /** The methods whose parser accepts it. */
  readonly validFor: readonly WriteMethod[];
  /** The methods where the platforms differ (Express reads an empty JSON body as `{}`, Fastify refuses it). */
  readonly eitherFor?: readonly WriteMethod[];
}

const NAMES = [
  'Shaun',
  'Zoë',
  'Ann-Marie',
  '名前',
  '🙂',
  'O\'Brien "the" 2nd',
  'a\u0000b',
  'tab\there',
  'x'.repeat(1500),
];
const AGES = [0, 1, 27, 120, 2 ** 31, 2 ** 53 - 1];
const BAD_NAMES = ['', '   ', 42, null, true, ['a'], { first: 'a' }];
const BAD_AGES = [-1, 1.5, '27', null, 1e-7, [], {}];
const NOT_OBJECTS = ['[]', 'null', '"Shaun"', '27', 'true', '[{"name":"a","age":1}]'];
const NOT_JSON = [
  '{"name":',
  '{name:"a",age:1}',
  "{'name':'a'}",
  '{"name":"a","age":1}}',
  '{"age":01}',
  'NaN',
  '\u00ff',
];
const POISONED = [
  '{"__proto__":{"admin":true},"name":"a","age":1}',
  '{"constructor":{"prototype":{}},"name":"a","age":1}',
];

/**
 * A body for `PUT`, `PATCH` or `POST` of user `id`: valid (a whole user, a
 * patch, the server's own properties sent back, the id of the URL),
 * invalid (wrong types, unknown or poisoned keys, not an object, not JSON),
 * or empty. Names hold non-ASCII, NUL and 1,500 characters, but no lone
 * surrogate: the sample stores one as another name, which a test of its own shows.
 */
export function body(random: Random, id: number | undefined): Body {
  const name = (): string => random.pick(NAMES);
  const age = (): number => random.pick(AGES);
  return random.weighted<Body>([
    [
      10,
      () => {
        const fields = { name: name(), age: age() };
        return { text: JSON.stringify(fields), fields, validFor: ['PUT', 'PATCH', 'POST'] };
      },
    ],
    [
      2,
      () => {
        const fields = { name: name(), age: age() };
        const echo = { id, ...fields, version: random.int(0, 99), updatedAt: new Date(0).toISOString() };
        return { text: JSON.stringify(echo), fields, validFor: id === undefined ? ['POST'] : ['PUT', 'PATCH'] };
      },
    ],
    [
      5,
      () => {
        const fields = random.pick<UserFields>([{ age: age() }, { name: name() }, {}]);
        return { text: JSON.stringify(fields), fields, validFor: ['PATCH'] };
      },
    ],
    [
      1,
      () => ({
        text: '{"age":1,"age":2,"name":"twice"}',
        fields: { name: 'twice', age: 2 },
        validFor: ['PUT', 'PATCH', 'POST'],
      }),
    ],
    [
      4,
      () => {
        const bad = random.chance(0.5)
          ? { name: random.pick(BAD_NAMES), age: age() }
          : { name: name(), age: random.pick(BAD_AGES) };
        return { text: JSON.stringify(bad), fields: {}, validFor: [] };
      },
    ],
    [2, () => ({ text: JSON.stringify({ name: name(), age: age(), admin: true }), fields: {}, validFor: [] })],
    [1, () => ({ text: JSON.stringify({ id: (id ?? 0) + 1, name: name(), age: age() }), fields: {}, validFor: [] })],
    [2, () => ({ text: random.pick([...NOT_OBJECTS, ...NOT_JSON, ...POISONED]), fields: {}, validFor: [] })],
    [1, () => ({ text: '', fields: {}, validFor: [], eitherFor: ['PATCH'] })],
  ]);
}
