import { printable } from '../../lib/http/printable.js';

describe('printable: request text echoed in a problem detail', () => {
  it.each([
    ['C0 controls', '\u0000\t\n\r\u001b', '\\x00\\x09\\x0a\\x0d\\x1b'],
    ['DEL', '\u007f', '\\x7f'],
    ['C1 controls (NEL among them)', '\u0080\u0085\u009f', '\\x80\\x85\\x9f'],
    ['the line and paragraph separators', '\u2028\u2029', '\\u2028\\u2029'],
    [
      'bidi embeddings, overrides and isolates',
      '\u202a\u202e\u2066\u2069\u061c',
      '\\u202a\\u202e\\u2066\\u2069\\u061c',
    ],
    [
      'zero-width and directional marks, and the byte order mark',
      '\u200b\u200e\u200f\ufeff',
      '\\u200b\\u200e\\u200f\\ufeff',
    ],
    ['lone surrogates', '\ud800x\udc00', '\\ud800x\\udc00'],
  ])('escapes %s', (_class, text, escaped) => {
    expect(printable(text)).toBe(escaped);
  });

  it('doubles a backslash, so that an escape always means one', () => {
    expect(printable('a\\x85')).toBe('a\\\\x85');
  });

  it('leaves printable text alone, the same string when there is nothing to escape', () => {
    const text = '"abc", W/"é😀", latin1 ÿ';
    expect(printable(text)).toBe(text);
  });

  it('keeps the text around each escape: the value stays identifiable', () => {
    expect(printable('x\u0085INFO forged log line')).toBe('x\\x85INFO forged log line');
  });
});
