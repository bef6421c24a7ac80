/**
 * The text a field tag hashes: the selected values written once, as JSON
 * would send them, in a form that is unambiguous without escaping and that
 * no key order changes. Written iteratively, so no nesting depth can
 * overflow the stack, and within a budget of values, so no value (a cycle,
 * a getter that builds a new object on every read) can keep it busy.
 *
 * - a string: `s<length>:<text>`; a finite number: `n<number>;`; `true`,
 *   `false`, `null`: `t`, `f`, `z` (a non-finite number is `z`, as in JSON);
 *   a bigint: `b<digits>;`
 * - an array: `[` its elements `]`, an element JSON leaves out (undefined, a
 *   function, a symbol) written `z`, as JSON writes `null`
 * - an object: `{` each own enumerable property JSON sends, in sorted key
 *   order, as `k<length>:<key>` and its value `}`
 * - `toJSON()` is applied first, with its key, as `JSON.stringify` does (a
 *   `Date` is its ISO string); a boxed primitive is its value
 * - a `Map` or `Set`, which JSON sends as `{}` whatever it holds:
 *   `h<digest>;`, its `object-hash` digest, so that a serialiser that does
 *   send its content still gets a tag that changes with it
 * - where a selection picks whole properties from an array of plain records
 *   holding strings, numbers, booleans or null (a list endpoint): `j` and
 *   the JSON of those values in one flat list (field-selection.ts)
 */
import objectHash from 'object-hash';

/**
 * The most values the selection of a state writes before giving up (the
 * caller then hashes its JSON instead). A body sent is bounded by its own
 * length: JSON spends at least one byte on every value it writes.
 */
export const STATE_VALUE_BUDGET = 100_000;

/** A container being written: an array, or an object's keys (all, or those a selection names). */
export interface Frame {
  readonly items: readonly unknown[] | undefined;
  readonly object: Record<string, unknown> | undefined;
  readonly keys: readonly string[] | undefined;
  index: number;
}

/** What a walk has written so far, and how much of its budget is left. */
export interface Output {
  text: string;
  budget: number;
}

/** The value JSON sends for `value` under `key`: `toJSON()` applied, a boxed primitive unboxed. */
export function jsonValue(value: unknown, key: string | number): unknown {
  if ((typeof value === 'object' && value !== null) || typeof value === 'bigint') {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return toJSON.call(value, String(key));
    // Plain objects and arrays, the common case, are no boxed primitive: no instanceof for them.
    const prototype: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
    if (prototype === Object.prototype || prototype === Array.prototype || prototype === null) return value;
    if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.valueOf();
  }
  return value;
}

/** Whether JSON leaves a property with this value out of an object. */
export function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * Writes one value JSON would send (already passed through {@link jsonValue})
 * and returns the frame of its content, if it is an array or an object whose
 * members are to be written next; `false` when it cannot be written (the
 * budget is spent, or object-hash failed on a `Map` or `Set`).
 */
export function writeValue(value: unknown, out: Output): Frame | undefined | false {
  if (--out.budget < 0) return false;
  switch (typeof value) {
    case 'string':
      out.text += `s${value.length}:${value}`;
      return undefined;
    case 'number':
      out.text += Number.isFinite(value) ? `n${value};` : 'z';
      return undefined;
    case 'boolean':
      out.text += value ? 't' : 'f';
      return undefined;
    case 'bigint':
      out.text += `b${value};`;
      return undefined;
    case 'object':
      if (value === null) break;
      if (Array.isArray(value)) {
        out.text += '[';
        return { items: value, object: undefined, keys: undefined, index: 0 };
      }
      if (value instanceof Map || value instanceof Set) return writeDigest(value, out);
      out.text += '{';
      return { items: undefined, object: value as Record<string, unknown>, keys: Object.keys(value).sort(), index: 0 };
  }
  out.text += 'z';
  return undefined;
}

function writeDigest(value: Map<unknown, unknown> | Set<unknown>, out: Output): undefined | false {
  try {
    out.text += `h${objectHash(value, { respectType: false, encoding: 'base64' })};`;
    return undefined;
  } catch {
    // object-hash recurses: a value nested too deep for the stack.
    return false;
  }
}

/**
 * Writes the whole of `value` (already passed through {@link jsonValue});
 * `false` when it cannot be written within the budget.
 */
export function writeWhole(value: unknown, out: Output): boolean {
  const first = writeValue(value, out);
  if (first === false) return false;
  const stack: Frame[] = first === undefined ? [] : [first];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    let child: Frame | undefined | false;
    if (frame.items !== undefined) {
      if (frame.index === frame.items.length) {
        out.text += ']';
        stack.pop();
        continue;
      }
      const index = frame.index++;
      const element = jsonValue(frame.items[index], index);
      child = writeValue(isOmitted(element) ? null : element, out);
    } else {
      const keys = frame.keys!;
      let member: unknown;
      let key: string | undefined;
      while (frame.index < keys.length) {
        key = keys[frame.index++];
        member = jsonValue(frame.object![key], key);
        if (!isOmitted(member)) break;
        key = undefined;
      }
      if (key === undefined) {
        out.text += '}';
        stack.pop();
        continue;
      }
      out.text += `k${key.length}:${key}`;
      child = writeValue(member, out);
    }
    if (child === false) return false;
    if (child !== undefined) stack.push(child);
  }
  return true;
}
