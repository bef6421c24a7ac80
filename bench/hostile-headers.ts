/**
 * Condition header values built to be expensive, of about `bytes`
 * characters each, none of which lists the current tag: every one is read
 * to its end. The bench times them through `parseConditions` and
 * `judgeConditions`; `test/e2e/hostile-headers.e2e.spec.ts` sends the 16 KB
 * ones through the whole request path. `wellFormed` says whether the value
 * is the list grammar of RFC 9110 §13.1.1–2 (a malformed `If-Match` is a 400,
 * a malformed `If-None-Match` on GET is ignored).
 */
export interface HostileValue {
  readonly value: string;
  readonly wellFormed: boolean;
}

/** Tags are the length of the module's own (SHA-1, base64url). */
const TAG = 'AbCdEfGhIjKlMnOpQrStUvWxYz0';

/** `unit` repeated up to about `bytes` characters, then `tail`. */
function repeat(bytes: number, unit: string, tail = ''): string {
  return unit.repeat(Math.max(1, Math.floor((bytes - tail.length) / unit.length))) + tail;
}

/** The hostile values of about `bytes` characters, by shape. */
export function hostileConditionValues(bytes: number): Record<string, HostileValue> {
  const numbered = (count: number, tag: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => tag(i)).join(',');
  return {
    // Backtracked quadratically by the regex that once stripped codings from the header's text.
    'a chain of .br after one quote': { value: `"${repeat(bytes - 1, '.br')}`, wellFormed: false },
    'coded tags': {
      value: numbered(Math.floor(bytes / 13), (i) => `"t${String(i).padStart(6, '0')}.br"`),
      wellFormed: true,
    },
    'plain tags': {
      value: numbered(Math.floor(bytes / 10), (i) => `"${String(i).padStart(7, '0')}"`),
      wellFormed: true,
    },
    'strong and weak tags': { value: repeat(bytes, `"${TAG}", W/"${TAG}", `, `"${TAG}"`), wellFormed: true },
    spaces: { value: `"a"${' '.repeat(bytes - 7)},"b"`, wellFormed: true },
    commas: { value: `${','.repeat(bytes - 3)}"a"`, wellFormed: true },
    'empty list elements': { value: repeat(bytes, ' ,\t', `"${TAG}"`), wellFormed: true },
    'an open quote': { value: `"${'a'.repeat(bytes - 1)}`, wellFormed: false },
    'one long tag': { value: `"${'x'.repeat(bytes - 2)}"`, wellFormed: true },
    'W/ repeated': { value: 'W/'.repeat(Math.floor(bytes / 2)), wellFormed: false },
    'malformed at the end': { value: repeat(bytes, `"${TAG}", `, 'not-a-tag'), wellFormed: false },
  };
}
