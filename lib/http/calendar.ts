/**
 * The proleptic Gregorian calendar in epoch seconds, for HTTP dates
 * (RFC 9110 §5.6.7): exact integer arithmetic, no Date object, no time zone.
 */

// Days in each month, and in the year before the first of each month, in a common year.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
export const SECONDS_PER_DAY = 86400;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
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
export function epochSeconds(year: number, month: number, day: number, secondOfDay: number): number {
  const daysBeforeYear = 365 * (year - 1970) + leapYearsThrough(year - 1) - leapYearsThrough(1969);
  const leapDay = month > 1 && isLeapYear(year) ? 1 : 0;
  const days = daysBeforeYear + DAYS_BEFORE_MONTH[month] + leapDay + day - 1;
  return days * SECONDS_PER_DAY + secondOfDay;
}

// What IMF-fixdate's 4DIGIT year can write: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
export const EARLIEST = epochSeconds(0, 0, 1, 0);
export const LATEST = epochSeconds(10000, 0, 1, 0) - 1;
