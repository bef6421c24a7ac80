/**
 * Picks the properties named by dotted paths out of a value, so a weak tag
 * can be computed over them alone. Arrays are mapped: the paths are picked
 * from each element, at any depth.
 */

/** Compiled paths: each key leads to its sub-paths, or `true` for "all of it". */
type PathTree = Map<string, PathTree | true>;

/** Compiles dotted paths once, at bootstrap, into a picker for the hot path. */
export function compileFieldProjection(fields: readonly string[]): (value: unknown) => unknown {
  // A Map, not an object: a path such as '__proto__.x' must stay a name.
  const tree: PathTree = new Map();
  for (const field of fields) {
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
  return (value) => pick(value, tree);
}

function pick(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((element) => pick(element, tree));
  if (value === null || typeof value !== 'object') return value;
  const picked: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    // Own properties only, as JSON.stringify sees them: nothing inherited.
    if (!Object.hasOwn(value, key)) continue;
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined) continue;
    // defineProperty, so a '__proto__' key is data, never a prototype.
    Object.defineProperty(picked, key, {
      value: sub === true ? child : pick(child, sub),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return picked;
}
