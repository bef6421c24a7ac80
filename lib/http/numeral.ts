/**
 * Decimal numerals, `1*DIGIT`, as RFC 9110 §14.1.2 says a recipient reads
 * byte positions: "Recipients MUST anticipate potentially large decimal
 * numerals and prevent parsing errors due to integer conversion overflows."
 * A numeral is read once, left to right, so its length costs linear time
 * whatever it holds (16 KB of zeros, of nines).
 */

// DIGIT = %x30-39; charCodeAt past the end is NaN, which is no digit.
function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

// Number.MAX_SAFE_INTEGER has 16 digits: a numeral with more is past it.
const SAFE_DIGITS = 16;

/** A run of digits: where it starts and ends in the text, and its value (`Infinity` above the safe integers). */
export interface Numeral {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

/**
 * Reads 1*DIGIT at `from`: a scan for the digits' end, then the value of
 * the significant digits, of which 16 at most are ever summed. Leading zeros
 * add nothing, and a value past 2^53 - 1 becomes `Infinity` instead of
 * losing precision. `undefined` when no digit stands at `from`.
 */
export function readNumeral(text: string, from: number): Numeral | undefined {
  let end = from;
  while (isDigit(text.charCodeAt(end))) end++;
  if (end === from) return undefined;
  let significant = from;
  while (significant < end - 1 && text.charCodeAt(significant) === 0x30) significant++;
  if (end - significant > SAFE_DIGITS) return { start: from, end, value: Infinity };
  let value = 0;
  for (let i = significant; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 0x30);
  return { start: from, end, value: value > Number.MAX_SAFE_INTEGER ? Infinity : value };
}

/**
 * Orders two numerals of `text` (negative, zero, positive). Two past the
 * safe integers (both `Infinity`) are told apart by their digits: fewer
 * significant digits is smaller, then the text decides.
 */
export function compareNumerals(text: string, a: Numeral, b: Numeral): number {
  if (a.value !== b.value || a.value !== Infinity) return a.value - b.value;
  const digits = (n: Numeral) => {
    let i = n.start;
    while (i < n.end - 1 && text.charCodeAt(i) === 0x30) i++;
    return text.slice(i, n.end);
  };
  const [x, y] = [digits(a), digits(b)];
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}
