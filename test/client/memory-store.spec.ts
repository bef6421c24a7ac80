import { MemoryStore } from '../../lib/client/index.js';

const entry = (body: string, etag = '"t"') => ({ etag, body });

describe('MemoryStore', () => {
  describe('maxEntries: the least recently used entry goes first', () => {
    it('keeps at most maxEntries, evicting the oldest', () => {
      const store = new MemoryStore({ maxEntries: 2 });
      store.set('a', entry('1'));
      store.set('b', entry('2'));
      store.set('c', entry('3'));
      expect(store.size).toBe(2);
      expect(store.get('a')).toBeUndefined();
      expect(store.get('b')).toEqual(entry('2'));
      expect(store.get('c')).toEqual(entry('3'));
    });

    it('a get makes an entry the most recently used', () => {
      const store = new MemoryStore({ maxEntries: 2 });
      store.set('a', entry('1'));
      store.set('b', entry('2'));
      store.get('a');
      store.set('c', entry('3'));
      expect(store.get('a')).toEqual(entry('1'));
      expect(store.get('b')).toBeUndefined();
    });

    it('setting a URL again replaces its entry and makes it the most recent', () => {
      const store = new MemoryStore({ maxEntries: 2 });
      store.set('a', entry('1'));
      store.set('b', entry('2'));
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
      const store = new MemoryStore({ maxLength: 10 });
      store.set('a', entry('aaaa'));
      store.set('b', entry('bbbb'));
      store.set('c', entry('cccc'));
      expect(store.get('a')).toBeUndefined();
      expect(store.size).toBe(2);
    });

    it('counts a replaced body once', () => {
      const store = new MemoryStore({ maxLength: 10 });
      store.set('a', entry('aaaa'));
      for (let i = 0; i < 5; i++) store.set('b', entry('bbbbbb'));
      expect(store.get('a')).toEqual(entry('aaaa'));
      store.delete('b');
      store.set('c', entry('cccccc'));
      expect(store.size).toBe(2);
    });

    it('does not remember a body longer than maxLength, and forgets what it had for that URL', () => {
      const store = new MemoryStore({ maxLength: 10 });
      store.set('a', entry('short'));
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
    const store = new MemoryStore({ maxLength: 10 });
    store.set('a', entry('aaaaa'));
    store.set('b', entry('bbbbb'));
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
