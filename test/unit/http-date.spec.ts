import { clampLastModified, formatHttpDate, parseHttpDate, toEpochSeconds } from '../../lib/http/http-date.js';

// Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110 §5.6.7.
const EXAMPLE = 784111777;
// The server's clock for the two-digit years: Mon, 15 Jun 2026 12:00:00 GMT.
const NOW = new Date('2026-06-15T12:00:00Z');

/** One test a row: each of its texts is rejected, read against `now`. */
function rejects(rows: ReadonlyArray<readonly [title: string, texts: readonly string[]]>, now?: Date): void {
  it.each(rows)('%s', (_title, texts) =>
    expectParsed(
      texts.map((text) => [text, undefined]),
      now,
    ),
  );
}

/** Each text parses to its number of epoch seconds, or (undefined) is rejected, read against `now`. */
function expectParsed(cases: ReadonlyArray<readonly [string, number | undefined]>, now?: Date): void {
  for (const [text, seconds] of cases) expect([text, parseHttpDate(text, now)]).toEqual([text, seconds]);
}

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  describe('absent', () => {
    it('returns undefined', () => {
      expect(parseHttpDate(undefined)).toBeUndefined();
    });
  });

  describe('IMF-fixdate', () => {
    it('parses the example', () => {
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(EXAMPLE);
    });

    it('parses the epoch and instants before it', () => {
      expectParsed([
        ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
        ['Wed, 31 Dec 1969 23:59:59 GMT', -1],
        ['Thu, 01 Mar 1900 00:00:00 GMT', -2203891200],
      ]);
    });

    it('parses every year a 4DIGIT year can write, 0000 to 9999', () => {
      expectParsed([
        ['Sat, 01 Jan 0000 00:00:00 GMT', -62167219200],
        ['Fri, 31 Dec 9999 23:59:59 GMT', 253402300799],
      ]);
    });

    it('parses 29 February of a leap year (2000, 2024), not of a common one (1900, 2023, 2100)', () => {
      expectParsed([
        ['Tue, 29 Feb 2000 00:00:00 GMT', 951782400],
        ['Thu, 29 Feb 2024 00:00:00 GMT', 1709164800],
        ['Thu, 29 Feb 1900 00:00:00 GMT', undefined],
        ['Wed, 29 Feb 2023 00:00:00 GMT', undefined],
        ['Mon, 29 Feb 2100 00:00:00 GMT', undefined],
      ]);
    });

    it('skips OWS around the value (§5.5: it is not part of the field value)', () => {
      expect(parseHttpDate(' \tSun, 06 Nov 1994 08:49:37 GMT\t ')).toBe(EXAMPLE);
    });

    it('takes a single field line given as an array', () => {
      expect(parseHttpDate(['Sun, 06 Nov 1994 08:49:37 GMT'])).toBe(EXAMPLE);
    });
  });

  describe('time-of-day (00:00:00 - 23:59:60)', () => {
    it('parses the first and last second of a day', () => {
      expectParsed([
        ['Sun, 06 Nov 1994 00:00:00 GMT', 784080000],
        ['Sun, 06 Nov 1994 23:59:59 GMT', 784166399],
      ]);
    });

    it('reads the leap second 23:59:60 as POSIX time does: the next day at 00:00:00', () => {
      expectParsed([
        ['Thu, 31 Dec 1998 23:59:60 GMT', 915148800],
        ['Fri, 01 Jan 1999 00:00:00 GMT', 915148800],
      ]);
    });

    rejects([
      [
        'rejects second 60 anywhere but 23:59 (a leap second is only ever inserted there)',
        ['Sun, 06 Nov 1994 08:49:60 GMT', 'Sun, 06 Nov 1994 22:59:60 GMT'],
      ],
      [
        'rejects hour 24, minute 60 and second 61',
        ['Sun, 06 Nov 1994 24:00:00 GMT', 'Sun, 06 Nov 1994 08:60:00 GMT', 'Sun, 06 Nov 1994 23:59:61 GMT'],
      ],
      [
        'rejects a time without two digits in each part',
        ['Sun, 06 Nov 1994 8:49:37 GMT', 'Sun, 06 Nov 1994 08:49:3  GMT', 'Sun, 06 Nov 1994 08.49.37 GMT'],
      ],
    ]);
  });

  describe('dates not in the calendar', () => {
    rejects([
      [
        'rejects day 00, day 32, and a day past the end of its month',
        [
          'Sun, 00 Nov 1994 08:49:37 GMT',
          'Wed, 32 Dec 1994 08:49:37 GMT',
          'Thu, 31 Feb 1994 08:49:37 GMT',
          'Thu, 31 Nov 1994 08:49:37 GMT',
        ],
      ],
    ]);
  });

  describe('the day name must be the day of the date (RFC 5322 §3.3, of which IMF-fixdate is a subset)', () => {
    it('rejects a day name that contradicts the date, in every form', () => {
      expect(parseHttpDate('Mon, 06 Nov 1994 08:49:37 GMT')).toBeUndefined();
      expect(parseHttpDate('Monday, 06-Nov-94 08:49:37 GMT', NOW)).toBeUndefined();
      expect(parseHttpDate('Mon Nov  6 08:49:37 1994')).toBeUndefined();
    });
  });

  describe('rfc850-date (obsolete, MUST be accepted)', () => {
    it('parses the example', () => {
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(EXAMPLE);
    });

    it('reads a two-digit year in the current century when that is at most 50 years ahead', () => {
      expectParsed(
        [
          ['Saturday, 01-Jan-00 00:00:00 GMT', 946684800],
          ['Monday, 15-Jun-26 12:00:00 GMT', 1781524800],
          ['Saturday, 31-Dec-50 23:59:59 GMT', 2556143999],
        ],
        NOW,
      );
    });

    it('reads a timestamp exactly 50 years ahead as it is, one second more as 100 years earlier', () => {
      expectParsed(
        [
          ['Monday, 15-Jun-76 12:00:00 GMT', 3359448000],
          ['Tuesday, 15-Jun-76 12:00:01 GMT', 203688001],
        ],
        NOW,
      );
      // The same text read as 2076 would have been a Monday: as 1976 it is a Tuesday.
      expect(parseHttpDate('Monday, 15-Jun-76 12:00:01 GMT', NOW)).toBeUndefined();
    });

    it('reads the year against the clock it is given, the current time by default', () => {
      // At 2044-11-06T08:49:36Z, 2094-11-06T08:49:37Z is more than 50 years ahead; a second later it is not.
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', new Date('2044-11-06T08:49:36Z'))).toBe(EXAMPLE);
      expect(parseHttpDate('Saturday, 06-Nov-94 08:49:37 GMT', new Date('2044-11-06T08:49:37Z'))).toBe(3939871777);
      expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(EXAMPLE);
    });

    it('rejects a short day name, a four-digit year and a one-digit day', () => {
      expectParsed(
        [
          ['Sun, 06-Nov-94 08:49:37 GMT', undefined],
          ['Sunday, 06-Nov-1994 08:49:37 GMT', undefined],
          ['Sunday, 6-Nov-94 08:49:37 GMT', undefined],
        ],
        NOW,
      );
    });

    it('rejects a date not in the calendar and a bad time', () => {
      expectParsed(
        [
          ['Friday, 29-Feb-23 00:00:00 GMT', undefined],
          ['Sunday, 06-Nov-94 24:00:00 GMT', undefined],
        ],
        NOW,
      );
    });

    it('throws TypeError for a clock that is not a valid Date', () => {
      expect(() => parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', new Date(NaN))).toThrow(
        'HTTP date: now must be a valid Date, got Invalid Date',
      );
      expect(() => parseHttpDate(undefined, 0 as unknown as Date)).toThrow(TypeError);
    });
  });

  describe('asctime-date (obsolete, MUST be accepted)', () => {
    it('parses the example, day padded with a space', () => {
      expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(EXAMPLE);
    });

    it('parses a day padded with a zero (date3 allows 2DIGIT) and a two-digit day', () => {
      expectParsed([
        ['Sun Nov 06 08:49:37 1994', EXAMPLE],
        ['Wed Nov 16 08:49:37 1994', 784975777],
      ]);
    });

    rejects([
      [
        'rejects an unpadded day, a zero day and a day padded twice',
        ['Sun Nov 6 08:49:37 1994', 'Sun Nov  0 08:49:37 1994', 'Sun Nov  06 08:49:37 1994'],
      ],
      [
        'rejects a two-digit year, a zone, and a comma after the day name',
        ['Sun Nov  6 08:49:37 94', 'Sun Nov  6 08:49:37 1994 GMT', 'Sun, Nov  6 08:49:37 1994'],
      ],
    ]);
  });

  describe('names are case-sensitive (%s)', () => {
    it('rejects a day name, month or GMT in another case', () => {
      expect(parseHttpDate('sun, 06 Nov 1994 08:49:37 GMT')).toBeUndefined();
      expect(parseHttpDate('SUN, 06 Nov 1994 08:49:37 GMT')).toBeUndefined();
      expect(parseHttpDate('Sun, 06 nov 1994 08:49:37 GMT')).toBeUndefined();
      expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 gmt')).toBeUndefined();
      expect(parseHttpDate('sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBeUndefined();
      expect(parseHttpDate('Sun NOV  6 08:49:37 1994')).toBeUndefined();
    });
  });

  describe('other text', () => {
    rejects([
      ['rejects a zone other than GMT', ['Sun, 06 Nov 1994 08:49:37 UTC', 'Sun, 06 Nov 1994 08:49:37 +0000']],
      [
        'rejects a missing or doubled space, a one-digit day and a two-digit year',
        [
          'Sun,06 Nov 1994 08:49:37 GMT',
          'Sun,  06 Nov 1994 08:49:37 GMT',
          'Sun, 6 Nov 1994 08:49:37 GMT',
          'Sun, 06 Nov 94 08:49:37 GMT',
        ],
      ],
      [
        'rejects digits other than ASCII 0-9',
        ['Sun, ٠6 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov １994 08:49:37 GMT', 'Sun, 06 Nov +994 08:49:37 GMT'],
      ],
      [
        'rejects text before or after the date, and whitespace that is not OWS',
        ['x Sun, 06 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 GMTx', '\nSun, 06 Nov 1994 08:49:37 GMT'],
      ],
      [
        'rejects an empty value, OWS alone, and garbage',
        ['', ' \t ', 'yesterday', '784111777', '1994-11-06T08:49:37Z'],
      ],
    ]);
  });

  describe('lists (§13.1.3, §13.1.4: a list of dates is not a valid HTTP-date)', () => {
    rejects([
      [
        'rejects two dates in one field line',
        [
          'Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT',
          'Sun Nov  6 08:49:37 1994, Sun Nov  6 08:49:37 1994',
        ],
      ],
      [
        'rejects a date with an empty list element beside it',
        ['Sun, 06 Nov 1994 08:49:37 GMT,', ', Sun, 06 Nov 1994 08:49:37 GMT'],
      ],
    ]);

    it('rejects several field lines, even of the same date, and none', () => {
      expect(parseHttpDate(['Sun, 06 Nov 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 08:49:37 GMT'])).toBeUndefined();
      expect(parseHttpDate([])).toBeUndefined();
    });
  });
});

