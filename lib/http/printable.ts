/**
 * Request text made safe to echo in a message a person or a log reads (a
 * problem's `detail`): every control and format character is written as an
 * escape, so that no request can start a line, reorder text or hide
 * characters in what is logged, and the value stays identifiable.
 *
 * Escaped: C0 controls (U+0000–U+001F, tab included), DEL (U+007F), C1
 * controls (U+0080–U+009F, NEL among them), and the format characters
 * that break or reorder lines: the Arabic letter mark (U+061C), zero-width
 * and directional marks (U+200B–U+200F), the line and paragraph separators
 * (U+2028, U+2029), bidi embeddings and overrides (U+202A–U+202E), word
 * joiner, invisible operators and bidi isolates (U+2060–U+206F), the byte
 * order mark (U+FEFF) and lone surrogates. A backslash is doubled, so an
 * escape always means one.
 */

/** `\xHH` for a character up to U+00FF, `\uHHHH` above. */
function escape(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function isEscaped(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff
  );
}

function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** `text` with its control and format characters escaped (see above); linear in its length. */
export function printable(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const replacement = code === 0x5c ? '\\\\' : isEscaped(code) || isLoneSurrogate(text, i) ? escape(code) : undefined;
    if (replacement === undefined) continue;
    out += text.slice(from, i) + replacement;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
