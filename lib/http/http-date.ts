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

import { EARLIEST, LATEST } from './calendar.js';
import { parseAsctimeDate, parseImfFixdate, parseRfc850Date } from './http-date-forms.js';

// OWS (RFC 9110 §5.6.3): a space or a horizontal tab.
function isOws(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
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
