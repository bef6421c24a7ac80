import { sha256 } from './sha256.js';

/**
 * What a request sent in header `name`, as a remembered response keeps it:
 * the SHA-256 of the value, `''` when not sent. Never the value itself: a
 * response may vary on a credential (`Authorization`, an API key).
 */
function selected(request: Headers, name: string): string {
  const value = request.get(name);
  return value === null ? '' : sha256(value);
}

/**
 * The request header values that selected a response, by the response's
 * `Vary` (RFC 9110 §12.5.5): lowercase name → {@link selected}. An empty
 * record when nothing varies; `null` for `Vary: *`, a response that no later
 * request may reuse (RFC 9111 §4.1).
 */
export function selectingHeaders(vary: string | null, request: Headers): Record<string, string> | null {
  const selecting: Record<string, string> = {};
  // Vary = #( "*" / field-name ): tokens, which hold no comma.
  for (const field of (vary ?? '').split(',')) {
    const name = field.trim().toLowerCase();
    if (name === '*') return null;
    if (name !== '') selecting[name] = selected(request, name);
  }
  return selecting;
}

/**
 * Whether `request` sends the same values as the request that selected a
 * remembered response (RFC 9111 §4.1). Values compare as sent: a difference
 * in whitespace or order is a miss, never a wrong hit.
 */
export function sameSelection(selecting: Readonly<Record<string, string>> | undefined, request: Headers): boolean {
  return Object.keys(selecting ?? {}).every((name) => selected(request, name) === selecting![name]);
}
