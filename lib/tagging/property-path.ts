/**
 * Reads a dotted property path (`'version'`, `'meta.updatedAt'`) of a value:
 * own properties only, as JSON sees them, so a path never reaches a
 * prototype. `undefined` where the path leads nowhere.
 */
export function compilePropertyPath(path: string): (value: unknown) => unknown {
  const keys = path.split('.');
  return (value) => {
    let node = value;
    for (const key of keys) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}
