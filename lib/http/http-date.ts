/**
 * HTTP dates as RFC 9110 §5.6.7 defines them, with no framework in sight:
 *
 *   HTTP-date    = IMF-fixdate / obs-date
 *   IMF-fixdate  = day-name "," SP date1 SP time-of-day SP GMT   ; Sun, 06 Nov 1994 08:49:37 GMT
 *   obs-date     = rfc850-date / asctime-date
 *   rfc850-date  = day-name-l "," SP date2 SP time-of-day SP GMT ; Sunday, 06-Nov-94 08:49:37 GMT
 *   asctime-date = day-name SP date3 SP time-of-day SP year       ; Sun Nov  6 08:49:37 1994
 *   date1        = day SP month SP year
 *   date2        = day "-" month "-" 2DIGIT
 *   date3        = month SP ( 2DIGIT / ( SP DIGIT ))
 *   time-of-day  = hour ":" minute ":" second                     ; 00:00:00 - 23:59:60
 *
 * Every name (day, month, `GMT`) is case-sensitive (%s). Times are epoch
 * seconds: HTTP dates have no finer precision, and the comparisons of
 * §13.1.3 and §13.1.4 are made at that precision.
 */

// Indexed by the day of the week, Sunday first, as the weekday arithmetic below counts.
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Days in each month, and in the year before the first of each month, in a common year.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const SECONDS_PER_DAY = 86400;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month];
}

/** Leap years from year 1 to `year` (negative for years before 1), proleptic Gregorian. */
function leapYearsThrough(year: number): number {
  return Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400);
}

/**
 * Seconds since 1970-01-01T00:00:00Z. `month` counts from 0; a day past the
 * end of its month runs on into the next one (the caller validates).
 */
function epochSeconds(year: number, month: number, day: number, secondOfDay: number): number {
  const daysBeforeYear = 365 * (year - 1970) + leapYearsThrough(year - 1) - leapYearsThrough(1969);
  const leapDay = month > 1 && isLeapYear(year) ? 1 : 0;
  const days = daysBeforeYear + DAYS_BEFORE_MONTH[month] + leapDay + day - 1;
  return days * SECONDS_PER_DAY + secondOfDay;
}

// What IMF-fixdate's 4DIGIT year can write: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
const EARLIEST = epochSeconds(0, 0, 1, 0);
const LATEST = epochSeconds(10000, 0, 1, 0) - 1;

