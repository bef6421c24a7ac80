import { StreamableFile } from '@nestjs/common';

/**
 * `true` for handler results that get no tag: `undefined`/`null` (no
 * representation), streams or `StreamableFile` (not buffered; hashing them
 * would mean reading them twice) and typed arrays other than `Buffer`.
 */
export function isUntagged(result: unknown): boolean {
  if (result === undefined || result === null) return true;
  if (typeof result !== 'object') return false;
  return (
    // A typed array other than a Buffer is sent as JSON by Express and as
    // bytes by Fastify: no one tag can stand for both.
    (ArrayBuffer.isView(result) && !Buffer.isBuffer(result)) ||
    result instanceof StreamableFile ||
    typeof (result as { pipe?: unknown }).pipe === 'function' ||
    typeof (result as { getReader?: unknown }).getReader === 'function'
  );
}

/**
 * The bytes a handler result is sent as: a string or `Buffer` result as it
 * is, any other value as the JSON that Express's `res.json()` and Fastify's
 * default serialiser both produce for it. `undefined` when {@link isUntagged}.
 */
export function representationBytes(result: unknown): string | Uint8Array | undefined {
  if (isUntagged(result)) return undefined;
  if (typeof result === 'string' || Buffer.isBuffer(result)) return result;
  return JSON.stringify(result);
}
