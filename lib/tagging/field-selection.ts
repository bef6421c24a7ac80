/**
 * The selected fields of a value, written as the text a weak field tag
 * hashes (canonical-text.ts). Dotted paths reach nested properties; arrays
 * are mapped, at any depth, so the paths are picked from each element.
 * Nothing but that text is built: no object per element, no second
 * serialisation of the body. One concern, longer than most: the fast paths
 * for the shapes handlers return (a record, an array of records, a string)
 * sit beside the general walk they shortcut.
 */
import { isOmitted, jsonValue, type Output, writeValue, writeWhole } from './canonical-text.js';

/** Compiled paths: for each key, in sorted order, its sub-paths, or `true` for "all of it". */
interface PathTree {
  readonly keys: readonly string[];
  /** `k<length>:<key>` for each key, written before its value. */
  readonly tokens: readonly string[];
  readonly subtrees: readonly (PathTree | true)[];
}

/**
 * Compiles dotted paths once, at bootstrap, into a writer for the hot path.
 * The writer returns `undefined` when the selection cannot be written
 * faithfully: a property whose getter gives a new value on each read, more
 * than `budget` values (a cycle, say), a value whose `toJSON()` throws; the
 * caller then tags the bytes sent instead, which is never wrong, only less
 * lasting.
 */
export function compileFieldSelection(
  fields: readonly string[],
): (value: unknown, budget: number) => string | undefined {
  const tree = compileTree([...new Set(fields)].map((field) => field.split('.')));
  return (value, budget) => {
    const out: Output = { text: '', budget };
    try {
      return select(jsonValue(value, ''), tree, out) ? out.text : undefined;
    } catch {
      return undefined;
    }
  };
}

function compileTree(paths: readonly (readonly string[])[]): PathTree {
  // A Map, not an object: a path such as '__proto__.x' must stay a name.
  const children = new Map<string, (readonly string[])[] | true>();
  for (const [first, ...rest] of paths) {
    const existing = children.get(first);
    // A shorter path takes all of it, whatever longer ones say.
    if (existing === true) continue;
    if (rest.length === 0) children.set(first, true);
    else children.set(first, [...(existing ?? []), rest]);
  }
  const keys = [...children.keys()].sort();
  return {
    keys,
    tokens: keys.map((key) => `k${key.length}:${key}`),
    subtrees: keys.map((key) => {
      const sub = children.get(key)!;
      return sub === true ? true : compileTree(sub);
    }),
  };
}

function select(value: unknown, tree: PathTree, out: Output): boolean {
  if (Array.isArray(value)) return selectEach(value, tree, out);
  if (typeof value !== 'object' || value === null || !isPlainRecord(value)) {
    // Where an object was expected, a value is passed through whole.
    return writeWhole(value, out);
  }
  return selectRecord(value as Record<string, unknown>, tree, out);
}

/** The selected properties of a record JSON sends as its own enumerable properties (`toJSON()` applied already). */
function selectRecord(value: Record<string, unknown>, tree: PathTree, out: Output): boolean {
  if (--out.budget < 0) return false;
  // Written into a local string, then once into `out`: one property write an object, not one a value.
  let text = '{';
  const { keys, tokens, subtrees } = tree;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // Own properties only, as JSON sees them: nothing inherited.
    if (!Object.hasOwn(value, key)) continue;
    const raw = value[key];
    // The platform reads each property once more to send it: a value that
    // changes from one read to the next cannot be tagged from this read.
    if (value[key] !== raw && raw === raw) return false;
    const sub = subtrees[i];
    // The common case, a selected string, written here and now.
    if (typeof raw === 'string' && sub === true) {
      text += `${tokens[i]}s${raw.length}:${raw}`;
      continue;
    }
    const member = jsonValue(raw, key);
    if (isOmitted(member)) continue;
    out.text += text + tokens[i];
    text = '';
    const written =
      sub !== true
        ? select(member, sub, out)
        : typeof member === 'object' && member !== null
          ? writeWhole(member, out)
          : writeValue(member, out) !== false;
    if (!written) return false;
  }
  out.text += `${text}}`;
  return true;
}

/**
 * Whether a value is a record whose own enumerable properties are what JSON
 * sends: a plain object, or a class instance that is no `Map` or `Set` (those
 * are written whole). Plain objects, the common case, take no `instanceof`.
 */
function isPlainRecord(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || !(value instanceof Map || value instanceof Set);
}

/** An array's elements, each selected; an array among them, and arrays within it, are mapped in turn. */
function selectEach(array: readonly unknown[], tree: PathTree, out: Output): boolean {
  out.text += '[';
  for (let index = 0; index < array.length; index++) {
    const element = array[index];
    if (--out.budget < 0) return false;
    // The common case: a plain object without toJSON(), selected at once.
    const written = isBareRecord(element)
      ? selectRecord(element, tree, out)
      : selectElement(jsonValue(element, index), tree, out);
    if (!written) return false;
  }
  out.text += ']';
  return true;
}

function selectElement(element: unknown, tree: PathTree, out: Output): boolean {
  if (Array.isArray(element)) return selectNested(element, tree, out);
  return select(isOmitted(element) ? null : element, tree, out);
}

/** A plain object (its prototype `Object.prototype` or none) with no `toJSON()`: JSON sends its own properties. */
function isBareRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

// Arrays within arrays, iteratively: arrays nested thousands deep are no danger to the stack.
function selectNested(array: readonly unknown[], tree: PathTree, out: Output): boolean {
  const stack: { items: readonly unknown[]; index: number }[] = [{ items: array, index: 0 }];
  out.text += '[';
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.index === top.items.length) {
      out.text += ']';
      stack.pop();
      continue;
    }
    if (--out.budget < 0) return false;
    const index = top.index++;
    const element = jsonValue(top.items[index], index);
    if (Array.isArray(element)) {
      out.text += '[';
      stack.push({ items: element, index: 0 });
    } else if (!select(isOmitted(element) ? null : element, tree, out)) {
      return false;
    }
  }
  return true;
}
