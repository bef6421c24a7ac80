import { compileFieldProjection } from '../../lib/tagging/field-projection.js';

/** The picker's values alone; `flat` has its own describe below. */
function projector(fields: readonly string[]): (value: unknown) => unknown {
  const project = compileFieldProjection(fields);
  return (value) => project(value).value;
}

describe('compileFieldProjection (weak tags over selected fields, RFC 9110 §8.8.1)', () => {
  const user = {
    id: 7,
    name: 'Shaun',
    age: 27,
    address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' },
  };

  describe('top-level fields', () => {
    it('keeps a single field', () => {
      expect(projector(['name'])(user)).toEqual({ name: 'Shaun' });
    });

    it('keeps several fields', () => {
      expect(projector(['name', 'age'])(user)).toEqual({ name: 'Shaun', age: 27 });
    });

    it('keeps a whole nested object when its top-level key is named', () => {
      expect(projector(['address'])(user)).toEqual({
        address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' },
      });
    });

    it('omits missing properties', () => {
      expect(projector(['name', 'email', 'address.country'])(user)).toEqual({
        name: 'Shaun',
        address: {},
      });
      expect(projector(['email'])(user)).toEqual({});
    });

    it('keeps null and falsy values (only undefined is omitted)', () => {
      const value = { a: null, b: 0, c: '', d: false, e: undefined };
      expect(projector(['a', 'b', 'c', 'd', 'e'])(value)).toEqual({ a: null, b: 0, c: '', d: false });
      expect(Object.keys(projector(['a', 'e'])(value) as object)).toEqual(['a']);
    });
  });

  describe('dotted paths', () => {
    it('address.city keeps { address: { city } } only', () => {
      expect(projector(['address.city'])(user)).toEqual({ address: { city: 'Bristol' } });
    });

    it('merges sibling paths under one parent', () => {
      expect(projector(['address.city', 'address.zip', 'id'])(user)).toEqual({
        id: 7,
        address: { city: 'Bristol', zip: 'BS1' },
      });
    });

    it('a shorter path wins over a longer one, in either order', () => {
      const all = { address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' } };
      expect(projector(['address', 'address.city'])(user)).toEqual(all);
      expect(projector(['address.city', 'address'])(user)).toEqual(all);
    });

    it('a shorter path does not leak the rest of a longer path to the top level', () => {
      const value = { address: { city: 'Bristol', zip: 'BS1' }, city: 'top-level' };
      expect(projector(['address', 'address.city'])(value)).toEqual({
        address: { city: 'Bristol', zip: 'BS1' },
      });
    });

    it('passes a primitive through where an object was expected', () => {
      expect(projector(['address.city'])({ address: 'unknown' })).toEqual({ address: 'unknown' });
    });

    it('keeps a null where an object was expected', () => {
      expect(projector(['address.city'])({ address: null })).toEqual({ address: null });
    });
  });

  describe('arrays', () => {
    it('maps a top-level array element-wise', () => {
      const users = [
        { id: 1, name: 'Shaun', age: 27 },
        { id: 2, name: 'Bitzer', age: 40 },
      ];
      expect(projector(['name'])(users)).toEqual([{ name: 'Shaun' }, { name: 'Bitzer' }]);
    });

    it('maps arrays nested inside objects (tags.name)', () => {
      const value = {
        id: 1,
        tags: [
          { name: 'a', x: 1 },
          { name: 'b', x: 2 },
        ],
      };
      expect(projector(['tags.name'])(value)).toEqual({ tags: [{ name: 'a' }, { name: 'b' }] });
    });

    it('maps arrays inside arrays', () => {
      const value = [{ rows: [{ v: 1, w: 2 }] }, { rows: [] }];
      expect(projector(['rows.v'])(value)).toEqual([{ rows: [{ v: 1 }] }, { rows: [] }]);
    });

    it('keeps a whole array when its key is named', () => {
      const value = { tags: [{ name: 'a', x: 1 }], other: true };
      expect(projector(['tags'])(value)).toEqual({ tags: [{ name: 'a', x: 1 }] });
    });

    it('passes primitive array elements through', () => {
      expect(projector(['name'])([{ name: 'a', x: 1 }, 5, null])).toEqual([{ name: 'a' }, 5, null]);
    });
  });

  describe('non-object values', () => {
    it('passes primitives through', () => {
      const project = projector(['name']);
      expect(project('text')).toBe('text');
      expect(project(42)).toBe(42);
      expect(project(true)).toBe(true);
      expect(project(undefined)).toBeUndefined();
    });

    it('passes null through', () => {
      expect(projector(['name'])(null)).toBeNull();
    });
  });

  describe('property names that are also Object.prototype members', () => {
    it('never reach the prototype: __proto__, constructor and toString are plain names', () => {
      const pick = projector(['__proto__.polluted', 'constructor', 'toString.x']);
      expect(pick({ name: 'Shaun' })).toEqual({});
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype.toString, 'x')).toBe(false);
    });

    it('picks them when they are own data of the value', () => {
      const value = JSON.parse('{"__proto__":{"polluted":1,"other":2},"constructor":"c"}');
      const picked = projector(['__proto__.polluted', 'constructor'])(value) as Record<string, unknown>;
      expect(Object.getPrototypeOf(picked)).toBeNull(); // no prototype at all: nothing to reach or pollute
      expect(Object.getOwnPropertyDescriptor(picked, '__proto__')?.value).toEqual({ polluted: 1 });
      expect(picked.constructor).toBe('c');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('flat projections (JSON of them is canonical: hashed natively)', () => {
    it('strings, finite numbers, booleans, null and arrays of them are flat', () => {
      expect(compileFieldProjection(['name', 'age'])(user).flat).toBe(true);
      expect(compileFieldProjection(['a', 'b', 'c'])({ a: null, b: true, c: ['x', 1] }).flat).toBe(true);
      expect(compileFieldProjection(['name'])([{ name: 'a' }, { name: 'b' }]).flat).toBe(true);
      expect(compileFieldProjection(['address.city'])(user).flat).toBe(true);
    });

    it('a picked object, a Date, NaN or an array of objects is not', () => {
      expect(compileFieldProjection(['address'])(user).flat).toBe(false);
      expect(compileFieldProjection(['at'])({ at: new Date(0) }).flat).toBe(false);
      expect(compileFieldProjection(['n'])({ n: Number.NaN }).flat).toBe(false);
      expect(compileFieldProjection(['list'])({ list: [{ a: 1 }] }).flat).toBe(false);
    });

    it('picks keys in one order, whatever the order of the fields or of the value', () => {
      const a = compileFieldProjection(['name', 'age'])({ name: 'Shaun', age: 27 }).value;
      const b = compileFieldProjection(['age', 'name'])({ age: 27, name: 'Shaun' }).value;
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    });
  });

  describe('purity', () => {
    it('returns a new object and leaves the input untouched', () => {
      const input = { name: 'Shaun', address: { city: 'Bristol', zip: 'BS1' } };
      const snapshot = structuredClone(input);
      const output = projector(['address.city'])(input) as { address: unknown };
      expect(input).toEqual(snapshot);
      expect(output.address).not.toBe(input.address);
    });

    it('gives the same result when the compiled picker is reused', () => {
      const project = projector(['name']);
      expect(project({ name: 'a', x: 1 })).toEqual({ name: 'a' });
      expect(project({ name: 'b', x: 2 })).toEqual({ name: 'b' });
    });
  });
});
