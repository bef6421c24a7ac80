import { MemoryStore } from '../../lib/client/index.js';

const entry = (body: string, etag = '"t"') => ({ etag, body });
/** A store with these options and these bodies set in order, each under its URL with the tag "t". */
function filled(options: ConstructorParameters<typeof MemoryStore>[0], ...bodies: Array<[url: string, body: string]>) {
  const store = new MemoryStore(options);
  for (const [url, body] of bodies) store.set(url, entry(body));
  return store;
}

describe('MemoryStore', () => {
  describe('maxEntries: the least recently used entry goes first', () => {
    it('keeps at most maxEntries, evicting the oldest', () => {
      const store = filled({ maxEntries: 2 }, ['a', '1'], ['b', '2'], ['c', '3']);
      expect(store.size).toBe(2);
      expect(store.get('a')).toBeUndefined();
      expect(store.get('b')).toEqual(entry('2'));
      expect(store.get('c')).toEqual(entry('3'));
    });

    it('a get makes an entry the most recently used', () => {
      const store = filled({ maxEntries: 2 }, ['a', '1'], ['b', '2']);
      store.get('a');
      store.set('c', entry('3'));
      expect(store.get('a')).toEqual(entry('1'));
      expect(store.get('b')).toBeUndefined();
    });

    it('setting a URL again replaces its entry and makes it the most recent', () => {
      const store = filled({ maxEntries: 2 }, ['a', '1'], ['b', '2']);
      store.set('a', entry('1b', '"u"'));
      store.set('c', entry('3'));
      expect(store.size).toBe(2);
      expect(store.get('a')).toEqual(entry('1b', '"u"'));
      expect(store.get('b')).toBeUndefined();
    });

    it('defaults to 100 entries', () => {
      const store = new MemoryStore();
      for (let i = 0; i < 150; i++) store.set(`u${i}`, entry(String(i)));
      expect(store.size).toBe(100);
      expect(store.get('u49')).toBeUndefined();
      expect(store.get('u50')).toEqual(entry('50'));
    });
  });

  describe('maxLength: the body characters of all entries together', () => {
    it('evicts the least recently used until the bodies fit', () => {
      const store = filled({ maxLength: 10 }, ['a', 'aaaa'], ['b', 'bbbb'], ['c', 'cccc']);
      expect(store.get('a')).toBeUndefined();
      expect(store.size).toBe(2);
    });

    it('counts a replaced body once', () => {
      const store = filled({ maxLength: 10 }, ['a', 'aaaa']);
      for (let i = 0; i < 5; i++) store.set('b', entry('bbbbbb'));
      expect(store.get('a')).toEqual(entry('aaaa'));
      store.delete('b');
      store.set('c', entry('cccccc'));
      expect(store.size).toBe(2);
    });

    it('does not remember a body longer than maxLength, and forgets what it had for that URL', () => {
      const store = filled({ maxLength: 10 }, ['a', 'short']);
      store.set('a', entry('x'.repeat(11)));
      store.set('b', entry('y'.repeat(10)));
      expect(store.get('a')).toBeUndefined();
      expect(store.get('b')).toEqual(entry('y'.repeat(10)));
    });
  });

  it('delete forgets a URL; an unknown URL is no error', () => {
    const store = new MemoryStore();
    store.set('a', entry('1'));
    store.delete('a');
    store.delete('never-set');
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('clear forgets everything, and the length bound starts again from zero', () => {
    const store = filled({ maxLength: 10 }, ['a', 'aaaaa'], ['b', 'bbbbb']);
    store.clear();
    expect(store.size).toBe(0);
    store.set('c', entry('cccccccccc'));
    expect(store.get('c')).toEqual(entry('cccccccccc'));
  });

  describe('bad bounds are a TypeError that names the option', () => {
    it.each([0, -1, 1.5, Number.NaN, Infinity])('maxEntries: %p', (value) => {
      expect(() => new MemoryStore({ maxEntries: value })).toThrow(
        new TypeError(`MemoryStore: option "maxEntries" must be a positive whole number, got ${value}`),
      );
    });

    it('maxLength: 0', () => {
      expect(() => new MemoryStore({ maxLength: 0 })).toThrow(
        /option "maxLength" must be a positive whole number, got 0/,
      );
    });
  });
});
