/**
 * The selected fields of a value, written as the text a weak field tag
 * hashes (canonical-text.ts). Dotted paths reach nested properties; arrays
 * are mapped, at any depth, so the paths are picked from each element.
 * Nothing but that text is built: no object per element, no second
 * serialisation of the body. One concern, longer than most: the fast paths
 * for the shapes handlers return (a record, an array of records, a string)
 * sit beside the general walk they shortcut, and a list of plain records
 * has a flat form of its own, which JSON writes natively.
 */
import { isOmitted, jsonValue, type Output, writeValue, writeWhole } from './canonical-text.js';

/** Compiled paths: for each key, in sorted order, its sub-paths, or `true` for "all of it". */
interface PathTree {
  readonly keys: readonly string[];
  /** `k<length>:<key>` for each key, written before its value. */
  readonly tokens: readonly string[];
  readonly subtrees: readonly (PathTree | true)[];
  /** Every key is selected whole: an array's records may be written in the flat form. */
  readonly flat: boolean;
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
  const subtrees = keys.map((key) => {
    const sub = children.get(key)!;
    return sub === true ? true : compileTree(sub);
  });
  return {
    keys,
    tokens: keys.map((key) => `k${key.length}:${key}`),
    subtrees,
    flat: subtrees.every((sub) => sub === true),
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
  if (tree.flat) {
    const written = writeFlat(array, tree, out);
    if (written !== undefined) return written;
  }
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

// Where a record lacks a selected property, in the flat form: no value written there is an array.
const ABSENT: readonly never[] = [];

/**
 * The flat form, for the shape list endpoints return: an array of plain
 * records whose selected properties hold strings, numbers, booleans or
 * null. Written as `j` and the JSON of one list of those values, record
 * after record, each record's in sorted key order, `[]` where a record
 * lacks one: as many per record, so the list reads back one way only, and
 * `JSON.stringify` writes it in one native pass, with no text per value.
 * `undefined` when the array has another shape (the general form is
 * written then); `false` when it cannot be written faithfully.
 */
function writeFlat(array: readonly unknown[], tree: PathTree, out: Output): boolean | undefined {
  const { keys } = tree;
  const width = keys.length;
  const cost = array.length * (width + 1);
  if (out.budget < cost) return false;
  // A plain record inherits only from Object.prototype: where that has none
  // of the names, a value read is an own one (a prototype polluted since is read afresh).
  const inherits = keys.some((key) => key in Object.prototype);
  // Pushed, not preallocated: JSON writes a packed array faster than a holey one.
  const values: unknown[] = [];
  for (let index = 0; index < array.length; index++) {
    const record = array[index];
    if (!isBareRecord(record)) return undefined;
    for (let i = 0; i < width; i++) {
      const key = keys[i];
      const raw = record[key];
      // Left out as JSON leaves it out; an inherited property too.
      if (
        raw === undefined ||
        typeof raw === 'function' ||
        typeof raw === 'symbol' ||
        (inherits && !Object.hasOwn(record, key))
      ) {
        values.push(ABSENT);
        continue;
      }
      if (typeof raw === 'object' ? raw !== null : typeof raw === 'bigint') return undefined;
      // As in selectRecord: a value that changes from one read to the next cannot be tagged.
      if (record[key] !== raw && raw === raw) return false;
      values.push(raw);
    }
  }
  out.budget -= cost;
  out.text += `j${JSON.stringify(values)}`;
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
