/**
 * `true` for values that get no tag from their content: `undefined`/`null`
 * (no representation), streams and Nest's `StreamableFile` (not buffered;
 * hashing them would mean reading them twice), and typed arrays other than
 * `Buffer` (Express sends them as JSON, Fastify as bytes: no one value tag
 * stands for both). Duck-typed, so the tagging layer imports no framework.
 * The one test of "is this a stream", for every layer.
 */
export function isUntagged(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value)) return !Buffer.isBuffer(value);
  return isStream(value);
}

/** A Node stream, a web `ReadableStream`, or a `StreamableFile` (which has `getStream()`). */
export function isStream(value: object): boolean {
  const candidate = value as { pipe?: unknown; getReader?: unknown; getStream?: unknown };
  return (
    typeof candidate.pipe === 'function' ||
    typeof candidate.getReader === 'function' ||
    typeof candidate.getStream === 'function'
  );
}

/**
 * The bytes a value is sent as by default: a string or `Buffer` as it is,
 * anything else as the JSON that Express's `res.json()` and Fastify's default
 * serialiser both produce. `undefined` when {@link isUntagged}.
 */
export function representationBytes(value: unknown): string | Uint8Array | undefined {
  if (isUntagged(value)) return undefined;
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}
