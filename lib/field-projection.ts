/**
 * Picks the properties named by dotted paths out of a value, so a weak tag
 * can be computed over them alone. Arrays are mapped: the paths are picked
 * from each element, at any depth.
 */

/** A compiled set of paths: each key leads to its sub-paths, or `true` for "all of it". */
interface PathTree {
  readonly [key: string]: PathTree | true;
}

/** Compiles dotted paths once, at bootstrap, into a picker for the hot path. */
export function compileFieldProjection(fields: readonly string[]): (value: unknown) => unknown {
  const tree: Record<string, PathTree | true> = {};
  for (const field of fields) {
    const keys = field.split('.');
    let node = tree;
    keys.forEach((key, index) => {
      if (node[key] === true) return; // a shorter path already takes all of it
      if (index === keys.length - 1) node[key] = true;
      else node = (node[key] ??= {}) as Record<string, PathTree | true>;
    });
  }
  return (value) => pick(value, tree);
}

function pick(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((element) => pick(element, tree));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const key in tree) {
    const child = source[key];
    if (child === undefined) continue;
    const sub = tree[key];
    picked[key] = sub === true ? child : pick(child, sub);
  }
  return picked;
}
