/**
 * Presents a state as the client sees it before it is tagged. An entity
 * (a class instance) goes through class-transformer's `instanceToPlain`,
 * which Nest's `ClassSerializerInterceptor` applies to results, when the app
 * has class-transformer: an `@Exclude()`d field, a password say, then never
 * reaches a tag, and a write answering with the new entity gets the tag a
 * GET of it sends. Plain objects and arrays of them are used as they are.
 */
export type PlainState = (state: unknown) => unknown;

const asIs: PlainState = (state) => state;

/** Loads class-transformer if the app has it (an optional peer); otherwise states are tagged as they are. */
export async function loadPlainState(): Promise<PlainState> {
  let instanceToPlain: (value: unknown) => unknown;
  try {
    ({ instanceToPlain } = (await import('class-transformer')) as { instanceToPlain: typeof instanceToPlain });
  } catch {
    return asIs;
  }
  return (state) => (isPlain(state) ? state : instanceToPlain(state));
}

function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isPlain);
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || Buffer.isBuffer(value);
}
