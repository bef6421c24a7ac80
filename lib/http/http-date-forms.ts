/**
 * The three forms of an HTTP-date (RFC 9110 §5.6.7), each parsed at its
 * fixed places to epoch seconds, or `undefined`. `parseHttpDate`
 * picks the form.
 */
import { daysInMonth, epochSeconds, SECONDS_PER_DAY } from './calendar.js';

// Indexed by the day of the week, Sunday first, as the weekday arithmetic below counts.
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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
export function parseImfFixdate(text: string): number | undefined {
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
export function parseRfc850Date(text: string, comma: number, now: Date | undefined): number | undefined {
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
export function parseAsctimeDate(text: string): number | undefined {
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
