/**
 * The filter object a conditional write puts in its `WHERE`: the key of the row, and for a `version`
 * precondition the version the request's tag names, under the route's `version` property. One plain object,
 * the shape TypeORM (`FindOptionsWhere`), Prisma (`WhereInput`, `WhereUniqueInput`) and MikroORM
 * (`FilterQuery`) all take.
 */

/** The key of the row, plus the expected version under `K` when there is one. */
export type WriteFilter<W, V, K extends string> = W & { [P in K]?: V };

/**
 * `key`, with `version` set at `path` (`'version'`, or a dotted path into an embedded object such as
 * `'meta.version'`) when `version` is defined. `key` is copied, never changed.
 */
export function writeFilter<W extends object, V, K extends string>(
  key: W,
  path: string | undefined,
  version: V | undefined,
): WriteFilter<W, V, K> {
  const filter: Record<string, unknown> = { ...(key as Record<string, unknown>) };
  if (path === undefined || version === undefined) return filter as WriteFilter<W, V, K>;
  const keys = path.split('.');
  let node = filter;
  for (const name of keys.slice(0, -1)) {
    const inner = node[name];
    node = node[name] = typeof inner === 'object' && inner !== null ? { ...(inner as object) } : {};
  }
  node[keys[keys.length - 1]!] = version;
  return filter as WriteFilter<W, V, K>;
}
