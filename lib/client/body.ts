/**
 * Body encoding: what the client sends for a value, and what it makes of
 * the text it receives.
 */

/**
 * The text sent for `body`: a string as is, anything else as JSON, with
 * `Content-Type: application/json` unless `headers` name one; `undefined` for
 * no body.
 */
export function encodeBody(body: unknown, headers: Headers): string | undefined {
  if (body === undefined || typeof body === 'string') return body;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(body);
}

/** JSON for a JSON media type (`application/json`, `…+json`), otherwise the text; `undefined` for no body. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  return /^[^;]*[/+]json\s*(;|$)/i.test(contentType ?? '') ? JSON.parse(text) : text;
}
