/**
 * The `Cache-Control` field value, RFC 9111 §5.2:
 *
 *   Cache-Control   = #cache-directive
 *   cache-directive = token [ "=" ( token / quoted-string ) ]
 *
 * Scanned once, left to right, so a comma inside a quoted value
 * (`private="a, b"`) is not taken for a separator. Names are
 * case-insensitive (§5.2): they come out lowercase. What follows a directive
 * that is not the grammar, up to the next comma outside quotes, is skipped:
 * the directives around it still count.
 *
 * Pure, no imports: the client bundles it for browsers.
 */

const TCHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/**
 * The directives of a `Cache-Control` value (several field lines arrive joined
 * with commas), by lowercase name → the value (unquoted), or `undefined` for a
 * directive without one. The first of a repeated directive is kept.
 */
export function parseCacheControl(value: string | null): ReadonlyMap<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  const text = value ?? '';
  let i = 0;
  const token = (): string => {
    const start = i;
    while (i < text.length && TCHAR.test(text[i]!)) i++;
    return text.slice(start, i);
  };
  const skipOws = (): void => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  while (i < text.length) {
    skipOws();
    const name = token().toLowerCase();
    let argument: string | undefined;
    skipOws();
    if (name !== '' && text[i] === '=') {
      i++;
      skipOws();
      argument = text[i] === '"' ? quoted() : token();
      skipOws();
    }
    if (name !== '' && (i === text.length || text[i] === ',') && !directives.has(name)) {
      directives.set(name, argument);
    }
    // Past the comma that ends this element; quoted text in a malformed one is skipped whole.
    while (i < text.length && text[i] !== ',') {
      if (text[i] === '"') quoted();
      else i++;
    }
    i++;
  }
  return directives;

  // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 §5.6.4), at text[i] === '"'.
  function quoted(): string {
    let unquoted = '';
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') i++;
      unquoted += text[i] ?? '';
    }
    // Past the closing quote, if there is one.
    i = Math.min(i + 1, text.length);
    return unquoted;
  }
}
