/**
 * The request header values that selected a response, by the response's
 * `Vary` (RFC 9110 §12.5.5): lowercase name → value sent, `''` when not sent.
 * An empty record when nothing varies; `null` for `Vary: *`, a response that
 * no later request may reuse (RFC 9111 §4.1).
 */
export function selectingHeaders(vary: string | null, request: Headers): Record<string, string> | null {
  const selecting: Record<string, string> = {};
  for (const field of (vary ?? '').split(',')) {
    const name = field.trim().toLowerCase();
    if (name === '*') return null;
    if (name !== '') selecting[name] = request.get(name) ?? '';
  }
  return selecting;
}

/**
 * Whether `request` sends the same values as the request that selected a
 * remembered response (RFC 9111 §4.1). Values compare as sent: a difference
 * in whitespace or order is a miss, never a wrong hit.
 */
export function sameSelection(selecting: Readonly<Record<string, string>> | undefined, request: Headers): boolean {
  return Object.keys(selecting ?? {}).every((name) => (request.get(name) ?? '') === selecting![name]);
}
