import objectHash from 'object-hash';
import { compileFieldSelection } from '../../lib/tagging/field-selection.js';

// The canonical text a weak field tag hashes (lib/tagging/canonical-text.ts):
// s<length>:<string>, n<number>;, t, f, z, k<length>:<key>, {…}, […].
const select = (fields: readonly string[], value: unknown, budget = 100_000) =>
  compileFieldSelection(fields)(value, budget);

describe('compileFieldSelection: the text a weak field tag hashes (RFC 9110 §8.8.1)', () => {
  const user = {
    id: 7,
    name: 'Shaun',
    age: 27,
    address: { zip: 'BS1', city: 'Bristol', street: 'Mossy Bottom' },
  };

  describe('top-level fields', () => {
    it('writes a single field', () => {
      expect(select(['name'], user)).toBe('{k4:names5:Shaun}');
    });

    it('writes several fields in sorted key order, whatever the order of the fields or of the value', () => {
      expect(select(['name', 'age'], user)).toBe('{k3:agen27;k4:names5:Shaun}');
      expect(select(['age', 'name'], { name: 'Shaun', age: 27 })).toBe('{k3:agen27;k4:names5:Shaun}');
    });

    it('writes a whole nested object, its keys sorted', () => {
      expect(select(['address'], user)).toBe('{k7:address{k4:citys7:Bristolk6:streets12:Mossy Bottomk3:zips3:BS1}}');
    });

    it('leaves out what the value does not have, and what JSON leaves out', () => {
      expect(select(['name', 'email'], user)).toBe('{k4:names5:Shaun}');
      expect(select(['a', 'b', 'c', 'd', 'e', 'f'], { a: null, b: 0, c: '', d: false, e: undefined, f: () => 1 })).toBe(
        '{k1:azk1:bn0;k1:cs0:k1:df}',
      );
    });
  });

  describe('dotted paths', () => {
    it('address.city writes { address: { city } } only', () => {
      expect(select(['address.city'], user)).toBe('{k7:address{k4:citys7:Bristol}}');
    });

    it('merges sibling paths under one parent; a shorter path takes all of it, in either order', () => {
      expect(select(['address.city', 'address.zip', 'id'], user)).toBe(
        '{k7:address{k4:citys7:Bristolk3:zips3:BS1}k2:idn7;}',
      );
      expect(select(['address', 'address.city'], user)).toBe(select(['address'], user));
      expect(select(['address.city', 'address'], user)).toBe(select(['address'], user));
    });

    it('passes a primitive or null through where an object was expected', () => {
      expect(select(['address.city'], { address: 'unknown' })).toBe('{k7:addresss7:unknown}');
      expect(select(['address.city'], { address: null })).toBe('{k7:addressz}');
    });
  });

  describe('arrays: the paths are picked from each element, at any depth', () => {
    it('maps a top-level array', () => {
      expect(select(['name'], [{ name: 'Shaun', age: 27 }, { name: 'Bitzer' }])).toBe(
        '[{k4:names5:Shaun}{k4:names6:Bitzer}]',
      );
    });

    it('maps arrays nested in objects and in arrays', () => {
      expect(select(['tags.name'], { tags: [{ name: 'a', x: 1 }, { name: 'b' }] })).toBe(
        '{k4:tags[{k4:names1:a}{k4:names1:b}]}',
      );
      expect(select(['v'], [[{ v: 1, w: 2 }], []])).toBe('[[{k1:vn1;}][]]');
    });

    it('passes primitive elements through; a hole or undefined is null, as in JSON', () => {
      expect(select(['name'], [{ name: 'a' }, 5, null, undefined])).toBe('[{k4:names1:a}n5;zz]');
    });
  });

  describe('values as JSON sends them', () => {
    it('applies toJSON (a Date is its ISO string) and unboxes boxed primitives', () => {
      expect(select(['at'], { at: new Date(0) })).toBe('{k2:ats24:1970-01-01T00:00:00.000Z}');
      expect(select(['n', 's'], { n: Object(5), s: Object('x') })).toBe('{k1:nn5;k1:ss1:x}');
      const toJSON = { toJSON: (key: string) => `seen as ${key}` };
      expect(select(['a'], { a: toJSON })).toBe('{k1:as9:seen as a}');
    });

    it('writes NaN and Infinity as null, as JSON does; a bigint by its digits', () => {
      expect(select(['a', 'b', 'c'], { a: Number.NaN, b: Infinity, c: 10n })).toBe('{k1:azk1:bzk1:cb10;}');
    });

    it('is unambiguous without escaping: a value never reads as the next key', () => {
      expect(select(['a', 'b'], { a: 'k1:bs1:x', b: 'y' })).not.toBe(select(['a', 'b'], { a: '', b: 'x' }));
      expect(select(['a'], { a: 'é"\\\n' })).toBe('{k1:as4:é"\\\n}');
    });

    it('hashes a Map or a Set with object-hash, which JSON would send as {}', () => {
      const map = new Map([['k', 1]]);
      expect(select(['m'], { m: map })).toBe(`{k1:mh${objectHash(map, { respectType: false, encoding: 'base64' })};}`);
      expect(select(['m'], { m: new Map([['k', 2]]) })).not.toBe(select(['m'], { m: map }));
    });
  });

  describe('property names that are also Object.prototype members', () => {
    it('never reach the prototype: __proto__, constructor and toString are plain names', () => {
      expect(select(['__proto__.polluted', 'constructor', 'toString.x'], { name: 'Shaun' })).toBe('{}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('picks them when they are own data of the value', () => {
      const value = JSON.parse('{"__proto__":{"polluted":1,"other":2},"constructor":"c"}');
      expect(select(['__proto__.polluted', 'constructor'], value)).toBe(
        '{k9:__proto__{k8:pollutedn1;}k11:constructors1:c}',
      );
    });
  });

  describe('what cannot be written faithfully: undefined, and the caller tags the bytes sent', () => {
    it('a getter that gives a new value on each read', () => {
      let reads = 0;
      const value = Object.defineProperty({}, 'n', { enumerable: true, get: () => `n${reads++}` });
      expect(select(['n'], value)).toBeUndefined();
    });

    it('a toJSON that throws', () => {
      expect(
        select(['a'], {
          a: {
            toJSON: () => {
              throw new Error('no');
            },
          },
        }),
      ).toBeUndefined();
    });

    it('a cycle, past the value budget', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(select(['self'], cyclic)).toBeUndefined();
    });

    it('more values than the budget: a body has no more values than bytes', () => {
      expect(select(['a'], { a: [1, 2, 3] }, 5)).toBe('{k1:a[n1;n2;n3;]}');
      expect(select(['a'], { a: [1, 2, 3] }, 4)).toBeUndefined();
    });
  });

  describe('depth: written iteratively, never a stack overflow', () => {
    const nest = (depth: number, leaf: unknown): unknown => {
      let value: unknown = leaf;
      for (let i = 0; i < depth; i++) value = { a: value };
      return value;
    };

    it('a selected value 10,000 objects deep', () => {
      const text = select(['a'], nest(10_000, 1))!;
      expect(text.startsWith('{k1:a{k1:a{')).toBe(true);
      expect(text.endsWith('n1;' + '}'.repeat(10_000))).toBe(true);
    });

    it('arrays 10,000 deep at a selection point', () => {
      let value: unknown = [{ name: 'x' }];
      for (let i = 0; i < 10_000; i++) value = [value];
      expect(select(['name'], value)).toBe(`${'['.repeat(10_001)}{k4:names1:x}${']'.repeat(10_001)}`);
    });

    it('a Map nested 10,000 deep, which object-hash cannot hash: undefined, no throw', () => {
      let map = new Map<string, unknown>();
      for (let i = 0; i < 10_000; i++) map = new Map([['m', map]]);
      expect(select(['m'], { m: map })).toBeUndefined();
    });
  });
});
