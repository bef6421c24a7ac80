/**
 * The package's CommonJS and ES module builds can both be loaded in one
 * process, each with its own classes. A class branded here carries a mark
 * from the global symbol registry, which both copies share, on its
 * prototype, and its `instanceof` (so Nest's `@Catch()` too) checks the
 * mark: one copy's filter renders the other copy's exceptions.
 */
const BRAND = Symbol.for('nestjs-etag:brand');

/** Marks `type`'s instances, in both builds, by `name`. */
export function brand(type: { readonly prototype: object }, name: string): void {
  const symbol = Symbol.for(`nestjs-etag:${name}`);
  Object.defineProperty(type, BRAND, { value: symbol });
  Object.defineProperty(type.prototype, symbol, { value: true });
}

/** `true` when `type` is branded and `value` carries its mark. */
export function hasBrand(type: object, value: unknown): boolean {
  // Only the package's own classes are branded; an app's subclass keeps the plain check.
  const symbol = Object.hasOwn(type, BRAND) ? (type as { [BRAND]?: symbol })[BRAND]! : undefined;
  return symbol !== undefined && typeof value === 'object' && value !== null && symbol in value;
}
