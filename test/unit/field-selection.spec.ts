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
    it('maps a top-level array of records, in the flat form where it applies', () => {
      expect(select(['name'], [{ name: 'Shaun', age: 27 }, { name: 'Bitzer' }])).toBe('j["Shaun","Bitzer"]');
      expect(select(['name'], [{ name: 'Shaun' }, { name: { first: 'Bitzer' } }])).toBe(
        '[{k4:names5:Shaun}{k4:name{k5:firsts6:Bitzer}}]',
      );
    });

    it('maps arrays nested in objects and in arrays', () => {
      expect(select(['tags.name'], { tags: [{ name: 'a', x: 1 }, { name: 'b' }] })).toBe('{k4:tagsj["a","b"]}');
      expect(select(['v'], [[{ v: 1, w: 2 }], []])).toBe('[[{k1:vn1;}][]]');
    });

    it('passes primitive elements through; a hole or undefined is null, as in JSON', () => {
      expect(select(['name'], [{ name: 'a' }, 5, null, undefined])).toBe('[{k4:names1:a}n5;zz]');
    });
  });

  describe('the flat form: a list of plain records, the values selected whole', () => {
    it("writes each record's values in sorted key order, as many per record, [] for one it lacks", () => {
      const list = [
        { name: 'a', age: 1, x: 'left out' },
        { age: 2, name: 'b' },
        { name: 'c', age: null },
        { name: 'd', age: undefined, extra: true },
        { age: 5 },
      ];
      expect(select(['name', 'age'], list)).toBe('j[1,"a",2,"b",null,"c",[],"d",5,[]]');
    });

    it('writes what JSON writes: booleans, NaN as null, escaped strings; leaves out functions and symbols', () => {
      expect(select(['v'], [{ v: true }, { v: Number.NaN }, { v: 'é"\n' }, { v: () => 1 }, { v: Symbol('s') }])).toBe(
        'j[true,null,"é\\"\\n",[],[]]',
      );
    });

    it('never reads an inherited property, nor a polluted prototype', () => {
      const inherited = Object.create({ name: 'from the prototype' }) as Record<string, unknown>;
      expect(select(['name'], [inherited, Object.assign(Object.create(null), { name: 'own' })])).toBe(
        '[{}{k4:names3:own}]',
      );
      expect(select(['constructor', 'toString'], [{ toString: 'own' }])).toBe('j[[],"own"]');
    });

    it('reads a property Object.prototype was given since as inherited: left out', () => {
      const prototype = Object.prototype as { polluted?: string };
      Object.defineProperty(prototype, 'polluted', { value: 'x', configurable: true, writable: true });
      try {
        expect(select(['polluted'], [{}, { polluted: 'own' }])).toBe('j[[],"own"]');
      } finally {
        delete prototype.polluted;
      }
      expect(select(['polluted'], [{}])).toBe('j[[]]');
    });

    it('tells apart what a record lacks from an empty string, null or an empty list', () => {
      const texts = [[{}], [{ v: '' }], [{ v: null }], [{ v: [] }], [{ v: {} }], [{ v: '[]' }]].map((list) =>
        select(['v'], list),
      );
      expect(new Set(texts).size).toBe(texts.length);
    });

    it('gives way to the general form for any other shape, whole', () => {
      const date = new Date(0);
      expect(select(['at'], [{ at: 'x' }, { at: date }])).toBe('[{k2:ats1:x}{k2:ats24:1970-01-01T00:00:00.000Z}]');
      expect(select(['n'], [{ n: 1 }, { n: 2n }])).toBe('[{k1:nn1;}{k1:nb2;}]');
      expect(select(['n'], [{ n: 1 }, null])).toBe('[{k1:nn1;}z]');
      expect(select(['a.b'], [{ a: { b: 1 } }])).toBe('[{k1:a{k1:bn1;}}]');
    });

    it('a getter that gives a new value on each read: undefined, as in the general form', () => {
      let reads = 0;
      const record = Object.defineProperty({}, 'n', { enumerable: true, get: () => reads++ });
      expect(select(['n'], [record])).toBeUndefined();
    });

    it('within the budget: a record and each of its values count', () => {
      expect(select(['a'], [{ a: 1 }, { a: 2 }], 4)).toBe('j[1,2]');
      expect(select(['a'], [{ a: 1 }, { a: 2 }], 3)).toBeUndefined();
    });

    it('applies where the selection reaches a list inside a record', () => {
      expect(select(['items.id'], { items: [{ id: 1 }, { id: 2 }], total: 2 })).toBe('{k5:itemsj[1,2]}');
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
