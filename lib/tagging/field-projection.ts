/**
 * Picks the properties named by dotted paths out of a value, so a weak tag
 * can be computed over them alone. Arrays are mapped: the paths are picked
 * from each element, at any depth.
 */

/** Compiled paths: each key leads to its sub-paths, or `true` for "all of it". */
type PathTree = Map<string, PathTree | true>;

/** The picked values of one result. */
export interface Projection {
  readonly value: unknown;
  /**
   * `true` when every picked value is a string, a finite number, a boolean or
   * null (or an array of those). Keys are picked in a fixed order, so the
   * JSON of such a projection is the same whatever the result's key order,
   * and can be hashed natively; otherwise it needs `object-hash`.
   */
  readonly flat: boolean;
}

/** Compiles dotted paths once, at bootstrap, into a picker for the hot path. */
export function compileFieldProjection(fields: readonly string[]): (value: unknown) => Projection {
  // A Map, not an object: a path such as '__proto__.x' must stay a name.
  const tree: PathTree = new Map();
  for (const field of [...fields].sort()) {
    const keys = field.split('.');
    let node = tree;
    for (const [index, key] of keys.entries()) {
      const existing = node.get(key);
      if (existing === true) break; // a shorter path already takes all of it
      if (index === keys.length - 1) {
        node.set(key, true);
      } else {
        const child: PathTree = existing ?? new Map();
        node.set(key, child);
        node = child;
      }
    }
  }
  return (value) => {
    const state = { flat: true };
    return { value: pick(value, tree, state), flat: state.flat };
  };
}

function pick(value: unknown, tree: PathTree, state: { flat: boolean }): unknown {
  if (Array.isArray(value)) return value.map((element) => pick(element, tree, state));
  if (value === null || typeof value !== 'object') {
    if (!isFlat(value)) state.flat = false;
    return value;
  }
  // No prototype, so a '__proto__' key is data like any other, and a plain assignment is safe.
  const picked: Record<string, unknown> = Object.create(null);
  for (const [key, sub] of tree) {
    // Own properties only, as JSON.stringify sees them: nothing inherited.
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    if (sub === true && state.flat && !isFlatLeaf(child)) state.flat = false;
    picked[key] = sub === true ? child : pick(child, sub, state);
  }
  return picked;
}

// Values whose JSON is exact and unambiguous (NaN and Infinity would become null).
function isFlat(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value));
}

function isFlatLeaf(value: unknown): boolean {
  return Array.isArray(value) ? value.every(isFlat) : isFlat(value);
}