function isOws(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** The value of `count` ASCII digits at `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i) - 0x30;
    if (!(code >= 0 && code <= 9)) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** The index in `names` of the name written at `at`, or -1. */
function nameAt(names: readonly string[], text: string, at: number, length: number): number {
  return names.indexOf(text.slice(at, at + length));
}

/**
 * `hour ":" minute ":" second` at `at` (8 characters) as seconds since
 * midnight, or -1. The grammar's range is 00:00:00 to 23:59:60: hour 24,
 * minute 60 and second 61 are not times. Second 60 is a leap second, and a
 * leap second is only ever inserted as 23:59:60 UTC, so it is accepted there
 * alone; counted as POSIX time counts it, it is the next day's 00:00:00.
 */
function timeOfDay(text: string, at: number): number {
  if (text[at + 2] !== ':' || text[at + 5] !== ':') return -1;
  const hour = digits(text, at, 2);
  const minute = digits(text, at + 3, 2);
  const second = digits(text, at + 6, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0) return -1;
  if (second > 60 || (second === 60 && (hour !== 23 || minute !== 59))) return -1;
  return hour * 3600 + minute * 60 + second;
}

/**
 * The instant of a parsed date, or `undefined` when the date is not in the
 * calendar (31 Feb, 29 Feb of a common year, day 00) or `weekday` is not
 * the day it fell on.
 *
 * The day name is checked, not skipped: an IMF-fixdate is a subset of the
 * Internet Message Format's date-time (§5.6.7), whose day-of-week must be
 * the day the date implies (RFC 5322 §3.3). A value that contradicts itself
 * has no one meaning, and §13.1.3/§13.1.4 say what to do with a value that
 * is not a valid HTTP-date: ignore the condition. The obs-date forms are
 * held to the same rule.
 */
function instant(weekday: number, year: number, month: number, day: number, secondOfDay: number): number | undefined {
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const midnight = epochSeconds(year, month, day, 0);
  // 1970-01-01 was a Thursday (4, counting from Sunday = 0).
  const actualWeekday = (((midnight / SECONDS_PER_DAY + 4) % 7) + 7) % 7;
  return actualWeekday === weekday ? midnight + secondOfDay : undefined;
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT", 29 characters at fixed places.
function parseImfFixdate(text: string): number | undefined {
  if (text.length !== 29 || text[4] !== ' ' || text[7] !== ' ' || text[11] !== ' ') return undefined;
  if (text[16] !== ' ' || text[25] !== ' ' || !text.endsWith('GMT')) return undefined;
  const weekday = nameAt(DAY_NAMES, text, 0, 3);
  const day = digits(text, 5, 2);
  const month = nameAt(MONTHS, text, 8, 3);
  const year = digits(text, 12, 4);
  const time = timeOfDay(text, 17);
  if (weekday < 0 || month < 0 || year < 0 || time < 0) return undefined;
  return instant(weekday, year, month, day, time);
}

// rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT": a long day name up to `comma`, then 23 characters.
function parseRfc850Date(text: string, comma: number, now: Date | undefined): number | undefined {
  const at = comma + 1;
  if (text.length !== at + 23 || text[at] !== ' ' || text[at + 3] !== '-' || text[at + 7] !== '-') return undefined;
  if (text[at + 10] !== ' ' || text[at + 19] !== ' ' || !text.endsWith('GMT')) return undefined;
  const weekday = nameAt(DAY_NAMES_LONG, text, 0, comma);
  const day = digits(text, at + 1, 2);
  const month = nameAt(MONTHS, text, at + 4, 3);
  const twoDigitYear = digits(text, at + 8, 2);
  const time = timeOfDay(text, at + 11);
  if (weekday < 0 || month < 0 || twoDigitYear < 0 || time < 0) return undefined;

  // §5.6.7: a two-digit year is read in the current century, unless that puts
  // the timestamp more than 50 years in the future: then it is the most recent
  // past year with the same last two digits.
  const clock = now ?? new Date();
  const thisYear = clock.getUTCFullYear();
  let year = thisYear - (thisYear % 100) + twoDigitYear;
  const fiftyYearsOn = epochSeconds(
    thisYear + 50,
    clock.getUTCMonth(),
    clock.getUTCDate(),
    clock.getUTCHours() * 3600 + clock.getUTCMinutes() * 60 + clock.getUTCSeconds(),
  );
  if (epochSeconds(year, month, day, time) > fiftyYearsOn) year -= 100;
  return instant(weekday, year, month, day, time);
}

// asctime-date: "Sun Nov  6 08:49:37 1994" or "Sun Nov 06 08:49:37 1994", 24 characters at fixed places.
function parseAsctimeDate(text: string): number | undefined {
  if (text.length !== 24 || text[3] !== ' ' || text[7] !== ' ' || text[10] !== ' ' || text[19] !== ' ') {
    return undefined;
  }
  const weekday = nameAt(DAY_NAMES, text, 0, 3);
  const month = nameAt(MONTHS, text, 4, 3);
  // ( 2DIGIT / ( SP DIGIT )): "06" or " 6".
  const day = text[8] === ' ' ? digits(text, 9, 1) : digits(text, 8, 2);
  const time = timeOfDay(text, 11);
  const year = digits(text, 20, 4);
  if (weekday < 0 || month < 0 || day < 0 || time < 0 || year < 0) return undefined;
  return instant(weekday, year, month, day, time);
}

/**
 * Parses an HTTP-date in any of its three forms (RFC 9110 §5.6.7: a
 * recipient MUST accept all three) to epoch seconds.
 *
 * Returns `undefined` for anything else: an absent field, a name in the
 * wrong case, a zone other than GMT, a date not in the calendar (31 Feb,
 * hour 24, second 61), a day name that is not the date's, and a list —
 * several field lines (an array of more than one) or a comma outside the
 * date (`If-Modified-Since` and `If-Unmodified-Since` take a single date;
 * §13.1.3 and §13.1.4 ignore "a list of dates"). OWS around the value is
 * not part of it (§5.5) and is skipped.
 *
 * @param now the server's clock, against which a two-digit rfc850-date year
 *   is read (§5.6.7); the current time when omitted.
 * @throws TypeError when `now` is given and is not a valid `Date`.
 */
export function parseHttpDate(value: string | readonly string[] | undefined, now?: Date): number | undefined {
  if (now !== undefined && !(now instanceof Date && Number.isFinite(now.getTime()))) {
    throw new TypeError(`HTTP date: now must be a valid Date, got ${String(now)}`);
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return value.length === 1 ? parseHttpDate(value[0], now) : undefined;

  let start = 0;
  let end = value.length;
  while (isOws(value[start])) start++;
  while (end > start && isOws(value[end - 1])) end--;
  const text = value.slice(start, end);

  // The forms part at the first comma: after a short day name (IMF-fixdate),
  // after a long one (rfc850-date), or nowhere (asctime-date).
  const comma = text.indexOf(',');
  if (comma === 3) return parseImfFixdate(text);
  if (comma > 3) return parseRfc850Date(text, comma, now);
  return comma === -1 ? parseAsctimeDate(text) : undefined;
}

/** The epoch seconds of a `Date`: the start of the second it falls in. */
export function toEpochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * Formats an IMF-fixdate, the form every HTTP date is sent in (RFC 9110
 * §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. A `number` is epoch
 * seconds; anything finer than a second is dropped (the start of the
 * second is written).
 *
 * @throws TypeError for an invalid `Date`, a number that is not finite, or
 *   an instant outside the years 0000–9999 that a 4DIGIT year can write
 *   (epoch milliseconds passed as seconds land there).
 */
export function formatHttpDate(date: Date | number): string {
  const seconds = typeof date === 'number' ? Math.floor(date) : date instanceof Date ? toEpochSeconds(date) : NaN;
  if (!(seconds >= EARLIEST && seconds <= LATEST)) {
    throw new TypeError(
      `HTTP date: ${String(date)} is not an instant from 0000-01-01 to 9999-12-31 (a Date, or epoch seconds)`,
    );
  }
  // ECMAScript's toUTCString writes exactly this form for years 0000–9999.
  return new Date(seconds * 1000).toUTCString();
}

/**
 * The `Last-Modified` to send with a response dated `date` (both epoch
 * seconds): `lastModified`, unless it is later than `date`. An origin server
 * MUST NOT send a Last-Modified later than its message's Date, and replaces a
 * future modification time with that date (RFC 9110 §8.8.2.1). Compare and
 * send the same clamped value, so that a client's echo of it matches.
 *
 * @throws TypeError when either is not a finite number.
 */
export function clampLastModified(lastModified: number, date: number): number {
  if (!Number.isFinite(lastModified) || !Number.isFinite(date)) {
    throw new TypeError(
      `Last-Modified: expected epoch seconds, got lastModified ${String(lastModified)} and date ${String(date)}`,
    );
  }
  return Math.min(lastModified, date);
}
