import { StreamableFile } from '@nestjs/common';

/**
 * `true` for handler results that get no tag: `undefined`/`null` (no
 * representation) and streams or `StreamableFile` (not buffered; hashing
 * them would mean reading them twice).
 */
export function isUntagged(result: unknown): boolean {
  if (result === undefined || result === null) return true;
  if (typeof result !== 'object') return false;
  return (
    result instanceof StreamableFile ||
    typeof (result as { pipe?: unknown }).pipe === 'function' ||
    typeof (result as { getReader?: unknown }).getReader === 'function'
  );
}

/**
 * The bytes a handler result is sent as: a string or binary result as it
 * is, any other value as the JSON that Express's `res.json()` and Fastify's
 * default serialiser both produce for it. `undefined` when {@link isUntagged}.
 */
export function representationBytes(result: unknown): string | Uint8Array | undefined {
  if (isUntagged(result)) return undefined;
  if (typeof result === 'string' || result instanceof Uint8Array) return result;
  return JSON.stringify(result);
}
