import { compileFieldProjection } from '../../lib/field-projection.js';

describe('compileFieldProjection (weak tags over selected fields, RFC 9110 §8.8.1)', () => {
  const user = {
    id: 7,
    name: 'Shaun',
    age: 27,
    address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' },
  };

  describe('top-level fields', () => {
    it('keeps a single field', () => {
      expect(compileFieldProjection(['name'])(user)).toEqual({ name: 'Shaun' });
    });

    it('keeps several fields', () => {
      expect(compileFieldProjection(['name', 'age'])(user)).toEqual({ name: 'Shaun', age: 27 });
    });

    it('keeps a whole nested object when its top-level key is named', () => {
      expect(compileFieldProjection(['address'])(user)).toEqual({
        address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' },
      });
    });

    it('omits missing properties', () => {
      expect(compileFieldProjection(['name', 'email', 'address.country'])(user)).toEqual({
        name: 'Shaun',
        address: {},
      });
      expect(compileFieldProjection(['email'])(user)).toEqual({});
    });

    it('keeps null and falsy values (only undefined is omitted)', () => {
      const value = { a: null, b: 0, c: '', d: false, e: undefined };
      expect(compileFieldProjection(['a', 'b', 'c', 'd', 'e'])(value)).toEqual({ a: null, b: 0, c: '', d: false });
      expect(Object.keys(compileFieldProjection(['a', 'e'])(value) as object)).toEqual(['a']);
    });
  });

  describe('dotted paths', () => {
    it('address.city keeps { address: { city } } only', () => {
      expect(compileFieldProjection(['address.city'])(user)).toEqual({ address: { city: 'Bristol' } });
    });

    it('merges sibling paths under one parent', () => {
      expect(compileFieldProjection(['address.city', 'address.zip', 'id'])(user)).toEqual({
        id: 7,
        address: { city: 'Bristol', zip: 'BS1' },
      });
    });

    it('a shorter path wins over a longer one, in either order', () => {
      const all = { address: { city: 'Bristol', street: 'Mossy Bottom', zip: 'BS1' } };
      expect(compileFieldProjection(['address', 'address.city'])(user)).toEqual(all);
      expect(compileFieldProjection(['address.city', 'address'])(user)).toEqual(all);
    });

    it('a shorter path does not leak the rest of a longer path to the top level', () => {
      const value = { address: { city: 'Bristol', zip: 'BS1' }, city: 'top-level' };
      expect(compileFieldProjection(['address', 'address.city'])(value)).toEqual({
        address: { city: 'Bristol', zip: 'BS1' },
      });
    });

    it('passes a primitive through where an object was expected', () => {
      expect(compileFieldProjection(['address.city'])({ address: 'unknown' })).toEqual({ address: 'unknown' });
    });

    it('keeps a null where an object was expected', () => {
      expect(compileFieldProjection(['address.city'])({ address: null })).toEqual({ address: null });
    });
  });

  describe('arrays', () => {
    it('maps a top-level array element-wise', () => {
      const users = [
        { id: 1, name: 'Shaun', age: 27 },
        { id: 2, name: 'Bitzer', age: 40 },
      ];
      expect(compileFieldProjection(['name'])(users)).toEqual([{ name: 'Shaun' }, { name: 'Bitzer' }]);
    });

    it('maps arrays nested inside objects (tags.name)', () => {
      const value = {
        id: 1,
        tags: [
          { name: 'a', x: 1 },
          { name: 'b', x: 2 },
        ],
      };
      expect(compileFieldProjection(['tags.name'])(value)).toEqual({ tags: [{ name: 'a' }, { name: 'b' }] });
    });

    it('maps arrays inside arrays', () => {
      const value = [{ rows: [{ v: 1, w: 2 }] }, { rows: [] }];
      expect(compileFieldProjection(['rows.v'])(value)).toEqual([{ rows: [{ v: 1 }] }, { rows: [] }]);
    });

    it('keeps a whole array when its key is named', () => {
      const value = { tags: [{ name: 'a', x: 1 }], other: true };
      expect(compileFieldProjection(['tags'])(value)).toEqual({ tags: [{ name: 'a', x: 1 }] });
    });

    it('passes primitive array elements through', () => {
      expect(compileFieldProjection(['name'])([{ name: 'a', x: 1 }, 5, null])).toEqual([{ name: 'a' }, 5, null]);
    });
  });

  describe('non-object values', () => {
    it('passes primitives through', () => {
      const project = compileFieldProjection(['name']);
      expect(project('text')).toBe('text');
      expect(project(42)).toBe(42);
      expect(project(true)).toBe(true);
      expect(project(undefined)).toBeUndefined();
    });

    it('passes null through', () => {
      expect(compileFieldProjection(['name'])(null)).toBeNull();
    });
  });

  describe('property names that are also Object.prototype members', () => {
    it('never reach the prototype: __proto__, constructor and toString are plain names', () => {
      const pick = compileFieldProjection(['__proto__.polluted', 'constructor', 'toString.x']);
      expect(pick({ name: 'Shaun' })).toEqual({});
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype.toString, 'x')).toBe(false);
    });

    it('picks them when they are own data of the value', () => {
      const value = JSON.parse('{"__proto__":{"polluted":1,"other":2},"constructor":"c"}');
      const picked = compileFieldProjection(['__proto__.polluted', 'constructor'])(value) as Record<string, unknown>;
      expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(picked, '__proto__')?.value).toEqual({ polluted: 1 });
      expect(picked.constructor).toBe('c');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('purity', () => {
    it('returns a new object and leaves the input untouched', () => {
      const input = { name: 'Shaun', address: { city: 'Bristol', zip: 'BS1' } };
      const snapshot = structuredClone(input);
      const output = compileFieldProjection(['address.city'])(input) as { address: unknown };
      expect(input).toEqual(snapshot);
      expect(output.address).not.toBe(input.address);
    });

    it('gives the same result when the compiled picker is reused', () => {
      const project = compileFieldProjection(['name']);
      expect(project({ name: 'a', x: 1 })).toEqual({ name: 'a' });
      expect(project({ name: 'b', x: 2 })).toEqual({ name: 'b' });
    });
  });
});