describe('formatHttpDate (RFC 9110 §5.6.7 IMF-fixdate)', () => {
  describe('epoch seconds', () => {
    it('formats the example', () => {
      expect(formatHttpDate(EXAMPLE)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
    });

    it('formats the epoch and instants before it', () => {
      expect(formatHttpDate(0)).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
      expect(formatHttpDate(-1)).toBe('Wed, 31 Dec 1969 23:59:59 GMT');
    });

    it('drops a fraction of a second: the start of the second is written', () => {
      expect(formatHttpDate(EXAMPLE + 0.999)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
      expect(formatHttpDate(-0.5)).toBe('Wed, 31 Dec 1969 23:59:59 GMT');
    });

    it('writes four-digit years from 0000 to 9999', () => {
      expect(formatHttpDate(-62167219200)).toBe('Sat, 01 Jan 0000 00:00:00 GMT');
      expect(formatHttpDate(-59011459200)).toBe('Fri, 01 Jan 0100 00:00:00 GMT');
      expect(formatHttpDate(253402300799)).toBe('Fri, 31 Dec 9999 23:59:59 GMT');
    });
  });

  describe('Date', () => {
    it('formats a Date, dropping its milliseconds', () => {
      expect(formatHttpDate(new Date(EXAMPLE * 1000 + 999))).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
      expect(formatHttpDate(new Date('2024-02-29T23:59:59.500Z'))).toBe('Thu, 29 Feb 2024 23:59:59 GMT');
    });
  });

  describe('round trip', () => {
    it('parses back to the second it was given', () => {
      for (const seconds of [0, -1, EXAMPLE, 951782400, -62167219200, 253402300799]) {
        expect(parseHttpDate(formatHttpDate(seconds))).toBe(seconds);
      }
    });
  });

  describe('invalid input throws TypeError', () => {
    it('rejects an instant outside 0000–9999, such as epoch milliseconds passed as seconds', () => {
      expect(() => formatHttpDate(253402300800)).toThrow(
        'HTTP date: 253402300800 is not an instant from 0000-01-01 to 9999-12-31 (a Date, or epoch seconds)',
      );
      expect(() => formatHttpDate(-62167219201)).toThrow(TypeError);
      expect(() => formatHttpDate(EXAMPLE * 1000)).toThrow(TypeError);
    });

    it('rejects NaN, infinities, an invalid Date and a value of another type', () => {
      expect(() => formatHttpDate(NaN)).toThrow(TypeError);
      expect(() => formatHttpDate(Infinity)).toThrow(TypeError);
      expect(() => formatHttpDate(new Date(NaN))).toThrow(
        'HTTP date: Invalid Date is not an instant from 0000-01-01 to 9999-12-31 (a Date, or epoch seconds)',
      );
      expect(() => formatHttpDate('Sun, 06 Nov 1994 08:49:37 GMT' as unknown as number)).toThrow(TypeError);
    });
  });
});

describe('toEpochSeconds', () => {
  it('is the start of the second a Date falls in', () => {
    expect(toEpochSeconds(new Date(0))).toBe(0);
    expect(toEpochSeconds(new Date(999))).toBe(0);
    expect(toEpochSeconds(new Date(1000))).toBe(1);
    expect(toEpochSeconds(new Date(-1))).toBe(-1);
  });
});

describe('clampLastModified (RFC 9110 §8.8.2.1)', () => {
  it('keeps a Last-Modified earlier than or equal to the Date', () => {
    expect(clampLastModified(EXAMPLE - 1, EXAMPLE)).toBe(EXAMPLE - 1);
    expect(clampLastModified(EXAMPLE, EXAMPLE)).toBe(EXAMPLE);
  });

  it('replaces a Last-Modified later than the Date with the Date', () => {
    expect(clampLastModified(EXAMPLE + 1, EXAMPLE)).toBe(EXAMPLE);
    expect(clampLastModified(253402300799, 0)).toBe(0);
  });

  it('throws TypeError when either is not a finite number', () => {
    expect(() => clampLastModified(NaN, EXAMPLE)).toThrow(
      'Last-Modified: expected epoch seconds, got lastModified NaN and date 784111777',
    );
    expect(() => clampLastModified(EXAMPLE, Infinity)).toThrow(TypeError);
  });
});
